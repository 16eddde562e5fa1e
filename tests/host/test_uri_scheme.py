"""URI-scheme registration on Linux, in a throw-away HOME with the real xdg-utils."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wallet_app.errors import UsageError
from wallet_app.host.uri_scheme import (
    DESKTOP_ID,
    SCHEMES,
    desktop_entry,
    register_handler,
    unregister_handler,
)

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop only")


@pytest.fixture
def xdg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private HOME with XDG dirs; generic (no desktop environment) xdg-utils mode."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)
    monkeypatch.delenv("KDE_FULL_SESSION", raising=False)
    monkeypatch.delenv("GNOME_DESKTOP_SESSION_ID", raising=False)
    return home


def _needs(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (.ci/setup installs xdg-utils, desktop-file-utils)")
    return path


def test_entry_quotes_exec_arguments_per_spec() -> None:
    text = desktop_entry(["/opt/my wallet/python", "-m", "wallet_app", "50%"])
    [line] = [x for x in text.splitlines() if x.startswith("Exec=")]
    assert line == 'Exec="/opt/my wallet/python" -m wallet_app 50%% %u'
    weird = desktop_entry(['/x/a"b$c'])
    assert 'Exec="/x/a\\\\"b\\\\$c" %u' in weird
    mime = next(x for x in text.splitlines() if x.startswith("MimeType="))
    assert mime == (
        "MimeType=x-scheme-handler/openid-credential-offer;x-scheme-handler/haip-vci;"
        "x-scheme-handler/haip;x-scheme-handler/io.github.walletapp;"
    )


def test_shipped_template_is_valid_and_current() -> None:
    shipped = REPO / "packaging" / "linux" / DESKTOP_ID
    assert shipped.read_text(encoding="utf-8") == desktop_entry(["wallet-app"])
    validate = _needs("desktop-file-validate")
    done = subprocess.run([validate, str(shipped)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_register_query_and_unregister(xdg_home: Path) -> None:
    _needs("xdg-mime")
    message = register_handler()
    desktop = xdg_home / "data" / "applications" / DESKTOP_ID
    assert str(desktop) in message
    text = desktop.read_text(encoding="utf-8")
    assert f"Exec={sys.executable} -m wallet_app %u" in text
    assert "NoDisplay=false" in text
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    if shutil.which("update-desktop-database"):
        cache = (desktop.parent / "mimeinfo.cache").read_text(encoding="utf-8")
        assert f"x-scheme-handler/openid-credential-offer={DESKTOP_ID};" in cache
    mimeapps = (xdg_home / "config" / "mimeapps.list").read_text(encoding="utf-8")
    for scheme in SCHEMES:
        assert f"x-scheme-handler/{scheme}={DESKTOP_ID}" in mimeapps
    for scheme in ("openid-credential-offer", "io.github.walletapp"):
        answer = subprocess.run(
            ["xdg-mime", "query", "default", f"x-scheme-handler/{scheme}"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert answer.stdout.strip() == DESKTOP_ID

    assert unregister_handler() == "Wallet no longer opens offer and sign-in links."
    assert not desktop.exists()
    assert DESKTOP_ID not in (xdg_home / "config" / "mimeapps.list").read_text(encoding="utf-8")
    answer = subprocess.run(
        ["xdg-mime", "query", "default", "x-scheme-handler/openid-credential-offer"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert answer.stdout.strip() == ""
    assert "nothing to remove" in unregister_handler()


def test_unregister_keeps_other_handlers(xdg_home: Path) -> None:
    config = xdg_home / "config"
    config.mkdir()
    (config / "mimeapps.list").write_text(
        "[Default Applications]\n"
        f"x-scheme-handler/openid-credential-offer=other.desktop;{DESKTOP_ID};\n"
        f"x-scheme-handler/haip-vci={DESKTOP_ID}\n"
        "text/html=firefox.desktop\n",
        encoding="utf-8",
    )
    assert "no longer" in unregister_handler()
    assert (config / "mimeapps.list").read_text(encoding="utf-8") == (
        "[Default Applications]\n"
        "x-scheme-handler/openid-credential-offer=other.desktop;\n"
        "text/html=firefox.desktop\n"
    )


def test_missing_xdg_mime_is_a_clear_error(xdg_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(xdg_home / "empty"))
    with pytest.raises(UsageError, match="xdg-utils"):
        register_handler(["/usr/bin/wallet-app"])
    assert not (xdg_home / "data" / "applications" / DESKTOP_ID).exists()


def test_other_platforms_defer_to_the_installer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(UsageError, match="installer") as info:
        register_handler()
    assert info.value.code == "unsupported_platform"
    with pytest.raises(UsageError, match="installer"):
        unregister_handler()
