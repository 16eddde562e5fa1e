"""KeyringSecretStore over keyring backends; MemorySecretStore; the real Secret Service (marked)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar, TypeVar

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import chainer, fail, null
from keyring.compat import properties

from wallet_app.errors import KeyringError, StorageError
from wallet_app.host.secrets import KeyringSecretStore, MemorySecretStore, keyring_available
from wallet_app.wallet.store import CredentialStore, NewCredential, NewInstance, StoreMode

ROOT = Path(__file__).resolve().parents[2]
NO_KEYRING = KeyringError.default_message


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring backend of recommended priority."""

    priority = 1.0

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.items: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.items[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


class PlaintextLikeKeyring(MemoryKeyring):
    """Works, but with the priority of keyrings.alt's plaintext file: must be refused."""

    priority = 0.5


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.InitError("Failed to create the collection: Prompt dismissed..")


class UnavailableKeyring(MemoryKeyring):
    """Like SecretService with no daemon: asking for the priority raises."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("The Secret Service daemon is neither running nor activatable")


class EmptyChainer(chainer.ChainerBackend):
    backends: ClassVar[list[keyring.backend.KeyringBackend]] = []


Backend = TypeVar("Backend", bound=keyring.backend.KeyringBackend)


class Installer:
    """Installs a keyring backend as keyring's current one."""

    def __call__(self, backend: Backend) -> Backend:
        keyring.set_keyring(backend)
        return backend


@pytest.fixture
def use_backend() -> Iterator[Installer]:
    """Install a keyring backend for one test and restore the previous one afterwards."""
    previous = keyring.get_keyring()
    yield Installer()
    keyring.set_keyring(previous)


def no_keyring() -> keyring.backend.KeyringBackend:
    return fail.Keyring()  # type: ignore[no-untyped-call]


def test_round_trip_through_a_recommended_backend(use_backend: Installer) -> None:
    backend = use_backend(MemoryKeyring())
    store = KeyringSecretStore(service="svc")
    assert store.get_secret("k") is None
    store.set_secret("k", "v1")
    store.set_secret("k", "v2")
    assert store.get_secret("k") == "v2"
    assert backend.items == {("svc", "k"): "v2"}
    store.delete_secret("k")
    store.delete_secret("k")  # missing is fine
    assert store.get_secret("k") is None
    assert store.description == MemoryKeyring.name
    assert keyring_available()


@pytest.mark.parametrize(
    "backend",
    [
        no_keyring(),
        null.Keyring(),  # type: ignore[no-untyped-call]
        PlaintextLikeKeyring(),
        UnavailableKeyring(),
        EmptyChainer(),  # type: ignore[no-untyped-call]
    ],
    ids=["fail", "null", "priority-0.5", "priority-raises", "empty-chainer"],
)
def test_insecure_or_missing_backends_are_no_keyring(
    use_backend: Installer, backend: keyring.backend.KeyringBackend
) -> None:
    use_backend(backend)
    store = KeyringSecretStore()
    calls: list[Callable[[], object]] = [
        lambda: store.get_secret("k"),
        lambda: store.set_secret("k", "v"),
        lambda: store.delete_secret("k"),
        lambda: store.description,
    ]
    for call in calls:
        with pytest.raises(KeyringError) as info:
            call()
        assert info.value.user_message == NO_KEYRING
        assert info.value.code == "keyring_unavailable"
        assert info.value.detail
    assert not keyring_available()
    if isinstance(backend, MemoryKeyring):
        assert backend.items == {}  # nothing was written to an insecure backend


def test_locked_keyring_has_its_own_message(use_backend: Installer) -> None:
    use_backend(LockedKeyring())
    with pytest.raises(KeyringError, match=r"locked\. Unlock it") as info:
        KeyringSecretStore().get_secret("k")
    assert isinstance(info.value.__cause__, keyring.errors.KeyringLocked)


def test_backend_failure_is_a_keyring_error_with_detail(use_backend: Installer) -> None:
    use_backend(BrokenKeyring())
    with pytest.raises(KeyringError) as info:
        KeyringSecretStore().set_secret("k", "v")
    assert info.value.user_message == NO_KEYRING
    assert "Prompt dismissed" in (info.value.detail or "")
    assert isinstance(info.value.__cause__, keyring.errors.InitError)


def test_credential_store_keeps_its_key_in_the_keyring(
    use_backend: Installer, tmp_path: Path
) -> None:
    backend = use_backend(MemoryKeyring())
    secrets = KeyringSecretStore(service="io.github.walletapp.test")
    with CredentialStore.open(tmp_path, secrets=secrets) as store:
        assert store.mode is StoreMode.KEYRING
        [added] = store.add_credentials(
            [NewCredential("c", "dc+sd-jwt", "https://i", "ID", {}, (NewInstance("x", None),))]
        )
        name = f"wallet-store/{store.store_id}"
    assert list(backend.items) == [("io.github.walletapp.test", name)]
    with CredentialStore.open(tmp_path, secrets=KeyringSecretStore(service=secrets._service)) as s:
        assert s.get_credential(added.id).instances[0].credential == "x"
    backend.items.clear()
    with pytest.raises(StorageError, match="missing from the keyring"):
        CredentialStore.open(tmp_path, secrets=secrets)


def test_new_store_over_the_fail_backend_is_a_keyring_error(
    use_backend: Installer, tmp_path: Path
) -> None:
    use_backend(no_keyring())
    with pytest.raises(KeyringError) as info:
        CredentialStore.open(tmp_path, secrets=KeyringSecretStore())
    assert info.value.user_message == NO_KEYRING


def test_memory_secret_store() -> None:
    store = MemorySecretStore({"a": "1"}, description="test memory")
    assert store.description == "test memory"
    assert store.get_secret("a") == "1"
    store.set_secret("b", "2")
    store.delete_secret("a")
    store.delete_secret("missing")
    assert (store.get_secret("a"), store.get_secret("b")) == (None, "2")
    assert "2" not in repr(store)


def test_imports_are_lazy_and_layered() -> None:
    code = (
        "import sys, wallet_app.wallet.store\n"
        "assert not [m for m in sys.modules if m.startswith('wallet_app.host')], 'wallet->host'\n"
        "import wallet_app.host.secrets as s\n"
        "s.MemorySecretStore(); s.KeyringSecretStore()\n"
        "assert 'keyring' not in sys.modules, 'keyring imported eagerly'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode()


def _secret_service_unavailable() -> str | None:
    """Why the real Secret Service cannot be used here, or None if it can."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
    try:
        import secretstorage
        from secretstorage.exceptions import SecretStorageException
    except ImportError as exc:
        return f"secretstorage is not installed: {exc}"
    try:
        with contextlib.closing(secretstorage.dbus_init()) as conn:
            if not secretstorage.check_service_availability(conn):
                return "no Secret Service on the session bus"
            # The alias only, never get_default_collection(): that may create one and prompt.
            if secretstorage.Collection(conn).is_locked():
                return "the default Secret Service collection is locked"
    except (SecretStorageException, OSError) as exc:
        return f"Secret Service not usable: {type(exc).__name__}: {exc}"
    return None


@pytest.mark.secret_service
def test_real_secret_service_round_trip(use_backend: Installer, tmp_path: Path) -> None:
    reason = _secret_service_unavailable()
    if reason is not None:
        pytest.skip(reason)
    from keyring.backends import SecretService

    use_backend(SecretService.Keyring())  # type: ignore[no-untyped-call]
    service = f"io.github.walletapp.test-{uuid.uuid4().hex}"
    secrets = KeyringSecretStore(service=service)
    assert secrets.description.startswith("Secret Service")
    assert keyring_available()
    store_id = ""
    try:
        secrets.set_secret("probe", "value")
        assert secrets.get_secret("probe") == "value"
        secrets.delete_secret("probe")
        assert secrets.get_secret("probe") is None
        with CredentialStore.open(tmp_path, secrets=secrets) as store:
            store_id = store.store_id
            [added] = store.add_credentials(
                [NewCredential("c", "dc+sd-jwt", "https://i", "ID", {}, (NewInstance("x", None),))]
            )
        with CredentialStore.open(tmp_path, secrets=KeyringSecretStore(service=service)) as store:
            assert store.get_credential(added.id).instances[0].credential == "x"
        assert secrets.get_secret(f"wallet-store/{store_id}") is not None
    finally:
        secrets.delete_secret("probe")
        if store_id:
            secrets.delete_secret(f"wallet-store/{store_id}")
    assert secrets.get_secret(f"wallet-store/{store_id}") is None


def test_own_secret_service_applies_only_where_keyring_would_pick_it_alone(
    tmp_path: Path,
) -> None:
    from wallet_app.host.secret_service import applies

    plain = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert applies("linux", plain)
    assert not applies("darwin", plain) and not applies("win32", plain)
    assert not applies("linux", {**plain, "PYTHON_KEYRING_BACKEND": "x.Y"})
    assert not applies("linux", {**plain, "KEYRING_PROPERTY_PREFERRED_COLLECTION": "/x"})
    config = tmp_path / "python_keyring" / "keyringrc.cfg"
    config.parent.mkdir()
    config.write_text("[backend]\ndefault-keyring=keyring.backends.null.Keyring\n")
    assert not applies("linux", plain)


@pytest.mark.secret_service
def test_own_secret_service_backend_shares_items_with_keyrings(tmp_path: Path) -> None:
    """In a new process with nothing chosen, the wallet reaches the Secret Service without
    importing keyring, and what it writes keyring's backend reads, and the other way round."""
    reason = _secret_service_unavailable()
    if reason is not None:
        pytest.skip(reason)
    service = f"io.github.walletapp.test-{uuid.uuid4().hex}"
    code = (
        "import sys\n"
        "from wallet_app.host.secrets import KeyringSecretStore\n"
        f"s = KeyringSecretStore(service={service!r})\n"
        "assert s.description.startswith('Secret Service'), s.description\n"
        "s.set_secret('own', 'written by the wallet')\n"
        "assert s.get_secret('own') == 'written by the wallet'\n"
        "assert 'keyring' not in sys.modules, 'keyring was imported'\n"
        "from keyring.backends import SecretService\n"
        "k = SecretService.Keyring()\n"
        f"assert k.get_password({service!r}, 'own') == 'written by the wallet'\n"
        f"k.set_password({service!r}, 'theirs', 'written by keyring')\n"
        "assert s.get_secret('theirs') == 'written by keyring'\n"
        "for name in ('own', 'theirs', 'missing'):\n"
        "    s.delete_secret(name)\n"
        f"assert k.get_password({service!r}, 'own') is None and s.get_secret('theirs') is None\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON_KEYRING", "KEYRING_"))}
    env["XDG_CONFIG_HOME"] = str(tmp_path)  # no keyringrc.cfg
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()


