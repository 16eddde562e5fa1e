"""Single-instance channel: election, forwarding, stale sockets, bad input."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet_app.errors import UsageError, WalletError
from wallet_app.host import single_instance
from wallet_app.host.single_instance import (
    AlreadyRunning,
    Delivery,
    InstanceServer,
    default_channel_name,
    forward_uris,
)

ROOT = Path(__file__).resolve().parents[2]
OFFER = "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo%2F1"
REDIRECT = "io.github.walletapp:/callback?code=abc&state=xyz"


class Inbox:
    """Records deliveries; answers with a fixed verdict."""

    def __init__(self, accepted: bool = True, message: str | None = None) -> None:
        self.received: list[tuple[str, ...]] = []
        self.verdict = (accepted, message)
        self.lock = threading.Lock()

    def __call__(self, uris: tuple[str, ...]) -> tuple[bool, str | None]:
        with self.lock:
            self.received.append(uris)
        return self.verdict


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # Short path: AF_UNIX addresses are limited to ~107 bytes, pytest's tmp_path can be longer.
    path = Path(tempfile.mkdtemp(prefix="wsi-"))
    path.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def name(runtime_dir: Path) -> str:
    return f"wallet-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def server(name: str, inbox: Inbox) -> Iterator[InstanceServer]:
    with InstanceServer(inbox, name=name) as srv:
        yield srv


def raw_exchange(address: str, data: bytes) -> dict[str, object]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(address)
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    obj = json.loads(reply)
    assert isinstance(obj, dict)
    return obj


def test_round_trip_to_primary_in_same_process(server: InstanceServer, inbox: Inbox) -> None:
    delivery = forward_uris([OFFER, REDIRECT], name=server_name(server))
    assert delivery == Delivery(uris=(OFFER, REDIRECT), accepted=True, message=None)
    assert inbox.received == [(OFFER, REDIRECT)]


def server_name(server: InstanceServer) -> str:
    return Path(server.address).stem


def test_socket_lives_in_runtime_dir_with_owner_only_mode(
    server: InstanceServer, runtime_dir: Path, name: str
) -> None:
    assert server.address == str(runtime_dir / f"{name}.sock")
    mode = os.stat(server.address).st_mode
    assert stat.S_ISSOCK(mode)
    assert stat.S_IMODE(mode) == 0o600


def test_no_primary_returns_none(name: str) -> None:
    assert forward_uris([OFFER], name=name) is None


def test_second_server_with_same_name_is_refused(server: InstanceServer, name: str) -> None:
    with pytest.raises(AlreadyRunning):
        InstanceServer(Inbox(), name=name).start()
    # The refused attempt must not have disturbed the primary.
    assert forward_uris([OFFER], name=name) is not None


def test_close_is_idempotent_and_frees_the_channel(name: str, runtime_dir: Path) -> None:
    first_inbox = Inbox()
    first = InstanceServer(first_inbox, name=name)
    first.start()
    first.close()
    first.close()
    assert not (runtime_dir / f"{name}.sock").exists()
    assert forward_uris([OFFER], name=name) is None
    second_inbox = Inbox()
    with InstanceServer(second_inbox, name=name):
        assert forward_uris([OFFER], name=name) is not None
    assert second_inbox.received == [(OFFER,)]
    first.start()  # a closed server can become the primary again
    try:
        assert forward_uris([REDIRECT], name=name) is not None
    finally:
        first.close()
    assert first_inbox.received == [(REDIRECT,)]


def test_rejected_delivery_carries_message(name: str) -> None:
    with InstanceServer(Inbox(accepted=False, message="No flow is waiting."), name=name):
        delivery = forward_uris([REDIRECT], name=name)
    assert delivery == Delivery(uris=(REDIRECT,), accepted=False, message="No flow is waiting.")


def test_failing_handler_is_reported_and_server_survives(name: str) -> None:
    calls: list[tuple[str, ...]] = []

    def handler(uris: tuple[str, ...]) -> tuple[bool, str | None]:
        calls.append(uris)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return True, "ok"

    with InstanceServer(handler, name=name):
        first = forward_uris([OFFER], name=name)
        second = forward_uris([OFFER], name=name)
    assert first is not None and first.accepted is False
    assert second == Delivery(uris=(OFFER,), accepted=True, message="ok")


@pytest.mark.parametrize(
    "data",
    [
        b"not json\n",
        b'{"v": 1, "uris": "not-a-list"}\n',
        b'{"v": 2, "uris": []}\n',
        b'{"v": 1, "uris": [1, 2]}\n',
        b"[1]\n",
        b"\xff\xfe\n",
    ],
)
def test_malformed_request_is_rejected_and_server_keeps_serving(
    server: InstanceServer, inbox: Inbox, data: bytes
) -> None:
    reply = raw_exchange(server.address, data)
    assert reply["accepted"] is False
    assert inbox.received == []
    assert forward_uris([OFFER], name=server_name(server)) is not None
    assert inbox.received == [(OFFER,)]


def test_oversized_request_is_rejected_and_server_keeps_serving(
    server: InstanceServer, inbox: Inbox
) -> None:
    big = b'{"v": 1, "uris": ["' + b"a" * (70 * 1024) + b'"]}\n'
    reply = raw_exchange(server.address, big)
    assert reply == {"accepted": False, "message": "Message too large."}
    assert inbox.received == []
    assert forward_uris([OFFER], name=server_name(server)) is not None


def test_forwarder_refuses_oversized_uris(name: str) -> None:
    with pytest.raises(UsageError):
        forward_uris(["x" * (65 * 1024)], name=name)


def test_silent_client_does_not_block_others(
    server: InstanceServer, inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "_PEER_TIMEOUT", 0.2)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as idle:
        idle.connect(server.address)  # connects, never writes
        delivery = forward_uris([OFFER], name=server_name(server), timeout=3)
    assert delivery is not None and delivery.accepted


def test_concurrent_forwarders_all_delivered(server: InstanceServer, inbox: Inbox) -> None:
    uris = [f"{OFFER}&n={i}" for i in range(6)]
    results: list[Delivery | None] = [None] * 6
    barrier = threading.Barrier(6)

    def run(i: int) -> None:
        barrier.wait()
        results[i] = forward_uris([uris[i]], name=server_name(server), timeout=5)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert all(r is not None and r.accepted for r in results)
    assert sorted(u for (u,) in inbox.received) == sorted(uris)


def test_forward_waits_for_a_primary_that_is_starting(name: str, runtime_dir: Path) -> None:
    """Lock held but socket not yet listening: the forwarder retries instead of giving up."""
    address = str(runtime_dir / f"{name}.sock")
    lock_fd = os.open(runtime_dir / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock_fd, fcntl.LOCK_EX)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    got: list[bytes] = []

    def late_primary() -> None:
        threading.Event().wait(0.3)
        listener.bind(address)
        listener.listen(1)
        conn, _ = listener.accept()
        with conn:
            got.append(conn.recv(65536))
            conn.sendall(b'{"accepted": true, "message": "late"}\n')

    thread = threading.Thread(target=late_primary)
    thread.start()
    try:
        delivery = forward_uris([OFFER], name=name, timeout=5)
    finally:
        thread.join(5)
        listener.close()
        os.close(lock_fd)
    assert delivery == Delivery(uris=(OFFER,), accepted=True, message="late")
    assert json.loads(got[0]) == {"v": 1, "uris": [OFFER]}


def test_lock_held_but_never_listening_raises(name: str, runtime_dir: Path) -> None:
    lock_fd = os.open(runtime_dir / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock_fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(WalletError) as info:
            forward_uris([OFFER], name=name, timeout=0.2)
    finally:
        os.close(lock_fd)
    assert info.value.code == "single_instance"


def test_stale_socket_after_killed_primary(name: str, runtime_dir: Path) -> None:
    code = (
        "import sys, time\n"
        "from wallet_app.host.single_instance import InstanceServer\n"
        f"s = InstanceServer(lambda u: (True, None), name={name!r})\n"
        "s.start()\n"
        "sys.stdout.write('ready\\n'); sys.stdout.flush()\n"
        "time.sleep(60)\n"
    )
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, cwd=ROOT, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        with pytest.raises(AlreadyRunning):
            InstanceServer(Inbox(), name=name).start()
        proc.kill()
        proc.wait(5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        if proc.stdout is not None:
            proc.stdout.close()
    assert (runtime_dir / f"{name}.sock").exists()  # left behind by kill -9
    assert forward_uris([OFFER], name=name) is None
    inbox = Inbox()
    with InstanceServer(inbox, name=name):
        assert forward_uris([REDIRECT], name=name) is not None
    assert inbox.received == [(REDIRECT,)]


def test_default_channel_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WALLET_APP_INSTANCE", raising=False)
    assert default_channel_name() == f"io.github.walletapp-{os.getuid()}"
    monkeypatch.setenv("WALLET_APP_INSTANCE", "custom/../name")
    assert default_channel_name() == "custom_.._name"


def test_env_name_is_used_by_default(
    monkeypatch: pytest.MonkeyPatch, name: str, inbox: Inbox
) -> None:
    monkeypatch.setenv("WALLET_APP_INSTANCE", name)
    with InstanceServer(inbox) as srv:
        assert Path(srv.address).name == f"{name}.sock"
        assert forward_uris([OFFER]) is not None
    assert inbox.received == [(OFFER,)]


def test_public_runtime_dir_is_not_used(
    monkeypatch: pytest.MonkeyPatch, runtime_dir: Path, name: str
) -> None:
    runtime_dir.chmod(0o755)  # not private: fall back to a per-user dir in the temp dir
    temp = Path(tempfile.mkdtemp(prefix="wsit-"))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    try:
        with InstanceServer(Inbox(), name=name) as srv:
            fallback = temp / f"wallet-app-{os.getuid()}"
            assert Path(srv.address).parent == fallback
            assert stat.S_IMODE(fallback.stat().st_mode) == 0o700
            assert forward_uris([OFFER], name=name) is not None
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def test_fallback_dir_owned_by_someone_else_is_refused(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    temp = Path(tempfile.mkdtemp(prefix="wsit-"))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    target = temp / "elsewhere"
    target.mkdir()
    (temp / f"wallet-app-{os.getuid()}").symlink_to(target)  # lstat: not a real directory
    try:
        with pytest.raises(WalletError):
            InstanceServer(Inbox(), name=name).start()
        with pytest.raises(WalletError):
            forward_uris([OFFER], name=name)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
