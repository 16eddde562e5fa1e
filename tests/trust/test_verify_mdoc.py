"""mso_mdoc verification (ISO/IEC 18013-5 §9.3.1): every verdict from real signed mdocs."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime, timedelta

import cbor2

from tests.trust.credential_kit import (
    DOC_TYPE,
    STATUS_URI,
    MemoryStatusCache,
    damaged_subject,
    holder_key,
    mdoc,
    status_list_token,
)
from tests.trust.parsed_kit import same_with_parse
from tests.trust.pki_kit import Pki, b64url, build_pki, forged_leaf, make_cert
from wallet_app.formats.parsed import ParsedCredential
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.model import Verification
from wallet_app.trust.verify import verify_credential

NOW = time.time()
NOW_DT = datetime.fromtimestamp(int(NOW), UTC)


def _verify(
    credential: str,
    pki: Pki | None,
    holder: dict[str, object] | None,
    *,
    cache: MemoryStatusCache | None = None,
) -> Verification:
    anchors = [TrustAnchor.from_certificate(pki.root.cert)] if pki else []

    def run(parsed: ParsedCredential | None = None) -> Verification:
        return verify_credential(
            "mso_mdoc",
            credential,
            holder_jwk=holder,
            anchors=anchors,
            session=None,
            status_cache=cache,
            now=NOW,
            parsed=parsed,
        )

    return same_with_parse("mso_mdoc", credential, NOW, run(), run)


def _by_name(v: Verification) -> dict[str, tuple[bool | None, str]]:
    return {c.name: (c.ok, str(c.detail)) for c in v.checks}


def test_a_chain_of_three_to_an_iaca_anchor_is_trusted() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    v = _verify(mdoc(pki.leaf, chain=pki.chain(), holder_jwk=holder), pki, holder)
    assert v.verdict == "trusted"
    assert v.anchor == "CN=Test Root CA,O=Test Trust Services,C=DE"
    assert v.organisation == "Test Issuer GmbH"
    assert [(c.name, c.ok) for c in v.checks] == [
        ("structure", True),
        ("signature", True),
        ("digests", True),
        ("doc_type", True),
        ("holder_binding", True),
        ("validity_info", True),
        ("certificate_chain", True),
        ("trust_anchor", True),
    ]
    assert {c.spec for c in v.checks if c.name in ("signature", "digests", "validity_info")} == {
        "ISO/IEC 18013-5 §9.3.1"
    }


def test_a_document_wrapper_with_the_same_doc_type_is_trusted() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    credential = mdoc(pki.leaf, chain=pki.chain(), holder_jwk=holder, document_doc_type=DOC_TYPE)
    assert _verify(credential, pki, holder).verdict == "trusted"


def test_without_the_iaca_in_the_trust_list_it_is_untrusted() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    v = _verify(mdoc(pki.leaf, chain=pki.chain(), holder_jwk=holder), None, holder)
    assert v.verdict == "untrusted" and not v.needs_consent


def test_a_self_signed_forgery_is_never_trusted() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    forged = forged_leaf("https://issuer.example.com")
    v = _verify(mdoc(forged, chain=[forged], holder_jwk=holder), pki, holder)
    assert v.verdict == "untrusted"
    assert _by_name(v)["signature"][0] is True


def test_a_broken_chain_link_is_invalid() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    impostor = make_cert("Test Issuing CA", org="Test Trust Services", ca=True)
    leaf = make_cert("Test Issuer", parent=impostor)
    v = _verify(mdoc(leaf, chain=[leaf, pki.intermediate], holder_jwk=holder), pki, holder)
    assert v.verdict == "invalid" and v.needs_consent


def test_a_signer_not_valid_when_the_mso_was_signed_is_invalid() -> None:
    pki = build_pki(issuer=None, leaf_not_before=NOW_DT - timedelta(days=1))
    _, holder = holder_key()
    credential = mdoc(
        pki.leaf, chain=pki.chain(), holder_jwk=holder, signed=NOW_DT - timedelta(days=5)
    )
    v = _verify(credential, pki, holder)
    assert v.verdict == "invalid"
    assert "was not valid when the credential was signed" in _by_name(v)["certificate_chain"][1]


def test_an_expired_mdoc_is_invalid_and_needs_consent() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    credential = mdoc(
        pki.leaf,
        chain=pki.chain(),
        holder_jwk=holder,
        signed=NOW_DT - timedelta(days=3),
        valid_from=NOW_DT - timedelta(days=3),
        valid_until=NOW_DT - timedelta(days=1),
    )
    v = _verify(credential, pki, holder)
    assert v.verdict == "invalid" and v.needs_consent and not v.must_reject
    assert _by_name(v)["validity_info"][1].startswith("The credential expired on ")


def test_valid_from_in_the_future_is_invalid() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    credential = mdoc(
        pki.leaf, chain=pki.chain(), holder_jwk=holder, valid_from=NOW_DT + timedelta(days=2)
    )
    v = _verify(credential, pki, holder)
    assert _by_name(v)["validity_info"][1].startswith("The credential is not valid before ")


def test_a_tampered_item_is_rejected() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    v = _verify(mdoc(pki.leaf, chain=pki.chain(), holder_jwk=holder, tamper=True), pki, holder)
    assert v.must_reject and v.verdict == "invalid"
    ok, detail = _by_name(v)["digests"]
    assert ok is False and "1 data element(s) do not match" in detail


def test_a_bad_signature_is_rejected() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    credential = mdoc(pki.leaf, chain=pki.chain(), holder_jwk=holder)
    top = cbor2.loads(base64.urlsafe_b64decode(credential + "=" * (-len(credential) % 4)))
    signature = bytearray(top["issuerAuth"][3])
    signature[5] ^= 0xFF
    top["issuerAuth"][3] = bytes(signature)
    v = _verify(b64url(cbor2.dumps(top)), pki, holder)
    assert v.must_reject
    assert _by_name(v)["signature"][0] is False


def test_a_device_key_that_is_not_ours_is_rejected() -> None:
    pki, (_, holder), (_, other) = build_pki(issuer=None), holder_key(), holder_key()
    v = _verify(mdoc(pki.leaf, chain=pki.chain(), holder_jwk=other), pki, holder)
    assert v.must_reject
    assert _by_name(v)["holder_binding"][0] is False


def test_a_doc_type_mismatch_is_rejected() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    credential = mdoc(
        pki.leaf, chain=pki.chain(), holder_jwk=holder, document_doc_type="org.example.other"
    )
    v = _verify(credential, pki, holder)
    assert v.must_reject
    assert _by_name(v)["doc_type"] == (
        False,
        "The document says it is a org.example.other but the issuer signed a "
        "org.iso.18013.5.1.mDL.",
    )


def test_an_mdoc_without_x5chain_cannot_be_trusted() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    v = _verify(mdoc(pki.leaf, chain=None, holder_jwk=holder), pki, holder)
    assert v.verdict == "invalid"
    assert _by_name(v)["signature"][0] is None
    assert _by_name(v)["certificate_chain"] == (False, "The issuer sent no certificate.")


def test_garbage_is_a_structure_failure() -> None:
    for junk in ("", "!!!", b64url(cbor2.dumps({"no": "issuerAuth"}))):
        v = _verify(junk, None, None)
        assert v.must_reject and v.checks[0].name == "structure"


def test_revoked_mdoc_from_the_status_list() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    cache = MemoryStatusCache()
    token = status_list_token(pki.leaf, chain=pki.chain(), values={9: 1, 10: 2})
    cache.put_status_list(STATUS_URI, token, NOW + 300)
    for idx, verdict in ((8, "trusted"), (9, "revoked"), (10, "suspended")):
        credential = mdoc(pki.leaf, chain=pki.chain(), holder_jwk=holder, status_idx=idx)
        assert _verify(credential, pki, holder, cache=cache).verdict == verdict


def test_hostile_mdocs_are_rejected_without_an_exception() -> None:
    pki, (_, holder) = build_pki(issuer=None), holder_key()
    credential = mdoc(pki.leaf, chain=pki.chain(), holder_jwk=holder)
    top = cbor2.loads(base64.urlsafe_b64decode(credential + "=" * (-len(credential) % 4)))
    top["issuerAuth"][1][33] = [damaged_subject(pki.leaf.der), pki.intermediate.der]
    v = _verify(b64url(cbor2.dumps(top)), pki, holder)
    assert v.must_reject
    top = cbor2.loads(base64.urlsafe_b64decode(credential + "=" * (-len(credential) % 4)))
    item = cbor2.loads(top["nameSpaces"]["org.iso.18013.5.1"][0].value)
    item["digestID"] = {"not": "an id"}
    top["nameSpaces"]["org.iso.18013.5.1"][0] = cbor2.CBORTag(24, cbor2.dumps(item))
    v = _verify(b64url(cbor2.dumps(top)), pki, holder)
    assert v.must_reject and _by_name(v)["digests"][0] is False
