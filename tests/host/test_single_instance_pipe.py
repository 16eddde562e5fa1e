"""The key-authenticated pipe transport (Windows' single-instance channel), run on Linux.

On Windows the channel is a named pipe that any local user may create first; here the same
code runs over ``multiprocessing.connection`` with family ``AF_UNIX`` (a unix socket standing in
for the pipe), so the real handshake is exercised: a client without the key is refused, a
server without the key (a squatter) gets no URI, a good pair delivers. What only Windows can
show (named-pipe creation rules, the profile folder's ACL) is not tested here.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path

import pytest

from wallet_app.host import instance_pipe, single_instance
from wallet_app.host.instance_pipe import MAGIC, read_key, write_key
from wallet_app.host.instance_wire import ChannelError, encode
from wallet_app.host.single_instance import Delivery, InstanceServer, forward_uris

ROOT = Path(__file__).resolve().parents[2]
OFFER = "openid-credential-offer://?pre-authorized_code=SECRET-CODE-123"
REDIRECT = "io.github.walletapp:/callback?code=abc&state=xyz"


class Inbox:
    """Records deliveries and accepts them."""

    def __init__(self) -> None:
        self.received: list[tuple[str, ...]] = []

    def __call__(self, uris: tuple[str, ...]) -> tuple[bool, str | None]:
        self.received.append(uris)
        return True, None


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="wsp-"))  # short: AF_UNIX paths are limited
    path.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def name(runtime_dir: Path) -> str:
    return f"wallet-pipe-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def server(name: str, inbox: Inbox) -> Iterator[InstanceServer]:
    with InstanceServer(inbox, name=name, transport="pipe") as srv:
        yield srv


def forward(uris: list[str], name: str, timeout: float = 2.0) -> Delivery | None:
    return forward_uris(uris, name=name, timeout=timeout, transport="pipe")


def test_a_good_pair_delivers(server: InstanceServer, inbox: Inbox, name: str) -> None:
    assert forward([OFFER, REDIRECT], name) == Delivery((OFFER, REDIRECT), True, None)
    assert forward([REDIRECT], name) == Delivery((REDIRECT,), True, None)
    assert inbox.received == [(OFFER, REDIRECT), (REDIRECT,)]


def test_key_file_is_owner_only_new_per_primary_and_removed_at_close(
    name: str, runtime_dir: Path
) -> None:
    key_file = runtime_dir / f"{name}.key"
    with InstanceServer(Inbox(), name=name, transport="pipe") as srv:
        assert Path(srv.address) == runtime_dir / f"{name}.pipe"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(os.stat(srv.address).st_mode) == 0o600
        first = read_key(str(key_file))
        assert first is not None and len(first) == 32
    assert not key_file.exists()
    with InstanceServer(Inbox(), name=name, transport="pipe"):
        second = read_key(str(key_file))
        assert second is not None and second != first
        assert forward([OFFER], name) is not None


def _connect(server: InstanceServer) -> Connection:
    conn = Client(server.address, family="AF_UNIX")
    assert isinstance(conn, Connection)
    return conn


def test_a_client_with_a_wrong_key_is_refused_and_the_server_keeps_serving(
    server: InstanceServer, inbox: Inbox, name: str
) -> None:
    with _connect(server) as conn:
        conn.send_bytes(MAGIC + secrets.token_bytes(32))
        assert len(conn.recv_bytes(256)) == 64  # the server's nonce and proof
        conn.send_bytes(secrets.token_bytes(32))  # a proof made without the key
        with pytest.raises((EOFError, ConnectionError)):  # the server hangs up, never answers
            conn.send_bytes(encode({"v": 1, "uris": [OFFER]}))
            conn.recv_bytes()
    assert inbox.received == []
    assert forward([REDIRECT], name) is not None
    assert inbox.received == [(REDIRECT,)]


def test_a_client_that_skips_the_handshake_is_refused(
    server: InstanceServer, inbox: Inbox, name: str
) -> None:
    with _connect(server) as conn, pytest.raises((EOFError, ConnectionError)):
        conn.send_bytes(encode({"v": 1, "uris": [OFFER]}))  # the old, unauthenticated way
        conn.recv_bytes()
    assert inbox.received == []
    assert forward([OFFER], name) is not None


def test_the_client_refuses_a_server_with_another_key(server: InstanceServer) -> None:
    request = encode({"v": 1, "uris": [OFFER]})
    with pytest.raises(ChannelError, match="Another program answered"):
        instance_pipe.pipe_exchange(server.address, "AF_UNIX", secrets.token_bytes(32), request, 2)


def test_a_silent_client_does_not_block_others(
    server: InstanceServer, inbox: Inbox, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "_PEER_TIMEOUT", 0.2)
    with _connect(server):  # connects, never writes
        delivery = forward([OFFER], name, timeout=3)
    assert delivery is not None and delivery.accepted


class Squatter:
    """Another user's process that created the pipe name first and does not know the key."""

    def __init__(self, address: str, *, answer: bool) -> None:
        self.listener = Listener(address, family="AF_UNIX")
        self.answer = answer
        self.received: list[bytes] = []
        self.connections = 0
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            conn = self.listener.accept()
        except OSError:
            return
        self.connections += 1
        with conn:
            try:
                self.received.append(conn.recv_bytes())
                if self.answer:  # plays along: a made-up nonce and proof
                    conn.send_bytes(secrets.token_bytes(64))
                while conn.poll(1.0):
                    self.received.append(conn.recv_bytes())
            except (EOFError, OSError):
                pass

    def close(self) -> None:
        with Client(self.listener.address, family="AF_UNIX"):
            pass  # unblocks accept() if nobody came
        self.thread.join(5)
        self.listener.close()


