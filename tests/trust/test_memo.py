"""A batch's VerificationMemo: what the instances share is computed once, and the result of
every instance is exactly what it is without the memo (a tampered instance still fails; a
memo never carries a result over to other anchors, another instant or another status list)."""

from __future__ import annotations

import dataclasses
import functools
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.trust.credential_kit import (
    ISSUER,
    STATUS_URI,
    MemoryStatusCache,
    holder_key,
    mdoc,
    sd_jwt_vc,
    status_list_token,
)
from tests.trust.pki_kit import Pki, build_pki, forged_leaf
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.trust.memo import VerificationCache, VerificationMemo
from wallet_app.trust.model import Verification
from wallet_app.trust.verify import verify_credential
from wallet_app.wallet.store import CredentialStore, NewInstance
from wallet_app.wallet.verifying import CredentialVerifier

NOW = time.time()


def _anchors(pki: Pki) -> list[TrustAnchor]:
    return [TrustAnchor.from_certificate(pki.root.cert)]


def _verify(
    format: str,
    credential: str,
    holder: dict[str, object],
    anchors: list[TrustAnchor],
    cache: MemoryStatusCache,
    memo: VerificationMemo | None,
    now: float = NOW,
) -> Verification:
    return verify_credential(
        format,
        credential,
        holder_jwk=holder,
        anchors=anchors,
        session=None,
        status_cache=cache,
        now=now,
        memo=memo,
    )


def _names(v: Verification) -> dict[str, bool | None]:
    return {c.name: c.ok for c in v.checks}


def _sd_jwt_batch(pki: Pki, count: int = 3) -> list[tuple[str, dict[str, object]]]:
    batch = []
    for idx in range(count):
        _, holder = holder_key()
        credential = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder, status_idx=idx)
        batch.append((credential.serialize(), holder))
    return batch


def _tamper_signature(credential: str) -> str:
    jws, _, rest = credential.partition("~")
    head, payload, signature = jws.split(".")
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    return f"{head}.{payload}.{flipped}~{rest}"


def _cache_with(pki: Pki, values: dict[int, int]) -> MemoryStatusCache:
    cache = MemoryStatusCache()
    token = status_list_token(pki.leaf, chain=pki.chain(), values=values)
    cache.put_status_list(STATUS_URI, token, NOW + 300)
    return cache


def test_a_batch_gives_each_instance_the_result_it_has_alone_and_shares_the_chain() -> None:
    pki = build_pki(issuer=ISSUER)
    cache = _cache_with(pki, {1: 1})
    batch = _sd_jwt_batch(pki)
    memo = VerificationMemo()
    with_memo = [_verify("dc+sd-jwt", c, h, _anchors(pki), cache, memo).to_json() for c, h in batch]
    alone = [_verify("dc+sd-jwt", c, h, _anchors(pki), cache, None).to_json() for c, h in batch]
    assert with_memo == alone
    assert [v["verdict"] for v in with_memo] == ["trusted", "revoked", "trusted"]
    # the chain and the status list were computed once for the three instances
    assert memo.entries("x5c") == 1
    assert memo.entries("status list") == 1


def test_a_tampered_instance_still_fails_when_the_others_filled_the_memo() -> None:
    pki = build_pki(issuer=ISSUER)
    cache = _cache_with(pki, {})
    batch = _sd_jwt_batch(pki)
    credential, holder = batch[1]
    batch[1] = (_tamper_signature(credential), holder)
    memo = VerificationMemo()
    results = [_verify("dc+sd-jwt", c, h, _anchors(pki), cache, memo) for c, h in batch]
    assert [v.verdict for v in results] == ["trusted", "invalid", "trusted"]
    assert results[1].must_reject
    assert _names(results[1])["signature"] is False
    # a forged instance (same issuer name, self-signed) in the same batch is not trusted either
    _, holder = holder_key()
    forger = forged_leaf(ISSUER)
    forged = sd_jwt_vc(forger, chain=[forger], holder_jwk=holder).serialize()
    v = _verify("dc+sd-jwt", forged, holder, _anchors(pki), cache, memo)
    assert v.verdict == "untrusted" and _names(v)["trust_anchor"] is False


