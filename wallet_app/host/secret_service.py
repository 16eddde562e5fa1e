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

import logging
import os
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wallet_app.errors import KeyringError

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection  # type: ignore[import-untyped, unused-ignore]
    from secretstorage.collection import Collection
    from secretstorage.dhcrypto import Session
    from secretstorage.item import Item

__all__ = ["SecretServiceBackend", "applies", "open_session", "read_directly"]

log = logging.getLogger(__name__)

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
        """None when a Secret Service runs on the session bus or can be started there, else
        why not (secretstorage's check and words, over jeepney: secretstorage itself loads
        only when the direct read does not apply)."""
        try:
            from jeepney import (  # type: ignore[import-untyped, unused-ignore]
                DBusAddress,
                new_method_call,
            )
            from jeepney.io.blocking import (  # type: ignore[import-untyped, unused-ignore]
                open_dbus_connection,
            )
        except ImportError as exc:
            return f"SecretStorage required: {exc}"
        bus = DBusAddress(
            "/org/freedesktop/DBus",
            bus_name="org.freedesktop.DBus",
            interface="org.freedesktop.DBus",
        )
        try:
            with open_dbus_connection(bus="SESSION") as connection:

                def ask(method: str, *body: str) -> Any:
                    message = new_method_call(bus, method, "s" if body else None, body)
                    return connection.send_and_get_reply(message, timeout=30).body[0]

                if ask("NameHasOwner", _BUS_NAME) != 1 and _BUS_NAME not in ask(
                    "ListActivatableNames"
                ):
                    return "The Secret Service daemon is neither running nor activatable"
        except KeyError as exc:  # os.environ['DBUS_SESSION_BUS_ADDRESS']
            return (
                f"Unable to initialize SecretService: Environment variable {exc.args[0]} is unset"
            )
        except (OSError, ValueError) as exc:
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
        """The secret stored for ``service``/``username``, or None. Read over D-Bus directly
        (:func:`read_directly`) when nothing is in the way; otherwise (a locked item or
        collection, no default collection, no encrypted session, any failure) through
        secretstorage, which unlocks, prompts and words the errors."""
        try:
            return read_directly(service, username)
        except Exception:  # the full path below meets the same case and says what it is
            log.debug("the direct Secret Service read did not apply", exc_info=True)

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
#: the Secret Service's ``dh-ietf1024-sha256-aes128-cbc-pkcs7`` group: RFC 2409 §6.2's 1024-bit
#: MODP prime (Oakley group 2), generator 2
MODP_1024 = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
    16,
)
_ALGORITHM = "dh-ietf1024-sha256-aes128-cbc-pkcs7"
_BUS_NAME = "org.freedesktop.secrets"
#: the default collection, by its alias (as secretstorage and keyring address it)
DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default"


def _key_pair() -> tuple[int, int]:
    """A Diffie-Hellman private exponent of EXPONENT_BITS bits and its public value."""
    import secrets

    private = secrets.randbits(EXPONENT_BITS) | (1 << (EXPONENT_BITS - 1))
    return private, pow(2, private, MODP_1024)


class _NotDirect(Exception):
    """The direct read does not apply (locked, missing, unexpected): the full path decides."""


def _session_key(shared: int) -> bytes:
    """The AES-128 key of ``dh-ietf1024-sha256-aes128-cbc-pkcs7``: HKDF-SHA256 of the shared
    secret (128 bytes), null salt, empty info (as secretstorage and libsecret derive it)."""
    import hashlib
    import hmac

    prk = hmac.new(b"\0" * 32, shared.to_bytes(128, "big"), hashlib.sha256).digest()
    return hmac.new(prk, b"\1", hashlib.sha256).digest()[:16]


