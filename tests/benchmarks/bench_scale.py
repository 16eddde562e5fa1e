"""Scale benchmark (issue 11): 10 vs 10,000 real credentials, side by side, in one run.

    .venv/bin/python tests/benchmarks/bench_scale.py [--counts 10 10000] [--runs 5] [--no-gui]

For each count it builds a data directory: one real issuance of each of ``pid_sd_jwt``
(SD-JWT VC) and ``mdl_mdoc`` (mdoc) from the in-process demo issuer gives the templates (display
snapshot, verification, notification state, protocol trace); then ``count`` credentials,
alternating the two, each with its own freshly minted instances (the demo issuer's minting
code, as many instances as the real issuance gave), are added with the store's own
``add_credentials`` in transactions of 1,000 (with the facts the receive path hands over;
the rate when the store computes them itself is printed beside), and one history row with the
template's trace per credential. The store's key goes to a test keyring file
(``tests.support.file_keyring``), so no Secret Service is needed.

Printed per count:

- ``list --json`` wall time: ``python -m wallet_app list --json`` in a new process on that data
  directory (median of ``--runs``), its CPU and its peak RSS (``ru_maxrss`` of that child,
  started by a small process of its own);
- add rate: credentials per second of the timed ``add_credentials`` calls;
- store bytes per credential: the database file (after the close's checkpoint) ÷ count, with
  the share of each table (``dbstat``);
- the GUI measures of ``tests/benchmarks/scale_gui.py`` (helper G) when it exists, else "n/a".

Targets: list --json ≤ +0.3 s over 10 and ≤ 120 MB at 10,000; add ≥ 1,000/s; ≤ 8 KiB per
credential; GUI cards painted at 10,000 ≤ 1.3× the time at 10, longest freeze ≤ 50 ms, peak RSS
≤ 150 MB.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wallet_app.demo_issuer import DemoConfig, DemoIssuer  # noqa: E402
from wallet_app.demo_issuer.issuing import mint  # noqa: E402
from wallet_app.host.secrets import DEFAULT_SERVICE, MemorySecretStore  # noqa: E402
from wallet_app.wallet.issuance import Wallet  # noqa: E402
from wallet_app.wallet.records import FlowRecord, received_sentence  # noqa: E402
from wallet_app.wallet.store import CredentialStore, NewCredential, NewInstance  # noqa: E402
from wallet_app.wallet.store_cards import facts_json  # noqa: E402
from wallet_app.wallet.vault import DB_NAME, keyring_secret_name  # noqa: E402

KEYRING_BACKEND = "tests.support.file_keyring.FileKeyring"
CONFIGURATIONS = ("pid_sd_jwt", "mdl_mdoc")
BATCH = 1_000
FACTS_SAMPLE = 500


def cli_env(data_dir: Path) -> dict[str, str]:
    """The environment in which ``wallet-app`` opens ``data_dir`` with the test keyring."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WALLET_APP_")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(
        WALLET_APP_DATA_DIR=str(data_dir),
        WALLET_APP_CONFIG_DIR=str(data_dir / "config"),
        WALLET_APP_INSTANCE=f"bench-scale-{os.getpid()}-{data_dir.name}",
        WALLET_APP_LANG="en",
        PYTHON_KEYRING_BACKEND=KEYRING_BACKEND,
        TEST_KEYRING_FILE=str(data_dir / "keyring.json"),
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


class Templates:
    """What one real issuance of each configuration stored, to be repeated with new instances."""

    def __init__(self, issuer: DemoIssuer, store: CredentialStore) -> None:
        self.issuer = issuer
        self.items: list[tuple[NewCredential, list[dict[str, object]], list[dict[str, object]]]]
        self.items = []
        http = httpx.Client(transport=httpx.WSGITransport(app=issuer))
        with Wallet(store, http) as wallet:
            for configuration in CONFIGURATIONS:
                offer = issuer.create_offer([configuration])
                flow = wallet.new_flow("pre-authorized_code")
                resolved = wallet.resolve_offer(offer.uri, flow=flow)
                result = wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)
                wallet.wait_for_notifications(10)
                [stored] = result.credentials
                record = store.get_credential(stored.id)
                item = NewCredential(
                    credential_configuration_id=record.stored.credential_configuration_id,
                    format=record.stored.format,
                    issuer=record.stored.issuer,
                    name=record.stored.name,
                    card=record.stored.card,
                    instances=tuple(
                        NewInstance(i.credential, i.holder_private_jwk) for i in record.instances
                    ),
                    notification=record.notification,
                    verification=record.verification,
                )
                history = next(h for h in store.list_history() if h.outcome == "issued")
                trace = [dict(e) for e in store.get_trace(history.flow_id)]
                keys = [
                    {k: v for k, v in (i.holder_private_jwk or {}).items() if k != "d"}
                    for i in record.instances
                ]
                self.items.append((item, trace, keys))
        http.close()

    def fresh(self, n: int) -> tuple[NewCredential, FlowRecord]:
        """The ``n``-th credential: the template's snapshot with newly minted instances."""
        item, trace, keys = self.items[n % len(self.items)]
        state = self.issuer._state  # the demo issuer's own minting, as its endpoint does
        instances = tuple(
            NewInstance(mint(state, item.credential_configuration_id, key), holder)
            for key, holder in zip(
                keys, [i.holder_private_jwk for i in item.instances], strict=True
            )
        )
        flow = FlowRecord(
            flow_id=uuid.uuid4().hex,
            kind="pre-authorized_code",
            issuer=item.issuer,
            outcome="issued",
            summary=received_sentence(item.name, len(instances)),
            exchanges=trace,
        )
        return NewCredential(
            credential_configuration_id=item.credential_configuration_id,
            format=item.format,
            issuer=item.issuer,
            name=item.name,
            card=item.card,
            instances=instances,
            notification=item.notification,
            verification=item.verification,
            # what the receive path hands over from its one decode (interface 3)
            facts=facts_json(item.format, instances[0].credential),
        ), flow


