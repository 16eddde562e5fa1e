"""Secret stores for the wallet's data key: the OS keyring, and an in-memory one for tests.

Both implement :class:`wallet_app.wallet.keys.SecretStore`. The OS keyring is reached through
the ``keyring`` package, but the backend is chosen here, as keyring would choose it, without
loading the backends that cannot apply on this OS (issue 11): keyring's own detection imports
every installed backend, and its macOS one runs ``ctypes.util.find_library`` at import, which
on Linux starts ``ldconfig`` and ``gcc`` (~90 ms of CPU and ~0.4 s at every start). The order:

1. a backend installed in this process with ``keyring.set_keyring`` (tests, embedding apps);
2. ``PYTHON_KEYRING_BACKEND`` (a class name), then keyring's ``keyringrc.cfg``
   (``default-keyring``), exactly as keyring reads them;
3. the backends of this OS: the macOS Keychain on macOS, the Windows Credential Manager on
   Windows, else KWallet, the Secret Service and libsecret; when more than one can work, they
   are chained in keyring's order of priority (the first that answers wins, as keyring's
   chainer does). Third-party backends are used when named in 1 or 2. Where that choice
   would be keyring's Secret Service backend alone (Linux without python-dbus or PyGObject,
   keyring's defaults), the wallet's own :mod:`wallet_app.host.secret_service` serves the
   same items without importing keyring at all (~75 ms of CPU at every start).

``keyring`` is imported inside functions because importing it costs about 100 ms at start-up.

A backend that cannot protect a secret (keyring's ``fail`` and ``null`` backends, a chainer
with nothing to chain, anything below priority 1 such as keyrings.alt's plaintext file) counts
as "no keyring": plaintext is never a silent fallback.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

from wallet_app.errors import KeyringError
from wallet_app.host.secret_service import SecretServiceBackend
from wallet_app.host.secret_service import applies as secret_service_applies

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    #: a keyring backend, or the wallet's own Secret Service one (the same three methods)
    Backend = KeyringBackend | SecretServiceBackend

__all__ = ["DEFAULT_SERVICE", "KeyringSecretStore", "MemorySecretStore", "keyring_available"]

log = logging.getLogger(__name__)

DEFAULT_SERVICE = "io.github.walletapp"
_LOCKED = "The system keyring is locked. Unlock it and try again."
_MIN_PRIORITY = 1.0

_DESCRIPTIONS = (
    ("keyring.backends.SecretService", "Secret Service (GNOME Keyring or KWallet)"),
    ("keyring.backends.libsecret", "Secret Service (libsecret)"),
    ("keyring.backends.kwallet", "KWallet"),
    ("keyring.backends.macOS", "macOS Keychain"),
    ("keyring.backends.Windows", "Windows Credential Manager"),
)


def _foreign_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a keyring backend may raise (keyring's and secretstorage's only if they
    are loaded: the wallet's own Secret Service backend runs without keyring)."""
    errors: list[type[BaseException]] = [RuntimeError, OSError]
    keyring_errors = sys.modules.get("keyring.errors")
    if keyring_errors is not None:
        errors.append(keyring_errors.KeyringError)
    secretstorage_exceptions = sys.modules.get("secretstorage.exceptions")
    base = getattr(secretstorage_exceptions, "SecretStorageException", None)
    if isinstance(base, type) and issubclass(base, BaseException):
        errors.append(base)
    return tuple(errors)


@contextmanager
def _mapped_errors(action: str) -> Iterator[None]:
    """Map keyring (and secretstorage) exceptions met while doing ``action`` to KeyringError
    (a KeyringError raised inside passes unchanged)."""
    errors = _foreign_errors()
    try:
        yield
    except errors as exc:
        keyring_errors = sys.modules.get("keyring.errors")
        if keyring_errors is not None and isinstance(exc, keyring_errors.KeyringLocked):
            raise KeyringError(_LOCKED, detail=f"{action}: {exc}") from exc
        raise KeyringError(detail=f"{action}: {type(exc).__name__}: {exc}") from exc


def _priority(backend: KeyringBackend) -> float:
    """The backend's priority; a backend that cannot work (it raises) counts as 0."""
    import keyring.errors

    try:
        return float(type(backend).priority)
    except (RuntimeError, ImportError, OSError, keyring.errors.KeyringError) as exc:
        log.debug("keyring backend %s is not usable: %s", type(backend).__name__, exc)
        return 0.0


