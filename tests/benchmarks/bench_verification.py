"""Verification benchmark: what checking a credential adds to a zero-latency issuance.

The demo issuer on 127.0.0.1 (real HTTP, no injected latency) issues from a chain of three
(Demo Root CA → Demo Issuing CA → Demo Issuer) and its root is the wallet's trust anchor, so
every credential is *trusted*. Per credential (SD-JWT VC ``pid_sd_jwt``, mdoc ``mdl_mdoc``),
in the same run, side by side:

  issuance      median ms of a whole pre-authorized issuance, metadata cached, stored
                (the verification the wallet does on receipt included)
  verification  median ms of verifying the stored credential, every instance, as on
                receipt (chain to the anchor, signature, digests, holder binding, validity,
                status from the cached status list)
  per instance  verification ÷ the number of instances (batch copies) issued
  adds          verification ÷ (issuance − verification): what it adds; target ≤ 10 %
  status fetch  median ms of the same verification with the status list fetched anew
                (once per list and ttl in real use)

Usage:  .venv/bin/python tests/benchmarks/bench_verification.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_issuance import BenchEnv, bench_env
from wallet_app.oid4vci.http import HttpSession
from wallet_app.trust.anchors import TrustAnchor, read_certificates
from wallet_app.wallet.issuance import Wallet, WalletOptions
from wallet_app.wallet.resolve import MetadataCache
from wallet_app.wallet.store import NewInstance
from wallet_app.wallet.verifying import CredentialVerifier

KINDS = (("pid_sd_jwt", "SD-JWT VC (dc+sd-jwt)"), ("mdl_mdoc", "mdoc (mso_mdoc)"))
TARGET = 0.10


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure(env: BenchEnv, configuration: str, runs: int) -> dict[str, list[float]]:
    """Seconds per issuance, per verification (cached status) and per verification with the
    status list fetched anew, ``runs`` times each, interleaved."""
    results: dict[str, list[float]] = {"issuance": [], "verification": [], "fetch": []}
    issuer = env.issuer
    with Wallet(env.store, env.http, WalletOptions(locales=("en",)), cache=MetadataCache()) as w:
        verifier = CredentialVerifier(env.store, HttpSession(env.http))

        def issue() -> tuple[str, float]:
            offer = issuer.create_offer([configuration])
            t0 = time.perf_counter()
            flow = w.new_flow("bench")
            result = w.receive_pre_authorized(
                w.resolve_offer(offer.uri, flow=flow), flow=flow, tx_code=offer.tx_code
            )
            elapsed = time.perf_counter() - t0
            # the status check runs after the store, off the critical path: let it end so it
            # does not compete with the verification measured next (2 cores, one GIL)
            w.wait_for_notifications(10)
            [stored] = result.credentials
            return stored.id, elapsed

        for _ in range(2):  # warm-up: connections, imports, metadata cache, status list cache
            issue()
        for _ in range(runs):
            credential_id, elapsed = issue()
            results["issuance"].append(elapsed)
            record = env.store.get_credential(credential_id)
            instances = [NewInstance(i.credential, i.holder_private_jwk) for i in record.instances]
            fmt = record.stored.format
            t0 = time.perf_counter()
            verification = verifier.verify_instances(fmt, instances)
            results["verification"].append(time.perf_counter() - t0)
            if verification.verdict != "trusted":
                raise SystemExit(f"{configuration}: verdict {verification.verdict}, not trusted")
            env.store.forget_status_lists()
            t0 = time.perf_counter()
            verifier.verify_instances(fmt, instances)
            results["fetch"].append(time.perf_counter() - t0)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    rows: list[tuple[str, ...]] = []
    missed = False
    with bench_env() as env:
        env.store.add_anchors(_demo_anchor(env), source="demo")
        for configuration, label in KINDS:
            samples = measure(env, configuration, args.runs)
            issuance = _median_ms(samples["issuance"])
            verification = _median_ms(samples["verification"])
            ratio = verification / max(issuance - verification, 1e-9)
            missed |= ratio > TARGET
            count = env.store.list_credentials()[0].instance_count
            rows.append(
                (
                    f"{label}, {count} instances, chain of 3",
                    f"{issuance:7.1f}",
                    f"{verification:6.2f}",
                    f"{verification / count:6.2f}",
                    f"{ratio * 100:5.1f} %",
                    "ok" if ratio <= TARGET else "MISSED",
                    f"{_median_ms(samples['fetch']):6.2f}",
                )
            )
    print(f"Verification benchmark: zero latency, {args.runs} runs each, medians")
    header = (
        "credential",
        "issuance ms",
        "verify ms",
        "per instance",
        "adds",
        "≤ 10 %",
        "with status fetch ms",
    )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    if missed:
        print("Target missed: verification adds more than 10 % to a zero-latency issuance.")
    return 0


def _demo_anchor(env: BenchEnv) -> list[TrustAnchor]:
    pem = env.issuer.root_certificate_pem()
    return [TrustAnchor.from_certificate(c) for c in read_certificates(pem)]


if __name__ == "__main__":
    sys.exit(main())