def test_a_memo_is_not_reused_for_other_anchors_or_another_instant() -> None:
    pki, other = build_pki(issuer=ISSUER), build_pki(issuer=ISSUER, root_cn="Other Root CA")
    cache = _cache_with(pki, {})
    [(credential, holder)] = _sd_jwt_batch(pki, 1)
    memo = VerificationMemo()
    trusted = _verify("dc+sd-jwt", credential, holder, _anchors(pki), cache, memo)
    assert trusted.verdict == "trusted" and trusted.status == "valid"
    for anchors in ([], _anchors(other)):
        v = _verify("dc+sd-jwt", credential, holder, anchors, cache, memo)
        assert v.verdict == "untrusted" and v.anchor is None
        assert _names(v)["trust_anchor"] is False
        alone = _verify("dc+sd-jwt", credential, holder, anchors, cache, None)
        assert v.to_json() == alone.to_json()
    # the same memo two years later: the certificates have expired
    later = NOW + 2 * 365 * 86400
    expired = _verify("dc+sd-jwt", credential, holder, _anchors(pki), cache, memo, now=later)
    assert _names(expired)["certificate_chain"] is False
    assert expired.verdict == "invalid"
    alone = _verify("dc+sd-jwt", credential, holder, _anchors(pki), cache, None, now=later)
    assert expired.to_json() == alone.to_json()


def test_an_mdoc_batch_with_a_tampered_instance() -> None:
    pki = build_pki(issuer=None)
    cache = _cache_with(pki, {2: 2})
    now = datetime.fromtimestamp(NOW, UTC).replace(microsecond=0) - timedelta(minutes=1)
    batch = []
    for idx in range(3):
        _, holder = holder_key()
        credential = mdoc(
            pki.leaf,
            chain=pki.chain(),
            holder_jwk=holder,
            now=now,
            status_idx=idx,
            tamper=idx == 0,
        )
        batch.append((credential, holder))
    memo = VerificationMemo()
    results = [_verify("mso_mdoc", c, h, _anchors(pki), cache, memo) for c, h in batch]
    alone = [_verify("mso_mdoc", c, h, _anchors(pki), cache, None) for c, h in batch]
    assert [v.to_json() for v in results] == [v.to_json() for v in alone]
    assert [v.verdict for v in results] == ["invalid", "trusted", "suspended"]
    assert results[0].must_reject and _names(results[0])["digests"] is False
    assert memo.entries("x5chain") == 1


def test_the_wallet_verifies_a_batch_with_one_memo_and_the_worst_instance_counts(
    tmp_path: Path,
) -> None:
    pki = build_pki(issuer=ISSUER)
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    try:
        store.add_anchors(_anchors(pki), source="user")
        token = status_list_token(pki.leaf, chain=pki.chain(), values={})
        store.put_status_list(STATUS_URI, token, time.time() + 300)
        instances = []
        for idx in range(3):
            private, _ = holder_key()
            jwk = _private_jwk(private)
            public = {k: v for k, v in jwk.items() if k != "d"}
            credential = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=public, status_idx=idx)
            instances.append(NewInstance(credential.serialize(), jwk))
        verifier = CredentialVerifier(store, None)
        good = verifier.verify_instances("dc+sd-jwt", instances)
        assert (good.verdict, good.status) == ("trusted", "valid")
        instances[2] = NewInstance(_tamper_signature(instances[2].credential), jwk)
        bad = verifier.verify_instances("dc+sd-jwt", instances)
        assert bad.must_reject and _names(bad)["signature"] is False
    finally:
        store.close()


def _private_jwk(key: object) -> dict[str, object]:
    from joserfc.jwk import ECKey

    return dict(ECKey.import_key(key).as_dict(private=True))  # type: ignore[arg-type]


def test_trust_decodes_without_the_embedded_key_check_and_the_formats_api_keeps_it() -> None:
    from wallet_app.formats.jwt_vc import decode_jwt_vc
    from wallet_app.formats.sd_jwt import decode_sd_jwt

    pki, (_, holder) = build_pki(issuer=ISSUER), holder_key()
    credential = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder).serialize()
    assert decode_sd_jwt(credential).signature_verified is True  # the GUI/CLI view
    skipped = decode_sd_jwt(credential, check_signature=False)
    assert skipped.signature_verified is None and skipped.digests_verified
    tampered = _tamper_signature(credential)
    assert decode_sd_jwt(tampered).signature_verified is False
    assert decode_sd_jwt(tampered, check_signature=False).claims == skipped.claims
    # the trust decision still sees the bad signature, checked once with the issuer's key
    v = _verify("dc+sd-jwt", tampered, holder, _anchors(pki), MemoryStatusCache(), None)
    assert _names(v)["signature"] is False and v.must_reject
    jwt = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder).jws
    assert decode_jwt_vc(jwt).signature_verified is True
    assert decode_jwt_vc(jwt, check_signature=False).signature_verified is None


