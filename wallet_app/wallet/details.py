"""The details document of one stored credential: claims with labels, holder key, validity.

Shared by ``wallet-app show`` and the desktop details dialog, so both show the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

from wallet_app.errors import FormatError
from wallet_app.formats import binary_claim, decode_credential, describe_binary, label_claims
from wallet_app.oid4vci.proof import key_from_jwk, public_jwk
from wallet_app.settings import Settings
from wallet_app.wallet.cards import issuer_name, localized_name
from wallet_app.wallet.store import CredentialRecord

__all__ = ["credential_details", "format_claim_value"]


def _public(jwk: Mapping[str, object] | None) -> dict[str, object] | None:
    return public_jwk(key_from_jwk(jwk)) if jwk else None


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def credential_details(
    record: CredentialRecord, settings: Settings, *, raw: bool
) -> dict[str, object]:
    """The ``show --json`` document of a stored credential."""
    stored = record.stored
    card = stored.card
    details: dict[str, object] = {
        "id": stored.id,
        "credential_configuration_id": stored.credential_configuration_id,
        "format": stored.format,
        "issuer": stored.issuer,
        "issuer_name": issuer_name(card, settings.locales),
        "name": localized_name(card, settings.locales, fallback=stored.name),
        "received_at": stored.received_at,
        "status": stored.status,
        "instances": stored.instance_count,
        # the trust result with every check (None: received before the wallet verified)
        "verification": record.verification.to_json() if record.verification else None,
    }
    if not record.instances:
        details["claims"] = []
        return details
    first = record.instances[0]
    try:
        view = decode_credential(stored.format, first.credential)
    except FormatError as exc:
        details["claims"] = []
        details["warnings"] = [exc.sentence]
        if raw:
            details["raw"] = [i.credential for i in record.instances]
        return details
    claims_meta = card.get("claims_metadata")
    descriptions = (
        [c for c in claims_meta if isinstance(c, Mapping)] if isinstance(claims_meta, list) else []
    )
    rows = label_claims(view.claims, descriptions, settings.locales, format=stored.format)
    details.update(
        {
            "type": view.type,
            "claims": [
                {"path": list(r.path), "label": r.label, "value": r.value, "depth": r.depth}
                for r in rows
            ],
            "claims_tree": view.claims,
            "holder_key": _public(first.holder_private_jwk),
            "credential_holder_key": view.holder_key,
            "validity": {
                "issued_at": _iso(view.issued_at),
                "valid_from": _iso(view.valid_from),
                "expires_at": _iso(view.expires_at),
            },
            "digests_verified": view.digests_verified,
            "signature_verified": view.signature_verified,
            "status_list": view.status,
            "warnings": list(view.warnings),
        }
    )
    if raw:
        details["raw"] = [i.credential for i in record.instances]
    return details


def format_claim_value(value: object, *, yes: str = "yes", no: str = "no") -> str:
    """One line of text for a decoded claim value (lists joined, binary data summarised as
    ``<image/jpeg, 14 321 bytes>``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, list):
        return ", ".join(format_claim_value(v, yes=yes, no=no) for v in value)
    binary = binary_claim(value)
    if binary is not None:  # an mdoc bstr or a data: URI: never its base64
        return describe_binary(binary)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