def read_directly(
    service: str, username: str, *, collection: str = DEFAULT_COLLECTION
) -> str | None:
    """The secret keyring's Secret Service backend stores for ``service``/``username`` (the
    first item of ``collection`` with those attributes), read in three D-Bus calls over
    jeepney: OpenSession (encrypted, see :func:`open_session`), the collection's SearchItems,
    the service's GetSecrets. secretstorage's path makes seven (the collection's and the
    item's properties, each lock state) and costs a start ~11 ms more of CPU (loading it
    included). None when there is no such item. Raises _NotDirect for what only the full
    path handles (a locked item: GetSecrets refuses it; no default collection; a service
    without encrypted sessions), and OSError when the session bus cannot be reached."""

    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from jeepney import (  # type: ignore[import-untyped, unused-ignore]
        DBusAddress,
        MessageType,
        new_method_call,
    )
    from jeepney.io.blocking import (  # type: ignore[import-untyped, unused-ignore]
        open_dbus_connection,
    )

    secret_service = DBusAddress(
        "/org/freedesktop/secrets", bus_name=_BUS_NAME, interface="org.freedesktop.Secret.Service"
    )
    where = DBusAddress(
        collection, bus_name=_BUS_NAME, interface="org.freedesktop.Secret.Collection"
    )
    with open_dbus_connection(bus="SESSION") as connection:

        def call(address: object, method: str, signature: str, body: tuple[object, ...]) -> Any:
            reply = connection.send_and_get_reply(
                new_method_call(address, method, signature, body), timeout=30
            )
            if reply.header.message_type == MessageType.error:
                raise _NotDirect(f"{method}: {reply.header.fields}")
            return reply.body

        private, public_value = _key_pair()
        public = public_value.to_bytes(128, "big")
        (kind, theirs), session = call(
            secret_service, "OpenSession", "sv", (_ALGORITHM, ("ay", public))
        )
        if kind != "ay" or not isinstance(theirs, bytes) or len(theirs) > 128:
            raise _NotDirect(f"OpenSession answered {kind!r}")
        key = _session_key(pow(int.from_bytes(theirs, "big"), private, MODP_1024))
        (items,) = call(
            where, "SearchItems", "a{ss}", ({"username": username, "service": service},)
        )
        if not items:
            return None
        (found,) = call(secret_service, "GetSecrets", "aoo", ([items[0]], session))
        value = found.get(items[0]) if isinstance(found, dict) else None
        if value is None:  # a locked item is left out of the answer
            raise _NotDirect("GetSecrets left the item out")
        _session, iv, encrypted, _type = value
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        padded = decryptor.update(encrypted) + decryptor.finalize()
        pad = padded[-1] if padded else 0
        if not 1 <= pad <= 16 or padded[-pad:] != bytes((pad,)) * pad:
            raise _NotDirect("the secret's padding is not PKCS #7")
        return padded[:-pad].decode("utf-8")


def open_session(connection: DBusConnection) -> Session:
    """secretstorage's ``open_session`` (the secret travels encrypted over D-Bus with
    ``dh-ietf1024-sha256-aes128-cbc-pkcs7``, or in plain when the service offers nothing
    else), with a 256-bit private exponent instead of secretstorage's 1024-bit one. The group
    (RFC 2409's 1024-bit MODP group) gives ~80 bits of security, and an exponent twice that
    is all its strength needs (RFC 7919 §5.2); the two modular exponentiations in Python's
    integers then cost ~1.5 ms instead of ~6.5 ms of every start that reads the key.
    Raises what secretstorage's does."""

    from jeepney import DBusErrorResponse  # type: ignore[import-untyped, unused-ignore]
    from secretstorage.defines import ALGORITHM_DH, ALGORITHM_PLAIN, DBUS_NOT_SUPPORTED, SS_PATH
    from secretstorage.dhcrypto import Session
    from secretstorage.util import SERVICE_IFACE, DBusAddressWrapper

    session = Session.__new__(Session)  # its __init__ makes the 1024-bit exponent
    session.object_path = None
    session.aes_key = None
    session.encrypted = True
    session.my_private_key, session.my_public_key = _key_pair()
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
