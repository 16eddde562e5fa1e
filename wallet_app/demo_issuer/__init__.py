"""Embedded demo issuer: an OpenID4VCI 1.0 credential issuer and OAuth authorization server
as a WSGI app, for tests (in-process) and demos (on loopback). Imports nothing from the wallet."""

from __future__ import annotations

from .app import DemoIssuer, DemoOffer
from .config import DemoConfig
from .faults import DemoFaults
from .server import RunningIssuer, serve
from .state import RecordedRequest

__all__ = [
    "DemoConfig",
    "DemoFaults",
    "DemoIssuer",
    "DemoOffer",
    "RecordedRequest",
    "RunningIssuer",
    "serve",
]
