"""SD-JWT VC verification: every verdict, from real credentials signed by a real chain."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime, timedelta

from tests.formats.formats_builders import b64url as b64
from tests.trust.credential_kit import (
    ISSUER,
    STATUS_URI,
    MemoryStatusCache,
    damaged_subject,
    holder_key,
    sd_jwt_vc,
    status_list_token,
)
from tests.trust.parsed_kit import same_with_parse
from tests.trust.pki_kit import Pki, build_pki, forged_leaf, make_cert
from wallet_app.formats.parsed import ParsedCredential
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.model import Verification
from wallet_app.trust.verify import verify_credential

NOW = time.time()


def _verify(
    credential: str,
    pki: Pki | None,
    holder: dict[str, object] | None,
    *,
    cache: MemoryStatusCache | None = None,
    check_status: bool = True,
    format: str = "dc+sd-jwt",
) -> Verification:
    anchors = [TrustAnchor.from_certificate(pki.root.cert)] if pki else []

    def run(parsed: ParsedCredential | None = None) -> Verification:
        return verify_credential(
            format,
            credential,
            holder_jwk=holder,
            anchors=anchors,
            session=None,
            status_cache=cache,
            now=NOW,
            check_status=check_status,
            parsed=parsed,
        )

    return same_with_parse(format, credential, NOW, run(), run)


def _by_name(v: Verification) -> dict[str, tuple[bool | None, str]]:
    return {c.name: (c.ok, str(c.detail)) for c in v.checks}


def _days(days: float) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signed(pki: Pki, holder: dict[str, object], **kw: object) -> str:
    return sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder, **kw).serialize()  # type: ignore[arg-type]


def test_a_chain_of_three_to_a_user_anchor_is_trusted() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    v = _verify(_signed(pki, holder), pki, holder)
    assert v.verdict == "trusted"
    assert v.anchor == "CN=Test Root CA,O=Test Trust Services,C=DE"
    assert v.organisation == "Test Issuer GmbH"
    assert v.status is None  # no status reference
    assert [(c.name, c.ok, c.spec) for c in v.checks] == [
        ("structure", True, "SD-JWT VC §3.2"),
        ("signature", True, "RFC 9901 §7.1"),
        ("digests", True, "RFC 9901 §7.1"),
        ("holder_binding", True, "SD-JWT VC §3.2.2.2"),
        ("validity_period", True, "RFC 7519 §4.1"),
        ("issuer_key", True, "SD-JWT VC §3.5"),
        ("certificate_chain", True, "RFC 5280 §6.1"),
        ("issuer_name", True, "SD-JWT VC §3.5"),
        ("trust_anchor", True, "RFC 5280 §6.1.1"),
    ]
    assert _by_name(v)["digests"][1] == "All 2 disclosure(s) match digests the issuer signed."
    json.dumps(v.to_json())  # the show --json object serialises


def test_legacy_vc_sd_jwt_format_is_verified_the_same_way() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    assert _verify(_signed(pki, holder), pki, holder, format="vc+sd-jwt").verdict == "trusted"


def test_without_an_anchor_it_is_untrusted() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    v = _verify(_signed(pki, holder), None, holder)
    assert v.verdict == "untrusted" and v.anchor is None
    assert not v.must_reject and not v.needs_consent


def test_a_self_signed_forgery_naming_the_issuer_is_never_trusted() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    forged = forged_leaf(ISSUER)
    credential = sd_jwt_vc(forged, chain=[forged], holder_jwk=holder).serialize()
    v = _verify(credential, pki, holder)
    assert v.verdict == "untrusted"
    assert v.organisation is None  # the name a forger's certificate claims is not shown
    checks = _by_name(v)
    assert checks["signature"][0] is True and checks["issuer_name"][0] is True
    assert checks["trust_anchor"] == (
        False,
        "CN=Test Issuer,O=Test Issuer GmbH,C=DE is not in your trust list.",
    )
    # even with the forger's own certificate in the trust list's neighbourhood: the real
    # intermediate appended to the x5c does not link to it
    credential = sd_jwt_vc(forged, chain=[forged, pki.intermediate], holder_jwk=holder).serialize()
    assert _verify(credential, pki, holder).verdict == "untrusted"


def test_a_broken_chain_link_is_invalid_and_needs_consent() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    impostor = make_cert("Test Issuing CA", org="Test Trust Services", ca=True)
    leaf = make_cert("Test Issuer", parent=impostor, san_issuer=ISSUER)
    credential = sd_jwt_vc(leaf, chain=[leaf, pki.intermediate], holder_jwk=holder).serialize()
    v = _verify(credential, pki, holder)
    assert v.verdict == "invalid"
    assert v.needs_consent and not v.must_reject
    assert _by_name(v)["certificate_chain"][0] is False


def test_a_signer_expired_at_issuance_is_invalid() -> None:
    pki = build_pki(issuer=ISSUER, leaf_not_before=_days(-2), leaf_not_after=_days(300))
    _, holder = holder_key()
    v = _verify(_signed(pki, holder, iat=NOW - 10 * 86400), pki, holder)
    assert v.verdict == "invalid" and v.needs_consent
    assert "was not valid when the credential was signed" in _by_name(v)["certificate_chain"][1]


def test_a_signer_without_digital_signature_usage_is_invalid() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER, leaf_digital_signature=False), holder_key()
    v = _verify(_signed(pki, holder), pki, holder)
    assert v.verdict == "invalid"
    assert "lacks digitalSignature" in _by_name(v)["certificate_chain"][1]


def test_an_iss_the_certificate_does_not_name_is_invalid() -> None:
    pki, (_, holder) = build_pki(issuer="https://other.example.org"), holder_key()
    v = _verify(_signed(pki, holder), pki, holder)
    assert v.verdict == "invalid" and v.needs_consent
    assert _by_name(v)["issuer_name"][0] is False


def test_an_expired_credential_is_invalid_and_needs_consent() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    v = _verify(_signed(pki, holder, iat=NOW - 3 * 86400, exp=NOW - 86400), pki, holder)
    assert v.verdict == "invalid" and v.needs_consent and not v.must_reject
    ok, detail = _by_name(v)["validity_period"]
    assert ok is False and detail.startswith("The credential expired on ")


def test_nbf_in_the_future_is_invalid() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    v = _verify(_signed(pki, holder, nbf=NOW + 3600), pki, holder)
    assert v.verdict == "invalid"
    assert _by_name(v)["validity_period"][1].startswith("The credential is not valid before ")


def test_iat_within_the_clock_skew_is_accepted_beyond_it_not() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    assert _verify(_signed(pki, holder, iat=NOW + 30), pki, holder).verdict == "trusted"
    v = _verify(_signed(pki, holder, iat=NOW + 600), pki, holder)
    assert _by_name(v)["validity_period"][1].startswith("The credential was signed in the future")


def test_a_bad_signature_is_rejected() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    sd = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder)
    head, payload, sig = sd.jws.split(".")
    claims = json.loads(_unb64(payload))
    claims["vct"] = "https://issuer.example.com/something-else"
    sd.jws = ".".join([head, b64(json.dumps(claims).encode()), sig])
    v = _verify(sd.serialize(), pki, holder)
    assert v.must_reject and v.verdict == "invalid"
    assert _by_name(v)["signature"] == (
        False,
        "The issuer's signature (ES256) does not match the credential.",
    )


def test_a_tampered_disclosure_is_rejected() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    sd = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder)
    sd.disclosures[0] = b64(json.dumps(["salt-1", "given_name", "Mallory"]).encode())
    v = _verify(sd.serialize(), pki, holder)
    assert v.must_reject
    ok, detail = _by_name(v)["digests"]
    assert ok is False and "have no matching digest" in detail


def test_a_holder_key_that_is_not_ours_is_rejected() -> None:
    pki, (_, holder), (_, other) = build_pki(issuer=ISSUER), holder_key(), holder_key()
    v = _verify(_signed(pki, other), pki, holder)
    assert v.must_reject
    assert _by_name(v)["holder_binding"] == (
        False,
        "The credential is bound to a key that is not this wallet's.",
    )


def test_no_holder_key_given_means_no_binding_check() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    assert "holder_binding" not in _by_name(_verify(_signed(pki, holder), pki, None))


def test_garbage_is_a_structure_failure_not_an_exception() -> None:
    for junk in ("", "not a jwt", "a.b.c~", "~~~"):
        v = _verify(junk, None, None)
        assert v.must_reject and v.checks[0].name == "structure" and v.checks[0].ok is False
    v = verify_credential(
        "dc+sd-jwt", {"a": 1}, holder_jwk=None, anchors=[], session=None, status_cache=None, now=NOW
    )
    assert v.must_reject


def test_an_unreadable_x5c_is_rejected() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    credential = sd_jwt_vc(
        pki.leaf, chain=None, holder_jwk=holder, header={"x5c": ["bm90IGEgY2VydA=="]}
    ).serialize()
    v = _verify(credential, pki, holder)
    assert v.must_reject
    assert _by_name(v)["issuer_key"][1].startswith("The issuer's certificate chain (x5c) cannot")


def test_revoked_and_suspended_come_from_the_status_list() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    token = status_list_token(pki.leaf, chain=pki.chain(), values={3: 1, 4: 2})
    cache = MemoryStatusCache()
    cache.put_status_list(STATUS_URI, token, NOW + 300)
    expected = {2: ("trusted", "valid"), 3: ("revoked", "invalid"), 4: ("suspended", "suspended")}
    for idx, (verdict, status) in expected.items():
        v = _verify(_signed(pki, holder, status_idx=idx), pki, holder, cache=cache)
        assert (v.verdict, v.status) == (verdict, status)
        assert _by_name(v)["status"][0] is (status == "valid")


def test_a_status_that_cannot_be_fetched_is_unknown_and_does_not_change_the_verdict() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    v = _verify(_signed(pki, holder, status_idx=1), pki, holder)  # no session, empty cache
    assert (v.verdict, v.status) == ("trusted", "unknown")
    assert _by_name(v)["status"][0] is None


def test_check_status_false_leaves_the_status_out() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    v = _verify(_signed(pki, holder, status_idx=1), pki, holder, check_status=False)
    assert v.status is None and "status" not in _by_name(v)


def test_a_rejected_credential_is_not_status_checked() -> None:
    pki, (_, holder), (_, other) = build_pki(issuer=ISSUER), holder_key(), holder_key()
    v = _verify(_signed(pki, other, status_idx=1), pki, holder)
    assert "status" not in _by_name(v)


def test_hostile_headers_are_rejected_without_an_exception() -> None:
    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    damaged = base64.b64encode(damaged_subject(pki.leaf.der)).decode()
    credential = sd_jwt_vc(
        pki.leaf, chain=None, holder_jwk=holder, header={"x5c": [damaged]}
    ).serialize()
    v = _verify(credential, pki, holder)
    assert v.must_reject
    assert _by_name(v)["issuer_key"][1].startswith("The issuer's certificate chain (x5c) cannot")
    sd = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder)
    head, payload, sig = sd.jws.split(".")
    header = {**json.loads(_unb64(head)), "alg": ["ES256"]}
    sd.jws = ".".join([b64(json.dumps(header).encode()), payload, sig])
    v = _verify(sd.serialize(), pki, holder)
    assert v.must_reject and _by_name(v)["signature"][0] is False
    for iss in ("https://[abc", "https://issuer.example.com:99999"):
        hostile = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder, iss=iss)
        assert _verify(hostile.serialize(), pki, holder).verdict in ("trusted", "invalid")
