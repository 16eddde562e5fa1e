"""jwt_vc_json verification: the issuer key from x5c, a jwk header or did:jwk; anything else
is "not resolvable" (ok=None, untrusted), never invalid."""

from __future__ import annotations

import base64
import json
import time

from tests.trust.credential_kit import holder_key, jwt_vc
from tests.trust.parsed_kit import same_with_parse
from tests.trust.pki_kit import b64url, build_pki, make_cert
from wallet_app.formats.parsed import ParsedCredential
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.model import Verification
from wallet_app.trust.verify import verify_credential

NOW = time.time()


def _verify(
    credential: str,
    holder: dict[str, object] | None,
    anchors: list[TrustAnchor] | None = None,
    format: str = "jwt_vc_json",
) -> Verification:
    def run(parsed: ParsedCredential | None = None) -> Verification:
        return verify_credential(
            format,
            credential,
            holder_jwk=holder,
            anchors=anchors or [],
            session=None,
            status_cache=None,
            now=NOW,
            parsed=parsed,
        )

    return same_with_parse(format, credential, NOW, run(), run)


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _by_name(v: Verification) -> dict[str, tuple[bool | None, str]]:
    return {c.name: (c.ok, str(c.detail)) for c in v.checks}


def test_x5c_to_an_anchor_is_trusted() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    credential = jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder)
    v = _verify(credential, holder, [TrustAnchor.from_certificate(pki.root.cert)])
    assert v.verdict == "trusted"
    assert [c.name for c in v.checks] == [
        "structure",
        "signature",
        "holder_binding",
        "validity_period",
        "issuer_key",
        "certificate_chain",
        "trust_anchor",
    ]  # no issuer_name: the SAN rule is SD-JWT VC's
    assert _by_name(v)["signature"] == (True, "The issuer's signature (ES256) is valid.")
    assert v.checks[1].spec == "RFC 7515 §5.2"


def test_x5c_without_an_anchor_is_untrusted() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    v = _verify(jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder), holder)
    assert v.verdict == "untrusted"


def test_a_jwk_header_is_resolved_and_untrusted() -> None:
    signer, (_, holder) = make_cert("Key"), holder_key()
    credential = jwt_vc(signer, chain=None, holder_jwk=holder, header={"jwk": signer.public_jwk()})
    v = _verify(credential, holder)
    checks = _by_name(v)
    assert checks["issuer_key"] == (
        True,
        "The issuer's key is embedded in the credential (jwk header).",
    )
    assert checks["signature"][0] is True
    assert checks["trust_anchor"] == (
        False,
        "The credential carries its own key (jwk header): no trust anchor vouches for it.",
    )
    assert v.verdict == "untrusted"


def test_a_jwk_header_that_did_not_sign_is_rejected() -> None:
    signer, other, (_, holder) = make_cert("Key"), make_cert("Other"), holder_key()
    credential = jwt_vc(signer, chain=None, holder_jwk=holder, header={"jwk": other.public_jwk()})
    v = _verify(credential, holder)
    assert v.must_reject and _by_name(v)["signature"][0] is False


def test_did_web_is_not_resolvable_not_invalid() -> None:
    signer, (_, holder) = make_cert("Key"), holder_key()
    credential = jwt_vc(signer, chain=None, holder_jwk=holder, iss="did:web:issuer.example.com")
    v = _verify(credential, holder)
    checks = _by_name(v)
    assert checks["issuer_key"] == (
        None,
        "The issuer did:web:issuer.example.com names its key in a way the wallet cannot resolve.",
    )
    assert checks["signature"] == (
        None,
        "The signature could not be checked: the issuer's key is not known.",
    )
    assert v.verdict == "untrusted" and not v.must_reject and not v.needs_consent


def test_holder_binding_through_cnf() -> None:
    pki, (_, holder), (_, other) = build_pki(issuer=None), holder_key(), holder_key()
    credential = jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=other)
    assert _verify(credential, holder).must_reject
    assert _by_name(_verify(credential, other))["holder_binding"][0] is True


def test_an_expired_jwt_vc_needs_consent() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    credential = jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder, now=NOW - 3 * 86400)
    v = _verify(credential, holder, [TrustAnchor.from_certificate(pki.root.cert)])
    assert v.verdict == "invalid" and v.needs_consent


def test_a_tampered_payload_is_rejected() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    head, payload, sig = jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder).split(".")
    claims = json.loads(_unb64(payload))
    claims["vc"]["credentialSubject"]["given_name"] = "Mallory"
    tampered = ".".join([head, b64url(json.dumps(claims).encode()), sig])
    assert _by_name(_verify(tampered, holder))["signature"][0] is False


def test_other_formats_are_not_checked_and_untrusted() -> None:
    v = verify_credential(
        "ldp_vc",
        {"credentialSubject": {}},
        holder_jwk=None,
        anchors=[],
        session=None,
        status_cache=None,
        now=NOW,
    )
    assert v.verdict == "untrusted"
    assert [(c.name, c.ok) for c in v.checks] == [("structure", None)]
    assert str(v.checks[0].detail).startswith("The wallet does not verify ldp_vc credentials")
