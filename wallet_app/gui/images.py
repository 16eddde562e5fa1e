"""Issuer logos and card art: ``https:`` and ``data:`` images loaded off the GUI thread.

PNG, JPEG (QImageReader) and SVG (QSvgRenderer) are decoded into a ``QImage`` in a job;
``QPixmap`` is made on the GUI thread only. Responses are size-capped, URLs checked with the
wallet's own rule (https, http only on loopback), results kept in an LRU; a failed URI is
remembered so painting falls back to the generated look instead of retrying.

Images run on the cache's own small thread pool (never the shared ``ctx.jobs`` pool, so a slow
logo host cannot hold up the user's steps), each fetch has a total time cap and follows at most
two redirects, and the HTTP client trusts the same extra CA file as the wallet's own client.
"""

from __future__ import annotations

import base64
import binascii
import logging
import ssl
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import unquote_to_bytes, urljoin

import httpx
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from wallet_app.errors import NetworkError, WalletError
from wallet_app.gui.jobs import JobRunner
from wallet_app.oid4vci.http import check_url
from wallet_app.settings import Settings

__all__ = [
    "ImageCache",
    "close_image_cache",
    "decode_image",
    "image_cache_for",
    "load_image_bytes",
]

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 512 * 1024
#: SVGs are rendered at this size at most (longest side), so a card can scale them down crisply
SVG_RENDER_SIZE = 640
#: one image may take this long in all (redirects, connect, body) before it counts as failed
MAX_FETCH_SECONDS = 5.0
#: images load on their own pool of this many threads
IMAGE_THREADS = 2
_CONNECT_SECONDS = 3.0
_TIMEOUT = httpx.Timeout(MAX_FETCH_SECONDS, connect=_CONNECT_SECONDS)
_MAX_REDIRECTS = 2
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class ImageError(Exception):
    """An image that cannot be loaded (kept inside this module; callers see a fallback)."""


def _data_uri_bytes(uri: str, max_bytes: int) -> tuple[bytes, str]:
    head, sep, payload = uri[5:].partition(",")
    if not sep:
        raise ImageError("data: URI without a comma")
    mime = head.split(";")[0].strip().lower()
    try:
        data = (
            base64.b64decode(payload, validate=False)
            if head.endswith(";base64")
            else unquote_to_bytes(payload)
        )
    except (binascii.Error, ValueError) as exc:
        raise ImageError(f"bad base64 in data: URI ({exc})") from exc
    if len(data) > max_bytes:
        raise ImageError(f"image larger than {max_bytes} bytes")
    return data, mime


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise ImageError("image took too long to load")
    return left


def _fetch(
    client: httpx.Client, url: str, max_bytes: int, allow_http: bool, max_seconds: float
) -> tuple[bytes, str]:
    deadline = time.monotonic() + max_seconds
    for _ in range(_MAX_REDIRECTS + 1):
        try:
            check_url(url, allow_http_loopback=allow_http)
        except NetworkError as exc:
            raise ImageError(exc.user_message) from exc
        left = _remaining(deadline)
        timeout = httpx.Timeout(left, connect=min(_CONNECT_SECONDS, left))
        try:
            with client.stream("GET", url, timeout=timeout, follow_redirects=False) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                if response.status_code != 200:
                    raise ImageError(f"HTTP {response.status_code}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise ImageError(f"image larger than {max_bytes} bytes")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise ImageError(f"image larger than {max_bytes} bytes")
                    _remaining(deadline)
                mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return bytes(body), mime
        except httpx.HTTPError as exc:
            raise ImageError(f"{type(exc).__name__}: {exc}") from exc
    raise ImageError("too many redirects")


def load_image_bytes(
    uri: str,
    client: httpx.Client,
    *,
    max_bytes: int = MAX_IMAGE_BYTES,
    allow_http: bool = True,
    max_seconds: float = MAX_FETCH_SECONDS,
) -> tuple[bytes, str]:
    """The bytes and media type behind a ``data:`` or ``https:`` image URI.

    At most two redirects are followed and the whole fetch may take ``max_seconds``.
    Raises ImageError for another scheme, a refused URL, an HTTP error, an oversize body,
    too many redirects or a fetch that took too long.
    """
    if uri.startswith("data:"):
        return _data_uri_bytes(uri, max_bytes)
    if uri.startswith(("https:", "http:")):
        return _fetch(client, uri, max_bytes, allow_http, max_seconds)
    raise ImageError("unsupported image URI scheme")


def _looks_like_svg(data: bytes, mime: str) -> bool:
    if mime == "image/svg+xml":
        return True
    head = data[:512].lstrip().lower()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:2048])