def test_the_key_is_read_in_three_calls_and_the_full_path_takes_over_when_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored secret is read over D-Bus directly (secretstorage not even loaded, in a new
    process); where the direct read does not apply (here: a collection that does not exist,
    as a locked item or a missing default collection would) the secretstorage path reads
    the same secret."""
    reason = _secret_service_unavailable()
    if reason is not None:
        pytest.skip(reason)
    from wallet_app.host import secret_service

    service = f"io.github.walletapp.test-{uuid.uuid4().hex}"
    backend = secret_service.SecretServiceBackend()
    backend.set_password(service, "key", "wallet key: ünïcode and 17 bytes+")
    try:
        code = (
            "import sys\n"
            "from wallet_app.host.secret_service import SecretServiceBackend\n"
            f"found = SecretServiceBackend().get_password({service!r}, 'key')\n"
            "assert found == 'wallet key: ünïcode and 17 bytes+', found\n"
            f"assert SecretServiceBackend().get_password({service!r}, 'missing') is None\n"
            "assert 'secretstorage' not in sys.modules, 'the full path was taken'\n"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON_KEYRING")}
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, timeout=60
        )
        assert result.returncode == 0, result.stderr.decode()
        with pytest.raises(secret_service._NotDirect):
            secret_service.read_directly(
                service, "key", collection="/org/freedesktop/secrets/aliases/no_such_one"
            )

        def not_direct(*args: object, **kwargs: object) -> None:
            raise secret_service._NotDirect("as if the item were locked")

        monkeypatch.setattr(secret_service, "read_directly", not_direct)
        assert backend.get_password(service, "key") == "wallet key: ünïcode and 17 bytes+"
    finally:
        backend.delete_password(service, "key")
