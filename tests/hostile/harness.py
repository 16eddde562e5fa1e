"""Run one hostile case: a hostile issuer on 127.0.0.1, the real CLI in a subprocess with its
own data directory and test keyring, then ``list --json``. Measures wall time and the child's
peak RSS (``VmHWM``, see ``launch.py``), and checks the output for terminal control bytes,
tracebacks and internal errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trustme

from tests.support.hostile_issuer import Hook, HostileIssuer, Seen
from tests.support.tls_origin import TLS_NAMES
from wallet_app.demo_issuer import DemoConfig, DemoFaults

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).with_name("launch.py")
#: seconds per HTTP request the wallet is given in every case (``--timeout``)
TIMEOUT = 2.0
#: control characters a terminal acts on, and the bidi overrides/embeddings
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")
#: a log record as the wallet's handler formats it ("WARNING wallet_app.x: ..."): none without -v
LOG_RECORD = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+: ", re.MULTILINE)
FAILURE_MARKS = ("Traceback", "internal_error", "Something went wrong inside the wallet")


@dataclass(frozen=True)
class Case:
    """One hostile behaviour and what the wallet must do about it.

    ``says``: the output (stdout + stderr, case-insensitive) contains at least one of these.
    ``stored``: entries ``list --json`` shows afterwards, ``deferred`` of them still to be
    issued (a refused case stores nothing, not even a half-issued deferred credential).
    ``seconds`` / ``mb``: bounds of the receive's wall time and peak RSS. ``then``: more CLI
    commands run after the receive (``{id}`` is the first stored credential's id); their
    output is checked like the receive's. ``check``: a last look at the outcome (requests the
    issuer saw, …).
    """

    id: str
    category: str
    hooks: Mapping[str, Hook] = field(default_factory=dict)
    exit: int = 1
    says: tuple[str, ...] = ()
    stored: int = 0
    deferred: int = 0
    configs: tuple[str, ...] = ("pid_sd_jwt",)
    config: DemoConfig | None = None
    faults: Callable[[], DemoFaults] | None = None
    args: tuple[str, ...] = ()
    seconds: float = 12.0
    mb: float = 200.0
    tls: bool = False
    plain_twin: bool = False
    by_reference: bool = False
    then: tuple[tuple[str, ...], ...] = ()
    #: characters the command under test may print in all (noise is bounded too)
    max_output: int = 10_000
    #: the exit code of every ``then`` command (None: not checked)
    then_exit: int | None = 0
    #: the command under test: ``{offer}`` is the offer link, ``{issuer}`` the issuer URL
    command: tuple[str, ...] = ("receive", "{offer}")
    check: Callable[[Outcome], None] | None = None
    #: work done before the wallet starts (so it is not counted in the wallet's time)
    prepare: Callable[[], object] | None = None
    xfail: str | None = None


@dataclass
class Run:
    """One finished CLI process."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float
    #: both streams were valid UTF-8 (what could not be decoded shows as \x escapes)
    utf8: bool = True

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


@dataclass
class Outcome:
    """What a case produced."""

    receive: Run
    then: list[Run]
    #: ``list --json`` right after the command under test
    list_run: Run
    listed: list[dict[str, Any]]
    deferred: list[dict[str, Any]]
    seen: list[Seen]
    base_url: str
    twin_port: int | None
    hook_errors: list[str]
    #: wall seconds of ``list --json`` right after: how slow the machine is just now
    load_seconds: float

    def requests(self, endpoint: str) -> int:
        return len(self.seen_at(endpoint))

    def seen_at(self, endpoint: str) -> list[Seen]:
        return [s for s in self.seen if s.endpoint == endpoint]


