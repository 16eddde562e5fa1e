"""macOS hands a clicked link to the running app as an event, not as a new process.

For a URL whose scheme the app bundle declares (``CFBundleURLTypes`` in
``packaging/macos/Info.plist``), macOS starts the app if needed and then sends it a
``QFileOpenEvent``; the launching link arrives that way too, right after start, before the
main window exists. :class:`FileOpenFilter` takes those events off the ``QApplication`` and
hands our schemes' URLs to the same callback as links forwarded by another wallet process
(``UriBridge.on_uris``: offers are reviewed, a redirect needs a waiting flow, and links that
come before the window is ready wait for it). Anything else (a file dropped on the Dock icon, a
URL of another scheme) is ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QUrl, Signal
from PySide6.QtGui import QFileOpenEvent

__all__ = ["FileOpenFilter", "install_file_open_filter"]

log = logging.getLogger(__name__)

OnUris = Callable[[tuple[str, ...]], tuple[bool, "str | None"]]


def _our_schemes() -> frozenset[str]:
    from wallet_app.settings import REDIRECT_SCHEME
    from wallet_app.uris import OFFER_SCHEMES

    return frozenset((*OFFER_SCHEMES, REDIRECT_SCHEME))


class FileOpenFilter(QObject):
    """Event filter for the QApplication: routes ``QEvent.Type.FileOpen`` URLs to ``on_uris``.

    ``refused(message)`` fires when ``on_uris`` turns a link down (e.g. a redirect that no
    flow waits for); there is no second process to show that, so it is logged here.
    """

    refused = Signal(str)

    def __init__(self, on_uris: OnUris, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_uris = on_uris
        # resolved on the first FileOpen event: wallet_app.uris loads the protocol core
        # (~16 ms), and the filter is installed before the first paint
        self._schemes: frozenset[str] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Consume FileOpen events with our schemes; let every other event through."""
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        url = event.url()
        if self._schemes is None:
            self._schemes = _our_schemes()
        if url.scheme().lower() not in self._schemes:
            log.info("Ignored a request to open a %s URL", url.scheme() or "local")
            return False
        # fully encoded: a percent-encoded '&' or '=' inside a parameter must stay encoded
        uri = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        accepted, message = self._on_uris((uri,))
        if not accepted:
            log.warning("Refused a link from the system: %s", message or "not accepted")
            self.refused.emit(message or "")
        return True


def install_file_open_filter(app: QObject, on_uris: OnUris) -> FileOpenFilter:
    """Install a :class:`FileOpenFilter` on ``app`` (kept alive as its child); return it."""
    file_open = FileOpenFilter(on_uris, app)
    app.installEventFilter(file_open)
    return file_open
