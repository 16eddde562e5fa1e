"""Type metadata on the card (issue 9, T6), end to end over real HTTP on 127.0.0.1.

The demo issuer (``DemoConfig.plain_sd_jwt_metadata``) leaves the SD-JWT VC configurations
without credential display and claim labels, so the diploma's name, colours and labels can
only come from its type metadata ({issuer}/vct/university-diploma, extending
{issuer}/vct/diploma-base, pinned by vct#integrity). The wallet fetches it in the flow,
through the flow's HttpSession, and only when the issuer metadata lacks display or labels.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, RunningIssuer, serve
from wallet_app.formats import decode_credential, label_claims
from wallet_app.host.secrets import MemorySecretStore
from wallet_app.trust.model import Check, Verification
from wallet_app.wallet.cards import localized_name
from wallet_app.wallet.issuance import IssuanceResult, Wallet, WalletOptions
from wallet_app.wallet.store import CredentialStore, StoredCredential

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

DIPLOMA_VCT = "/vct/university-diploma"
BASE_VCT = "/vct/diploma-base"


@dataclass
class Env:
    running: RunningIssuer
    store: CredentialStore
    wallet: Wallet

    def receive(self, config_id: str) -> tuple[StoredCredential, IssuanceResult]:
        offer = self.running.issuer.create_offer([config_id])
        flow = self.wallet.new_flow("pre-authorized_code")
        resolved = self.wallet.resolve_offer(offer.uri, flow=flow)
        result = self.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
        self.wallet.wait_for_notifications(5)
        [stored] = result.credentials
        return stored, result

    def vct_requests(self) -> list[str]:
        return [
            r.path for r in self.running.issuer.received_requests() if r.path.startswith("/vct/")
        ]

    def verification(self, stored: StoredCredential) -> Verification:
        verification = self.store.get_verification(stored.id)
        assert verification is not None
        return verification

    def labels(self, stored: StoredCredential, locales: tuple[str, ...]) -> dict[str, str]:
        """Claim name → the label the details show in ``locales``."""
        record = self.store.get_credential(stored.id)
        view = decode_credential(stored.format, record.instances[0].credential)
        described = record.stored.card.get("claims_metadata")  # the full snapshot
        assert isinstance(described, list)
        rows = label_claims(view.claims, described, locales, format=stored.format)
        return {str(row.path[-1]): row.label for row in rows if row.depth == 0}


@pytest.fixture
def make_env(tmp_path: Path) -> Iterator[Callable[..., Env]]:
    made: list[tuple[RunningIssuer, httpx.Client, CredentialStore, Wallet]] = []

    def make(config: DemoConfig, *, wrap: Callable[[Any], Any] | None = None) -> Env:
        running = serve(config)
        if wrap is not None:  # a WSGI middleware in front of the real demo issuer
            running._server.set_app(wrap(running.issuer))  # type: ignore[attr-defined]
        http = httpx.Client(timeout=20)
        store = CredentialStore.open(tmp_path / f"data{len(made)}", secrets=MemorySecretStore())
        wallet = Wallet(store, http, WalletOptions(locales=("en",)), clock=time.time)
        made.append((running, http, store, wallet))
        return Env(running, store, wallet)

    yield make
    for running, http, store, wallet in made:
        wallet.close()
        store.close()
        http.close()
        running.stop()


def _check(verification: Verification) -> Check:
    [check] = [c for c in verification.checks if c.name == "type_metadata"]
    return check


def test_plain_issuer_metadata_takes_name_colours_and_labels_from_the_type_metadata(
    make_env: Callable[..., Env],
) -> None:
    env = make_env(DemoConfig(plain_sd_jwt_metadata=True))
    stored, result = env.receive("diploma_sd_jwt")

    # the issuer metadata really has none: the card's display came from the vct
    card = stored.card
    assert stored.name == "University Diploma"
    assert localized_name(card, ("de",), fallback="?") == "Hochschulzeugnis"
    display = card["display"]
    assert isinstance(display, list)
    english = next(d for d in display if d.get("locale") == "en")
    assert english["background_color"] == "#7c2d12" and english["text_color"] == "#fff7ed"
    assert english["description"] == "Master's degree of Demo University"
    assert english["logo"]["uri"] == env.running.base_url + "/static/logo.svg"

    # labels of the child type and of the type it extends, in English and German
    en = env.labels(stored, ("en",))
    de = env.labels(stored, ("de",))
    assert en["field_of_study"] == "Field of study" and de["field_of_study"] == "Studienfach"
    assert en["university"] == "University" and de["university"] == "Hochschule"
    assert en["given_name"] == "Given name" and de["given_name"] == "Vorname"
    assert de["graduation_date"] == "Abschlussdatum" and de["grade"] == "Note"

    # fetched once each, in the flow: the trace shows it, and the check says it held
    assert env.vct_requests() == [DIPLOMA_VCT, BASE_VCT]
    steps = [e["step"] for e in env.store.get_trace(result.flow_id)]
    assert steps.count("type metadata") == 2
    verification = env.verification(stored)
    check = _check(verification)
    assert (check.ok, check.kind, check.spec) == (True, "info", "SD-JWT VC §5")
    assert "extends 1 other type" in str(check.detail)
    assert verification.verdict == "untrusted"  # no anchor here; info never changes it


def test_a_type_metadata_document_that_fails_its_integrity_leaves_the_card_as_before(
    make_env: Callable[..., Env],
) -> None:
    def tampering(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
        def middleware(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            body = b"".join(app(environ, start_response))
            if environ.get("PATH_INFO") == DIPLOMA_VCT:  # same length, other bytes
                return [body.replace(b"University Diploma", b"Forged Diploma....")]
            return [body]

        return middleware

    env = make_env(DemoConfig(plain_sd_jwt_metadata=True), wrap=tampering)
    stored, _ = env.receive("diploma_sd_jwt")  # the issuance does not fail

    assert stored.status == "issued" and stored.instance_count >= 1
    assert stored.name == "diploma_sd_jwt"  # the configuration id, as without type metadata
    assert stored.card["display"] == []
    assert "Forged" not in repr(stored.card)
    described = env.store.get_credential(stored.id).stored.card["claims_metadata"]
    assert isinstance(described, list) and all("display" not in c for c in described)
    assert env.labels(stored, ("de",))["field_of_study"] == "field_of_study"

    assert env.vct_requests() == [DIPLOMA_VCT]  # the tampered child: extends not followed
    verification = env.verification(stored)
    check = _check(verification)
    assert (check.ok, check.kind, check.spec) == (False, "info", "SD-JWT VC §6")
    assert "does not match its integrity value" in str(check.detail)
    assert verification.verdict == "untrusted" and not verification.must_reject
    assert [n["event"] for n in env.running.issuer.received_notifications()] == [
        "credential_accepted"
    ]


def test_a_urn_vct_names_no_type_metadata_and_nothing_is_fetched(
    make_env: Callable[..., Env],
) -> None:
    env = make_env(DemoConfig(plain_sd_jwt_metadata=True))
    stored, _ = env.receive("pid_sd_jwt")  # vct urn:eudi:pid:1

    assert env.vct_requests() == []
    assert stored.name == "pid_sd_jwt"
    check = _check(env.verification(stored))
    assert (check.ok, check.kind) == (None, "info")
    assert "is not a URL" in str(check.detail)


def test_nothing_is_fetched_when_the_issuer_metadata_has_display_and_labels(
    make_env: Callable[..., Env],
) -> None:
    env = make_env(DemoConfig())
    diploma, _ = env.receive("diploma_sd_jwt")
    pid, _ = env.receive("pid_sd_jwt")

    assert env.vct_requests() == []
    assert diploma.name == "University Diploma" and pid.name == "Personal ID"
    assert env.labels(diploma, ("de",))["field_of_study"] == "Studienfach"
    for stored in (diploma, pid):
        names = [c.name for c in env.verification(stored).checks]
        assert "type_metadata" not in names
