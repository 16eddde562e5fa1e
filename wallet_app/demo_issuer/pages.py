"""HTML pages of the demo issuer: sign-in and consent, errors, and the landing page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Literal
from urllib.parse import urlsplit

from wallet_app.frozen import frozen

__all__ = [
    "Card",
    "Language",
    "card_of",
    "choose_language",
    "consent_page",
    "error_page",
    "handoff_page",
    "index_page",
    "text",
]

Language = Literal["en", "de"]


# The page texts in German; English is the key itself. A function, so no module-level dict.
def _german() -> dict[str, str]:
    return {
        "Sign in to add to your wallet": "Anmelden und zur Wallet hinzufügen",
        "Your wallet asks Demo Issuer for these credentials:": (
            "Ihre Wallet bittet den Demo-Aussteller um diese Nachweise:"
        ),
        "Username": "Benutzername",
        "Password": "Passwort",
        "Approve": "Zustimmen",
        "Enter the 6-digit code we sent you by e-mail": (
            "Geben Sie den 6-stelligen Code ein, den wir Ihnen per E-Mail geschickt haben"
        ),
        "Enter the 6-character code we sent you by e-mail": (
            "Geben Sie den 6-stelligen Code ein, den wir Ihnen per E-Mail geschickt haben"
        ),
        "Deny": "Ablehnen",
        "After you approve, you go back to {destination}.": (
            "Nach Ihrer Zustimmung geht es zurück zu {destination}."
        ),
        "Demo account: erika / demo": "Demo-Konto: erika / demo",
        "your wallet on this computer ({host})": "Ihrer Wallet auf diesem Computer ({host})",
        "your wallet app ({scheme})": "Ihrer Wallet-App ({scheme})",
        "Sign in": "Anmelden",
        "OpenID4VCI test service": "OpenID4VCI-Testdienst",
        "Demo Issuer": "Demo-Aussteller",
        "Demo Issuer logo": "Logo des Demo-Ausstellers",
        "Technical details": "Technische Details",
        "You can close this tab and try again from your wallet.": (
            "Sie können diesen Tab schließen und es in Ihrer Wallet erneut versuchen."
        ),
        "Wrong username or password. Try erika / demo.": (
            "Benutzername oder Passwort falsch. Versuchen Sie erika / demo."
        ),
        "You can return to the wallet": "Sie können zur Wallet zurückkehren",
        "You declined. You can return to the wallet": (
            "Sie haben abgelehnt. Sie können zur Wallet zurückkehren"
        ),
        "You signed in and approved. Your wallet now receives the credential.": (
            "Sie haben sich angemeldet und zugestimmt. Ihre Wallet erhält jetzt den Nachweis."
        ),
        "You declined the request. Your wallet will say that nothing was added.": (
            "Sie haben die Anfrage abgelehnt. Ihre Wallet zeigt an, dass nichts hinzugefügt wurde."
        ),
        "Your browser may ask whether to open the wallet: choose Open.": (
            "Ihr Browser fragt vielleicht, ob die Wallet geöffnet werden soll: wählen Sie Öffnen."
        ),
        "Open Wallet": "Wallet öffnen",
        "Then close this tab.": "Schließen Sie danach diesen Tab.",
        "This sign-in request can't be used": "Diese Anmeldeanfrage kann nicht verwendet werden",
        "The wallet sent an authorization request we can't accept.": (
            "Die Wallet hat eine Anmeldeanfrage gesendet, die wir nicht annehmen können."
        ),
        "Please start again from your wallet.": "Bitte beginnen Sie erneut in Ihrer Wallet.",
        "This sign-in page has expired. Please start again from your wallet.": (
            "Diese Anmeldeseite ist abgelaufen. Bitte beginnen Sie erneut in Ihrer Wallet."
        ),
        "Please choose Approve or Deny.": "Bitte wählen Sie Zustimmen oder Ablehnen.",
        "This sign-in page was already used.": "Diese Anmeldeseite wurde schon verwendet.",
    }


def text(english: str, language: Language) -> str:
    """``english`` in ``language`` (English when no translation exists). Raises nothing."""
    if language == "de":
        return _german().get(english, english)
    return english


def choose_language(ui_locales: str | None, accept_language: str | None) -> Language:
    """The page language: the first supported of ``ui_locales`` (OpenID Connect Core §3.1.2.1,
    space-separated BCP 47 tags), else the best of the browser's Accept-Language (RFC 9110
    §12.5.4, q-values honoured), else English. Raises nothing."""
    for tag in (ui_locales or "").split():
        primary = tag.split("-")[0].lower()
        if primary in ("en", "de"):
            return "de" if primary == "de" else "en"
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in ("en", "de") and quality > 0:
            ranked.append((-quality, position, primary))
    if ranked:
        return "de" if min(ranked)[2] == "de" else "en"
    return "en"


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
a.button{flex:1;display:block;text-align:center;text-decoration:none;padding:11px 14px;
 border-radius:10px;font-weight:600;background:#4f46e5;color:#fff}
.note{margin-top:18px;font-size:12px;color:#64748b;text-align:center}
.error{background:#fef2f2;color:#991b1b;border-radius:10px;padding:10px 12px;margin-bottom:14px}
code,details{font-size:12px;color:#64748b;word-break:break-all}
"""


@frozen
class Card:
    """What a credential looks like on a page."""

    name: str
    description: str
    background_color: str
    text_color: str


