"""URI-scheme registration on Linux, in a throw-away HOME with the real xdg-utils."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_desktop_assets import appstream_findings

from wallet_app.errors import UsageError, WalletError
from wallet_app.host.desktop_assets import APP_ID, icon_files, metainfo_file
from wallet_app.host.uri_scheme import (
    DESKTOP_ID,
    SCHEMES,
    desktop_entry,
    is_default_handler,
    launch_command,
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
    assert not (xdg_home / "config").exists()  # the Debian 13 case: xdg-mime must not lose one
    assert is_default_handler() is False
    message = register_handler()
    assert is_default_handler() is True
    desktop = xdg_home / "data" / "applications" / DESKTOP_ID
    assert str(desktop) in message
    text = desktop.read_text(encoding="utf-8")
    assert f"Exec={sys.executable} -m wallet_app %u" in text
    assert "NoDisplay=false" in text
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True)
        assert (done.returncode, done.stdout + done.stderr) == (0, b"")
    installed = _installed_assets(xdg_home)
    assert len(installed) == len(icon_files()) + 1
    for target, source in installed.items():
        assert target.read_bytes() == source.read_bytes(), target
    if shutil.which("appstreamcli"):
        assert appstream_findings(xdg_home / "data" / "metainfo" / f"{APP_ID}.metainfo.xml") == []
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
    assert not any(target.exists() for target in installed)
    assert DESKTOP_ID not in (xdg_home / "config" / "mimeapps.list").read_text(encoding="utf-8")
    answer = subprocess.run(
        ["xdg-mime", "query", "default", "x-scheme-handler/openid-credential-offer"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert answer.stdout.strip() == ""
    assert is_default_handler() is False
    assert "nothing to remove" in unregister_handler()


def _installed_assets(xdg_home: Path) -> dict[Path, Path]:
    """Where register puts each icon and the metainfo (icon theme and AppStream specs)."""
    data = xdg_home / "data"
    out = {data / "icons" / "hicolor" / rel: src for rel, src in icon_files().items()}
    out[data / "metainfo" / f"{APP_ID}.metainfo.xml"] = metainfo_file()
    assert {p.relative_to(data).as_posix() for p in out} >= {
        "icons/hicolor/16x16/apps/io.github.walletapp.png",
        "icons/hicolor/512x512/apps/io.github.walletapp.png",
        "icons/hicolor/scalable/apps/io.github.walletapp.svg",
        "metainfo/io.github.walletapp.metainfo.xml",
    }
    return out


def test_an_existing_icon_cache_is_refreshed(xdg_home: Path) -> None:
    _needs("xdg-mime")
    tool = _needs("gtk-update-icon-cache")
    hicolor = xdg_home / "data" / "icons" / "hicolor"
    other = hicolor / "48x48" / "apps" / "other-app.png"  # another user-installed app's icon
    other.parent.mkdir(parents=True)
    shutil.copyfile(icon_files()[f"48x48/apps/{APP_ID}.png"], other)
    subprocess.run([tool, "--ignore-theme-index", "--quiet", str(hicolor)], check=True)
    assert b"other-app" in (hicolor / "icon-theme.cache").read_bytes()
    assert APP_ID.encode() not in (hicolor / "icon-theme.cache").read_bytes()
    register_handler()
    assert APP_ID.encode() in (hicolor / "icon-theme.cache").read_bytes()
    unregister_handler()
    assert APP_ID.encode() not in (hicolor / "icon-theme.cache").read_bytes()


def test_another_default_for_one_scheme_is_not_the_handler(xdg_home: Path) -> None:
    _needs("xdg-mime")
    register_handler()
    _other_handler(xdg_home, "haip")
    assert is_default_handler() is False
    unregister_handler()


def _other_handler(xdg_home: Path, scheme: str) -> None:
    """Another application, made the default for ``scheme`` with the real xdg-mime."""
    apps = xdg_home / "data" / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    # xdg-utils 1.2.1 skips an entry whose Exec program it cannot find: give a real one
    (apps / "other.desktop").write_text(
        f"[Desktop Entry]\nType=Application\nName=Other\nExec={shutil.which('true')} %u\n"
        f"MimeType=x-scheme-handler/{scheme};\n",
        encoding="utf-8",
    )
    (xdg_home / "config").mkdir(exist_ok=True)
    subprocess.run(
        ["xdg-mime", "default", "other.desktop", f"x-scheme-handler/{scheme}"],
        check=True,
        capture_output=True,
    )


def _buggy_xdg_mime(xdg_home: Path) -> Path:
    """A FAKE xdg-mime, named as such: the real one, except that ``default`` drops its first
    MIME type, as xdg-utils 1.2.1 does when ``$XDG_CONFIG_HOME`` is missing."""
    real = _needs("xdg-mime")
    bin_dir = xdg_home / "fake-bin"
    bin_dir.mkdir()
    fake = bin_dir / "xdg-mime"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = default ]; then app=$2; shift 3; exec '
        f'{real} default "$app" "$@"; fi\n'
        f'exec {real} "$@"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    return bin_dir


def test_register_fails_clearly_when_the_desktop_loses_a_scheme(
    xdg_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # another wallet was the default; the lost first type leaves it there
    _other_handler(xdg_home, "openid-credential-offer")
    bin_dir = _buggy_xdg_mime(xdg_home)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(WalletError) as info:
        register_handler()
    assert info.value.code == "register_not_taken"
    assert info.value.user_message == (
        "The desktop did not accept Wallet as the handler for openid-credential-offer: links."
    )
    assert info.value.detail == "x-scheme-handler/openid-credential-offer: other.desktop"
    assert is_default_handler() is False


def test_launch_command_for_a_venv_a_bundle_and_an_appimage(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("APPIMAGE", raising=False)
    assert launch_command() == [os.path.abspath(sys.executable), "-m", "wallet_app"]
    bundle = tmp_path / "wallet-app" / "wallet-app"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle))
    assert launch_command() == [str(bundle)]
    monkeypatch.setenv("APPIMAGE", str(tmp_path / "Wallet-x86_64.AppImage"))
    assert launch_command() == [str(tmp_path / "Wallet-x86_64.AppImage")]
    assert "Exec=" + str(tmp_path / "Wallet-x86_64.AppImage") + " %u" in desktop_entry(
        launch_command()
    )


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
    assert is_default_handler() is None


def test_macos_defers_to_the_app_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")  # Windows: test_uri_scheme_windows.py
    with pytest.raises(UsageError, match="On macOS") as info:
        register_handler()
    assert info.value.code == "unsupported_platform"
    with pytest.raises(UsageError, match="On macOS"):
        unregister_handler()
    assert is_default_handler() is None
