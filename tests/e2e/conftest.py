"""End-to-end fixtures: the demo issuer on 127.0.0.1 and the real CLI in subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.secret_scan import flow_secrets, scan
from wallet_app.demo_issuer import DemoConfig, RunningIssuer, serve

REPO = Path(__file__).resolve().parents[2]
TRANSCRIPT = "cli-transcript.txt"
SCRIPTED_BROWSER = REPO / "tests" / "tools" / "scripted_browser.py"


@dataclass
class CliResult:
    """A finished ``wallet-app`` process."""

    returncode: int
    stdout: str
    stderr: str

    def json(self) -> object:
        return json.loads(self.stdout)


@dataclass
class WalletEnv:
    """The environment of one test wallet: data dir, keyring file, channel name, browser."""

    env: dict[str, str]
    data_dir: Path
    browser_log: Path

    def run(
        self,
        *args: str,
        timeout: float = 90,
        extra: dict[str, str] | None = None,
        stdin: str | None = None,
    ) -> CliResult:
        env = dict(self.env)
        env.update(extra or {})
        proc = subprocess.run(
            [sys.executable, "-m", "wallet_app", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin if stdin is not None else "",
        )
        # what the person asked to see (show --raw prints the credential) is no leak
        self.record("" if "--raw" in args else proc.stdout, proc.stderr)
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    @property
    def transcript(self) -> Path:
        """Everything the CLI printed in this wallet (the secret scan reads it)."""
        return self.data_dir.parent / TRANSCRIPT

    def record(self, stdout: str | bytes, stderr: str | bytes) -> None:
        """Add a CLI process's output to :attr:`transcript`."""
        with self.transcript.open("ab") as out:
            for text in (stdout, stderr):
                out.write(text if isinstance(text, bytes) else text.encode("utf-8", "replace"))
                out.write(b"\n")

    def run_ok(self, *args: str, **kw: object) -> CliResult:
        result = self.run(*args, **kw)  # type: ignore[arg-type]
        assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr}"
        return result


@pytest.fixture
def wallet_env(tmp_path: Path) -> WalletEnv:
    """A private wallet: own data dir, file-backed test keyring, own single-instance channel."""
    return make_wallet_env(tmp_path)


def make_wallet_env(tmp_path: Path) -> WalletEnv:
    """The environment of :func:`wallet_env` under ``tmp_path`` (data, config and log dirs,
    keyring file, runtime dir): for tests that run several wallets side by side."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    data = tmp_path / "data"
    log = tmp_path / "browser.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WALLET_APP_", "BROWSER"))}
    env.update(
        {
            "PYTHONPATH": str(REPO),
            "WALLET_APP_DATA_DIR": str(data),
            "WALLET_APP_CONFIG_DIR": str(tmp_path / "config"),
            "WALLET_APP_LOG_DIR": str(tmp_path / "log"),
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            "TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
            "WALLET_APP_INSTANCE": f"wallet-test-{uuid.uuid4().hex[:10]}",
            "XDG_RUNTIME_DIR": str(runtime),
            "WALLET_APP_LANG": "en",
            "BROWSER": f"{sys.executable} {SCRIPTED_BROWSER} %s",
            "SCRIPTED_BROWSER_LOG": str(log),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return WalletEnv(env=env, data_dir=data, browser_log=log)


class DemoIssuers:
    """``demo(DemoConfig(...), ssl_context=...)`` starts a demo issuer; all are kept in
    ``running`` (stopped after the test; their state feeds the secret scan)."""

    def __init__(self) -> None:
        self.running: list[RunningIssuer] = []

    def __call__(self, config: DemoConfig | None = None, **kw: object) -> RunningIssuer:
        issuer = serve(config or DemoConfig(), **kw)  # type: ignore[arg-type]
        self.running.append(issuer)
        return issuer


@pytest.fixture
def demo() -> Iterator[Callable[..., RunningIssuer]]:
    """Start demo issuers on 127.0.0.1 (``demo(DemoConfig(...), ssl_context=...)``)."""
    issuers = DemoIssuers()
    yield issuers
    for issuer in issuers.running:
        issuer.stop()


@pytest.fixture(autouse=True)
def _secret_scan(
    request: pytest.FixtureRequest, tmp_path: Path, demo: DemoIssuers
) -> Iterator[None]:
    """After every end-to-end test: no secret of its flows (tokens, codes, tx_codes, PKCE
    verifiers, credentials, private keys) in any file a wallet of the test wrote (data, config
    and log dirs) nor in anything the CLI printed. See tests/e2e/secret_scan.py."""
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        return  # the test failed already; its own failure is the one to read
    secrets: dict[str, str] = {}
    for issuer in demo.running:
        secrets.update(flow_secrets(issuer.issuer._state))
    files: list[Path] = []
    outputs: dict[str, str] = {}
    for runtime in tmp_path.rglob("run"):  # one per wallet made by make_wallet_env
        home = runtime.parent
        for name in ("data", "config", "log"):
            files += [p for p in (home / name).rglob("*") if p.is_file()]
        if (home / TRANSCRIPT).is_file():
            outputs[str(home / TRANSCRIPT)] = (home / TRANSCRIPT).read_text("utf-8", "replace")
    leaks = scan(secrets, files, outputs)
    if leaks:
        pytest.fail("secrets unencrypted after the flow:\n" + "\n".join(leaks), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Keeps each phase's report on the item (``rep_call``) for the secret scan."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
