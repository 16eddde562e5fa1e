"""The truststore-backed context lets parallel handshakes overlap (host/tls.py PooledTrust).

A real TLS server on 127.0.0.1 waits 500 ms after each ClientHello, like a distant issuer. One
``truststore.SSLContext`` runs its handshakes one at a time (its lock); the wallet's pooled
context lends each a sibling, so three take about as long as one. On Linux truststore's OpenSSL
backend runs, with the same lock as on macOS and Windows.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
import truststore

from wallet_app.host.tls import make_ssl_context
from wallet_app.host.tls_pool import PooledTrust

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])
DELAY = 0.5


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def slow_server(ca: trustme.CA) -> Iterator[int]:
    """TLS on 127.0.0.1:<port>, answering each ClientHello after DELAY seconds."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()
    workers: list[threading.Thread] = []

    def handshake(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                conn.recv(1, socket.MSG_PEEK)  # the ClientHello is here
                time.sleep(DELAY)
                with context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1)  # until the client closes
            except OSError:
                pass

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            worker = threading.Thread(target=handshake, args=(conn,))
            workers.append(worker)
            worker.start()

    acceptor = threading.Thread(target=accept)
    acceptor.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        acceptor.join(5)
        for worker in workers:
            worker.join(5)
        listener.close()


def _parallel_handshakes(ctx: ssl.SSLContext, port: int, n: int = 3) -> float:
    errors: list[BaseException] = []

    def one() -> None:
        try:
            with (
                socket.create_connection(("127.0.0.1", port), timeout=5) as raw,
                ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
            ):
                assert tls.version() is not None
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(n)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == []
    return time.perf_counter() - started


def test_parallel_handshakes_overlap_with_the_wallets_context(
    ca: trustme.CA, slow_server: int, tmp_path: Path
) -> None:
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    single = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    single.load_verify_locations(cafile=str(ca_file))
    serial = _parallel_handshakes(single, slow_server)
    assert serial >= 3 * DELAY * 0.95  # the lock: one after another

    pooled = make_ssl_context(ca_file, system="Darwin")
    assert isinstance(pooled, PooledTrust) and isinstance(pooled, truststore.SSLContext)
    overlapped = _parallel_handshakes(pooled, slow_server)
    # Linux's truststore backend also reloads the system CA file per handshake (~40 ms of CPU
    # each); on macOS and Windows only the OS's own check remains
    assert overlapped < 2 * DELAY, (serial, overlapped)
    # the siblings are kept for the next flow: no more than were needed at once
    assert pooled.kept <= 3
    again = _parallel_handshakes(pooled, slow_server)
    assert again < 2 * DELAY
    assert pooled.kept <= 3


def test_a_pooled_context_still_refuses_an_untrusted_server(slow_server: int) -> None:
    pooled = make_ssl_context(system="Windows")
    assert isinstance(pooled, PooledTrust)
    with (
        socket.create_connection(("127.0.0.1", slow_server), timeout=5) as raw,
        pytest.raises(ssl.SSLCertVerificationError),
    ):
        pooled.wrap_socket(raw, server_hostname="127.0.0.1")
    assert pooled.kept == 1  # the sibling came back after the failure
