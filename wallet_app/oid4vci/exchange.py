"""One HTTP exchange of a flow, recorded for the protocol trace with secrets redacted.

What is redacted: bearer/DPoP access tokens, refresh tokens, authorization codes,
pre-authorized codes, transaction codes, PKCE verifiers, client secrets, and issued
credentials. Proof JWTs stay readable (an engineer needs them and they are bound to one
nonce), and so do ``state``, nonces and ids, but the trace is history and outlives the
credentials: a JWT that carries a public key (a key proof's or DPoP proof's header ``jwk``, a key
attestation's ``attested_keys``, a ``cnf.jwk``) is stored as ``header.payload.`` with every key
replaced by its type and RFC 7638 thumbprint (``{"kty": "EC", "crv": "P-256", "thumbprint":
"…", "redacted": "public key"}``) and its signature dropped; so is a proof or DPoP JWT without
a key. A ``jwk`` member of a JSON body (``credential_response_encryption``) likewise.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wallet_app.frozen import frozen
from wallet_app.jsonsafe import loads, repair_text

__all__ = [
    "SECRET_FIELDS",
    "Exchange",
    "redact_body",
    "redact_headers",
    "redact_jwt",
    "redact_url",
]

REDACTED = "[redacted]"

#: Parameter / JSON member names whose values are secret wherever they appear.
SECRET_FIELDS = frozenset(
    {
        "access_token",
        "refresh_token",
        "code",
        "code_verifier",
        "pre-authorized_code",
        "tx_code",
        "user_pin",
        "client_secret",
        "credential",
        "acceptance_token",
        "id_token",
        "password",
        "d",
        "p",
        "q",
        "dp",
        "dq",
        "qi",
        "k",
    }
)

#: a whole compact JWS (a proof, a DPoP header, a client assertion)
_COMPACT_JWS = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")
#: JWTs the wallet signs to prove possession of a key: their signatures never stay
_PROOF_TYPES = frozenset({"openid4vci-proof+jwt", "dpop+jwt", "key-attestation+jwt"})
# RFC 7638 §3.2: the required members per key type, in lexicographic order.
_THUMBPRINT_MEMBERS = {
    "EC": ("crv", "kty", "x", "y"),
    "OKP": ("crv", "kty", "x"),
    "RSA": ("e", "kty", "n"),
}
_KEY_MARK = "public key"

_SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})


@frozen
class Exchange:
    """A request and its response (or failure), already redacted."""

    method: str
    url: str
    request_headers: Mapping[str, str] = field(default_factory=dict)
    request_body: str | None = None
    status: int | None = None
    response_headers: Mapping[str, str] = field(default_factory=dict)
    response_body: str | None = None
    started_at: float = 0.0
    duration_ms: float = 0.0
    error: str | None = None
    local: bool = False
    step: str = ""

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (for the sealed trace and the inspector export)."""
        return {
            "step": self.step,
            "method": self.method,
            "url": self.url,
            "request_headers": dict(self.request_headers),
            "request_body": self.request_body,
            "status": self.status,
            "response_headers": dict(self.response_headers),
            "response_body": self.response_body,
            "started_at": self.started_at,
            "duration_ms": round(self.duration_ms, 1),
            "error": self.error,
            "local": self.local,
        }


def redact_url(url: str) -> str:
    """Return ``url`` with secret query parameters (e.g. ``code``) replaced."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "[malformed URL]"
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(name in SECRET_FIELDS for name, _ in pairs):
        return url
    query = urlencode([(n, REDACTED if n in SECRET_FIELDS else v) for n, v in pairs])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Keep header names; hide credentials in ``Authorization`` and cookies, and secret
    query parameters of redirect targets (``Location``)."""
    out: dict[str, str] = {}
    for name, value in headers.items():
        lower = name.lower()
        if lower in _SECRET_HEADERS:
            scheme = value.split(" ", 1)[0] if " " in value else ""
            out[name] = f"{scheme} {REDACTED}".strip()
        elif lower in ("location", "content-location"):
            out[name] = redact_url(value)
        elif value.startswith("eyJ"):  # DPoP, OAuth-Client-Attestation(-PoP)
            out[name] = redact_jwt(value)
        else:
            out[name] = value
    return out


