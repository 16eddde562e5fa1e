"""Certification paths to trust anchors (RFC 5280 §6.1) with real certificates from pki_kit."""

from __future__ import annotations

import base64
import ipaddress
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509

from tests.trust.pki_kit import DAY, Issued, b64url, build_pki, forged_leaf, make_cert
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.chain import ChainResult, parse_x5c, validate_chain
from wallet_app.trust.model import Verification

ISSUER = "https://issuer.example.com"
NOW = datetime.now(UTC)


def _checks(result: ChainResult) -> dict[str, tuple[bool | None, str]]:
    return {c.name: (c.ok, str(c.detail)) for c in result.checks}


def _verdict(result: ChainResult) -> str:
    anchor = result.anchor.subject if result.anchor else None
    return Verification.of(
        result.checks, anchor=anchor, organisation=None, status=None, checked_at=0
    ).verdict


def test_a_chain_of_three_to_a_user_anchor_is_trusted() -> None:
    pki = build_pki(issuer=ISSUER)
    anchor = TrustAnchor.from_certificate(pki.root.cert)
    result = validate_chain(
        [pki.leaf.cert, pki.intermediate.cert], [anchor], now=NOW, issuer_uri=ISSUER
    )
    checks = _checks(result)
    assert checks["certificate_chain"][0] is True
    assert "3 certificate(s)" in checks["certificate_chain"][1]
    assert checks["issuer_name"] == (True, f"The signer's certificate names the issuer {ISSUER}.")
    assert checks["trust_anchor"][0] is True
    assert result.anchor == anchor
    assert result.organisation == "Test Issuer GmbH"
    assert _verdict(result) == "trusted"
    assert [c.spec for c in result.checks] == ["RFC 5280 §6.1", "SD-JWT VC §3.5", "RFC 5280 §6.1.1"]


def test_intermediates_in_any_order_and_the_root_inside_the_chain() -> None:
    pki = build_pki()
    anchor = TrustAnchor.from_certificate(pki.root.cert)
    chain = [pki.leaf.cert, pki.root.cert, pki.intermediate.cert]
    result = validate_chain(chain, [anchor], now=NOW)
    assert result.anchor == anchor and result.valid
    assert "issuer_name" not in _checks(result)  # no name asked, none checked


def test_an_intermediate_as_anchor_ends_the_path_there() -> None:
    pki = build_pki()
    anchor = TrustAnchor.from_certificate(pki.intermediate.cert)
    result = validate_chain([pki.leaf.cert], [anchor], now=NOW)
    assert _verdict(result) == "trusted"
    assert "2 certificate(s)" in _checks(result)["certificate_chain"][1]


def test_without_the_root_in_the_trust_list_the_chain_is_untrusted() -> None:
    pki = build_pki()
    other = TrustAnchor.from_certificate(build_pki().root.cert)
    result = validate_chain([pki.leaf.cert, pki.intermediate.cert], [other], now=NOW)
    checks = _checks(result)
    assert checks["certificate_chain"][0] is True
    assert checks["trust_anchor"] == (
        False,
        "The chain ends at CN=Test Issuing CA,O=Test Trust Services,C=DE, whose issuer "
        "CN=Test Root CA,O=Test Trust Services,C=DE is not in your trust list.",
    )
    assert result.anchor is None
    assert _verdict(result) == "untrusted"


def test_a_self_signed_forgery_naming_the_issuer_is_never_trusted() -> None:
    pki = build_pki(issuer=ISSUER)
    forged = forged_leaf(ISSUER)
    anchors = [TrustAnchor.from_certificate(pki.root.cert)]
    result = validate_chain([forged.cert], anchors, now=NOW, issuer_uri=ISSUER)
    checks = _checks(result)
    assert checks["issuer_name"][0] is True  # it names the issuer: that proves nothing
    assert checks["trust_anchor"] == (
        False,
        "CN=Test Issuer,O=Test Issuer GmbH,C=DE is not in your trust list.",
    )
    assert _verdict(result) == "untrusted"
    # the forger also appends the real intermediate: its signature does not link
    result = validate_chain(
        [forged.cert, pki.intermediate.cert], anchors, now=NOW, issuer_uri=ISSUER
    )
    assert _verdict(result) == "untrusted"


def test_a_forged_leaf_claiming_the_real_intermediate_is_a_broken_link() -> None:
    pki = build_pki()
    impostor_ca = make_cert("Test Issuing CA", org="Test Trust Services", ca=True)
    leaf = make_cert("Test Issuer", parent=impostor_ca)
    result = validate_chain(
        [leaf.cert, pki.intermediate.cert], [TrustAnchor.from_certificate(pki.root.cert)], now=NOW
    )
    ok, detail = _checks(result)["certificate_chain"]
    assert ok is False
    assert detail.startswith("The certificate CN=Test Issuer,O=Test Org,C=DE is not signed by")
    assert _verdict(result) == "invalid"
    assert result.anchor is None


