"""The real entry point: `wallet-app` (and `--demo`) opens a window, unlocks the store, shows
the main window, and quits cleanly (the start-up probe quits once the main window painted)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(
    tmp_path: Path, *args: str, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(REPO),
            "WALLET_APP_DATA_DIR": str(tmp_path / "data"),
            "WALLET_APP_CONFIG_DIR": str(tmp_path / "config"),
            "WALLET_APP_INSTANCE": f"startup-{uuid.uuid4().hex[:8]}",
            "XDG_RUNTIME_DIR": str(runtime),
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            "TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
            "WALLET_APP_STARTUP_PROBE": "1",
            "WALLET_APP_LOG_DIR": str(tmp_path / "logs"),
        }
    )
    env.update(extra or {})
    return subprocess.run(
        [sys.executable, "-m", "wallet_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )


def _marks(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines() if line.split()]


def test_plain_start_paints_a_window_then_the_wallet(tmp_path: Path) -> None:
    done = _run(tmp_path)
    assert done.returncode == 0, done.stderr
    assert _marks(done.stdout) == ["PAINTED", "READY"]
    assert (tmp_path / "data" / "wallet.sqlite3").exists()
    log = tmp_path / "logs" / "wallet-app.log"  # the desktop app's log file, private
    assert "created a new wallet store" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_demo_start_runs_the_demo_issuer(tmp_path: Path) -> None:
    done = _run(tmp_path, "--demo")
    assert done.returncode == 0, done.stderr
    assert _marks(done.stdout) == ["PAINTED", "READY"]


@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring"])
def test_no_keyring_is_a_clear_message_not_a_crash(tmp_path: Path, backend: str) -> None:
    # a wallet kept in the keyring exists (a new one would be offered a passphrase instead:
    # tests/gui/test_gui_passphrase_setup.py); the error dialog would block offscreen, so the
    # test only checks that the process does not die with a traceback before the message
    assert _run(tmp_path).returncode == 0
    done = _run(
        tmp_path,
        extra={
            "PYTHON_KEYRING_BACKEND": backend,
            "WALLET_APP_STARTUP_PROBE": "1",
            "WALLET_APP_FATAL_NO_DIALOG": "1",
        },
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "keyring" in done.stderr.lower()


def test_passphrase_from_the_environment_opens_the_wallet(tmp_path: Path) -> None:
    from wallet_app.wallet.store import CredentialStore

    CredentialStore.open(tmp_path / "data", passphrase="s3cret words").close()
    done = _run(tmp_path, extra={"WALLET_APP_PASSPHRASE": "s3cret words"})
    assert done.returncode == 0, done.stderr
    assert _marks(done.stdout) == ["PAINTED", "READY"]
    assert "s3cret" not in done.stdout + done.stderr