def _redact_json(value: object) -> object:
    if isinstance(value, Mapping):
        out: dict[str, object] = {}
        for k, v in value.items():
            if k in SECRET_FIELDS:
                out[str(k)] = _hide(v)
            elif k == "jwk" and isinstance(v, Mapping):
                out[str(k)] = _key_summary(v)
            elif k == "attested_keys" and isinstance(v, list):
                out[str(k)] = [_key_summary(i) if isinstance(i, Mapping) else i for i in v]
            elif k == "credentials" and isinstance(v, list):
                # draft 14 sends raw credential strings in this array; 1.0 sends objects
                out[str(k)] = [_hide(i) if isinstance(i, str) else _redact_json(i) for i in v]
            else:
                out[str(k)] = _redact_json(v)
        return out
    if isinstance(value, list):
        return [_redact_json(v) for v in value]
    if isinstance(value, str) and value.startswith("eyJ"):
        return redact_jwt(value)
    return value


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _key_summary(jwk: Mapping[object, object]) -> dict[str, object]:
    """A public (or any) JWK as its type and RFC 7638 SHA-256 thumbprint: no key material."""
    if jwk.get("redacted") == _KEY_MARK:  # already a summary
        return {str(k): v for k, v in jwk.items()}
    out: dict[str, object] = {
        k: jwk[k] for k in ("kty", "crv", "kid") if isinstance(jwk.get(k), str)
    }
    out["redacted"] = _KEY_MARK  # before the thumbprint: the store's trace dictionary holds
    # every proof header's start up to its first random-looking run (store_samples)
    members = _THUMBPRINT_MEMBERS.get(str(jwk.get("kty")), ())
    if members and all(isinstance(jwk.get(m), str) for m in members):
        canonical = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"))
        out["thumbprint"] = _b64(hashlib.sha256(canonical.encode("utf-8")).digest())
    return out


def _jwt_part(part: str) -> object:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        return loads(raw.decode("utf-8"), surrogates="repair")
    except (ValueError, binascii.Error):  # also UnicodeDecodeError, JsonRejected
        return None


def redact_jwt(token: str) -> str:
    """``token`` as stored in a trace: a JWT holding a key (or a proof) becomes
    ``header.payload.`` with each key summarised (:func:`_key_summary`) and no signature;
    any other text is returned as it is. Raises nothing."""
    if _COMPACT_JWS.fullmatch(token) is None:
        return token
    head_b64, payload_b64, _signature = token.split(".")
    header, payload = _jwt_part(head_b64), _jwt_part(payload_b64)
    if not isinstance(header, Mapping):
        return token
    new_header, new_payload = _redact_json(header), _redact_json(payload)
    if new_header == header and new_payload == payload and header.get("typ") not in _PROOF_TYPES:
        return token
    parts = [
        _b64(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        if changed
        else original
        for part, original, changed in (
            (new_header, head_b64, new_header != header),
            (new_payload, payload_b64, new_payload != payload),
        )
    ]
    return f"{parts[0]}.{parts[1]}."


def _hide(value: object) -> str:
    if isinstance(value, str):
        return f"{REDACTED} ({len(value)} characters)"
    if isinstance(value, Mapping | list):
        return f"{REDACTED} (JSON value)"
    return REDACTED


def redact_body(body: str | bytes | None, content_type: str | None) -> str | None:
    """Redact a JSON or form body; other bodies are summarised, never copied."""
    if body is None:
        return None
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else repair_text(body)
    if not text:
        return ""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype == "application/x-www-form-urlencoded":
        pairs = parse_qsl(text, keep_blank_values=True)
        return urlencode([(n, REDACTED if n in SECRET_FIELDS else redact_jwt(v)) for n, v in pairs])
    if ctype.endswith("json") or text.lstrip().startswith(("{", "[")):
        try:
            doc = loads(text, surrogates="repair")  # a "\ud800" escape: U+FFFD, sealable
        except ValueError:  # also JsonRejected: nested too deeply
            return f"[{len(text)} characters, not JSON]"
        # compact (the C encoder; indent=2 took the pure-Python one, ~1 ms per issuance): the
        # views pretty-print when they show a body (gui/exchange_view.py)
        return json.dumps(_redact_json(doc), ensure_ascii=False, separators=(",", ":"))
    if ctype in ("text/html", "text/plain"):
        return text[:2000]
    return f"[{len(text)} characters of {ctype or 'unknown type'}]"
