"""Smoke test of the Linux tarball as a user meets it: no Python, a real keyring, a desktop.

Run by ``.ci/bundle`` (under Xvfb, in a D-Bus session with an unlocked GNOME Keyring) with
``WALLET_APP_BUNDLE_TARBALL`` set. The tarball is unpacked and ``install.sh`` installs it into
a throw-away HOME; every command then runs the installed bundle with a PATH that holds no
Python and no virtual environment. The tests run in order, like a user's session: install,
commands, the demo, the window, a link from the OS, a browser sign-in whose redirect comes
back through the OS (driven by the keyboard with xdotool), uninstall.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from x11_windows import XWindow, list_windows

from wallet_app import __version__
from wallet_app.demo_issuer import serve
from wallet_app.settings import REDIRECT_SCHEME
from wallet_app.uris import OFFER_SCHEMES

pytestmark = [pytest.mark.bundle, pytest.mark.allow_hosts(["127.0.0.1"])]

REPO = Path(__file__).resolve().parents[2]
SCRIPTED_BROWSER = REPO / "tests" / "tools" / "scripted_browser.py"
TARBALL_ENV = "WALLET_APP_BUNDLE_TARBALL"  # as in conftest.py
APP_ID = "io.github.walletapp"
DESKTOP_ID = f"{APP_ID}.desktop"


@dataclass
class Installed:
    """The bundle installed by install.sh into a private HOME."""

    home: Path
    prefix: Path
    exe: Path
    env: dict[str, str]
    unpacked: Path

    def run(
        self, *args: str, timeout: float = 90, **extra: str
    ) -> subprocess.CompletedProcess[str]:
        """Run the installed ``wallet-app`` with ``args``; never raises on a non-zero exit."""
        return subprocess.run(
            [str(self.exe), *args],
            env={**self.env, **extra},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=self.home,
        )


def _path_without_python(bin_dir: Path) -> str:
    """A PATH with the system's commands but no python* and no virtual environment."""
    bin_dir.mkdir()
    for system in ("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"):
        if not os.path.isdir(system):
            continue
        for entry in os.scandir(system):
            target = bin_dir / entry.name
            if "python" in entry.name or target.exists() or target.is_symlink():
                continue
            target.symlink_to(entry.path)
    path = str(bin_dir)
    assert shutil.which("python3", path=path) is None
    return path


