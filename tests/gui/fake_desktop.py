"""A fake of the desktop's link-handler settings (the OS calls behind ``LinkHandler``)."""

from __future__ import annotations

from wallet_app.errors import WalletError
from wallet_app.gui.context import LinkHandler

__all__ = ["FakeDesktop"]


class FakeDesktop:
    """A fake of the desktop's link settings: records the calls, answers as told."""

    def __init__(self, default: bool | None = False, fail_register: bool = False) -> None:
        self.default = default
        self.fail_register = fail_register
        self.calls: list[str] = []

    def handler(self) -> LinkHandler:
        def is_default() -> bool | None:
            self.calls.append("is_default")
            return self.default

        def register() -> str:
            self.calls.append("register")
            if self.fail_register:
                raise WalletError(
                    "The desktop's link settings could not be changed.", code="register_failed"
                )
            self.default = True
            return "registered"

        def unregister() -> str:
            self.calls.append("unregister")
            self.default = False
            return "unregistered"

        return LinkHandler(is_default, register, unregister)