def build(data_dir: Path, count: int) -> dict[str, object]:
    """Fill a new ``data_dir`` with ``count`` credentials; returns add rate and mint time."""
    data_dir.mkdir(parents=True)
    secrets = MemorySecretStore()
    issuer = DemoIssuer("https://issuer.test", config=DemoConfig())
    with tempfile.TemporaryDirectory() as scratch:
        scratch_store = CredentialStore.open(Path(scratch), secrets=MemorySecretStore())
        templates = Templates(issuer, scratch_store)
        scratch_store.close()
    t0 = time.perf_counter()
    made = [templates.fresh(n) for n in range(count)]
    mint_s = time.perf_counter() - t0
    # the rate when the store decodes each credential for its facts itself (no receive path)
    with tempfile.TemporaryDirectory() as scratch:
        sample = [replace(item, facts=None) for item, _ in made[:FACTS_SAMPLE]]
        other = CredentialStore.open(Path(scratch), secrets=MemorySecretStore())
        t0 = time.perf_counter()
        other.add_credentials(sample)
        facts_rate = len(sample) / (time.perf_counter() - t0)
        other.close()
    store = CredentialStore.open(data_dir, secrets=secrets)
    add_s = add_cpu = 0.0
    for start in range(0, count, BATCH):
        batch = [item for item, _ in made[start : start + BATCH]]
        t0, c0 = time.perf_counter(), time.process_time()
        store.add_credentials(batch)
        add_s += time.perf_counter() - t0
        add_cpu += time.process_time() - c0
    # one history row per credential, as each came from its own flow (not part of the rate)
    for start in range(0, count, BATCH):
        with store._write() as conn:
            for _, flow in made[start : start + BATCH]:
                store._insert_flow(conn, flow)
    name = keyring_secret_name(store.store_id)
    store.close()
    key = secrets.get_secret(name)
    (data_dir / "keyring.json").write_text(json.dumps({f"{DEFAULT_SERVICE}\x00{name}": key}))
    return {
        "add_rate": count / add_s,
        "add_cpu_rate": count / add_cpu,
        "facts_rate": facts_rate,
        "mint_s": mint_s,
    }


def store_size(data_dir: Path, count: int) -> tuple[float, dict[str, float]]:
    """Bytes per credential of the database file, and KiB per credential of each table."""
    path = data_dir / DB_NAME
    beside = sum(p.stat().st_size for p in data_dir.glob(DB_NAME + "-*") if p.is_file())
    size = path.stat().st_size + beside
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    finally:
        conn.close()
    tables: dict[str, float] = {}
    for name, pages in rows:
        table = str(name).split("_by_")[0].removeprefix("sqlite_autoindex_").split("_")[0]
        tables[table] = tables.get(table, 0.0) + pages / 1024 / count
    if beside:  # a WAL the close did not truncate (counted in the size above)
        tables["(-wal, -shm files)"] = beside / 1024 / count
    return size / count, tables


#: run by a small fresh process, so the measured child's ``ru_maxrss`` is its own: a child
#: forked straight from this (large) process would count the memory it shared before exec
_MEASURE = r"""
import json, os, subprocess, sys, time
t0 = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    proc = subprocess.Popen(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - t0
err = proc.stderr.read().decode(errors="replace")
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_mb": usage.ru_maxrss / 1024, "code": os.waitstatus_to_exitcode(status),
                  "stderr": err}))
"""