def test_an_mdoc_is_decoded_once_with_the_same_view_and_chain() -> None:
    from wallet_app.formats.mdoc import (
        decode_mdoc,
        decode_mdoc_and_chain,
        issuer_chain,
        json_safe,
    )

    pki, (_, holder) = build_pki(issuer=None), holder_key()
    for document_doc_type in (None, "org.iso.18013.5.1.mDL"):
        credential = mdoc(
            pki.leaf, chain=pki.chain(), holder_jwk=holder, document_doc_type=document_doc_type
        )
        view, ders, doc_type = decode_mdoc_and_chain(credential)
        # for verification, without the JSON for display: the same in everything checked
        lean, _, _ = decode_mdoc_and_chain(credential, display=False)
        assert (lean.header, lean.payload) == ({}, {})
        assert json_safe(lean.claims) == view.claims  # the same claims, not made JSON
        shown = dataclasses.replace(
            lean, header=view.header, payload=view.payload, claims=view.claims
        )
        assert shown == view
        assert view == decode_mdoc(credential)
        assert (ders, doc_type) == issuer_chain(credential)
        assert ders == [pki.leaf.der, pki.intermediate.der] and doc_type == document_doc_type


# -- the wallet's VerificationCache: reused across calls, never a different result ------------

HOUR = 3600.0


def _detail(v: Verification, name: str) -> str:
    return str(next(c.detail for c in v.checks if c.name == name))


def _expiring_pki(end: datetime) -> Pki:
    """A chain whose signer expires at ``end`` (the rest lives longer)."""
    return build_pki(issuer=ISSUER, now=end - timedelta(hours=2), leaf_not_after=end)


def _both(
    format: str,
    credential: str,
    holder: dict[str, object],
    anchors: list[TrustAnchor],
    cache: MemoryStatusCache,
    shared: VerificationCache,
    now: float,
) -> Verification:
    """The verification with the shared cache (a fresh memo per call, as the wallet makes),
    asserted equal to the one computed from scratch."""
    kept = _verify(format, credential, holder, anchors, cache, VerificationMemo(shared), now)
    fresh = _verify(format, credential, holder, anchors, cache, None, now)
    assert kept.to_json() == fresh.to_json()
    return kept


def test_a_chain_result_is_reused_by_later_calls_while_every_certificate_is_valid() -> None:
    end = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    pki = _expiring_pki(end)
    cache = MemoryStatusCache()
    shared = VerificationCache()
    issued = end.timestamp() - 2 * HOUR + 60
    first, second = (
        (sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=h, iat=issued).serialize(), h)
        for _, h in (holder_key(), holder_key())
    )
    for moment_ in (issued + 5, issued + 600, end.timestamp() - 1):
        for credential, holder in (first, second):
            v = _both("dc+sd-jwt", credential, holder, _anchors(pki), cache, shared, moment_)
            assert v.verdict == "trusted"
    # six verifications at three instants, one chain computed, one JWS header decoded
    assert shared.computed("x5c") == 1 and shared.entries("x5c") == 1
    assert shared.computed("jws header") == 1
    # another header is another entry; one that cannot be decoded is refused as without
    # the cache, and not remembered
    credential, holder = first
    emptied = "e30" + credential[credential.index(".") :]  # the header {}: no key
    v = _both("dc+sd-jwt", emptied, holder, _anchors(pki), cache, shared, issued + 5)
    assert v.verdict != "trusted" and _names(v)["issuer_key"] is not True
    v = _both("dc+sd-jwt", "!" + credential, holder, _anchors(pki), cache, shared, issued + 5)
    assert v.must_reject and _names(v)["structure"] is False
    assert shared.computed("jws header") == 2


def test_a_certificate_that_expires_between_two_calls_gives_the_fresh_failed_answer() -> None:
    end = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    pki = _expiring_pki(end)
    cache, shared = MemoryStatusCache(), VerificationCache()
    _, holder = holder_key()
    issued = end.timestamp() - HOUR
    credential = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder, iat=issued).serialize()
    at_end = _both("dc+sd-jwt", credential, holder, _anchors(pki), cache, shared, end.timestamp())
    assert at_end.verdict == "trusted"  # notAfter itself is still inside the validity
    for after in (end.timestamp() + 0.001, end.timestamp() + 1, end.timestamp() + HOUR):
        v = _both("dc+sd-jwt", credential, holder, _anchors(pki), cache, shared, after)
        assert v.verdict == "invalid" and _names(v)["certificate_chain"] is False
        assert "expired" in _detail(v, "certificate_chain")
    # a result that failed on time is never carried to another instant: back inside, trusted
    v = _both("dc+sd-jwt", credential, holder, _anchors(pki), cache, shared, issued + 10)
    assert v.verdict == "trusted"
    # a failed result is kept for its own instant only
    again = _both(
        "dc+sd-jwt", credential, holder, _anchors(pki), cache, shared, end.timestamp() + 1
    )
    assert again.verdict == "invalid"


