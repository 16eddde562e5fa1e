"""The one error tree of the wallet.

Every failure that reaches a user is a :class:`WalletError` with a stable machine ``code``
and a plain ``user_message`` (what happened and what to do). Foreign exceptions (httpx,
joserfc, OSError, keyring, sqlite3, cbor2) are mapped once, where they are met, and raised
``from`` the original.

::

    Exception
    ├── WalletError                 code="wallet_error"
    │   ├── OfferError              malformed / unusable credential offer
    │   ├── MetadataError           issuer or authorization-server metadata missing/invalid
    │   ├── AuthorizationError      authorization response: error, state/iss mismatch
    │   ├── IssuerError             an endpoint answered with an OAuth/OID4VCI error
    │   ├── NetworkError            connection, TLS, timeout, size cap, insecure URL
    │   ├── StorageError            local database / sealing problems
    │   │   └── KeyringError        no usable OS keyring (or it is locked)
    │   ├── FormatError             a received credential cannot be decoded
    │   │   └── InvalidCredential   structurally invalid (spec says MUST abort); not stored
    │   ├── TrustError              a received credential failed verification; not stored
    │   ├── NotFound                no such stored credential / deferred entry
    │   ├── AttestationRequired     the issuer needs a wallet or key attestation (no provider)
    │   └── UsageError              a command was used wrongly (CLI exit code 2)
    └── Cancelled                   the user (or a newer flow) cancelled; show nothing

A user sentence that is not raised (a poll result, a problem in a report) is a
:class:`Sentence`: the English text that keeps its template and params for a UI.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "AttestationRequired",
    "AuthorizationError",
    "Cancelled",
    "FormatError",
    "InvalidCredential",
    "IssuerError",
    "KeyringError",
    "MessageParams",
    "MetadataError",
    "NetworkError",
    "NotFound",
    "OfferError",
    "Sentence",
    "StorageError",
    "TrustError",
    "UsageError",
    "WalletError",
]


MessageParams = Mapping[str, str | int]


def _text_params(params: MessageParams | None) -> dict[str, str]:
    """``params`` as text; a str (e.g. a :class:`Sentence`) is kept as it is."""
    return {k: v if isinstance(v, str) else str(v) for k, v in (params or {}).items()}


class Sentence(str):
    """An English user sentence that keeps the template and params it was filled from.

    Wherever a string is expected (printed, compared, written as JSON) it is the English
    sentence; a UI translates ``template`` and fills in ``params`` instead. A param may
    itself be a Sentence (a reason inside a longer sentence), translated first. Literal
    templates (the first argument of a ``Sentence(...)`` call) are extracted for
    translation like WalletError messages. Raises KeyError when ``params`` lacks a field.
    """

    template: str
    params: Mapping[str, str]

    def __new__(cls, template: str, params: MessageParams | None = None) -> Sentence:
        values = _text_params(params)
        sentence = super().__new__(cls, template.format_map(values) if values else template)
        sentence.template = template
        sentence.params = values
        return sentence


class WalletError(Exception):
    """Base of every error the wallet reports to a person.

    ``message`` is the plain sentence shown to the user; ``detail`` is technical text
    (URLs, server descriptions) shown behind a fold; ``code`` is stable for scripts.

    A sentence that names something only known at run time (a host, a path, a count) is
    raised as a template with ``params``: ``NetworkError("{host} could not be reached.",
    params={"host": host})``. ``user_message`` is the formatted English sentence;
    ``message_template`` and ``message_params`` keep the parts, so a UI can translate the
    template and fill in the same values. Templates use plain ``{name}`` fields only.
    Raises KeyError when ``params`` lacks a field of the template (a bug at the raise site).
    """

    code: str = "wallet_error"
    default_message: str = "Something went wrong."

    def __init__(
        self,
        message: str | None = None,
        *,
        params: MessageParams | None = None,
        detail: str | None = None,
        code: str | None = None,
    ) -> None:
        #: the English sentence, or the template ``user_message`` was formatted from
        self.message_template = message or self.default_message
        #: the values of the template's fields, as text (empty: the message is literal)
        self.message_params: Mapping[str, str] = _text_params(params)
        self.user_message = (
            self.message_template.format_map(self.message_params)
            if self.message_params
            else self.message_template
        )
        self.detail = detail
        if code is not None:
            self.code = code
        super().__init__(self.user_message)

    @property
    def sentence(self) -> Sentence:
        """``user_message`` as a Sentence (with its template and params)."""
        return Sentence(self.message_template, self.message_params)

    def to_json(self) -> dict[str, object]:
        """The ``{"code", "message", "detail"}`` object the CLI prints with ``--json``."""
        return {"code": self.code, "message": self.user_message, "detail": self.detail}


class OfferError(WalletError):
    """The credential offer is malformed or cannot be used."""

    code = "invalid_offer"
    default_message = "This is not a valid credential offer. Check that you copied all of it."


class MetadataError(WalletError):
    """Issuer or authorization-server metadata is missing or invalid."""

    code = "invalid_metadata"
    default_message = (
        "The issuer's configuration could not be read. The issuer may be misconfigured."
    )


class AuthorizationError(WalletError):
    """The authorization step failed (error redirect, state or iss mismatch)."""

    code = "authorization_failed"
    default_message = "Authorization at the issuer did not succeed. Please try again."


class IssuerError(WalletError):
    """An issuer or authorization-server endpoint answered with an error.

    Carries the server's ``error`` code, ``error_description`` and HTTP ``status``.
    """

    code = "issuer_error"
    default_message = "The issuer refused the request."

    def __init__(
        self,
        message: str | None = None,
        *,
        params: MessageParams | None = None,
        error: str | None = None,
        error_description: str | None = None,
        status: int | None = None,
        url: str | None = None,
        detail: str | None = None,
        code: str | None = None,
        body: Mapping[str, object] | None = None,
    ) -> None:
        self.error = error
        #: the parsed JSON error body (e.g. a draft-13 ``c_nonce``), when there was one
        self.body = body
        self.error_description = error_description
        self.status = status
        self.url = url
        if detail is None:
            parts = [
                p
                for p in (
                    f"HTTP {status}" if status is not None else None,
                    url,
                    error,
                    error_description,
                )
                if p
            ]
            detail = " · ".join(parts) or None
        super().__init__(message, params=params, detail=detail, code=code or error or self.code)


class NetworkError(WalletError):
    """The issuer could not be reached, answered too slowly, too much, or insecurely."""

    code = "network_error"
    default_message = "The issuer could not be reached. Check your connection and try again."


class StorageError(WalletError):
    """The local credential store cannot be read or written."""

    code = "storage_error"
    default_message = "The wallet's storage could not be used."


class KeyringError(StorageError):
    """No usable OS keyring holds (or can hold) the store's key."""

    code = "keyring_unavailable"
    default_message = (
        "No system keyring is available to protect the wallet. Start your desktop's keyring "
        "(for example GNOME Keyring or KWallet) and unlock it, or choose a passphrase with "
        "--passphrase (or WALLET_APP_PASSPHRASE)."
    )


