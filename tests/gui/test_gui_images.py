"""ImageCache: data: and https: images off the GUI thread, size cap, failures remembered."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import trustme
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.support.tls_origin import tls_origin
from wallet_app.gui.images import (
    ImageCache,
    close_image_cache,
    decode_image,
    image_cache_for,
    load_image_bytes,
)
from wallet_app.gui.jobs import JobRunner
from wallet_app.settings import Settings

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b'<rect width="40" height="20" fill="#ff0000"/></svg>'
)


def _png(color: str = "#00ff00", size: int = 8) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(data.data())


def _data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


@pytest.fixture
def jobs() -> Iterator[JobRunner]:
    runner = JobRunner()
    yield runner
    runner.shutdown()


def _load(qtbot: QtBot, cache: ImageCache, uri: str) -> None:
    with qtbot.waitSignal(cache.image_ready, timeout=5000) as blocker:
        assert cache.image(uri) is None  # never blocks: starts a job
    assert blocker.args == [uri]


def test_data_uri_png_and_svg(qtbot: QtBot, jobs: JobRunner) -> None:
    cache = ImageCache(
        jobs, httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(500)))
    )
    png = _data_uri(_png(), "image/png")
    _load(qtbot, cache, png)
    image = cache.image(png)
    assert image is not None and image.pixelColor(1, 1).name() == "#00ff00"
    svg = _data_uri(SVG, "image/svg+xml")
    _load(qtbot, cache, svg)
    pixmap = cache.pixmap(svg, QSize(80, 80))
    assert pixmap is not None and pixmap.width() == 80 and pixmap.height() == 40
    assert pixmap.toImage().pixelColor(40, 20).name() == "#ff0000"
    cropped = cache.pixmap(svg, QSize(80, 80), crop=True)
    assert cropped is not None and cropped.height() == 80  # covers the box
    utf8 = "data:image/svg+xml," + SVG.decode().replace("#", "%23")
    _load(qtbot, cache, utf8)
    assert cache.image(utf8) is not None


def test_https_fetch_through_an_injected_client(qtbot: QtBot, jobs: JobRunner) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/old.png":
            return httpx.Response(302, headers={"location": "/logo.png"})
        return httpx.Response(200, content=_png("#0000ff"), headers={"content-type": "image/png"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    cache = ImageCache(jobs, client)
    _load(qtbot, cache, "https://issuer.example/old.png")
    image = cache.image("https://issuer.example/old.png")
    assert image is not None and image.pixelColor(0, 0).name() == "#0000ff"
    assert seen == ["https://issuer.example/old.png", "https://issuer.example/logo.png"]
    cache.image("https://issuer.example/old.png")  # cached: no second request
    assert len(seen) == 2


@pytest.mark.parametrize(
    "uri",
    [
        "http://issuer.example/logo.png",  # http only on loopback
        "ftp://issuer.example/logo.png",
        "data:image/png;base64,!!!notbase64",
        "data:image/png;base64," + base64.b64encode(b"not an image").decode(),
        "data:image/gif;base64," + base64.b64encode(b"GIF89a" + b"\0" * 20).decode(),
        "https://issuer.example/big.png",  # over the cap
        "https://issuer.example/missing.png",  # 404
    ],
)
def test_bad_images_fail_once_and_are_remembered(qtbot: QtBot, jobs: JobRunner, uri: str) -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/big.png":
            return httpx.Response(200, content=b"\x89PNG" + b"\0" * 3000)
        return httpx.Response(404)

    cache = ImageCache(jobs, httpx.Client(transport=httpx.MockTransport(handler)), max_bytes=2048)
    _load(qtbot, cache, uri)
    assert cache.failed(uri)
    assert cache.pixmap(uri, QSize(10, 10)) is None
    cache.request(uri)  # a known failure is not retried
    assert jobs.active == 0 and len(calls) <= 1


def test_decode_image_rejects_garbage() -> None:
    with pytest.raises(Exception, match=r"invalid SVG|unsupported"):
        decode_image(b"<svg this is not xml", "image/svg+xml")
    image = decode_image(_png("#123456"), "image/png")
    assert image.pixelColor(0, 0) == QColor("#123456")
    assert image.size() == QSize(8, 8) and image.format() != QImage.Format.Format_Invalid


def test_slow_logos_do_not_hold_up_the_shared_job_pool(qtbot: QtBot, jobs: JobRunner) -> None:
    release = threading.Event()
    started: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        started.append(request.url.path)
        release.wait(10)  # a logo host that hangs
        return httpx.Response(200, content=_png(), headers={"content-type": "image/png"})

    cache = ImageCache(jobs, httpx.Client(transport=httpx.MockTransport(handler)))
    try:
        for n in range(8):  # more slow logos than the shared pool has threads
            assert cache.image(f"https://issuer.example/{n}.png") is None
        qtbot.waitUntil(lambda: len(started) == 2)  # the cache's own two threads
        done: list[int] = []
        jobs.run(lambda: 42, done.append, lambda exc: done.append(-1))
        qtbot.waitUntil(lambda: done == [42], timeout=1000)
        assert len(started) == 2 and cache.active == 8
    finally:
        release.set()
    qtbot.waitUntil(lambda: cache.active == 0, timeout=5000)
    assert cache.image("https://issuer.example/7.png") is not None
    cache.close()


class _Trickle(httpx.SyncByteStream):
    """A body that never ends: one byte whenever the test lets it (a slow-loris logo)."""

    def __init__(self, tick: threading.Event) -> None:
        self.tick = tick

    def __iter__(self) -> Iterator[bytes]:
        while True:
            self.tick.wait(0.05)
            yield b"\0"


def test_a_fetch_has_a_total_time_cap() -> None:
    client = httpx.Client(
        transport=httpx.MockTransport(
            lambda r: httpx.Response(200, stream=_Trickle(threading.Event()))
        )
    )
    with pytest.raises(Exception, match="too long"):
        load_image_bytes("https://issuer.example/slow.png", client, max_seconds=0.3)


@pytest.mark.parametrize(("hops", "ok"), [(2, True), (3, False)])
def test_at_most_two_redirects(hops: int, ok: bool) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        n = int(request.url.path.strip("/") or 0)
        if n < hops:
            return httpx.Response(302, headers={"location": f"/{n + 1}"})
        return httpx.Response(200, content=_png(), headers={"content-type": "image/png"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    if ok:
        assert load_image_bytes("https://issuer.example/0", client)[1] == "image/png"
    else:
        with pytest.raises(Exception, match="too many redirects"):
            load_image_bytes("https://issuer.example/0", client)


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_shared_cache_trusts_the_extra_ca_and_closes_its_client(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ca = trustme.CA()
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    extras: dict[str, object] = {}
    cache = image_cache_for(extras, None, Settings(data_dir=tmp_path, ca_file=pem))
    assert image_cache_for(extras) is cache
    client = cache._http()
    with tls_origin(ca) as port:  # a real TLS server whose certificate that CA issued
        assert client.get(f"https://127.0.0.1:{port}/logo.png").status_code == 200
    close_image_cache(extras)
    assert client.is_closed
    cache.request("https://issuer.example/after-close.png")  # a closed cache starts nothing
    assert cache.active == 0
