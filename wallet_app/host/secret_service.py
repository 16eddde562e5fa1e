"""The Secret Service (GNOME Keyring, KWallet's Secret Service, KeePassXC) without ``keyring``.

On Linux, when nothing chooses another backend (see :mod:`wallet_app.host.secrets`) and only
the Secret Service can apply, keyring would pick its ``SecretService.Keyring``, and importing
keyring alone costs ~75 ms of CPU at every start (its ``jaraco.context`` loads
``urllib.request``, ``http.client``, ``email``, ``tarfile``). This is the same backend over
the same library (secretstorage, over jeepney), with the same items: keyring's default scheme
(attributes ``service`` and ``username``; ``application`` = "Python keyring library" on
items it writes), label "Password for '<username>' on '<service>'", the default collection,
unlocked when locked (a prompt may show). A wallet key written by either is read by both.
"""

from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from wallet_app.errors import KeyringError

if TYPE_CHECKING:
    from secretstorage.collection import Collection
    from secretstorage.item import Item

__all__ = ["SecretServiceBackend", "applies"]

#: keyring's ``SecretService.Keyring.appid``, written on every item as keyring writes it
APPLICATION = "Python keyring library"
_LOCKED = "The system keyring is locked. Unlock it and try again."


def _keyring_config(env: os._Environ[str] | dict[str, str]) -> Path:
    """Where keyring reads ``keyringrc.cfg`` on Linux and the BSDs (its ``config_root``)."""
    root = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(root, "python_keyring", "keyringrc.cfg")


def applies(platform: str, env: os._Environ[str] | dict[str, str] | None = None) -> bool:
    """Whether keyring's own choice here would be its Secret Service backend alone, with its
    default settings: not macOS or Windows, no ``PYTHON_KEYRING_BACKEND``, no
    ``keyringrc.cfg``, no ``KEYRING_PROPERTY_*`` setting, and neither python-dbus (KWallet's
    backend) nor PyGObject (libsecret's) installed. Imports those two if present."""
    env = os.environ if env is None else env
    if platform in ("darwin", "win32") or "PYTHON_KEYRING_BACKEND" in env:
        return False
    if any(name.startswith("KEYRING_PROPERTY_") for name in env):
        return False
    if _keyring_config(env).exists():
        return False
    try:  # KWallet's keyring backend could apply: keyring decides
        import dbus  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        pass
    else:
        return False
    try:  # libsecret's keyring backend could apply: keyring decides
        import gi  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        return True
    return False


class SecretServiceBackend:
    """keyring's Secret Service backend, as the wallet uses it (see the module docstring).
    Every method raises KeyringError (locked, unavailable, or failing)."""

    name = "SecretService Keyring"

    def __repr__(self) -> str:
        return "SecretServiceBackend()"

    @staticmethod
    def available() -> str | None:
        """None when a Secret Service answers on the session bus, else why not."""
        try:
            import secretstorage
            from secretstorage.exceptions import SecretStorageException
        except ImportError as exc:
            return f"SecretStorage required: {exc}"
        try:
            with closing(secretstorage.dbus_init()) as connection:
                if not secretstorage.check_service_availability(connection):
                    return "The Secret Service daemon is neither running nor activatable"
        except (SecretStorageException, OSError) as exc:
            return f"Unable to initialize SecretService: {exc}"
        return None

    def _collection(self) -> Collection:
        import secretstorage

        collection = secretstorage.get_default_collection(secretstorage.dbus_init())
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():  # the prompt was dismissed
                collection.connection.close()
                raise KeyringError(_LOCKED, detail="the Secret Service collection is locked")
        return collection

    @staticmethod
    def _unlocked(item: Item) -> Item:
        if item.is_locked():
            item.unlock()
            if item.is_locked():
                raise KeyringError(_LOCKED, detail="the Secret Service item is locked")
        return item

    def _run(self, action: str, work: object) -> object:
        """``work(collection)`` with secretstorage's failures as KeyringError."""
        from secretstorage.exceptions import SecretStorageException

        try:
            collection = self._collection()
            with closing(collection.connection):
                return work(collection)  # type: ignore[operator]
        except (SecretStorageException, OSError, RuntimeError) as exc:
            raise KeyringError(detail=f"{action}: {type(exc).__name__}: {exc}") from exc

    def get_password(self, service: str, username: str) -> str | None:
        """The secret stored for ``service``/``username``, or None."""

        def get(collection: Collection) -> str | None:
            for item in collection.search_items({"username": username, "service": service}):
                return self._unlocked(item).get_secret().decode("utf-8")
            return None

        found = self._run("reading from the keyring", get)
        return found if isinstance(found, str) else None

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store (or replace) the secret for ``service``/``username``."""
        attributes = {"username": username, "service": service, "application": APPLICATION}
        label = f"Password for '{username}' on '{service}'"
        self._run(
            "writing to the keyring",
            lambda c: c.create_item(label, attributes, password, replace=True),
        )

    def delete_password(self, service: str, username: str) -> None:
        """Delete the first secret stored for ``service``/``username``; missing is fine."""

        def delete(collection: Collection) -> None:
            for item in collection.search_items({"username": username, "service": service}):
                item.delete()
                return

        self._run("deleting from the keyring", delete)
