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

from wallet_app.demo_issuer import DemoConfig, RunningIssuer, serve

REPO = Path(__file__).resolve().parents[2]
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
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    def run_ok(self, *args: str, **kw: object) -> CliResult:
        result = self.run(*args, **kw)  # type: ignore[arg-type]
        assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr}"
        return result


@pytest.fixture
def wallet_env(tmp_path: Path) -> WalletEnv:
    """A private wallet: own data dir, file-backed test keyring, own single-instance channel."""
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


@pytest.fixture
def demo() -> Iterator[Callable[..., RunningIssuer]]:
    """Start demo issuers on 127.0.0.1 (``demo(DemoConfig(...), ssl_context=...)``)."""
    running: list[RunningIssuer] = []

    def start(config: DemoConfig | None = None, **kw: object) -> RunningIssuer:
        issuer = serve(config or DemoConfig(), **kw)  # type: ignore[arg-type]
        running.append(issuer)
        return issuer

    yield start
    for issuer in running:
        issuer.stop()
