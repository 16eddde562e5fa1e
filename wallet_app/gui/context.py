"""What every screen gets: the use cases, the store, settings, jobs and typed app events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from wallet_app.gui.jobs import JobRunner
from wallet_app.settings import Settings
from wallet_app.wallet.issuance import Wallet
from wallet_app.wallet.store import CredentialStore

__all__ = ["AppEvents", "GuiContext"]


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