def _tree_digest(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """Unpack the tarball and run install.sh in a fresh HOME (menu entry, links, icons)."""
    tarball = Path(os.environ[TARBALL_ENV]).resolve()
    base = tmp_path_factory.mktemp("bundle")
    home = base / "home"
    home.mkdir()
    (base / "unpacked").mkdir()
    # as a user would unpack it (Debian 12's Python 3.11.2 has no tarfile extraction filter)
    subprocess.run(["tar", "-xzf", str(tarball), "-C", str(base / "unpacked")], check=True)
    [unpacked] = (base / "unpacked").iterdir()
    assert unpacked.name == tarball.name.removesuffix(".tar.gz")
    runtime = Path(f"/tmp/wa-b-{uuid.uuid4().hex[:8]}")  # short: AF_UNIX paths are limited
    runtime.mkdir(mode=0o700)
    tmpdir = base / "tmp"
    tmpdir.mkdir()
    env = {
        "HOME": str(home),
        "USER": os.environ.get("USER", "root"),
        "LANG": "C.UTF-8",
        "PATH": _path_without_python(base / "bin"),
        "TMPDIR": str(tmpdir),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "WALLET_APP_INSTANCE": f"wallet-bundle-{uuid.uuid4().hex[:10]}",
        "QT_LOGGING_RULES": "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false",
    }
    for key in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY"):
        if os.environ.get(key):
            env[key] = os.environ[key]
    done = subprocess.run(
        [str(unpacked / "install.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=home,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    prefix = home / ".local" / "opt" / "wallet-app"
    yield Installed(home, prefix, prefix / "wallet-app", env, unpacked)
    shutil.rmtree(runtime, ignore_errors=True)


def _desktop_exec(installed: Installed) -> list[str]:
    entry = Path(installed.env["XDG_DATA_HOME"]) / "applications" / DESKTOP_ID
    lines = entry.read_text(encoding="utf-8").splitlines()
    [exec_line] = [line for line in lines if line.startswith("Exec=")]
    return shlex.split(exec_line.removeprefix("Exec="))


def test_install_registers_the_bundle_as_the_link_handler(installed: Installed) -> None:
    link = installed.home / ".local" / "bin" / "wallet-app"
    assert link.is_symlink() and link.resolve() == installed.exe.resolve()
    command = _desktop_exec(installed)
    assert command == [str(installed.exe), "%u"]
    data = Path(installed.env["XDG_DATA_HOME"])
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for scheme in (*OFFER_SCHEMES, REDIRECT_SCHEME):
        query = subprocess.run(
            ["xdg-mime", "query", "default", f"x-scheme-handler/{scheme}"],
            env=installed.env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert query.stdout.strip() == DESKTOP_ID, (scheme, query.stdout, query.stderr)
    # the handler command runs this bundle (the link would come where %u stands)
    done = subprocess.run(
        [command[0], "--version"], env=installed.env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == f"wallet-app {__version__}", done.stderr


def test_commands_run_without_python(installed: Installed) -> None:
    version = installed.run("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"wallet-app {__version__}")
    helped = installed.run("--help")
    assert helped.returncode == 0 and helped.stdout.startswith("usage: wallet-app"), helped.stderr
    listed = installed.run("list")
    assert listed.returncode == 0, listed.stderr


def test_demo_headless_stores_credentials_that_list_shows(installed: Installed) -> None:
    demo = installed.run("--demo", "--headless", "--json")
    assert demo.returncode == 0, demo.stderr
    received = json.loads(demo.stdout)
    # False: the bundle found the Secret Service (keyring backends and their entry points)
    assert received["throwaway_store"] is False, demo.stderr
    assert len(received["credentials"]) == 2
    listed = installed.run("list", "--json")
    assert listed.returncode == 0, listed.stderr
    stored = json.loads(listed.stdout)
    assert isinstance(stored, list) and len(stored) == 2, stored
    text = installed.run("list")
    assert text.returncode == 0 and text.stdout.strip(), text.stderr


def test_the_window_paints(installed: Installed) -> None:
    """First paint ("Opening your wallet…") and the main window with the unlocked store."""
    from wallet_app.gui.startup import PROBE_ENV

    done = installed.run(timeout=120, **{PROBE_ENV: "1", "QT_QPA_PLATFORM": "xcb"})
    marks = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    assert done.returncode == 0, done.stderr[-3000:]
    assert marks == ["PAINTED", "READY"], done.stdout + done.stderr[-3000:]


def _wait_for(predicate: object, timeout: float, what: str, proc: subprocess.Popen[str]) -> None:
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None:
            raise AssertionError(f"the bundle exited ({proc.returncode}) while waiting for {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _windows_of(pid: int, title: str) -> list[XWindow]:
    """The windows of process ``pid`` whose title starts with ``title`` (Qt may append the
    application's display name)."""
    return [
        w for w in list_windows(os.environ["DISPLAY"]) if w.pid == pid and w.title.startswith(title)
    ]


def _start_window(installed: Installed, env: dict[str, str], log: Path) -> subprocess.Popen[str]:
    """The installed bundle's window (a real X client under Xvfb), its output into ``log``."""
    with log.open("w") as out:
        return subprocess.Popen(
            [str(installed.exe)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=installed.home,
        )


def _stop_window(gui: subprocess.Popen[str]) -> None:
    gui.send_signal(signal.SIGTERM)
    try:
        gui.wait(timeout=15)
    except subprocess.TimeoutExpired:
        gui.kill()
        gui.wait(timeout=15)


def _xdg_open(installed: Installed, uri: str) -> None:
    """Hand ``uri`` to the desktop, as a browser does with a link of a scheme it cannot open."""
    opened = subprocess.run(
        ["xdg-open", uri],
        env=installed.env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert opened.returncode == 0, opened.stdout + opened.stderr


def test_an_offer_link_through_xdg_open_reaches_the_running_window(
    installed: Installed, tmp_path: Path, qapp: QApplication
) -> None:
    """xdg-open → the .desktop handler → a second bundle process → the running window, which
    opens the offer's review (a window of the running process). A link's offer asks before any
    network request, so the issuer has seen nothing yet."""
    issuer = serve()
    log = tmp_path / "gui.log"
    gui = _start_window(installed, {**installed.env, "QT_QPA_PLATFORM": "xcb"}, log)
    try:
        _wait_for(lambda: bool(_windows_of(gui.pid, "Wallet")), 60, "the main window", gui)
        assert _windows_of(gui.pid, "Credential offer") == []
        offer = issuer.issuer.create_offer(["pid_sd_jwt"], by_reference=True)
        _xdg_open(installed, offer.uri)
        try:
            _wait_for(lambda: bool(_windows_of(gui.pid, "Credential offer")), 30, "the review", gui)
        except AssertionError as exc:
            seen = [(w.title, w.pid) for w in list_windows(os.environ["DISPLAY"])]
            raise AssertionError(f"{exc}; windows: {seen} (bundle pid {gui.pid})") from None
        assert issuer.issuer.received_requests() == []
        shots = os.environ.get("WALLET_APP_BUNDLE_SHOTS")
        if shots:  # a picture of the screen, to look at
            # without a window manager the raised main window covers its review dialog
            time.sleep(1.5)
            qapp.primaryScreen().grabWindow(0).save(str(Path(shots) / "bundle-window.png"))
        # a redirect nobody waits for: the handler forwards it and the running window refuses
        refused = installed.run(f"{REDIRECT_SCHEME}:/callback?code=c&state=unknown")
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert gui.poll() is None, log.read_text()
    finally:
        _stop_window(gui)
        issuer.stop()


def _xdotool(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run xdotool on the test's X display (XTEST key events go to the focused window)."""
    done = subprocess.run(
        ["xdotool", *args],
        env=os.environ,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0 or not check, (args, done.stdout, done.stderr)
    return done


def _press(window: XWindow, *keys: str) -> None:
    """Give ``window`` the keyboard focus (there is no window manager to do it), check that
    it has it, then press ``keys`` one after the other, as a person at the keyboard would."""
    deadline = time.monotonic() + 15
    while True:
        # fails (BadMatch) until the window is mapped: its title is set before that
        _xdotool("windowfocus", str(window.window), check=False)
        focused = _xdotool("getwindowfocus").stdout.strip()
        if focused == str(window.window):
            break
        assert time.monotonic() < deadline, f"the focus stays on {focused}, not on {window}"
        time.sleep(0.1)
    for key in keys:
        _xdotool("key", "--clearmodifiers", key)
        time.sleep(0.2)  # each key is handled before the next one (focus moves on Tab)


def _height(window: XWindow) -> int:
    shell = _xdotool("getwindowgeometry", "--shell", str(window.window)).stdout
    return int(dict(line.split("=", 1) for line in shell.split())["HEIGHT"])


def _stored_ids(installed: Installed) -> list[str]:
    listed = installed.run("list", "--json")
    assert listed.returncode == 0, listed.stderr
    return [c["credential_configuration_id"] for c in json.loads(listed.stdout)]


def test_a_redirect_through_xdg_open_completes_a_sign_in_in_the_running_window(
    installed: Installed, tmp_path: Path, qapp: QApplication
) -> None:
    """The whole way of a browser sign-in, driven by the keyboard: an offer link through
    xdg-open opens the review in the running window; Return (Continue, the default) then Tab
    Tab Space (back to Accept, which ignores the first moments for a link) start the issuance,
    which opens $BROWSER, a scripted browser that signs in at the demo issuer and hands the
    redirect to xdg-open: the .desktop handler → a second bundle process → the single-instance
    channel → the running window, which finishes the flow and stores the credential."""
    issuer = serve()
    browser_log = tmp_path / "browser.log"
    env = {
        **installed.env,
        "QT_QPA_PLATFORM": "xcb",
        # the bundle's PATH has no Python: the repo's interpreter by its absolute path
        "BROWSER": f"{shlex.quote(sys.executable)} {shlex.quote(str(SCRIPTED_BROWSER))} %s",
        "SCRIPTED_BROWSER_WALLET": "xdg-open",  # the redirect goes the OS way
        "SCRIPTED_BROWSER_LOG": str(browser_log),
    }
    before = _stored_ids(installed)
    log = tmp_path / "gui.log"
    gui = _start_window(installed, env, log)

    def trail() -> str:
        browser = browser_log.read_text() if browser_log.exists() else "(no browser log)\n"
        seen = [(w.title, w.pid) for w in list_windows(os.environ["DISPLAY"])]
        return f"browser:\n{browser}windows: {seen}\nwallet:\n{log.read_text()[-3000:]}"

    try:
        _wait_for(lambda: bool(_windows_of(gui.pid, "Wallet")), 60, "the main window", gui)
        offer = issuer.issuer.create_offer(
            ["diploma_sd_jwt"], grant="authorization_code", by_reference=True
        )
        _xdg_open(installed, offer.uri)
        _wait_for(lambda: bool(_windows_of(gui.pid, "Credential offer")), 30, "the review", gui)
        [review] = _windows_of(gui.pid, "Credential offer")
        assert issuer.issuer.received_requests() == []  # the host is shown before any request
        host_page_height = _height(review)
        # the host page: Continue is the default button
        _press(review, "Return")

        def review_page_shown() -> bool:
            assert _windows_of(gui.pid, "Credential offer"), "Return closed the offer review"
            # the dialog takes the review page's height (OfferReviewDialog sizes to its page)
            return _height(review) != host_page_height

        _wait_for(review_page_shown, 30, "the review page", gui)
        # a link's Accept ignores presses for its first moments (LINK_ACCEPT_DELAY)
        time.sleep(1.0)
        # focus starts on Accept; Tab: Advanced, Tab: Decline, Tab: Accept, Space presses it
        _press(review, "Tab", "Tab", "Tab", "space")
        _wait_for(
            lambda: "wallet exited" in (browser_log.read_text() if browser_log.exists() else ""),
            60,
            "the scripted browser to hand over the redirect",
            gui,
        )
        _wait_for(
            lambda: any(r.path == "/credential" for r in issuer.issuer.received_requests()),
            30,
            "the credential request",
            gui,
        )
        browser = browser_log.read_text()
        assert "hand redirect (io.github.walletapp:) to xdg-open" in browser, trail()
        paths = [r.path for r in issuer.issuer.received_requests()]
        assert "/token" in paths and "/credential" in paths, paths
        token = next(r for r in issuer.issuer.received_requests() if r.path == "/token")
        assert token.body is not None and token.body["grant_type"] == "authorization_code"
        assert token.body["redirect_uri"] == f"{REDIRECT_SCHEME}:/callback"
        # stored where the bundle's own `list` finds it (the store is shared with the window)
        _wait_for(
            lambda: len(_stored_ids(installed)) == len(before) + 1, 30, "the new credential", gui
        )
        assert sorted(_stored_ids(installed)) == sorted([*before, "diploma_sd_jwt"])
        shots = os.environ.get("WALLET_APP_BUNDLE_SHOTS")
        if shots:  # the window after the flow, to look at
            time.sleep(1.5)
            qapp.primaryScreen().grabWindow(0).save(str(Path(shots) / "bundle-redirect.png"))
        # the flow is over: a redirect nobody waits for is still refused by the running window
        refused = installed.run(f"{REDIRECT_SCHEME}:/callback?code=c&state=unknown")
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert gui.poll() is None, trail()
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n{trail()}") from None
    finally:
        _stop_window(gui)
        issuer.stop()


def test_uninstall_removes_it_and_the_bundle_wrote_nothing_into_itself(
    installed: Installed,
) -> None:
    # the installed folder is exactly the unpacked bundle (plus uninstall.sh): nothing written
    bundle_files = _tree_digest(installed.unpacked / "wallet-app")
    installed_files = _tree_digest(installed.prefix)
    installed_files.pop("uninstall.sh")
    assert installed_files == bundle_files
    assert list(Path(installed.env["TMPDIR"]).iterdir()) == []
    done = subprocess.run(
        [str(installed.prefix / "uninstall.sh")],
        env=installed.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not installed.prefix.exists()
    assert not (installed.home / ".local" / "bin" / "wallet-app").is_symlink()
    data = Path(installed.env["XDG_DATA_HOME"])
    assert not (data / "applications" / DESKTOP_ID).exists()
    assert not (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    query = subprocess.run(
        ["xdg-mime", "query", "default", "x-scheme-handler/openid-credential-offer"],
        env=installed.env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert query.stdout.strip() != DESKTOP_ID
