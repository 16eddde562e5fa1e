"""Open a URL in the user's browser (RFC 8252 §8.12: an external user-agent, never a web view).

Built on Python's :mod:`webbrowser`, which honours ``$BROWSER`` under every Qt platform
(``QDesktopServices.openUrl`` ignores it offscreen; platform notes §8), so tests can put a
scripted browser in its place.
"""

from __future__ import annotations

import logging
import webbrowser
from urllib.parse import urlsplit

__all__ = ["open_in_browser"]

log = logging.getLogger(__name__)


def open_in_browser(url: str) -> bool:
    """Open ``url`` (http or https only) in a new browser tab; False if no browser could start.

    Never raises. Only the host is logged: the URL can carry ``request_uri`` or ``state``.
    A ``$BROWSER`` command is waited for (``webbrowser`` semantics), so call this off the GUI
    thread.
    """
    parts = urlsplit(url)
    host = parts.hostname or "?"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        log.warning("Refused to open a non-web address in the browser (scheme %r)", parts.scheme)
        return False
    try:
        opened = webbrowser.open_new_tab(url)
    except (webbrowser.Error, OSError) as exc:
        log.warning("Could not start a browser for %s: %s", host, exc.__class__.__name__)
        return False
    if opened:
        log.info("Opened the browser at %s", host)
    else:
        log.warning("No browser could be started for %s", host)
    return opened
