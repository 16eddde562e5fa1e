"""The HTTP seam of the protocol core: URL policy, size cap, error mapping, trace.

Every request of the core goes through :class:`HttpSession`. It enforces ``https`` (plain
``http`` only for loopback hosts, which are marked as local), caps response sizes, maps
httpx exceptions to :mod:`wallet_app.errors` (OAuth error bodies: :mod:`.error_response`),
keeps the latest ``DPoP-Nonce`` per server, retries once on ``use_dpop_nonce`` (RFC 9449
§8, §9) and records each exchange, redacted, for the flow's trace.

Bounds: every request ends by a total deadline (connect, headers and body, redirects and the
nonce retry included; the client's per-read timeout still applies within it), bodies are
decoded against the size cap as they arrive (:mod:`.decoding`), JSON is read within depth
bounds (:mod:`wallet_app.jsonsafe`), and a redirect never leaves ``https`` for ``http``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Literal
from urllib.parse import urlencode, urlsplit

import httpx

from wallet_app.errors import IssuerError, NetworkError
from wallet_app.frozen import frozen
from wallet_app.jsonsafe import JsonRejected, Surrogates, loads
from wallet_app.oid4vci.bounds import (
    DEFAULT_TOTAL_TIMEOUT,
    Alarms,
    Deadline,
    Sockets,
    Watchdog,
    check_url,
    redirect_target,
    total_for,
)
from wallet_app.oid4vci.decoding import (
    ACCEPT_ENCODING,
    BoundedDecoder,
    DecodedTooLarge,
    UnreadableEncoding,
)
from wallet_app.oid4vci.dpop import DPoPKey, origin
from wallet_app.oid4vci.error_response import error_fields
from wallet_app.oid4vci.exchange import Exchange, redact_body, redact_headers, redact_url
from wallet_app.oid4vci.http_errors import transport_error
from wallet_app.oid4vci.urls import is_loopback_url  # re-exported

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TOTAL_TIMEOUT",
    "DPoPSession",
    "HttpResponse",
    "HttpSession",
    "check_url",
    "is_loopback_url",
]

log = logging.getLogger(__name__)

DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024
_MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

ExchangeSink = Callable[[Exchange], None]


@frozen
class HttpResponse:
    """A completed response: status, headers (lower-case names), body bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-case."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def json(self, *, surrogates: Surrogates = "reject") -> object:
        """The body parsed as JSON, within :mod:`wallet_app.jsonsafe`'s bounds (lone
        surrogates rejected, or repaired with ``surrogates="repair"``: for metadata, whose
        strings are display text). Raises IssuerError when it is not JSON or out of bounds."""
        try:
            return loads(self.body, surrogates=surrogates)
        except JsonRejected as exc:
            raise IssuerError(
                "The issuer sent an answer nested too deeply or holding invalid text, so the "
                "wallet did not read it.",
                status=self.status,
                url=self.url,
                detail=f"HTTP {self.status} from {self.url}: {exc}",
                code="invalid_response",
            ) from exc
        except (ValueError, RecursionError) as exc:
            raise IssuerError(
                "The issuer sent an answer the wallet cannot read.",
                status=self.status,
                url=self.url,
                detail=f"HTTP {self.status} from {self.url}: body is not JSON "
                f"({self.content_type or 'no content type'})",
                code="invalid_response",
            ) from exc

    def json_object(self, *, surrogates: Surrogates = "reject") -> Mapping[str, object]:
        """The body as a JSON object. Raises IssuerError otherwise."""
        doc = self.json(surrogates=surrogates)
        if not isinstance(doc, Mapping):
            raise IssuerError(
                "The issuer sent an answer the wallet cannot read.",
                status=self.status,
                url=self.url,
                detail=f"HTTP {self.status} from {self.url}: expected a JSON object",
                code="invalid_response",
            )
        return doc


DPoPRole = Literal["as", "rs"]


class DPoPSession:
    """The DPoP key of one issuance session plus the latest ``DPoP-Nonce`` per server.

    Nonces are kept per role and origin: an authorization server and a resource server
    (the credential issuer) on the same origin have separate nonces (RFC 9449 §8, §9).
    """

    def __init__(self, key: DPoPKey, nonces: Mapping[str, str] | None = None) -> None:
        self.key = key
        self._nonces: dict[str, str] = dict(nonces or {})
        self._lock = threading.Lock()

    @staticmethod
    def _slot(url: str, role: DPoPRole) -> str:
        return f"{role} {origin(url)}"

    def nonce_for(self, url: str, role: DPoPRole = "rs") -> str | None:
        """The last nonce the ``role`` server at ``url``'s origin gave us."""
        with self._lock:
            return self._nonces.get(self._slot(url, role))

    def remember(self, url: str, nonce: str | None, role: DPoPRole = "rs") -> None:
        """Keep ``nonce`` as the current one for the ``role`` server at ``url``'s origin."""
        if nonce:
            with self._lock:
                self._nonces[self._slot(url, role)] = nonce

    def nonces(self) -> dict[str, str]:
        """A snapshot, for persisting a deferred context."""
        with self._lock:
            return dict(self._nonces)