def wallet_env(root: Path) -> dict[str, str]:
    """The environment of a private test wallet under ``root``. Raises nothing."""
    runtime = root / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WALLET_APP_", "BROWSER"))}
    env.update(
        {
            "PYTHONPATH": str(REPO),
            "WALLET_APP_DATA_DIR": str(root / "data"),
            "WALLET_APP_CONFIG_DIR": str(root / "config"),
            "WALLET_APP_LOG_DIR": str(root / "log"),
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            "TEST_KEYRING_FILE": str(root / "keyring.json"),
            "WALLET_APP_INSTANCE": f"wallet-hostile-{uuid.uuid4().hex[:10]}",
            "XDG_RUNTIME_DIR": str(runtime),
            "WALLET_APP_LANG": "en",
            "BROWSER": "true",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def _peak_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(found[0]) if found else 0


def run_cli(args: Sequence[str], env: Mapping[str, str], limit: float = 60.0) -> Run:
    """Run ``wallet-app args`` through ``launch.py``; kill it after ``limit`` seconds. Its
    peak RSS: what the launcher reports at exit, else the highest ``VmHWM`` seen while it
    ran. Raises nothing."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        rss_file = Path(scratch, "rss")
        out_path, err_path = Path(scratch, "out"), Path(scratch, "err")
        with out_path.open("wb") as out, err_path.open("wb") as err:
            proc = subprocess.Popen(
                [sys.executable, str(LAUNCHER), *args],
                env={**env, "HOSTILE_RSS_FILE": str(rss_file)},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )
            peak = 0
            while proc.poll() is None:
                peak = max(peak, _peak_kb(proc.pid))
                if time.monotonic() - started > limit:
                    proc.kill()
                    proc.wait()
                    break
                time.sleep(0.02)
        seconds = time.monotonic() - started
        if rss_file.exists():
            peak = max(peak, int(rss_file.read_text() or 0))
        raw_out, raw_err = out_path.read_bytes(), err_path.read_bytes()
    stdout = raw_out.decode("utf-8", "backslashreplace")
    stderr = raw_err.decode("utf-8", "backslashreplace")
    utf8 = stdout.encode() == raw_out and stderr.encode() == raw_err
    return Run(tuple(args), proc.returncode, stdout, stderr, seconds, peak / 1024, utf8)


def _tls(root: Path) -> tuple[Any, Path]:
    import ssl

    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*TLS_NAMES).configure_cert(context)
    pem = root / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    return context, pem


def run_case(case: Case, root: Path) -> Outcome:
    """Serve the case's hostile issuer and run the wallet against it. Raises nothing the
    wallet causes (its failures are in the outcome)."""
    root.mkdir(parents=True, exist_ok=True)
    if case.prepare is not None:
        case.prepare()
    env = wallet_env(root)
    extra: list[str] = ["--timeout", str(TIMEOUT)]
    context = None
    if case.tls:
        context, pem = _tls(root)
        extra += ["--ca-file", str(pem)]
    faults = case.faults() if case.faults is not None else None
    issuer = HostileIssuer(
        case.hooks,
        config=case.config,
        faults=faults,
        ssl_context=context,
        plain_twin=case.plain_twin,
    )
    try:
        offer = issuer.offer(case.configs, by_reference=case.by_reference)
        command = [part.format(offer=offer.uri, issuer=issuer.base_url) for part in case.command]
        receive = run_cli([*command, *extra, *case.args], env, case.seconds + 20)
        listed_run = run_cli(["list", "--json"], env)
        try:
            listed = json.loads(listed_run.stdout)
        except ValueError:
            listed = [{"unreadable list": listed_run.text}]
        deferred = [item for item in listed if item.get("status") == "deferred"]
        then: list[Run] = []
        first = listed[0].get("id", "") if listed else ""
        for command in case.then:
            then.append(run_cli([part.format(id=first) for part in command], env))
        return Outcome(
            receive,
            then,
            listed_run,
            listed,
            deferred,
            issuer.seen(),
            issuer.base_url,
            issuer.twin_port,
            issuer.errors(),
            listed_run.seconds,
        )
    finally:
        issuer.stop()


def assert_outcome(case: Case, outcome: Outcome) -> None:
    """Every check the issue asks of a hostile case."""
    run = outcome.receive
    assert not outcome.hook_errors, f"the case itself is broken: {outcome.hook_errors}"
    shown = f"case {case.id}: exit {run.code}\n--- stdout\n{run.stdout[:3000]}\n--- stderr\n"
    shown += run.stderr[:3000]
    for other in (run, outcome.list_run, *outcome.then):
        seen = f"{' '.join(other.args[:1])} (exit {other.code}):\n{other.text[:3000]}\n{shown}"
        for mark in FAILURE_MARKS:
            assert mark not in other.text, f"{mark} in the output of {seen}"
        control = CONTROL.search(other.text)
        assert control is None, f"control byte {control.group()!r} in the output of {seen}"
        assert other.utf8, f"output that is not UTF-8 from {seen}"
        if "-v" not in other.args:
            record = LOG_RECORD.search(other.text)
            assert record is None, f"a log record without -v ({record.group()!r}) from {seen}"
        if other is not run and case.then_exit is not None:
            assert other.code == case.then_exit, f"exit {other.code} of {seen}"
    assert run.code == case.exit, shown
    size = len(run.text)
    assert size <= case.max_output, f"{size} characters of output > {case.max_output}\n{shown}"
    if case.says:
        text = run.text.lower()
        assert any(s.lower() in text for s in case.says), f"none of {case.says}\n{shown}"
    # on a loaded machine every process is slower: the bound grows by three times what a
    # plain ``list`` took just then (about 0.5 s on an idle machine)
    allowed = case.seconds + 3 * outcome.load_seconds
    assert run.seconds <= allowed, f"took {run.seconds:.1f} s > {allowed:.1f} s\n{shown}"
    assert run.max_rss_mb <= case.mb, f"peak RSS {run.max_rss_mb:.0f} MB > {case.mb}\n{shown}"
    assert len(outcome.listed) == case.stored, f"stored {outcome.listed}\n{shown}"
    assert len(outcome.deferred) == case.deferred, f"deferred {outcome.deferred}\n{shown}"
    if case.stored == 0:  # nothing kept: the issuer must not hear that it was
        told = [json.loads(s.body or b"{}").get("event") for s in outcome.seen_at("notification")]
        assert "credential_accepted" not in told, f"notifications {told}\n{shown}"
    if case.check is not None:
        case.check(outcome)