def test_an_expired_signer_is_invalid_now_and_at_signing_time() -> None:
    pki = build_pki(leaf_not_before=NOW - 30 * DAY, leaf_not_after=NOW - 10 * DAY)
    anchors = [TrustAnchor.from_certificate(pki.root.cert)]
    chain = [pki.leaf.cert, pki.intermediate.cert]
    result = validate_chain(chain, anchors, now=NOW)
    ok, detail = _checks(result)["certificate_chain"]
    assert ok is False and "expired on" in detail
    assert _verdict(result) == "invalid"
    # signed while the certificate was already expired: both problems are named
    result = validate_chain(chain, anchors, now=NOW, signed_at=NOW - DAY)
    ok, detail = _checks(result)["certificate_chain"]
    assert ok is False and "(1 more problem(s) with the chain.)" in detail


def test_a_signer_used_before_its_validity_at_signing_time() -> None:
    pki = build_pki(leaf_not_before=NOW - DAY)
    anchors = [TrustAnchor.from_certificate(pki.root.cert)]
    result = validate_chain(
        [pki.leaf.cert, pki.intermediate.cert], anchors, now=NOW, signed_at=NOW - 5 * DAY
    )
    ok, detail = _checks(result)["certificate_chain"]
    assert ok is False
    assert "was not valid when the credential was signed" in detail


def test_a_not_yet_valid_certificate() -> None:
    pki = build_pki(leaf_not_before=NOW + DAY, leaf_not_after=NOW + 30 * DAY)
    result = validate_chain(
        [pki.leaf.cert, pki.intermediate.cert],
        [TrustAnchor.from_certificate(pki.root.cert)],
        now=NOW,
    )
    assert "is not valid before" in _checks(result)["certificate_chain"][1]


def test_an_issuer_that_is_not_a_ca() -> None:
    pki = build_pki(intermediate_ca=False)
    result = validate_chain(
        [pki.leaf.cert, pki.intermediate.cert],
        [TrustAnchor.from_certificate(pki.root.cert)],
        now=NOW,
    )
    ok, detail = _checks(result)["certificate_chain"]
    assert ok is False
    assert detail.startswith("The certificate CN=Test Issuing CA")
    assert "is not a CA" in detail
    assert _verdict(result) == "invalid"


def test_an_issuer_without_key_cert_sign() -> None:
    pki = build_pki(intermediate_key_cert_sign=False)
    result = validate_chain(
        [pki.leaf.cert, pki.intermediate.cert],
        [TrustAnchor.from_certificate(pki.root.cert)],
        now=NOW,
    )
    assert "lacks keyCertSign" in _checks(result)["certificate_chain"][1]


def test_a_signer_without_digital_signature_usage() -> None:
    pki = build_pki(leaf_digital_signature=False)
    result = validate_chain(
        [pki.leaf.cert, pki.intermediate.cert],
        [TrustAnchor.from_certificate(pki.root.cert)],
        now=NOW,
    )
    ok, detail = _checks(result)["certificate_chain"]
    assert ok is False and "lacks digitalSignature" in detail
    assert _verdict(result) == "invalid"


def test_path_length_is_enforced() -> None:
    root = make_cert("Root", ca=True, path_length=0)
    sub = make_cert("Sub CA", parent=root, ca=True)
    leaf = make_cert("Leaf", parent=sub)
    result = validate_chain(
        [leaf.cert, sub.cert], [TrustAnchor.from_certificate(root.cert)], now=NOW
    )
    assert "allows at most 0 CA certificate(s) below it" in _checks(result)["certificate_chain"][1]


def test_a_chain_longer_than_eight_is_refused() -> None:
    cas = [make_cert("CA 0", ca=True)]
    for i in range(1, 10):
        cas.append(make_cert(f"CA {i}", parent=cas[-1], ca=True))
    leaf = make_cert("Leaf", parent=cas[-1])
    chain = [leaf.cert, *(c.cert for c in reversed(cas[1:]))]
    result = validate_chain(chain, [TrustAnchor.from_certificate(cas[0].cert)], now=NOW)
    assert _checks(result)["certificate_chain"] == (
        False,
        "The certificate chain is longer than 8 certificates.",
    )


