"""HTML pages of the demo issuer: sign-in and consent, errors, and the landing page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

__all__ = ["Card", "card_of", "consent_page", "error_page", "index_page"]

_CSS = """
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
 font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif;color:#0f172a;
 background:linear-gradient(135deg,#eef2ff 0%,#e0f2fe 100%)}
main{width:min(440px,92vw);background:#fff;border-radius:18px;padding:32px 32px 26px;
 box-shadow:0 20px 50px -20px rgba(30,41,59,.35),0 2px 6px rgba(30,41,59,.08)}
header{display:flex;align-items:center;gap:14px;margin-bottom:22px}
header img{width:48px;height:48px}
header .t{font-weight:650;font-size:18px}
header .s{color:#64748b;font-size:13px}
h1{font-size:20px;margin:0 0 6px}
p.lead{color:#475569;margin:0 0 18px}
.cards{display:flex;flex-direction:column;gap:10px;margin:0 0 20px}
.card{border-radius:12px;padding:12px 16px}
.card b{display:block;font-size:15px}
.card span{font-size:13px;opacity:.85}
label{display:block;font-size:13px;font-weight:600;color:#334155;margin:12px 0 4px}
input[type=text],input[type=password]{width:100%;padding:10px 12px;border:1px solid #cbd5e1;
 border-radius:10px;font:inherit}
input:focus{outline:2px solid #6366f1;border-color:transparent}
.actions{display:flex;gap:10px;margin-top:22px}
button{flex:1;padding:11px 14px;border-radius:10px;border:0;font:inherit;font-weight:600;
 cursor:pointer}
button.primary{background:#4f46e5;color:#fff}
button.primary:hover{background:#4338ca}
button.secondary{background:#f1f5f9;color:#334155}
.note{margin-top:18px;font-size:12px;color:#64748b;text-align:center}
.error{background:#fef2f2;color:#991b1b;border-radius:10px;padding:10px 12px;margin-bottom:14px}
code,details{font-size:12px;color:#64748b;word-break:break-all}
"""


@dataclass(frozen=True, slots=True)
class Card:
    """What a credential looks like on a page."""

    name: str
    description: str
    background_color: str
    text_color: str


def card_of(configuration: Mapping[str, object]) -> Card:
    """The English display of a credential configuration as a Card. Raises nothing."""
    meta = configuration.get("credential_metadata")
    displays = meta.get("display") if isinstance(meta, dict) else None
    first = displays[0] if isinstance(displays, list) and displays else {}
    if not isinstance(first, dict):
        first = {}
    return Card(
        name=str(first.get("name", "Credential")),
        description=str(first.get("description", "")),
        background_color=str(first.get("background_color", "#334155")),
        text_color=str(first.get("text_color", "#ffffff")),
    )


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><main>"
        "<header><img src='/static/logo.svg' alt='Demo Issuer logo'>"
        "<div><div class='t'>Demo Issuer</div><div class='s'>OpenID4VCI test service</div></div>"
        f"</header>{body}</main></body></html>"
    )


def _cards(cards: Sequence[Card]) -> str:
    return "".join(
        f"<div class='card' style='background:{escape(c.background_color)};"
        f"color:{escape(c.text_color)}'><b>{escape(c.name)}</b>"
        f"<span>{escape(c.description)}</span></div>"
        for c in cards
    )


def _destination(redirect_uri: str) -> str:
    parts = urlsplit(redirect_uri)
    if parts.scheme == "http":
        return f"your wallet on this computer ({parts.netloc})"
    return f"your wallet app ({parts.scheme})"


def consent_page(
    *,
    base_url: str,
    action: str,
    session: str,
    credentials: Sequence[Card],
    redirect_uri: str,
    error: str | None,
) -> str:
    """The sign-in and consent page with a POST form to `action`. Raises nothing."""
    del base_url  # the page uses same-origin paths so it works behind any host name
    alert = f"<div class='error' role='alert'>{escape(error)}</div>" if error else ""
    body = (
        "<h1>Sign in to add to your wallet</h1>"
        "<p class='lead'>Your wallet asks Demo Issuer for these credentials:</p>"
        f"<div class='cards'>{_cards(credentials)}</div>{alert}"
        f"<form method='post' action='{escape(action)}'>"
        f"<input type='hidden' name='session' value='{escape(session)}'>"
        "<label for='username'>Username</label>"
        "<input type='text' id='username' name='username' value='erika' autocomplete='username'>"
        "<label for='password'>Password</label>"
        "<input type='password' id='password' name='password' value='demo' "
        "autocomplete='current-password'>"
        "<div class='actions'>"
        "<button class='secondary' type='submit' name='action' value='deny'>Deny</button>"
        "<button class='primary' type='submit' name='action' value='approve'>Approve</button>"
        "</div></form>"
        f"<p class='note'>After you approve, you go back to {escape(_destination(redirect_uri))}."
        "<br>Demo account: erika / demo</p>"
    )
    return _page("Sign in – Demo Issuer", body)


def error_page(title: str, message: str, detail: str) -> str:
    """A friendly error page with the technical detail folded away. Raises nothing."""
    body = (
        f"<h1>{escape(title)}</h1><p class='lead'>{escape(message)}</p>"
        f"<details><summary>Technical details</summary><code>{escape(detail)}</code></details>"
        "<p class='note'>You can close this tab and try again from your wallet.</p>"
    )
    return _page(title + " – Demo Issuer", body)


def index_page(credential_issuer: str, cards: Sequence[Card], metadata_url: str) -> str:
    """The landing page: what this issuer offers and where its metadata is. Raises nothing."""
    body = (
        "<h1>Demo Issuer</h1>"
        "<p class='lead'>An OpenID for Verifiable Credential Issuance 1.0 issuer for trying "
        "out wallets. It issues these credentials to the demo user Erika Mustermann:</p>"
        f"<div class='cards'>{_cards(cards)}</div>"
        f"<p class='note'>Issuer: <code>{escape(credential_issuer)}</code><br>"
        f"<a href='{escape(metadata_url)}'>Issuer metadata</a></p>"
    )
    return _page("Demo Issuer", body)