def card_of(configuration: Mapping[str, object], language: Language = "en") -> Card:
    """The display of a credential configuration in ``language`` (else its first) as a Card.

    Raises nothing.
    """
    meta = configuration.get("credential_metadata")
    displays = meta.get("display") if isinstance(meta, dict) else None
    entries = [d for d in displays if isinstance(d, dict)] if isinstance(displays, list) else []
    chosen = [d for d in entries if d.get("locale") == language]
    first: Mapping[str, object] = (chosen or entries or [{}])[0]
    return Card(
        name=str(first.get("name", "Credential")),
        description=str(first.get("description", "")),
        background_color=str(first.get("background_color", "#334155")),
        text_color=str(first.get("text_color", "#ffffff")),
    )


def _page(title: str, body: str, language: Language = "en", head: str = "") -> str:
    def t(english: str) -> str:
        return escape(text(english, language))

    return (
        f"<!doctype html><html lang='{language}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"{head}<title>{escape(title)}</title><style>{_CSS}</style></head><body><main>"
        f"<header><img src='/static/logo.svg' alt='{t('Demo Issuer logo')}'>"
        f"<div><div class='t'>{t('Demo Issuer')}</div>"
        f"<div class='s'>{t('OpenID4VCI test service')}</div></div>"
        f"</header>{body}</main></body></html>"
    )


def _cards(cards: Sequence[Card]) -> str:
    return "".join(
        f"<div class='card' style='background:{escape(c.background_color)};"
        f"color:{escape(c.text_color)}'><b>{escape(c.name)}</b>"
        f"<span>{escape(c.description)}</span></div>"
        for c in cards
    )


def _destination(redirect_uri: str, language: Language) -> str:
    parts = urlsplit(redirect_uri)
    if parts.scheme == "http":
        return text("your wallet on this computer ({host})", language).format(host=parts.netloc)
    return text("your wallet app ({scheme})", language).format(scheme=parts.scheme)


def consent_page(
    *,
    base_url: str,
    action: str,
    session: str,
    credentials: Sequence[Card],
    redirect_uri: str,
    error: str | None,
    language: Language = "en",
) -> str:
    """The sign-in and consent page with a POST form to `action`. Raises nothing.

    Approve is the form's first submit button, so Enter in a field approves (HTML implicit
    submission uses the first submit button in tree order); Deny follows it.
    """
    del base_url  # the page uses same-origin paths so it works behind any host name

    def t(english: str) -> str:
        return escape(text(english, language))

    alert = f"<div class='error' role='alert'>{escape(error)}</div>" if error else ""
    destination = text("After you approve, you go back to {destination}.", language).format(
        destination=_destination(redirect_uri, language)
    )
    body = (
        f"<h1>{t('Sign in to add to your wallet')}</h1>"
        f"<p class='lead'>{t('Your wallet asks Demo Issuer for these credentials:')}</p>"
        f"<div class='cards'>{_cards(credentials)}</div>{alert}"
        f"<form method='post' action='{escape(action)}'>"
        f"<input type='hidden' name='session' value='{escape(session)}'>"
        f"<label for='username'>{t('Username')}</label>"
        "<input type='text' id='username' name='username' value='erika' autocomplete='username'>"
        f"<label for='password'>{t('Password')}</label>"
        "<input type='password' id='password' name='password' value='demo' "
        "autocomplete='current-password'>"
        "<div class='actions'>"
        f"<button class='primary' type='submit' name='action' value='approve'>{t('Approve')}"
        "</button>"
        f"<button class='secondary' type='submit' name='action' value='deny'>{t('Deny')}"
        "</button>"
        "</div></form>"
        f"<p class='note'>{escape(destination)}<br>{t('Demo account: erika / demo')}</p>"
    )
    return _page(text("Sign in", language) + " – " + text("Demo Issuer", language), body, language)


def handoff_page(redirect_uri: str, *, approved: bool, language: Language = "en") -> str:
    """The page after Approve or Deny: says the user can return to the wallet, then hands
    ``redirect_uri`` (the authorization response, RFC 6749 §4.1.2) to the wallet by a meta
    refresh, with an "Open Wallet" link for a browser that blocked or asked first.

    Raises nothing.
    """

    def t(english: str) -> str:
        return escape(text(english, language))

    target = escape(redirect_uri, quote=True)
    title = (
        text("You can return to the wallet", language)
        if approved
        else text("You declined. You can return to the wallet", language)
    )
    lead = (
        t("You signed in and approved. Your wallet now receives the credential.")
        if approved
        else t("You declined the request. Your wallet will say that nothing was added.")
    )
    prompt = ""
    if urlsplit(redirect_uri).scheme not in ("http", "https"):
        prompt = f"<p>{t('Your browser may ask whether to open the wallet: choose Open.')}</p>"
    body = (
        f"<h1 id='handoff'>{escape(title)}</h1><p class='lead'>{lead}</p>{prompt}"
        f"<div class='actions'><a id='open-wallet' class='button primary' href='{target}' "
        f"autofocus>{t('Open Wallet')}</a></div>"
        f"<p class='note'>{t('Then close this tab.')}</p>"
    )
    head = f"<meta http-equiv='refresh' content='0;url={target}'>"
    return _page(title + " – " + text("Demo Issuer", language), body, language, head)


def error_page(title: str, message: str, detail: str, language: Language = "en") -> str:
    """A friendly error page with the technical detail folded away. Raises nothing."""
    body = (
        f"<h1>{escape(title)}</h1><p class='lead'>{escape(message)}</p>"
        f"<details><summary>{escape(text('Technical details', language))}</summary>"
        f"<code>{escape(detail)}</code></details><p class='note'>"
        f"{escape(text('You can close this tab and try again from your wallet.', language))}</p>"
    )
    return _page(title + " – " + text("Demo Issuer", language), body, language)


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