@pytest.fixture
def our_primary_starting(name: str, runtime_dir: Path) -> Iterator[None]:
    """Our primary holds the election lock and has written its key, but is not listening."""
    lock_fd = os.open(runtime_dir / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock_fd, fcntl.LOCK_EX)
    write_key(str(runtime_dir / f"{name}.key"))
    yield
    os.close(lock_fd)


@pytest.mark.parametrize("answer", [True, False], ids=["fake-proof", "silent"])
@pytest.mark.usefixtures("our_primary_starting")
def test_a_squatter_without_the_key_gets_no_uri(name: str, runtime_dir: Path, answer: bool) -> None:
    squatter = Squatter(str(runtime_dir / f"{name}.pipe"), answer=answer)
    try:
        with pytest.raises(ChannelError) as info:
            forward([OFFER], name, timeout=0.5)
    finally:
        squatter.close()
    assert squatter.connections == 1
    assert [m[: len(MAGIC)] for m in squatter.received] == [MAGIC]  # only our hello
    assert not any(b"SECRET-CODE" in m for m in squatter.received)
    if answer:
        assert info.value.user_message.startswith("Another program answered")


def test_a_squatter_gets_no_connection_while_no_primary_of_ours_runs(
    name: str, runtime_dir: Path
) -> None:
    squatter = Squatter(str(runtime_dir / f"{name}.pipe"), answer=True)
    try:
        assert forward([OFFER], name) is None
    finally:
        squatter.close()
    assert squatter.connections == 1  # only close()'s own wake-up connection
    assert squatter.received == []


def test_a_primary_replaces_a_stale_pipe_socket(name: str, runtime_dir: Path, inbox: Inbox) -> None:
    (runtime_dir / f"{name}.pipe").write_bytes(b"")  # left behind by a killed primary
    with InstanceServer(inbox, name=name, transport="pipe"):
        assert forward([OFFER], name) is not None
    assert inbox.received == [(OFFER,)]


def test_a_malformed_key_file_reads_as_no_key(tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    path.write_text("not hex")
    assert read_key(str(path)) is None
    path.write_text("ab" * 8)
    assert read_key(str(path)) is None
    assert read_key(str(tmp_path / "missing.key")) is None


def test_a_killed_primary_leaves_a_stale_key_that_the_next_one_replaces(
    name: str, runtime_dir: Path
) -> None:
    """Across processes: the forwarder reads the primary's key file; after kill -9 the old key
    stays behind, yet nothing is sent (no lock holder), and the next primary writes a new one."""
    code = (
        "import sys, time\n"
        "from wallet_app.host.single_instance import InstanceServer\n"
        f"s = InstanceServer(lambda u: (True, repr(u)), name={name!r}, transport='pipe')\n"
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
        assert forward([OFFER], name) == Delivery((OFFER,), True, repr((OFFER,)))
        proc.kill()
        proc.wait(5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        if proc.stdout is not None:
            proc.stdout.close()
    key_file = runtime_dir / f"{name}.key"
    stale = read_key(str(key_file))
    assert stale is not None  # left behind by kill -9
    assert forward([OFFER], name) is None
    inbox = Inbox()
    with InstanceServer(inbox, name=name, transport="pipe"):
        assert read_key(str(key_file)) not in (stale, None)
        assert forward([REDIRECT], name) is not None
    assert inbox.received == [(REDIRECT,)]
