"""One parse per credential on receipt (issue 11): the view built from the structural floor's
parse is the view the decoders build from the text, for every format and for credentials
the floor lets through with warnings (an announced format that is not the one sent)."""

from __future__ import annotations

import pytest

from tests.formats.test_validate import HOLDER, KEYS, NOW, jwt_vc, mdoc, sd_jwt
from wallet_app.demo_issuer.minting import mint_sd_jwt
from wallet_app.errors import InvalidCredential
from wallet_app.formats import decode_credential
from wallet_app.formats.parsed import parse_credential
from wallet_app.formats.validate import validate_credential


def _nested_sd_jwt() -> str:
    claims = {"address": {"street": "Heidestraße 17", "locality": "Köln"}, "nationalities": ["DE"]}
    return mint_sd_jwt(
        KEYS,
        issuer="https://issuer.example",
        vct="urn:x",
        claims=claims,
        holder_jwk=HOLDER,
        now=NOW,
    )


@pytest.mark.parametrize(
    ("format", "make"),
    [
        ("dc+sd-jwt", sd_jwt),
        ("vc+sd-jwt", sd_jwt),
        ("dc+sd-jwt", _nested_sd_jwt),
        ("jwt_vc_json", jwt_vc),
        ("mso_mdoc", mdoc),
        ("jwt_vc_json", sd_jwt),  # announced wrongly: read as what it is, with a warning
        ("mso_mdoc", jwt_vc),
        ("some_future_format", mdoc),
    ],
)
def test_the_view_from_the_floor_is_the_decoders_view(format: str, make: object) -> None:
    assert callable(make)
    credential = make()
    parsed = parse_credential(format, credential, now=NOW)
    assert parsed is not None
    assert parsed.view == decode_credential(format, credential)
    assert parsed.view.signature_verified is True  # checked once, by the floor
    if parsed.view.format == "mso_mdoc":
        assert parsed.chain and parsed.chain[0]
        assert parsed.floor.signer is None  # the mdoc's signature is in the view
    else:
        assert parsed.floor.token is not None and parsed.floor.signer is not None


def test_what_the_floor_does_not_parse_is_not_parsed() -> None:
    assert parse_credential("ldp_vc", {"credentialSubject": {"name": "x"}}, now=NOW) is None
    assert parse_credential("some_future_format", "opaque", now=NOW) is None
    assert validate_credential("some_future_format", "opaque", now=NOW) is None


def test_the_floor_still_refuses() -> None:
    header, payload, _signature = sd_jwt().split("~")[0].split(".")
    with pytest.raises(InvalidCredential):
        parse_credential("dc+sd-jwt", f"{header}.{payload}.AAAA~", now=NOW)


def test_a_typ_that_is_not_text_is_refused_not_an_internal_error() -> None:
    import base64
    import json

    header = base64.urlsafe_b64encode(b"\xef\xbb\xbf" + json.dumps({"typ": [["x"]]}).encode())
    credential = f"{header.decode().rstrip('=')}.e30.AAAA~"
    with pytest.raises(InvalidCredential):
        validate_credential("dc+sd-jwt", credential, now=NOW)
