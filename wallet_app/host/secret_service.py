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
    from jeepney.io.blocking import DBusConnection  # type: ignore[import-untyped, unused-ignore]
    from secretstorage.collection import Collection
    from secretstorage.dhcrypto import Session
    from secretstorage.item import Item

__all__ = ["SecretServiceBackend", "applies", "open_session"]

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
                item.session = open_session(collection.connection)
                return self._unlocked(item).get_secret().decode("utf-8")
            return None

        found = self._run("reading from the keyring", get)
        return found if isinstance(found, str) else None

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store (or replace) the secret for ``service``/``username``."""
        attributes = {"username": username, "service": service, "application": APPLICATION}
        label = f"Password for '{username}' on '{service}'"

        def create(collection: Collection) -> None:
            collection.session = open_session(collection.connection)
            collection.create_item(label, attributes, password.encode("utf-8"), replace=True)

        self._run("writing to the keyring", create)

    def delete_password(self, service: str, username: str) -> None:
        """Delete the first secret stored for ``service``/``username``; missing is fine."""

        def delete(collection: Collection) -> None:
            for item in collection.search_items({"username": username, "service": service}):
                item.delete()
                return

        self._run("deleting from the keyring", delete)


#: bits of the wallet's Diffie-Hellman exponent when it opens an encrypted Secret Service
#: session (see :func:`open_session`)
EXPONENT_BITS = 256


def open_session(connection: DBusConnection) -> Session:
    """secretstorage's ``open_session`` (the secret travels encrypted over D-Bus with
    ``dh-ietf1024-sha256-aes128-cbc-pkcs7``, or in plain when the service offers nothing
    else), with a 256-bit private exponent instead of secretstorage's 1024-bit one. The group
    (RFC 2409's 1024-bit MODP group) gives ~80 bits of security, and an exponent twice that
    is all its strength needs (RFC 7919 §5.2); the two modular exponentiations in Python's
    integers then cost ~1.5 ms instead of ~6.5 ms of every start that reads the key.
    Raises what secretstorage's does."""
    import secrets

    from jeepney import DBusErrorResponse  # type: ignore[import-untyped, unused-ignore]
    from secretstorage.defines import ALGORITHM_DH, ALGORITHM_PLAIN, DBUS_NOT_SUPPORTED, SS_PATH
    from secretstorage.dhcrypto import DH_PRIME_1024, Session
    from secretstorage.util import SERVICE_IFACE, DBusAddressWrapper

    session = Session.__new__(Session)  # its __init__ makes the 1024-bit exponent
    session.object_path = None
    session.aes_key = None
    session.encrypted = True
    session.my_private_key = secrets.randbits(EXPONENT_BITS) | (1 << (EXPONENT_BITS - 1))
    session.my_public_key = pow(2, session.my_private_key, DH_PRIME_1024)
    service = DBusAddressWrapper(SS_PATH, SERVICE_IFACE, connection)
    try:
        output, result = service.call(
            "OpenSession", "sv", ALGORITHM_DH, ("ay", session.my_public_key.to_bytes(128, "big"))
        )
    except DBusErrorResponse as resp:
        if resp.name != DBUS_NOT_SUPPORTED:
            raise
        output, result = service.call("OpenSession", "sv", ALGORITHM_PLAIN, ("s", ""))
        session.encrypted = False
    else:
        signature, value = output
        if signature != "ay":
            raise RuntimeError(f"the Secret Service answered OpenSession with {signature!r}")
        session.set_server_public_key(int.from_bytes(value, "big"))
    session.object_path = result
    return session
