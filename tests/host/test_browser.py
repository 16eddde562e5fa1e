"""open_in_browser: $BROWSER is honoured, failures are reported, only the host is logged.

webbrowser reads $BROWSER once per process, so each check runs in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import webbrowser
from pathlib import Path

import pytest

from wallet_app.host.browser import open_in_browser

ROOT = Path(__file__).resolve().parents[2]
URL = "https://issuer.example/authorize?client_id=wallet-app&request_uri=urn%3Aabc&state=s3cr3t"

RUNNER = """
import logging, sys
logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format="%(levelname)s %(message)s")
from wallet_app.host.browser import open_in_browser
sys.exit(0 if open_in_browser(sys.argv[1]) else 3)
"""


def fake_browser(tmp_path: Path, exit_code: int = 0) -> tuple[Path, Path]:
    """A 'browser' executable that records its arguments as JSON."""
    record = tmp_path / "argv.json"
    script = tmp_path / "fake-browser"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"open({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n"
        f"sys.exit({exit_code})\n"
    )
    script.chmod(0o755)
    return script, record


def run_open(tmp_path: Path, browser: str, url: str = URL) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "empty-path"
    empty.mkdir(exist_ok=True)
    # No display and an empty PATH: $BROWSER is the only browser webbrowser can find.
    env = {
        "BROWSER": browser,
        "PATH": str(empty),
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-c", RUNNER, url],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )


def test_browser_env_gets_the_url_and_only_the_host_is_logged(tmp_path: Path) -> None:
    script, record = fake_browser(tmp_path)
    result = run_open(tmp_path, str(script))
    assert result.returncode == 0, result.stderr
    assert json.loads(record.read_text()) == [URL]
    assert "issuer.example" in result.stderr
    assert "s3cr3t" not in result.stderr
    assert "request_uri" not in result.stderr


def test_failing_browser_returns_false(tmp_path: Path) -> None:
    script, record = fake_browser(tmp_path, exit_code=1)
    result = run_open(tmp_path, str(script))
    assert result.returncode == 3
    assert json.loads(record.read_text()) == [URL]
    assert "s3cr3t" not in result.stderr


def test_no_browser_returns_false(tmp_path: Path) -> None:
    result = run_open(tmp_path, str(tmp_path / "does-not-exist"))
    assert result.returncode == 3
    assert "s3cr3t" not in result.stderr


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "javascript:alert(1)", "-remote-option", "io.github.walletapp:/x"],
)
def test_non_web_urls_are_refused_without_starting_anything(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_run(url: str) -> bool:
        raise AssertionError("webbrowser must not be called")

    monkeypatch.setattr(webbrowser, "open_new_tab", must_not_run)
    assert open_in_browser(url) is False


def test_webbrowser_error_returns_false(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(url: str) -> bool:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "open_new_tab", broken)
    assert open_in_browser(URL) is False