def test_a_credential_signed_outside_the_chains_validity_is_not_served_a_kept_chain() -> None:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    pki = build_pki(issuer=ISSUER, leaf_not_before=start)
    cache, shared = MemoryStatusCache(), VerificationCache()
    now = start.timestamp() + 600
    (_, h1), (_, h2) = holder_key(), holder_key()
    inside = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=h1, iat=now - 60).serialize()
    before = sd_jwt_vc(
        pki.leaf, chain=pki.chain(), holder_jwk=h2, iat=start.timestamp() - 60
    ).serialize()
    assert _both("dc+sd-jwt", inside, h1, _anchors(pki), cache, shared, now).verdict == "trusted"
    v = _both("dc+sd-jwt", before, h2, _anchors(pki), cache, shared, now)
    assert v.verdict == "invalid"
    assert "when the credential was signed" in _detail(v, "certificate_chain")


def test_an_mdoc_chain_is_reused_across_calls_until_its_signer_expires() -> None:
    end = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    pki = build_pki(issuer=None, now=end - timedelta(hours=2), leaf_not_after=end)
    cache, shared = MemoryStatusCache(), VerificationCache()
    _, holder = holder_key()
    signed = end - timedelta(hours=1)
    credential = mdoc(
        pki.leaf,
        chain=pki.chain(),
        holder_jwk=holder,
        now=signed,
        valid_until=end + timedelta(days=30),
    )
    for at in (signed.timestamp() + 1, end.timestamp()):
        v = _both("mso_mdoc", credential, holder, _anchors(pki), cache, shared, at)
        assert v.verdict == "trusted"
    assert shared.computed("x5chain") == 1
    v = _both("mso_mdoc", credential, holder, _anchors(pki), cache, shared, end.timestamp() + 1)
    assert v.verdict == "invalid" and _names(v)["certificate_chain"] is False


def test_a_checked_status_list_is_reused_until_the_token_expires() -> None:
    pki = build_pki(issuer=ISSUER)
    token_exp = float(int(NOW) + 600)  # status_list_token sets exp an hour after its now
    token = status_list_token(pki.leaf, chain=pki.chain(), values={0: 1}, now=token_exp - 3600)
    cache = MemoryStatusCache()
    cache.put_status_list(STATUS_URI, token, token_exp + 3600)  # a store that keeps it longer
    shared = VerificationCache()
    _, holder = holder_key()
    credential = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=holder, status_idx=0)
    serialized = credential.serialize()
    for at in (NOW, NOW + 300, token_exp - 0.001):
        v = _both("dc+sd-jwt", serialized, holder, _anchors(pki), cache, shared, at)
        assert (v.verdict, v.status) == ("revoked", "invalid")
    assert shared.computed("status list") == 1
    for at in (token_exp, token_exp + 1):  # exp is the first instant it no longer holds
        v = _both("dc+sd-jwt", serialized, holder, _anchors(pki), cache, shared, at)
        assert v.status == "unknown"  # the expired token is not used; none can be fetched
    # found expired at each instant, and kept for that call only
    assert shared.computed("status list") == 1 and shared.entries("status list") == 1


def test_a_newer_status_list_token_replaces_the_kept_one() -> None:
    pki = build_pki(issuer=ISSUER)
    cache, shared = MemoryStatusCache(), VerificationCache()
    [(credential, holder)] = _sd_jwt_batch(pki, 1)  # status entry 0
    for values, verdict in (({}, "trusted"), ({0: 1}, "revoked"), ({0: 2}, "suspended")):
        token = status_list_token(pki.leaf, chain=pki.chain(), values=values)
        cache.put_status_list(STATUS_URI, token, NOW + 300)
        v = _both("dc+sd-jwt", credential, holder, _anchors(pki), cache, shared, NOW + 1)
        assert v.verdict == verdict
    assert shared.computed("status list") == 3 and shared.entries("status list") == 1


def test_a_kept_result_is_not_served_for_other_anchors() -> None:
    pki, other = build_pki(issuer=ISSUER), build_pki(issuer=ISSUER, root_cn="Other Root CA")
    cache, shared = _cache_with(pki, {}), VerificationCache()
    [(credential, holder)] = _sd_jwt_batch(pki, 1)
    for anchors, verdict in (
        (_anchors(pki), "trusted"),
        ([], "untrusted"),
        (_anchors(other), "untrusted"),
        (_anchors(other) + _anchors(pki), "trusted"),
        (_anchors(pki), "trusted"),
    ):
        v = _both("dc+sd-jwt", credential, holder, anchors, cache, shared, NOW + 1)
        assert v.verdict == verdict


