"""PNG screenshots of every screen, in English and German, light and dark, at three screen sizes.

    .venv/bin/python tests/tools/screenshots.py --out screenshots/

Builds real data: a throw-away store, the demo issuer on 127.0.0.1 and real issuances for the
cards. Each language/theme/size runs in a fresh process (``--only-combo en-light --size
1280x720``), so the translator and palette are the ones a user gets at start-up. A screen whose
module does not exist yet is skipped with a note. Output: ``<screen>-<lang>-<theme>-<size>.png``.

Sizes (``--sizes``, default all three): 1280x720, 1440x900 and 1920x1080@2 (1920×1080 at 200 %,
960×540 logical, through ``QT_SCALE_FACTOR=2``), each on Qt's offscreen platform given a screen
of that size (``QT_QPA_PLATFORM=offscreen:configfile=…``). Every window and dialog is fitted to
the screen by ``gui.screen_fit`` as in the app; main windows fill the screen.

``--report FILE`` (with ``--only-combo``) also writes, per screen, each visible top-level
window's frame, the screen's available geometry and how far its content would overflow, and
every user-visible text of the screen's widgets (for tests/gui/test_gui_fit.py and
tests/gui/test_gui_german.py).

The camera screen shows a live webcam when the script runs as root with a C compiler: it builds
the webcam emulated in user space (``tests/support/v4l2cam``), gives it a ``/dev/videoN`` node and
hands it to each pair's process; otherwise it shows the "No camera found" state.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app_shots import AppScreens  # noqa: E402
from shot_kit import module, note, widget_texts  # noqa: E402

COMBOS = [f"{lang}-{theme}" for lang in ("en", "de") for theme in ("light", "dark")]
SIZES = ["1280x720", "1440x900", "1920x1080@2"]


def parse_size(size: str) -> tuple[int, int, int]:
    """``"1920x1080@2"`` -> (1920, 1080, 2): the physical screen and its scale factor."""
    screen, _, scale = size.partition("@")
    width, _, height = screen.partition("x")
    return int(width), int(height), int(scale or 1)


def size_env(size: str, folder: Path) -> dict[str, str]:
    """The environment that gives Qt an offscreen screen of ``size`` (scaled for ``@2``)."""
    import json

    width, height, scale = parse_size(size)
    config = folder / f"screen-{width}x{height}.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "Screen",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    if scale != 1:
        env["QT_SCALE_FACTOR"] = str(scale)
    return env


class Shooter(AppScreens):
    """Builds the data and context once, then grabs screens into ``out`` (the screens: the
    app's in app_shots.py, issue 9's trust screens in trust_shots.py, issue 10's in
    reach_shots.py)."""

    def __init__(
        self, out: Path, lang: str, theme: str, only: set[str], size: str = "", report: bool = False
    ) -> None:
        self.out, self.lang, self.theme, self.only = out, lang, theme, only
        self.size = size
        self.taken: list[str] = []
        #: with ``report``: per screen, its windows (fit) and texts (``--report``)
        self.report: dict[str, dict[str, Any]] | None = {} if report else None

    # --- plumbing ---------------------------------------------------------------------

    def wait(self, ms: int = 200, until: Callable[[], object] | None = None) -> bool:
        """Process events for ``ms`` or until ``until()`` is truthy."""
        from PySide6.QtCore import QCoreApplication, QEventLoop

        deadline = time.monotonic() + ms / 1000
        while time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if until is not None and until():
                return True
            time.sleep(0.01)
        return until is None

    def file_name(self, name: str) -> str:
        """``<name>-<lang>-<theme>[-<size>].png``."""
        size = f"-{self.size}" if self.size else ""
        return f"{name}-{self.lang}-{self.theme}{size}.png"

    def save(self, name: str, widget: Any, picture: Any = None) -> None:
        """Show, settle and grab ``widget`` (or save ``picture``, a pixmap of it) as
        :meth:`file_name`; with a report, record its windows and texts."""
        if picture is None:
            widget.show()
            widget.raise_()
            self.wait(350)
        path = self.out / self.file_name(name)
        if self.report is not None:
            self.report[name] = {"windows": self.windows(), "texts": widget_texts(widget)}
        if not (picture if picture is not None else widget.grab()).save(str(path)):
            note(f"  ! could not save {path}")
        else:
            self.taken.append(path.name)

    def windows(self) -> list[dict[str, Any]]:
        """Each visible top-level window or dialog: class, frame, available area, overflow."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from wallet_app.gui.screen_fit import available_area, overflow

        kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Tool)
        found = []
        for w in QApplication.topLevelWidgets():
            if not w.isVisible() or w.windowType() not in kinds:
                continue
            frame, area, over = w.frameGeometry(), available_area(w), overflow(w)
            found.append(
                {
                    "class": type(w).__name__,
                    "title": w.windowTitle(),
                    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                    "available": [area.x(), area.y(), area.width(), area.height()],
                    "overflow": [over.width(), over.height()],
                }
            )
        return found

    def fill_screen(self, window: Any) -> None:
        """Give ``window`` the whole available screen (a main window as a user sizes it)."""
        from wallet_app.gui.screen_fit import available_area, fit_to_screen

        area = available_area(window)
        window.resize(area.size())
        window.move(area.topLeft())
        fit_to_screen(window)

    def wanted(self, name: str) -> bool:
        """Is screen ``name`` selected (``--only``)?"""
        return not self.only or any(name.startswith(o) for o in self.only)

    def top_level(self, class_name: str, exclude: tuple[Any, ...] = ()) -> Any:
        """The visible top-level widget of class ``class_name`` (newest), else None."""
        from PySide6.QtWidgets import QApplication

        found = [
            w
            for w in QApplication.topLevelWidgets()
            if type(w).__name__ == class_name and w.isVisible() and w not in exclude
        ]
        return found[-1] if found else None

    def close_dialogs(self, keep: Any) -> None:
        """Close every top-level window except ``keep``."""
        from PySide6.QtWidgets import QApplication

        for w in QApplication.topLevelWidgets():
            if w is not keep and w.isVisible():
                w.close()
        self.wait(50)

    # --- data ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def context(self) -> Iterator[Any]:
        """A GuiContext over a throw-away store and a running demo issuer."""
        import httpx

        from wallet_app.compose import make_http_client, wallet_options
        from wallet_app.demo_issuer import DemoConfig, serve
        from wallet_app.gui.context import AppEvents, GuiContext
        from wallet_app.gui.jobs import JobRunner
        from wallet_app.host.secrets import MemorySecretStore
        from wallet_app.settings import Settings
        from wallet_app.wallet.issuance import Wallet
        from wallet_app.wallet.store import CredentialStore

        with tempfile.TemporaryDirectory(prefix="wallet-shots-") as tmp:
            running = serve(DemoConfig())
            settings = Settings(data_dir=Path(tmp), locales=(self.lang, "en"))
            store = CredentialStore.open(Path(tmp), secrets=MemorySecretStore())
            http: httpx.Client = make_http_client(settings)
            wallet = Wallet(store, http, wallet_options(settings))
            jobs = JobRunner()
            ctx = GuiContext(
                wallet=wallet,
                store=store,
                settings=settings,
                jobs=jobs,
                events=AppEvents(),
                open_browser=lambda url: True,  # the browser "opens"; the flow waits
                demo_base_url=running.base_url,
            )
            ctx.extras["demo_issuer"] = running.issuer
            from trust_shots import trust_demo_root

            trust_demo_root(ctx)  # as --demo does: demo cards show "Trusted issuer"
            try:
                yield ctx
            finally:
                jobs.shutdown()
                wallet.close()
                http.close()
                store.close()
                running.stop()

    def issue(self, ctx: Any, configuration_id: str, *, tx: bool = False) -> Any:
        """Receive one real credential from the demo issuer (pre-authorized)."""
        offer = ctx.extras["demo_issuer"].create_offer([configuration_id], tx_code=tx)
        flow = ctx.wallet.new_flow("pre-authorized")
        resolved = ctx.wallet.resolve_offer(offer.uri, flow=flow)
        return ctx.wallet.receive_pre_authorized(resolved, flow=flow, tx_code=offer.tx_code)

    # --- screens ------------------------------------------------------------------------

    def run(self) -> None:
        """Take every screen; a failing screen is reported and skipped."""
        from PySide6.QtWidgets import QMainWindow

        with self.context() as ctx:
            main_window = module("main_window")
            window: Any = None
            if main_window is None:
                note("  - main window: wallet_app/gui/main_window.py does not exist yet")
                window = QMainWindow()
            else:
                window = main_window.MainWindow(ctx)
            window.show()
            self.fill_screen(window)
            if main_window is not None and self.wanted("main-empty"):
                self.guard("main-empty", lambda: self.save("main-empty", window))
            results = [
                self.issue(ctx, "pid_sd_jwt", tx=True),
                self.issue(ctx, "diploma_sd_jwt"),
                self.issue(ctx, "mdl_mdoc"),
            ]
            ctx.extras["demo_issuer"].faults.deferred_pending_polls = 1000
            self.issue(ctx, "pid_sd_jwt")  # stays pending: a deferred card
            ctx.events.credentials_changed.emit()
            self.wait(600)
            steps: list[tuple[str, Callable[[], None]]] = [
                ("main", lambda: self.save("main", window)),
                ("menu", lambda: self.shot_card_menu(window)),
                ("demo", lambda: self.shot_demo(ctx, window)),
                ("add", lambda: self.shot_add(ctx, window)),
                ("camera", lambda: self.shot_camera(ctx, window)),
                ("review", lambda: self.shot_review(ctx, window)),
                ("txcode", lambda: self.shot_tx_code(window)),
                ("flow", lambda: self.shot_flows(ctx, window)),
                ("details", lambda: self.shot_details(ctx, window, results[0])),
                ("explorer", lambda: self.shot_explorer(ctx, window)),
                ("inspector", lambda: self.shot_inspector(ctx, window, results[0])),
                ("history", lambda: self.shot_history(ctx, window, results[0])),
                ("presentation", lambda: self.shot_presentation(ctx, window)),
                ("settings", lambda: self.shot_settings(ctx, window)),
                ("firstrun", lambda: self.shot_first_run(ctx)),
                ("demo-banner", lambda: self.shot_demo_banner(ctx)),
                ("passphrase", lambda: self.shot_passphrase(window)),
                ("trust", lambda: self.shot_trust(ctx, window)),
            ]
            from hardening_shots import STEPS as HARDENING
            from reach_shots import STEPS

            for name, shot in (*STEPS, *HARDENING):
                steps.append((name, lambda shot=shot: shot(self, ctx, window)))
            for name, step in steps:
                if self.wanted(name):
                    self.guard(name, step)
                    self.close_dialogs(window)
            window.close()

    def guard(self, name: str, step: Callable[[], None]) -> None:
        """Run one screen step; report (not raise) a failure."""
        try:
            step()
        except Exception:
            note(f"  ! {name} failed:\n" + traceback.format_exc())