def list_json(env: dict[str, str], runs: int) -> tuple[float, float, float, int]:
    """Median wall seconds, median CPU seconds and the largest peak RSS (MB) of
    ``wallet-app list --json``; the number of credentials it printed."""
    walls: list[float] = []
    cpus: list[float] = []
    rss: list[float] = []
    printed = 0
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "list.json"
        command = [sys.executable, "-m", "wallet_app", "list", "--json"]
        for _ in range(runs):
            measured = subprocess.run(
                [sys.executable, "-c", _MEASURE, str(output), *command],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(measured.stdout)
            if result["code"] != 0:
                raise RuntimeError(f"wallet-app list --json failed: {result['stderr']}")
            walls.append(result["wall"])
            cpus.append(result["cpu"])
            rss.append(result["rss_mb"])
            printed = len(json.loads(output.read_text()))
    return statistics.median(walls), statistics.median(cpus), max(rss), printed


def _gui_module() -> ModuleType | None:
    path = ROOT / "tests" / "benchmarks" / "scale_gui.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("scale_gui", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module if hasattr(module, "measure_gui") else None


def main() -> int:
    """Build the stores, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI measures")
    parser.add_argument("--keep", type=Path, help="build the data directories here (kept)")
    args = parser.parse_args()
    gui = None if args.no_gui else _gui_module()
    results: dict[int, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="wallet-scale-") as tmp:
        base = args.keep or Path(tmp)
        for count in args.counts:
            data_dir = base / f"store-{count}"
            built = build(data_dir, count)
            per_credential, tables = store_size(data_dir, count)
            env = cli_env(data_dir)
            wall, cpu, rss, printed = list_json(env, args.runs)
            if printed != count:
                raise RuntimeError(f"list --json printed {printed} of {count} credentials")
            row: dict[str, object] = {
                **built,
                "list_s": wall,
                "list_cpu_s": cpu,
                "list_rss_mb": rss,
                "bytes": per_credential,
                "tables": tables,
            }
            if gui is not None:
                try:
                    row["gui"] = gui.measure_gui(data_dir, env)
                except Exception as exc:  # the GUI side is someone else's; report, go on
                    row["gui_error"] = f"{type(exc).__name__}: {exc}"
            results[count] = row
    _print(results)
    return 0


def _print(results: dict[int, dict[str, object]]) -> None:
    counts = list(results)
    first = results[counts[0]]

    def line(label: str, cells: list[str], target: str = "") -> None:
        sys.stdout.write(f"{label:<34}" + "".join(f"{c:>18}" for c in cells) + f"   {target}\n")

    line("measure", [f"{c:,}" for c in counts], "target")
    line(
        "wallet-app list --json (wall)",
        [
            f"{float(results[c]['list_s']):.2f} s"  # type: ignore[arg-type]
            + (
                ""
                if c == counts[0]
                else f" (+{float(results[c]['list_s']) - float(first['list_s']):.2f})"  # type: ignore[arg-type]
            )
            for c in counts
        ],
        "≤ +0.30 s over 10",
    )
    line(
        "  its CPU (user + system)",
        [
            f"{float(results[c]['list_cpu_s']):.2f} s"  # type: ignore[arg-type]
            + (
                ""
                if c == counts[0]
                else f" (+{float(results[c]['list_cpu_s']) - float(first['list_cpu_s']):.2f})"  # type: ignore[arg-type]
            )
            for c in counts
        ],
        "(wall depends on the machine's load; the load average is printed below)",
    )
    line(
        "  its peak RSS",
        [f"{float(results[c]['list_rss_mb']):.0f} MB" for c in counts],  # type: ignore[arg-type]
        "≤ 120 MB at 10,000",
    )
    line(
        "add rate (add_credentials)",
        [f"{float(results[c]['add_rate']):,.0f}/s" for c in counts],  # type: ignore[arg-type]
        "≥ 1,000/s",
    )
    line(
        "  by CPU time of the adds",
        [f"{float(results[c]['add_cpu_rate']):,.0f}/s" for c in counts],  # type: ignore[arg-type]
    )
    line(
        "  store decodes for facts itself",
        [f"{float(results[c]['facts_rate']):,.0f}/s" for c in counts],  # type: ignore[arg-type]
        f"(first {FACTS_SAMPLE}; the receive path hands facts over)",
    )
    line(
        "store per credential",
        [f"{float(results[c]['bytes']) / 1024:.1f} KiB" for c in counts],  # type: ignore[arg-type]
        "≤ 8 KiB (at 10,000)",
    )
    for table in ("instances", "flows", "credentials", "verifications", "displays"):
        line(
            f"  {table}",
            [f"{results[c]['tables'].get(table, 0.0):.2f} KiB" for c in counts],  # type: ignore[attr-defined]
        )
    gui_keys = (
        ("cards_painted_s", "GUI cards painted", "{:.2f} s", "10,000 ≤ 1.3× 10"),
        ("longest_freeze_ms", "GUI longest UI freeze", "{:.0f} ms", "≤ 50 ms"),
        ("peak_rss_mb", "GUI peak RSS", "{:.0f} MB", "≤ 150 MB"),
    )
    for key, label, fmt, target in gui_keys:
        cells = []
        for c in counts:
            measured = results[c].get("gui")
            if isinstance(measured, dict) and key in measured:
                cells.append(fmt.format(measured[key]))
            else:
                cells.append("n/a")
        line(label, cells, target)
    for c in counts:
        if "gui_error" in results[c]:
            sys.stdout.write(f"GUI at {c:,}: {results[c]['gui_error']}\n")
    sys.stdout.write(
        "(minting took "
        + ", ".join(f"{float(results[c]['mint_s']):.1f} s" for c in counts)  # type: ignore[arg-type]
        + "; not part of the add rate)\n"
    )
    sys.stdout.write(
        f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
