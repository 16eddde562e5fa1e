"""Verifying received credentials: every instance checked, one verdict kept, and the rule
that decides what is stored (issue 9, T8).

Beneath every verdict lies the structural floor (issue 11): a credential that breaks a rule
its format says MUST abort (alg none, a signature that fails its own certificate, digests,
disclosures, ``_sd_alg``, a KB-JWT from the issuer, expiry, depth, lone surrogates; mdoc
structure) is refused by :func:`wallet_app.formats.validate.validate_credential` (run by
:func:`wallet_app.wallet.copies.bind_copies`) with
:class:`~wallet_app.errors.InvalidCredential` before it reaches this module, whatever
``accept_invalid`` says.

A credential whose signature, digests, structure or holder binding fail is never stored
(:class:`~wallet_app.errors.TrustError` ``credential_rejected``). One that is only outside
its validity period or whose certificate chain does not validate is stored only when the
``accept_invalid`` callback says so (the GUI asks; the CLI's ``--accept-invalid``), else
``credential_not_accepted``. An untrusted one (every check holds, no anchor vouches for
the issuer) is stored and marked. Its status (Token Status List) is checked only after
it is stored, on a worker, so the status list fetch adds no round trip to the issuance; the
stored verification is then replaced. The trust code itself (:mod:`wallet_app.trust`) is
imported on first use, so the desktop's start-up does not load it.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, Any

from wallet_app.errors import NotFound, Sentence, TrustError, WalletError
from wallet_app.trust.memo import VerificationCache  # light: what it caches loads on use
from wallet_app.trust.model import Check, Verification

if TYPE_CHECKING:
    from wallet_app.formats.parsed import ParsedCredential
    from wallet_app.oid4vci.http import HttpSession
    from wallet_app.trust.anchors import TrustAnchor
    from wallet_app.wallet.flow import Flow
    from wallet_app.wallet.store import CredentialStore, NewCredential, NewInstance

__all__ = [
    "AcceptInvalid",
    "CredentialVerifier",
    "VerificationCache",
    "admit",
    "holder_public_jwk",
    "preload",
    "type_metadata_card",
    "worst",
]

log = logging.getLogger(__name__)

#: asked whether to keep a credential that is only outside its validity period or whose
#: chain does not validate; True keeps it (stored as *invalid*)
AcceptInvalid = Callable[[Verification], bool]

_RANK = {"invalid": 0, "revoked": 1, "suspended": 2, "untrusted": 3, "trusted": 4}


def worst(verifications: Sequence[Verification]) -> Verification:
    """The verification that counts for a credential of several instances: a rejected one
    first, then one that needs consent, then the lowest verdict; the first on a tie.
    Raises ValueError for none."""
    if not verifications:
        raise ValueError("no verification")
    return min(
        verifications,
        key=lambda v: (not v.must_reject, not v.needs_consent, _RANK.get(v.verdict, 0)),
    )


def holder_public_jwk(private: Mapping[str, object] | None) -> dict[str, object] | None:
    """The public half of a stored holder key (None stays None). Raises nothing for a key
    this wallet made."""
    if private is None:
        return None
    from wallet_app.oid4vci.proof import key_from_jwk, public_jwk

    return public_jwk(key_from_jwk(private))


def admit(verification: Verification, *, name: str, accept_invalid: AcceptInvalid | None) -> None:
    """Raise TrustError unless ``verification`` may be stored: ``credential_rejected`` when
    it must be rejected, ``credential_not_accepted`` when it needs consent and
    ``accept_invalid`` is None or says no."""
    failures = verification.failures()
    reason = failures[0].detail if failures else Sentence("A check failed.")
    detail = "; ".join(f"{c.name}: {c.detail}" for c in failures) or None
    if verification.must_reject:
        raise TrustError(
            "{name} was not stored: it did not pass verification. {reason}",
            params={"name": name, "reason": reason},
            detail=detail,
            code="credential_rejected",
            verification=verification,
        )
    if verification.needs_consent and (accept_invalid is None or not accept_invalid(verification)):
        raise TrustError(
            "{name} was not stored because it is not valid. {reason}",
            params={"name": name, "reason": reason},
            detail=detail,
            code="credential_not_accepted",
            verification=verification,
        )


def preload(after: float = 0.0, *, mdoc: bool = True) -> None:
    """Import the verification code (trust checks, credential formats and their structural
    floor, status lists; ~50 ms in a new process) and what the first key proof's signature
    loads, and the bounded session the status check after the store uses, ahead of their first
    use: called on a worker while a flow waits for the issuer, so that it is not on the
    flow's critical path once the token or the credential arrives. ``after``: seconds to
    wait first, so that the requests it runs beside go out before it (importing holds the
    GIL: a thread sending a request waits up to the switch interval, 5 ms, for each turn).
    Then the structural floor reads a bundled sample SD-JWT VC once: its first-use costs
    (~2 ms on the first copy received) are paid here, not after the credential arrives
    (issue 10). ``mdoc``: the mdoc code too (CBOR; ~4 ms of CPU a flow for other formats
    need not pay). Raises nothing."""
    if after > 0:
        time.sleep(after)
    # the sample is imported by the first preload: a second one (the CLI's, then the flow's)
    # does not read it again
    warmed = "wallet_app.formats.warmup_sample" in sys.modules
    # plain import statements (a freezer follows them): the first signature's backend, then
    # what verifying the first credential loads
    try:
        import cryptography.hazmat.backends.openssl  # noqa: F401

        import wallet_app.formats.jwt_vc
        import wallet_app.formats.sd_jwt
        import wallet_app.formats.validate
        import wallet_app.formats.validate_sd_jwt
        import wallet_app.trust.status_list
        import wallet_app.trust.type_metadata
        import wallet_app.trust.verify
        import wallet_app.wallet.bounded_session
        from wallet_app.formats.parsed import parse_credential
        from wallet_app.formats.warmup_sample import SD_JWT_SAMPLE

        if mdoc:
            import wallet_app.formats.mdoc
            import wallet_app.formats.validate_mdoc
            import wallet_app.trust.status_cwt
            import wallet_app.trust.verify_mdoc  # noqa: F401
    except Exception:
        # ImportError, or the import lock's _DeadlockError (a RuntimeError): another thread
        # was importing the same modules in the other order; it finishes them
        log.debug("verification code was not preloaded", exc_info=True)
        return
    if warmed:
        return
    try:
        parse_credential("dc+sd-jwt", SD_JWT_SAMPLE, now=time.time())
    except Exception:  # a warm-up only: the received copies are read the same way anyway
        log.debug("the floor's warm-up sample was not read", exc_info=True)


class CredentialVerifier:
    """Verifies credentials against the store's trust anchors, with the store as the status
    list cache. ``session`` None: nothing is fetched (issuer keys by URL and status lists
    are then reported as not checked). ``cache``: what verifications share across calls
    (the opened anchors, chain results, checked status list tokens;
    :mod:`wallet_app.trust.memo`), kept by the wallet for its life; None: nothing outlives
    a call."""

    def __init__(
        self,
        store: CredentialStore,
        session: HttpSession | None,
        *,
        clock: Callable[[], float] = time.time,
        accept_invalid: AcceptInvalid | None = None,
        cache: VerificationCache | None = None,
    ) -> None:
        self.store = store
        self.session = session
        self.clock = clock
        self.accept_invalid = accept_invalid
        self.cache = cache

    def anchors(self) -> list[TrustAnchor]:
        """The trust anchors now in the store (with a cache: opened again only when the
        store's anchor rows changed, by this process or another)."""
        if self.cache is None:
            return [s.anchor for s in self.store.list_anchors()]
        rows = self.store.anchor_rows()
        opened = self.cache.anchors(
            rows, lambda: [s.anchor for s in self.store.open_anchor_rows(rows)]
        )
        return list(opened)

    def verify(
        self,
        format: str,
        credential: str,
        holder_jwk: Mapping[str, object] | None,
        *,
        check_status: bool = True,
        anchors: Sequence[TrustAnchor] | None = None,
    ) -> Verification:
        """One credential instance's verification. Raises nothing for bad input (a
        credential that cannot be decoded fails its structure check); StorageError when the
        anchors cannot be read."""
        from wallet_app.trust.verify import verify_credential

        return verify_credential(
            format,
            credential,
            holder_jwk=holder_jwk,
            anchors=self.anchors() if anchors is None else anchors,
            session=self.session,
            status_cache=self.store,
            now=self.clock(),
            check_status=check_status,
        )

    def verify_instances(
        self,
        format: str,
        instances: Sequence[NewInstance],
        *,
        check_status: bool = True,
        parsed: Mapping[str, ParsedCredential] | None = None,
    ) -> Verification:
        """Every instance verified (with its own holder key) at one instant; the worst one
        counts (see :meth:`verify_each`)."""
        return worst(self.verify_each(format, instances, check_status=check_status, parsed=parsed))

    def verify_each(
        self,
        format: str,
        instances: Sequence[NewInstance],
        *,
        check_status: bool = True,
        parsed: Mapping[str, ParsedCredential] | None = None,
    ) -> list[Verification]:
        """Each instance's verification (with its own holder key) at one instant, in order.
        What the instances share (certificate chain, issuer key, status list) is computed
        once for the batch, and with a cache once while it holds (a VerificationMemo over
        :attr:`cache`). ``parsed``: instances as received and parsed by the structural floor
        (:func:`~wallet_app.formats.parsed.parse_credential`), by their text: not parsed
        again, their signature not checked again with the key that verified it."""
        from wallet_app.formats.jwt_vc import public_jwk
        from wallet_app.trust.memo import VerificationMemo
        from wallet_app.trust.verify import verify_credential

        anchors, memo, now = self.anchors(), VerificationMemo(self.cache), self.clock()
        known = parsed or {}
        return [
            verify_credential(
                format,
                i.credential,
                # the public members of our own key (compared by kty/crv/x/y/n/e): no
                # key object is built, which costs more than an ECDSA verification
                holder_jwk=public_jwk(i.holder_private_jwk),
                anchors=anchors,
                session=self.session,
                status_cache=self.store,
                now=now,
                check_status=check_status,
                memo=memo,
                parsed=known.get(i.credential),
            )
            for i in instances
        ]

    def check(
        self,
        format: str,
        instances: Sequence[NewInstance],
        card: Mapping[str, object],
        locales: Sequence[str],
        *,
        verified: Sequence[Verification] = (),
    ) -> tuple[dict[str, object], Verification]:
        """Verify a received credential's instances and decide whether it may be stored;
        complete its card from the type metadata of its ``vct`` (SD-JWT VC §6) where the
        issuer's metadata has no display or claim labels. ``verified``: the instances'
        verifications (:meth:`verify_each` without status) when the caller made them.

        The status is not checked here (its status list fetch would add a round trip to
        the issuance): the verification has status None until :meth:`status_later`, after
        the store, checks it.

        Returns the card and the verification (with the ``type_metadata`` check) to store.
        Raises TrustError (not to be stored), StorageError."""
        verification = (
            worst(verified)
            if verified
            else self.verify_instances(format, instances, check_status=False)
        )
        admit(verification, name=str(card.get("name", "")), accept_invalid=self.accept_invalid)
        if not instances:
            return dict(card), verification
        shown, check = type_metadata_card(
            card, format, instances[0].credential, self.session, locales
        )
        if check is not None:
            verification = Verification.of(
                (*verification.checks, check),
                anchor=verification.anchor,
                organisation=verification.organisation,
                status=verification.status,
                checked_at=verification.checked_at,
            )
        return shown, verification

    def status_after_store(
        self,
        credential_id: str,
        format: str,
        instances: Sequence[NewInstance],
        received: Verification,
        parsed: Mapping[str, ParsedCredential] | None = None,
    ) -> Verification | None:
        """The stored credential verified again, now with its status (Token Status List:
        fetched or from the cache), keeping the checks made on receipt only (type
        metadata); the new verification is stored and returned. None when the credential
        was deleted meanwhile. ``parsed``: see :meth:`verify_each`. Network: call it on a
        worker. Raises StorageError."""
        fresh = self.verify_instances(format, instances, parsed=parsed)
        names = {c.name for c in fresh.checks}
        verification = Verification.of(
            (*fresh.checks, *(c for c in received.checks if c.name not in names)),
            anchor=fresh.anchor,
            organisation=fresh.organisation,
            status=fresh.status,
            checked_at=fresh.checked_at,
        )
        try:
            self.store.set_verification(credential_id, verification)
        except NotFound:
            log.info("credential %s was deleted before its status was checked", credential_id)
            return None
        return verification

    def status_later(
        self,
        stored: Iterable[tuple[str, NewCredential]],
        *,
        executor: Executor,
        track: Callable[[Future[Any]], None],
        flow: Flow,
        wait: float | None = None,
        parsed: Mapping[str, ParsedCredential] | None = None,
    ) -> dict[str, Future[Verification | None]]:
        """Check the status of credentials just stored (id, what was stored) on
        ``executor``, off the issuance's critical path, each job handed to ``track`` (the
        wallet waits for them as for notifications); the status list fetch then joins the
        stored trace of ``flow``. ``wait``: every request of these jobs ends within that
        many seconds from now (the wait the CLI states), whatever ``--timeout`` says.
        ``parsed``: see :meth:`verify_each`. Returns each credential's job by id (its
        result: the stored verification, None when it could not be stored). Raises
        nothing."""
        deadline = None if wait is None else time.monotonic() + wait

        def job(credential_id: str, new: NewCredential) -> Verification | None:
            assert new.verification is not None
            verifier = self
            if deadline is not None and wait is not None and self.session is not None:
                from wallet_app.wallet.bounded_session import BoundedSession

                verifier = CredentialVerifier(
                    self.store,
                    BoundedSession(self.session, deadline, wait=wait),
                    clock=self.clock,
                    accept_invalid=self.accept_invalid,
                    cache=self.cache,
                )
            try:
                return verifier.status_after_store(
                    credential_id, new.format, new.instances, new.verification, parsed
                )
            except WalletError as exc:
                log.warning("status of %s not checked: %s", credential_id, exc.detail or exc)
                return None
            finally:
                try:  # the flow was stored before this request: add it to the stored trace
                    self.store.append_trace(flow.record_id, flow.exchanges())
                except WalletError as exc:
                    log.info("status check not added to the trace: %s", exc.detail or exc)

        futures: dict[str, Future[Verification | None]] = {}
        for credential_id, new in stored:
            if new.verification is None or not new.instances:
                continue
            futures[credential_id] = future = executor.submit(job, credential_id, new)
            track(future)
        return futures


def _has_display_and_labels(card: Mapping[str, object]) -> bool:
    """The card has a credential display and at least one claim label from the issuer's
    metadata (then type metadata would add nothing and is not fetched)."""
    claims = card.get("claims_metadata")
    labelled = isinstance(claims, list) and any(
        isinstance(c, Mapping) and c.get("display") for c in claims
    )
    return bool(card.get("display")) and labelled


def _sd_jwt_payload(credential: str) -> Mapping[str, object]:
    from wallet_app import jsonsafe
    from wallet_app.formats.view import b64url_decode

    try:
        payload = jsonsafe.loads(b64url_decode(credential.split("~")[0].split(".")[1]))
    except (ValueError, IndexError, TypeError):
        return {}
    return payload if isinstance(payload, Mapping) else {}


def type_metadata_card(
    card: Mapping[str, object],
    format: str,
    credential: str,
    session: HttpSession | None,
    locales: Sequence[str],
) -> tuple[dict[str, object], Check | None]:
    """``card`` with the display and claim labels of the credential's type metadata where
    the issuer's metadata has none, and the ``type_metadata`` check (None: not an SD-JWT VC
    or no ``vct``, or nothing to fill: the issuer's metadata gives a display and claim
    labels, and then nothing is fetched). Raises nothing for bad input."""
    result = dict(card)
    if format not in ("dc+sd-jwt", "vc+sd-jwt") or _has_display_and_labels(card):
        return result, None
    payload = _sd_jwt_payload(credential)
    vct, integrity = payload.get("vct"), payload.get("vct#integrity")
    if not isinstance(vct, str) or not vct:
        return result, None
    from wallet_app.trust.type_metadata import card_display, resolve_type_metadata
    from wallet_app.wallet.cards import localized_name

    meta, check = resolve_type_metadata(
        vct, integrity if isinstance(integrity, str) else None, session=session
    )
    if meta is None:
        return result, check
    shown = card_display(meta)
    if not card.get("display") and shown["display"]:
        result["display"] = shown["display"]
        result["name"] = localized_name(result, locales, fallback=str(card.get("name", "")))
    described = card.get("claims_metadata")
    listed = described if isinstance(described, list) else []
    claims = [dict(c) for c in listed if isinstance(c, Mapping)]
    by_path = {repr(c.get("path")): c for c in claims}
    for label in shown["claims"] if isinstance(shown["claims"], list) else []:
        if not isinstance(label, Mapping) or not label.get("display"):
            continue
        known = by_path.get(repr(label.get("path")))
        if known is None:
            claims.append(dict(label))
        elif not known.get("display"):
            known["display"] = label["display"]  # the issuer described it without labels
    result["claims_metadata"] = claims
    return result, check