def shoot(out: Path, combo: str, only: set[str], size: str = "", report: Path | None = None) -> int:
    """Take the screens of one language/theme pair in this process (``size`` names the
    screen in the file names; the caller's environment sets it)."""
    import json

    from PySide6.QtWidgets import QApplication

    from wallet_app.gui.i18n import install_translator
    from wallet_app.gui.screen_fit import install_screen_fit
    from wallet_app.gui.theme import apply_theme

    lang, theme = combo.split("-")
    os.environ["WALLET_APP_THEME"] = theme
    QApplication.setApplicationName("wallet-app-screenshots")
    QApplication.setApplicationDisplayName("Wallet")
    app = QApplication([sys.argv[0]])
    install_translator(app, [lang])
    apply_theme(app)
    install_screen_fit(app)
    shooter = Shooter(out, lang, theme, only, size, report=report is not None)
    shooter.run()
    note(f"{combo} {size}: {len(shooter.taken)} screenshots")
    if report is not None:
        screen = app.primaryScreen()
        report.write_text(
            json.dumps(
                {
                    "combo": combo,
                    "size": size,
                    "screen": [screen.size().width(), screen.size().height()],
                    "scale": screen.devicePixelRatio(),
                    "screens": shooter.report,
                },
                indent=1,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    app.processEvents()
    return 0


def main() -> int:
    """Run one process per language/theme pair (or one pair with ``--only-combo``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only-combo", choices=COMBOS)
    parser.add_argument("--combos", default=",".join(COMBOS), help="comma-separated pairs")
    parser.add_argument("--only", default="", help="comma-separated screen name prefixes")
    parser.add_argument(
        "--sizes",
        default=",".join(SIZES),
        help="comma-separated screens, WIDTHxHEIGHT[@SCALE]; empty: the current screen, "
        "no size in the file names",
    )
    parser.add_argument("--size", default="", help="(with --only-combo) the size to name")
    parser.add_argument("--report", type=Path, help="(with --only-combo) write a JSON report")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    only = {o for o in args.only.split(",") if o}
    if args.only_combo:
        return shoot(args.out, args.only_combo, only, args.size, args.report)
    status = 0
    sizes = [s for s in args.sizes.split(",") if s] or [""]
    with emulated_camera() as camera, tempfile.TemporaryDirectory(prefix="screens-") as tmp:
        for size in sizes:
            screen = size_env(size, Path(tmp)) if size else {}
            for combo in args.combos.split(","):
                cmd = [sys.executable, __file__, "--out", str(args.out), "--only-combo", combo]
                cmd += ["--size", size] if size else []
                if args.only:
                    cmd += ["--only", args.only]
                env = {**os.environ, **camera, **screen}
                status |= subprocess.run(cmd, timeout=300, env=env, check=False).returncode
    return status


@contextlib.contextmanager
def emulated_camera() -> Iterator[dict[str, str]]:
    """The environment that shows the pair processes a webcam, or {} (with a note why not)."""
    from tests.support.camera import build_library, camera_env, make_device_node

    if os.geteuid() != 0:
        note("camera: not root, so no /dev/videoN for the emulated webcam")
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="v4l2cam-") as tmp:
        try:
            library = build_library(Path(tmp))
            device = make_device_node()
        except (OSError, RuntimeError) as exc:
            note(f"camera: no emulated webcam ({exc})")
            yield {}
            return
        try:
            log = Path(tmp) / "v4l2cam.log"
            yield camera_env(library, device, log, pixel_format="YUYV", mmap_only=False)
        finally:
            device.unlink(missing_ok=True)


if __name__ == "__main__":
    raise SystemExit(main())