class FormatError(WalletError):
    """A received credential cannot be decoded."""

    code = "invalid_credential"
    default_message = "The issuer sent a credential that the wallet cannot read."


class InvalidCredential(FormatError):
    """A received credential breaks a rule its format says MUST abort processing.

    RFC 9901 §7.1-7.2 (SD-JWT), the SD-JWT VC draft, JWT VC (unsigned / bad signature) and
    ISO 18013-5 (mdoc issuerAuth, MSO digests, validity): the credential is refused before
    anything is stored, whatever the trust flags. The sentence names the violation (and says
    nothing was stored); ``detail`` names the rule.
    """

    code = "credential_rejected"
    default_message = (
        "The issuer sent a credential that breaks the rules of its format. Nothing was stored."
    )


class TrustError(WalletError):
    """A received credential failed verification and was not stored.

    Code ``credential_rejected``: its signature, digests, structure or holder binding failed,
    so it is never stored. Code ``credential_not_accepted``: only its validity period or
    certificate chain failed, and nobody chose to keep it anyway. ``verification`` is the
    :class:`wallet_app.trust.model.Verification` with every check.
    """

    code = "credential_rejected"
    default_message = "The credential did not pass verification, so it was not stored."

    def __init__(
        self,
        message: str | None = None,
        *,
        params: MessageParams | None = None,
        detail: str | None = None,
        code: str | None = None,
        verification: object = None,
    ) -> None:
        #: the wallet_app.trust.model.Verification with every check (typed loosely: the
        #: errors module sits below every layer and imports none of them)
        self.verification = verification
        super().__init__(message, params=params, detail=detail, code=code)

    def to_json(self) -> dict[str, object]:
        """``{"code", "message", "detail", "verification"}``: the checks, for scripts."""
        doc = super().to_json()
        as_json = getattr(self.verification, "to_json", None)
        doc["verification"] = as_json() if callable(as_json) else None
        return doc


class NotFound(WalletError):
    """No stored credential or pending issuance has this id."""

    code = "not_found"
    default_message = "There is no credential with this id."


class AttestationRequired(WalletError):
    """The issuer requires a wallet attestation and/or key attestation (OID4VCI 1.0 App. D, E)
    and the client profile names no wallet provider. Raised before any code is spent.

    ``missing`` lists what is needed: "wallet_attestation", "key_attestation". Code
    ``key_attestation_required`` or ``wallet_attestation_required`` (the latter when a wallet
    attestation is among what is missing).
    """

    code = "key_attestation_required"
    default_message = (
        "This issuer requires a key attestation from a wallet provider. Retry with the "
        "development wallet provider?"
    )

    def __init__(
        self,
        message: str | None = None,
        *,
        missing: tuple[str, ...] = ("key_attestation",),
        params: MessageParams | None = None,
        detail: str | None = None,
        code: str | None = None,
    ) -> None:
        #: what the issuer requires and no provider supplies
        self.missing = missing
        super().__init__(message, params=params, detail=detail, code=code)

    @property
    def cli_message(self) -> Sentence:
        """The refusal as a statement with the way on, for the CLI, which cannot answer the
        GUI's question (literal templates). Raises nothing."""
        if set(self.missing) >= {"wallet_attestation", "key_attestation"}:
            return Sentence(
                "This issuer requires a wallet attestation and a key attestation from a "
                "wallet provider. Nothing was spent: add --wallet-provider dev to receive "
                "with the development wallet provider."
            )
        if "wallet_attestation" in self.missing:
            return Sentence(
                "This issuer requires a wallet attestation from a wallet provider. Nothing "
                "was spent: add --wallet-provider dev to receive with the development wallet "
                "provider."
            )
        return Sentence(
            "This issuer requires a key attestation from a wallet provider. Nothing was "
            "spent: add --wallet-provider dev to receive with the development wallet provider."
        )

    def to_json(self) -> dict[str, object]:
        """``{"code", "message", "detail", "missing"}``."""
        doc = super().to_json()
        doc["missing"] = list(self.missing)
        return doc


class UsageError(WalletError):
    """A command was used wrongly."""

    code = "usage"
    default_message = "This command was not used correctly."


class Cancelled(Exception):
    """The user, or a newer flow, cancelled: nothing to show."""
