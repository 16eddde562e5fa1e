"""What every screen gets: the use cases, the store, settings, jobs and typed app events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from wallet_app.frozen import frozen
from wallet_app.gui.jobs import JobRunner
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

__all__ = ["AppEvents", "GuiContext", "LinkHandler"]


class AppEvents(QObject):
    """Application-wide typed signals (no string-keyed bus)."""

    #: the stored credentials changed (added, deleted, deferred completed)
    credentials_changed = Signal()
    #: an offer arrived from outside (OS link, paste, scan, demo): (text, source)
    offer_received = Signal(str, str)
    #: an OAuth redirect arrived from outside (OS link, loopback, pasted)
    redirect_received = Signal(str)
    #: a flow finished and left a trace: flow_id
    flow_recorded = Signal(str)
    #: show a transient message in the status bar
    status_message = Signal(str)
    #: select, scroll to and briefly highlight this stored credential in the main window
    #: (a flow's *Done*, a notification clicked): credential_id
    show_credential = Signal(str)
    #: tell the user something happened while the window may be in the background (a deferred
    #: credential arrived, a flow finished): (title, body); the main window shows it as a
    #: desktop notification when it is not the active window, else in the status bar
    notify = Signal(str, str)


@frozen
class LinkHandler:
    """The OS calls behind "open credential offer links with Wallet" (``host.uri_scheme``).

    Each may spawn desktop tools, so the GUI calls them in a job. ``gui.app`` passes the real
    ones to a desktop run; tests pass fakes of the OS (and one test the real functions in a
    temporary home).
    """

    #: True: the wallet handles offer links and its redirect; False: another app (or none)
    #: does; None: this desktop cannot tell
    is_default: Callable[[], bool | None]
    #: make the wallet the handler; returns a sentence; raises WalletError
    register: Callable[[], str]
    #: stop handling the links; returns a sentence; raises WalletError
    unregister: Callable[[], str]

    @classmethod
    def of_desktop(cls) -> LinkHandler:
        """The real calls of ``host.uri_scheme`` (xdg tools on Linux, HKCU on Windows)."""
        from wallet_app.host import uri_scheme

        return cls(
            is_default=uri_scheme.is_default_handler,
            register=lambda: uri_scheme.register_handler(),
            unregister=uri_scheme.unregister_handler,
        )


@dataclass
class GuiContext:
    """Dependencies of the GUI, built once by ``gui.app``."""

    wallet: Wallet
    store: CredentialStore
    settings: Settings
    jobs: JobRunner
    events: AppEvents
    open_browser: Callable[[str], bool]
    demo_base_url: str | None = None
    #: OAuth ``state`` values of flows waiting for a redirect (read by the URI channel thread)
    pending_states: set[str] = field(default_factory=set)
    extras: dict[str, object] = field(default_factory=dict)
    #: the desktop's link-handler calls; None where the run must not touch the desktop's
    #: settings (tests, unless they ask): no first-run offer and no section in Settings
    link_handler: LinkHandler | None = None
    #: the store is a throw-away one (demo without a keyring): deleted when the app quits
    throwaway_store: bool = False