def _unusable_reason(backend: KeyringBackend) -> str | None:
    """Why ``backend`` cannot protect the wallet's key, or None if it can."""
    from keyring.backends import chainer, fail, null

    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if isinstance(backend, fail.Keyring):
        return f"{name}: no recommended keyring backend is available"
    if isinstance(backend, null.Keyring):
        return f"{name}: the null keyring discards secrets"
    if isinstance(backend, chainer.ChainerBackend):
        members = list(type(backend).backends)
        if not any(_priority(member) >= _MIN_PRIORITY for member in members):
            return f"{name}: no secure backend to chain ({len(members)} insecure)"
        return None
    priority = _priority(backend)
    if priority < _MIN_PRIORITY:
        return f"{name}: priority {priority} is below {_MIN_PRIORITY} (not a secure keyring)"
    return None


def _installed_backend() -> KeyringBackend | None:
    """The backend ``keyring.set_keyring`` installed in this process (or an earlier choice
    made here), else None. Never loads keyring: if it is not imported, nothing was set."""
    core = sys.modules.get("keyring.core")
    # keyring keeps it in a private global; if that ever moves, the choice is made anew
    backend = getattr(core, "_keyring_backend", None)
    return backend if backend is not None and hasattr(backend, "get_password") else None


def _os_backend_classes(platform: str) -> list[type[KeyringBackend]]:
    """keyring's own backends that can apply on ``platform`` (``sys.platform``): only these
    are imported."""
    if platform == "darwin":
        from keyring.backends import macOS

        return [macOS.Keyring]
    if platform == "win32":
        from keyring.backends import Windows

        return [Windows.WinVaultKeyring]
    from keyring.backends import SecretService, kwallet, libsecret

    return [
        kwallet.DBusKeyring,
        SecretService.Keyring,
        libsecret.Keyring,
        kwallet.DBusKeyringKWallet4,
    ]


def _class_priority(cls: type[KeyringBackend]) -> float:
    """A backend class's priority; one that cannot work here (it raises) counts as 0."""
    try:
        return float(cls.priority)
    except Exception as exc:  # as keyring's own detection: whatever it raises, it is not viable
        log.debug("keyring backend %s is not usable: %s", cls.__name__, exc)
        return 0.0


def _detect_os_backend(platform: str) -> KeyringBackend:
    """The OS's secure backends that can work, as keyring's detection would combine them: none →
    keyring's ``fail`` backend; one → it; several → keyring's chainer over them, highest
    priority first (the first that answers wins)."""
    from keyring.backends import chainer, fail

    classes = _os_backend_classes(platform)
    viable = [(p, cls) for cls in classes if (p := _class_priority(cls)) >= _MIN_PRIORITY]
    viable.sort(key=lambda item: item[0], reverse=True)
    if not viable:
        return fail.Keyring()  # type: ignore[no-untyped-call]
    members = [cls() for _, cls in viable]
    if len(members) == 1:
        return members[0]

    class Chain(chainer.ChainerBackend):
        """keyring's chainer over the members found here (its own list would load every
        installed backend)."""

        backends = members

    return Chain()  # type: ignore[no-untyped-call]


def _is_fail(backend: KeyringBackend) -> bool:
    from keyring.backends import fail

    return isinstance(backend, fail.Keyring)


def _chosen_backend(platform: str = sys.platform) -> tuple[KeyringBackend, str | None]:
    """The backend keyring would use, found without loading backends foreign to this OS (see
    the module docstring), and why it cannot protect the wallet's key (None: it can). Raises
    what keyring raises for a misnamed or unusable one."""
    import keyring
    import keyring.core

    backend = _installed_backend() or keyring.core.load_env() or keyring.core.load_config()
    if backend is not None:
        reason = _unusable_reason(backend)
    else:  # found secure or not at all: its priorities are not asked twice (a D-Bus call each)
        backend = _detect_os_backend(platform)
        reason = _unusable_reason(backend) if _is_fail(backend) else None
    if reason is None:
        # kept, as keyring.get_keyring() keeps its choice; a failure is not (the keyring may
        # be started or unlocked and the command run again)
        keyring.set_keyring(backend)
    return backend, reason