@pytest.mark.parametrize(
    ("issuer", "kwargs", "ok"),
    [
        ("https://issuer.example.com", {"san_uris": ["https://issuer.example.com"]}, True),
        ("https://issuer.example.com/tenant", {"san_dns": ["ISSUER.example.com"]}, True),
        ("http://127.0.0.1:8080/issuer", {"issuer": "http://127.0.0.1:9"}, True),
        ("https://issuer.example.com", {"san_dns": ["other.example.com"]}, False),
        ("https://issuer.example.com/a", {"san_uris": ["https://issuer.example.com/b"]}, False),
        ("https://issuer.example.com", {}, False),
    ],
)
def test_the_signer_must_name_the_issuer(issuer: str, kwargs: dict[str, object], ok: bool) -> None:
    pki = build_pki(
        issuer=kwargs.pop("issuer", None),  # type: ignore[arg-type]
        san_dns=kwargs.get("san_dns", ()),  # type: ignore[arg-type]
        san_uris=kwargs.get("san_uris", ()),  # type: ignore[arg-type]
    )
    result = validate_chain(
        [pki.leaf.cert, pki.intermediate.cert],
        [TrustAnchor.from_certificate(pki.root.cert)],
        now=NOW,
        issuer_uri=issuer,
    )
    name_ok, detail = _checks(result)["issuer_name"]
    assert name_ok is ok
    assert _verdict(result) == ("trusted" if ok else "invalid")
    if not ok:
        assert detail.startswith(f"The signer's certificate does not name the issuer {issuer}")


def test_an_expired_anchor_fails_the_path() -> None:
    root = make_cert("Old Root", ca=True, not_before=NOW - 40 * DAY, not_after=NOW - DAY)
    leaf = make_cert("Leaf", parent=root, not_before=NOW - 30 * DAY, not_after=NOW + DAY)
    result = validate_chain([leaf.cert], [TrustAnchor.from_certificate(root.cert)], now=NOW)
    assert "CN=Old Root,O=Test Org,C=DE expired on" in _checks(result)["certificate_chain"][1]


def test_no_certificate_at_all() -> None:
    result = validate_chain([], [], now=NOW)
    assert _checks(result)["certificate_chain"] == (False, "The issuer sent no certificate.")
    assert result.leaf is None and result.organisation is None


def test_parse_x5c_reads_base64_and_tolerates_base64url() -> None:
    pki = build_pki()
    assert parse_x5c(pki.x5c()) == [pki.leaf.cert, pki.intermediate.cert]
    assert parse_x5c([b64url(pki.leaf.der)]) == [pki.leaf.cert]
    for bad in (None, [], "abc", [1], ["not base64 !"], [base64.b64encode(b"junk").decode()]):
        with pytest.raises(ValueError):
            parse_x5c(bad)
    with pytest.raises(ValueError, match="at most 8"):
        parse_x5c(pki.x5c() * 5)


def test_time_is_checked_at_the_given_moment() -> None:
    pki = build_pki(now=NOW - 800 * DAY)  # all expired by now
    anchors = [TrustAnchor.from_certificate(pki.root.cert)]
    chain = [pki.leaf.cert, pki.intermediate.cert]
    assert validate_chain(chain, anchors, now=NOW - 799 * DAY).valid
    assert not validate_chain(chain, anchors, now=NOW + timedelta(0)).valid


def _constrained(
    permitted: list[x509.GeneralName] | None, excluded: list[x509.GeneralName] | None
) -> tuple[Issued, Issued]:
    root = make_cert("Root", ca=True)
    constraints = x509.NameConstraints(permitted_subtrees=permitted, excluded_subtrees=excluded)
    ca = make_cert("Constrained CA", parent=root, ca=True, name_constraints=constraints)
    return root, ca


@pytest.mark.parametrize(
    ("permitted", "excluded", "issuer", "ok"),
    [
        ([x509.DNSName("example.com")], None, "https://issuer.example.com", True),
        ([x509.DNSName(".example.com")], None, "https://issuer.example.com", True),
        ([x509.DNSName("example.org")], None, "https://issuer.example.com", False),
        (None, [x509.DNSName("issuer.example.com")], "https://issuer.example.com", False),
        ([x509.UniformResourceIdentifier(".example.com")], None, "https://a.example.com", True),
        (
            [x509.IPAddress(ipaddress.ip_network("127.0.0.0/8"))],
            None,
            "http://127.0.0.1:8000",
            True,
        ),
        ([x509.IPAddress(ipaddress.ip_network("10.0.0.0/8"))], None, "http://127.0.0.1", False),
    ],
)
def test_name_constraints_of_a_ca_bind_the_signer(
    permitted: list[x509.GeneralName] | None,
    excluded: list[x509.GeneralName] | None,
    issuer: str,
    ok: bool,
) -> None:
    root, ca = _constrained(permitted, excluded)
    leaf = make_cert("Leaf", parent=ca, san_issuer=issuer)
    result = validate_chain(
        [leaf.cert, ca.cert], [TrustAnchor.from_certificate(root.cert)], now=NOW, issuer_uri=issuer
    )
    assert result.valid is ok
    if not ok:
        assert "(name constraints)" in _checks(result)["certificate_chain"][1]