def decode_image(data: bytes, mime: str = "") -> QImage:
    """Decode PNG, JPEG or SVG bytes into a QImage (safe off the GUI thread).

    Raises ImageError when the bytes are no image Qt can read.
    """
    if _looks_like_svg(data, mime):
        renderer = QSvgRenderer(QByteArray(data))
        if not renderer.isValid():
            raise ImageError("invalid SVG")
        size = renderer.defaultSize()
        if size.isEmpty():
            size = QSize(SVG_RENDER_SIZE, SVG_RENDER_SIZE)
        size = size.scaled(SVG_RENDER_SIZE, SVG_RENDER_SIZE, Qt.AspectRatioMode.KeepAspectRatio)
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    reader = QImageReader(buffer)
    if reader.format().data() not in (b"png", b"jpeg", b"jpg"):
        raise ImageError(f"unsupported image format {reader.format().data()!r}")
    reader.setAllocationLimit(64)  # MiB: refuses decompression bombs
    image = reader.read()
    if image.isNull():
        raise ImageError(f"cannot decode image: {reader.errorString()}")
    return image


class ImageCache(QObject):
    """Loads images by URI in the background and keeps them in an LRU cache.

    ``pixmap(uri, size)`` never blocks: it answers from the cache or starts a load and returns
    None; ``image_ready(uri)`` is emitted once the image (or its failure) is known. Loads run on
    the cache's own pool of ``threads`` threads (``jobs`` is accepted for older callers and not
    used), results arrive on the GUI thread by queued signals. Call :meth:`close` at exit.
    """

    image_ready = Signal(str)

    def __init__(
        self,
        jobs: JobRunner | None = None,
        client: httpx.Client | None = None,
        *,
        verify: ssl.SSLContext | Callable[[], ssl.SSLContext] | None = None,
        max_bytes: int = MAX_IMAGE_BYTES,
        max_seconds: float = MAX_FETCH_SECONDS,
        threads: int = IMAGE_THREADS,
        capacity: int = 128,
        allow_http_loopback: bool = True,
        proxy: str = "system",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        del jobs  # images never take threads from the shared pool
        self._runner = JobRunner(self, max_threads=threads)
        self._own_client = client is None
        self._client = client
        self._client_lock = threading.Lock()
        self._verify = verify
        self._proxy = proxy
        self._closed = False
        self._max_bytes = max_bytes
        self._max_seconds = max_seconds
        self._capacity = capacity
        self._allow_http = allow_http_loopback
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._scaled: OrderedDict[tuple[str, int, int, bool], QPixmap] = OrderedDict()
        self._failed: set[str] = set()
        self._loading: set[str] = set()

    def _http(self) -> httpx.Client:
        """The HTTP client, made on first use (off the GUI thread: loading CAs takes a moment)."""
        with self._client_lock:
            if self._closed:
                raise ImageError("image cache closed")
            if self._client is None:
                verify: ssl.SSLContext | None = None
                if isinstance(self._verify, ssl.SSLContext):
                    verify = self._verify
                elif self._verify is not None:
                    try:
                        verify = self._verify()
                    except WalletError as exc:  # unreadable extra CA: the system store only
                        log.warning("image client without the extra CA: %s", exc)
                from wallet_app.host.network import make_http_client

                # the wallet's own proxy and trust roots (bundled + OS store)
                self._client = make_http_client(timeout=_TIMEOUT, verify=verify, proxy=self._proxy)
            return self._client

    @property
    def active(self) -> int:
        """Image loads started and not yet reported."""
        return self._runner.active

    def close(self, timeout_ms: int = 1000) -> None:
        """Stop loading (waiting ``timeout_ms`` at most) and close the HTTP client the cache
        created itself. Idempotent; raises nothing."""
        if self._closed:
            return
        self._runner.shutdown(timeout_ms)
        with self._client_lock:
            self._closed = True
            client, self._client = self._client, None
        if self._own_client and client is not None:
            client.close()

    def failed(self, uri: str) -> bool:
        """True when ``uri`` could not be loaded (the fallback look applies)."""
        return uri in self._failed

    def image(self, uri: str) -> QImage | None:
        """The decoded image if loaded, else None (and a load starts unless it failed)."""
        image = self._images.get(uri)
        if image is not None:
            self._images.move_to_end(uri)
            return image
        self.request(uri)
        return None

    def pixmap(self, uri: str, size: QSize, *, crop: bool = False) -> QPixmap | None:
        """The image scaled into ``size`` (or covering it when ``crop``), on the GUI thread."""
        key = (uri, size.width(), size.height(), crop)
        cached = self._scaled.get(key)
        if cached is not None:
            self._scaled.move_to_end(key)
            return cached
        image = self.image(uri)
        if image is None:
            return None
        mode = (
            Qt.AspectRatioMode.KeepAspectRatioByExpanding
            if crop
            else Qt.AspectRatioMode.KeepAspectRatio
        )
        scaled = QPixmap.fromImage(
            image.scaled(size, mode, Qt.TransformationMode.SmoothTransformation)
        )
        self._scaled[key] = scaled
        while len(self._scaled) > self._capacity * 2:
            self._scaled.popitem(last=False)
        return scaled

    def request(self, uri: str) -> None:
        """Start loading ``uri`` unless it is cached, loading or known to fail."""
        if not uri or uri in self._images or uri in self._loading or uri in self._failed:
            return
        if self._closed:
            return
        self._loading.add(uri)
        cap, allow_http, seconds = self._max_bytes, self._allow_http, self._max_seconds
        http = self._http

        def load() -> QImage:
            if uri.startswith("data:"):
                data, mime = _data_uri_bytes(uri, cap)
            else:
                data, mime = load_image_bytes(
                    uri, http(), max_bytes=cap, allow_http=allow_http, max_seconds=seconds
                )
            return decode_image(data, mime)

        self._runner.run(
            load,
            lambda image: self._on_loaded(uri, image),
            lambda exc: self._on_failed(uri, exc),
        )

    def _on_loaded(self, uri: str, image: QImage) -> None:
        self._loading.discard(uri)
        self._images[uri] = image
        while len(self._images) > self._capacity:
            self._images.popitem(last=False)
        self.image_ready.emit(uri)

    def _on_failed(self, uri: str, exc: BaseException) -> None:
        self._loading.discard(uri)
        self._failed.add(uri)
        log.info("image %s not loaded: %s", uri[:80], exc)
        self.image_ready.emit(uri)


def image_cache_for(
    ctx_extras: dict[str, object], jobs: JobRunner | None = None, settings: Settings | None = None
) -> ImageCache:
    """The application's shared ImageCache, kept in ``ctx.extras["image_cache"]``.

    The first call makes it: with ``settings`` (or a ``Settings`` in ``ctx_extras["settings"]``)
    its client trusts ``settings.ca_file`` like the wallet's own client
    (:func:`wallet_app.compose.make_ssl_context`). It closes itself when the application quits;
    :func:`close_image_cache` closes it earlier. Raises nothing.
    """
    del jobs  # kept for callers; images have their own pool
    cache = ctx_extras.get("image_cache")
    if isinstance(cache, ImageCache):
        return cache
    if settings is None:
        found = ctx_extras.get("settings")
        settings = found if isinstance(found, Settings) else None
    verify: Callable[[], ssl.SSLContext] | None = None
    if settings is not None:
        chosen = settings

        def verify() -> ssl.SSLContext:
            from wallet_app.compose import make_ssl_context

            return make_ssl_context(chosen)

    cache = ImageCache(verify=verify, proxy=settings.proxy if settings else "system")
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(cache.close)
    ctx_extras["image_cache"] = cache
    return cache


def close_image_cache(ctx_extras: dict[str, object]) -> None:
    """Close the shared ImageCache (if one was made): its pool and HTTP client. Raises nothing."""
    cache = ctx_extras.get("image_cache")
    if isinstance(cache, ImageCache):
        cache.close()