class HttpSession:
    """All HTTP of one flow: policy, DPoP nonces, error mapping and the trace."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        on_exchange: ExchangeSink | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        allow_http_loopback: bool = True,
        clock: Callable[[], float] = time.time,
        accept_language: str | None = None,
        total_timeout: float | None = None,
        alarms: Alarms | None = None,
    ) -> None:
        self.http = http
        #: seconds per request in all; by default twice the client's read timeout (the
        #: settings' --timeout, 15 s: 30 s)
        self.total_timeout = total_timeout or total_for(http.timeout)
        self._sockets = Sockets()  # what the watchdogs of kept-alive connections cut
        #: the thread that watches the requests' deadlines (sessions of one wallet share it)
        self.alarms = alarms or Alarms()
        self.on_exchange = on_exchange
        self.max_response_bytes = max_response_bytes
        self.allow_http_loopback = allow_http_loopback
        self.clock = clock
        self.accept_language = accept_language

    # -- plumbing -----------------------------------------------------------------------
    def request(
        self,
        method: str,
        url: str,
        *,
        step: str,
        headers: Mapping[str, str] | None = None,
        form: Mapping[str, str] | None = None,
        json_body: object = None,
        jwt_body: str | None = None,
        dpop: DPoPSession | None = None,
        access_token: str | None = None,
        token_type: str = "Bearer",
        dpop_role: DPoPRole = "rs",
        fresh_headers: Callable[[], Mapping[str, str]] | None = None,
        total_timeout: float | None = None,
    ) -> HttpResponse:
        """Send one request (retrying once on a DPoP nonce challenge); return the response.

        ``fresh_headers`` are built again for every send, the DPoP nonce retry included:
        single-use headers (an OAuth-Client-Attestation-PoP's ``jti``) are never resent.
        Raises NetworkError on transport failures, refused URLs and oversized responses.
        Error statuses are returned, not raised: the caller knows what they mean. A GET
        follows up to five redirects, each target checked against the URL policy and never
        from ``https`` to ``http``. All of it ends within ``total_timeout`` seconds (the
        session's by default), else NetworkError.
        """
        total = self.total_timeout if total_timeout is None else total_timeout
        deadline = Deadline(time.monotonic() + total, total)
        if method == "GET" and access_token is None and dpop is None:
            for _ in range(_MAX_REDIRECTS + 1):  # the request itself + up to five redirects
                resp = self._send_once(
                    method,
                    url,
                    step=step,
                    headers=headers,
                    form=None,
                    json_body=None,
                    dpop=None,
                    access_token=None,
                    token_type=token_type,
                    deadline=deadline,
                )
                location = resp.headers.get("location")
                if resp.status not in _REDIRECT_STATUSES or not location:
                    return resp
                url = redirect_target(url, location)
                step = step if step.endswith("(redirected)") else f"{step} (redirected)"
            raise NetworkError(
                "The issuer redirected the wallet too many times.",
                detail=f"more than {_MAX_REDIRECTS} redirects, last to {redact_url(url)}",
                code="too_many_redirects",
            )
        resp = self._send_once(
            method,
            url,
            step=step,
            headers=headers,
            form=form,
            json_body=json_body,
            jwt_body=jwt_body,
            dpop=dpop,
            access_token=access_token,
            token_type=token_type,
            dpop_role=dpop_role,
            fresh_headers=fresh_headers,
            deadline=deadline,
        )
        if dpop is not None and self._is_dpop_nonce_challenge(resp):
            # retry with the nonce of this very challenge, not a slot another request may
            # have overwritten meanwhile
            resp = self._send_once(
                method,
                url,
                step=step + " (DPoP nonce retry)",
                headers=headers,
                form=form,
                json_body=json_body,
                jwt_body=jwt_body,
                dpop=dpop,
                access_token=access_token,
                token_type=token_type,
                dpop_role=dpop_role,
                dpop_nonce=resp.headers.get("dpop-nonce"),
                fresh_headers=fresh_headers,
                deadline=deadline,
            )
        return resp

    @staticmethod
    def _is_dpop_nonce_challenge(resp: HttpResponse) -> bool:
        if "dpop-nonce" not in resp.headers:
            return False
        if resp.status == 401:
            return "use_dpop_nonce" in resp.headers.get("www-authenticate", "")
        if resp.status == 400:
            err, _ = error_fields(resp)
            return err == "use_dpop_nonce"
        return False

    def _send_once(
        self,
        method: str,
        url: str,
        *,
        step: str,
        headers: Mapping[str, str] | None,
        form: Mapping[str, str] | None,
        json_body: object,
        dpop: DPoPSession | None,
        access_token: str | None,
        token_type: str,
        dpop_role: DPoPRole = "rs",
        dpop_nonce: str | None = None,
        jwt_body: str | None = None,
        fresh_headers: Callable[[], Mapping[str, str]] | None = None,
        deadline: Deadline | None = None,
    ) -> HttpResponse:
        local = check_url(url, allow_http_loopback=self.allow_http_loopback)
        req_headers: dict[str, str] = {
            "Accept": "application/json",
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        if self.accept_language:
            req_headers["Accept-Language"] = self.accept_language
        req_headers.update(headers or {})
        if fresh_headers is not None:
            req_headers.update(fresh_headers())
        content: bytes | None = None
        if form is not None:
            content = urlencode(dict(form)).encode()
            req_headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif jwt_body is not None:
            content = jwt_body.encode()
            req_headers["Content-Type"] = "application/jwt"
        elif json_body is not None:
            content = json.dumps(json_body).encode()
            req_headers["Content-Type"] = "application/json"
        if access_token is not None:
            scheme = "DPoP" if (dpop is not None and token_type.lower() == "dpop") else "Bearer"
            req_headers["Authorization"] = f"{scheme} {access_token}"
        if dpop is not None:
            req_headers["DPoP"] = dpop.key.proof(
                method,
                url,
                access_token=access_token if access_token is not None else None,
                nonce=dpop_nonce or dpop.nonce_for(url, dpop_role),
                issued_at=int(self.clock()),
            )
        started = time.time()
        t0 = time.perf_counter()
        try:
            resp = self._transfer(
                method,
                url,
                req_headers,
                content,
                deadline or Deadline(time.monotonic() + self.total_timeout, self.total_timeout),
            )
        except NetworkError as exc:
            self._record(
                step,
                method,
                url,
                req_headers,
                content,
                None,
                started,
                t0,
                error=exc.detail or exc.user_message,
                local=local,
            )
            raise
        if dpop is not None:
            dpop.remember(url, resp.headers.get("dpop-nonce"), dpop_role)
        self._record(step, method, url, req_headers, content, resp, started, t0, local=local)
        log.debug(
            "%s %s -> %s (%.0f ms)",
            method,
            redact_url(url).split("?")[0],
            resp.status,
            (time.perf_counter() - t0) * 1000,
        )
        return resp

    def _transfer(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        content: bytes | None,
        deadline: Deadline,
    ) -> HttpResponse:
        host = urlsplit(url).hostname or url
        where = origin(url)
        try:
            with (
                Watchdog(deadline, lambda: self._sockets.of(where), self.alarms) as watchdog,
                self.http.stream(
                    method,
                    url,
                    headers=headers,
                    content=content,
                    timeout=deadline.timeout(self.http.timeout),
                    extensions={"trace": watchdog.trace},
                ) as r,
            ):
                self._sockets.remember(where, watchdog.attach(r.extensions.get("network_stream")))
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
                    raise self._too_large(url)
                # as received, decoded here against the cap (an in-memory response, made by a
                # test transport, is already read and decoded)
                consumed = r.is_stream_consumed
                decoder = BoundedDecoder(
                    None if consumed else r.headers.get("content-encoding"),
                    self.max_response_bytes,
                )
                chunks: list[bytes] = []
                size = 0
                for raw in (r.content,) if consumed else r.iter_raw():
                    size += len(raw)
                    if size > self.max_response_bytes:
                        raise self._too_large(url)
                    chunks.append(decoder.feed(raw))
                    if deadline.passed():
                        raise deadline.too_slow(host, method, url)
                return HttpResponse(
                    status=r.status_code,
                    headers={k.lower(): v for k, v in r.headers.items()},
                    body=b"".join(chunks),
                    url=url,
                )
        except DecodedTooLarge as exc:
            raise self._too_large(url) from exc
        except UnreadableEncoding as exc:
            raise NetworkError(
                "{host} sent an answer in a compressed form the wallet cannot read.",
                params={"host": host},
                detail=f"Content-Encoding of {method} {redact_url(url)}: {exc}",
                code="invalid_encoding",
            ) from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise transport_error(exc, deadline, method, url) from exc

    def _too_large(self, url: str) -> NetworkError:
        return NetworkError(
            "The issuer sent a much larger answer than expected, so the wallet stopped reading.",
            detail=f"Response from {redact_url(url)} exceeds {self.max_response_bytes} bytes",
            code="response_too_large",
        )

    def _record(
        self,
        step: str,
        method: str,
        url: str,
        req_headers: Mapping[str, str],
        content: bytes | None,
        resp: HttpResponse | None,
        started: float,
        t0: float,
        *,
        error: str | None = None,
        local: bool,
    ) -> None:
        if self.on_exchange is None:
            return
        self.on_exchange(
            Exchange(
                step=step,
                method=method,
                url=redact_url(url),
                request_headers=redact_headers(req_headers),
                request_body=redact_body(content, req_headers.get("Content-Type")),
                status=resp.status if resp else None,
                response_headers=redact_headers(resp.headers) if resp else {},
                response_body=redact_body(resp.body, resp.content_type) if resp else None,
                started_at=started,
                duration_ms=(time.perf_counter() - t0) * 1000,
                error=error,
                local=local,
            )
        )