def _usable_backend() -> Backend:
    """The chosen backend (:func:`_chosen_backend`; or, when keyring's choice would be its
    Secret Service backend alone, the wallet's own over the same items, without importing
    keyring: :mod:`wallet_app.host.secret_service`) if it can protect secrets; raises
    KeyringError otherwise."""
    if _installed_backend() is None and secret_service_applies(sys.platform):
        own = SecretServiceBackend()
        unavailable = own.available()
        if unavailable is not None:
            raise KeyringError(detail=f"no recommended keyring backend is available: {unavailable}")
        return own
    # ValueError/ImportError: a PYTHON_KEYRING_BACKEND that names nothing loadable.
    with _mapped_errors("choosing a keyring backend"):
        try:
            backend, reason = _chosen_backend()
        except (ValueError, ImportError, AttributeError) as exc:
            raise KeyringError(detail=f"loading the keyring backend: {exc}") from exc
    if reason is not None:
        raise KeyringError(detail=reason)
    return backend


def _describe(backend: Backend) -> str:
    if isinstance(backend, SecretServiceBackend):
        return "Secret Service (GNOME Keyring or KWallet)"
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        members = [_describe(member) for member in type(backend).backends]
        return "Keyring chain: " + ", ".join(members)
    module = type(backend).__module__
    for prefix, description in _DESCRIPTIONS:
        if module == prefix or module.startswith(prefix + "."):
            return description
    return str(getattr(backend, "name", type(backend).__name__))


def keyring_available() -> bool:
    """Whether keyring's chosen backend can protect secrets (no D-Bus read or prompt)."""
    try:
        _usable_backend()
    except KeyringError as exc:
        log.info("no usable system keyring: %s", exc.detail)
        return False
    return True


class KeyringSecretStore:
    """The OS keyring (Secret Service, KWallet, Keychain, Credential Manager) via ``keyring``.

    The backend is resolved on first use. Every method raises KeyringError when there is no
    secure keyring, it is locked, or it fails.
    """

    def __init__(self, service: str = DEFAULT_SERVICE) -> None:
        self._service = service
        self._lock = threading.Lock()
        self._backend: Backend | None = None

    def __repr__(self) -> str:
        return f"KeyringSecretStore(service={self._service!r})"

    def _resolve(self) -> Backend:
        with self._lock:
            if self._backend is None:
                # A failure is not cached: the user may unlock or start the keyring and retry.
                self._backend = _usable_backend()
            return self._backend

    @property
    def description(self) -> str:
        """Which keyring holds the secrets, e.g. "Secret Service (GNOME Keyring or KWallet)"."""
        return _describe(self._resolve())

    def get_secret(self, name: str) -> str | None:
        """Return the secret ``name`` from the keyring, or None. Raises KeyringError."""
        backend = self._resolve()
        with _mapped_errors("reading from the keyring"):
            return backend.get_password(self._service, name)

    def set_secret(self, name: str, value: str) -> None:
        """Store ``value`` as secret ``name`` in the keyring. Raises KeyringError."""
        backend = self._resolve()
        with _mapped_errors("writing to the keyring"):
            backend.set_password(self._service, name, value)

    def delete_secret(self, name: str) -> None:
        """Remove secret ``name`` from the keyring; missing is fine. Raises KeyringError."""
        backend = self._resolve()
        if isinstance(backend, SecretServiceBackend):
            backend.delete_password(self._service, name)  # missing is fine there
            return
        import keyring.errors

        with _mapped_errors("deleting from the keyring"):
            try:
                backend.delete_password(self._service, name)
            except keyring.errors.PasswordDeleteError:
                log.debug("keyring entry to delete was already missing")


class MemorySecretStore:
    """Secrets kept in memory only: for tests and the throw-away demo store."""

    def __init__(
        self,
        secrets: Mapping[str, str] | None = None,
        *,
        description: str = "Memory (forgotten when the app quits)",
    ) -> None:
        self._secrets: dict[str, str] = dict(secrets or {})
        self._lock = threading.Lock()
        self._description = description

    def __repr__(self) -> str:
        return f"MemorySecretStore({len(self._secrets)} secrets)"

    @property
    def description(self) -> str:
        """A human name of this store."""
        return self._description

    def get_secret(self, name: str) -> str | None:
        """Return the secret ``name``, or None."""
        with self._lock:
            return self._secrets.get(name)

    def set_secret(self, name: str, value: str) -> None:
        """Store ``value`` as secret ``name``."""
        with self._lock:
            self._secrets[name] = value

    def delete_secret(self, name: str) -> None:
        """Remove secret ``name``; missing is fine."""
        with self._lock:
            self._secrets.pop(name, None)