def test_the_cache_is_bounded_and_drops_the_least_recently_used() -> None:
    shared = VerificationCache(limit=3)
    for n in range(3):
        shared.recall("t", n, functools.partial(int, n * 10))
    assert shared.recall("t", 0, lambda: -1) == 0  # 0 is now the most recently used
    shared.recall("t", 3, lambda: 30)  # 1 goes
    assert shared.entries("t") == 3
    assert shared.recall("t", 1, lambda: -1) == -1
    assert shared.recall("t", 0, lambda: -2) == 0


def test_threads_sharing_one_cache_get_the_results_each_gets_alone() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pki = build_pki(issuer=ISSUER)
    status = _cache_with(pki, {1: 1, 2: 2})
    batch = _sd_jwt_batch(pki, 4)
    shared = VerificationCache()

    def run(n: int, memo: VerificationMemo | None) -> list[dict[str, object]]:
        anchors = _anchors(pki)
        return [
            _verify("dc+sd-jwt", c, h, anchors, status, memo, NOW + n).to_json() for c, h in batch
        ]

    with ThreadPoolExecutor(max_workers=4) as pool:
        kept = list(pool.map(lambda n: run(n, VerificationMemo(shared)), range(12)))
    assert kept == [run(n, None) for n in range(12)]
    assert [v["verdict"] for v in kept[0]] == ["trusted", "revoked", "suspended", "trusted"]


def _wallet_instances(pki: Pki, count: int = 2) -> list[NewInstance]:
    instances = []
    for idx in range(count):
        private, _ = holder_key()
        jwk = _private_jwk(private)
        public = {k: v for k, v in jwk.items() if k != "d"}
        credential = sd_jwt_vc(pki.leaf, chain=pki.chain(), holder_jwk=public, status_idx=idx)
        instances.append(NewInstance(credential.serialize(), jwk))
    return instances


def test_the_wallets_cache_sees_anchors_added_and_removed_between_calls(tmp_path: Path) -> None:
    pki = build_pki(issuer=ISSUER)
    store = CredentialStore.open(tmp_path / "data", secrets=MemorySecretStore())
    try:
        instances = _wallet_instances(pki)
        shared = VerificationCache()
        kept = CredentialVerifier(store, None, clock=lambda: NOW, cache=shared)
        fresh = CredentialVerifier(store, None, clock=lambda: NOW)

        def verdict() -> str:
            v = kept.verify_instances("dc+sd-jwt", instances, check_status=False)
            assert (
                v.to_json()
                == fresh.verify_instances("dc+sd-jwt", instances, check_status=False).to_json()
            )
            return v.verdict

        assert verdict() == "untrusted"
        [(added, _)] = store.add_anchors(_anchors(pki), source="user")
        assert verdict() == "trusted"
        assert verdict() == "trusted"
        assert shared.computed("anchors") == 2  # opened once per change, not per call
        store.remove_anchor(added.anchor.id)
        assert verdict() == "untrusted"
    finally:
        store.close()


_ADD_ANCHOR = """
import sys
from pathlib import Path
from wallet_app.trust.anchors import TrustAnchor
from wallet_app.wallet.store import CredentialStore
store = CredentialStore.open(Path(sys.argv[1]), passphrase="correct horse battery")
store.add_anchors([TrustAnchor.from_der(Path(sys.argv[2]).read_bytes())], source="user")
store.close()
"""


def test_the_wallets_cache_sees_an_anchor_another_process_added(tmp_path: Path) -> None:
    import subprocess
    import sys

    pki = build_pki(issuer=ISSUER)
    data = tmp_path / "data"
    store = CredentialStore.open(data, passphrase="correct horse battery")
    try:
        instances = _wallet_instances(pki)
        verifier = CredentialVerifier(store, None, clock=lambda: NOW, cache=VerificationCache())
        assert verifier.verify_instances("dc+sd-jwt", instances).verdict == "untrusted"
        root = tmp_path / "root.der"
        root.write_bytes(pki.root.der)
        subprocess.run([sys.executable, "-c", _ADD_ANCHOR, str(data), str(root)], check=True)
        v = verifier.verify_instances("dc+sd-jwt", instances, check_status=False)
        assert v.verdict == "trusted" and v.anchor == "CN=Test Root CA,O=Test Trust Services,C=DE"
    finally:
        store.close()
