"""The demo issuer as a WSGI application: routing, offers and what tests inspect."""

from __future__ import annotations

import base64
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from http import HTTPStatus
from importlib import resources
from typing import Literal
from urllib.parse import parse_qsl, quote
from wsgiref.types import StartResponse, WSGIEnvironment

from wallet_app.frozen import frozen

from . import authorize, drafts, drafts_deferred, issuing, pages, token
from .attestation import CHALLENGE_PATH, challenge_endpoint
from .config import DemoConfig
from .deviations import adjust_response, as_metadata_path, check_deviations
from .faults import DemoFaults
from .metadata import as_metadata, jwt_vc_issuer_metadata, metadata_response
from .minting import IssuerKeys
from .pki import DemoPki
from .state import DemoState, PreAuthGrant, RecordedRequest, new_secret
from .status import STATUS_PATH, credential_status_index, status_endpoint
from .type_metadata import type_metadata_documents, type_metadata_response
from .wsgi import Request, Response, html_response, json_response, oauth_error

__all__ = ["DemoIssuer", "DemoOffer"]

log = logging.getLogger(__name__)

_RECORDED_HEADERS = (
    *("authorization", "dpop", "content-type", "accept", "accept-language"),
    *("oauth-client-attestation", "oauth-client-attestation-pop"),
)
_STATIC_NAME = re.compile(r"^[a-z0-9_-]+\.svg$")
_TEXT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_Handler = Callable[[Request], Response]


@frozen
class DemoOffer:
    """A credential offer (§4.1): its URI, the offer JSON and the secrets a test needs."""

    uri: str
    offer: dict[str, object]
    tx_code: str | None
    pre_authorized_code: str | None


def _read_static(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


def _serving(document: bytes) -> _Handler:
    return lambda _: type_metadata_response(document)


def _parse_environ(environ: WSGIEnvironment) -> Request:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = str(environ["CONTENT_TYPE"])
    path = str(environ.get("PATH_INFO") or "/")
    host = headers.get("host") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    url = f"{environ.get('wsgi.url_scheme', 'http')}://{host}{environ.get('SCRIPT_NAME', '')}{path}"
    query = dict(parse_qsl(str(environ.get("QUERY_STRING") or ""), keep_blank_values=True))
    return Request(str(environ["REQUEST_METHOD"]).upper(), path, query, headers, body, url)


class DemoIssuer:
    """An OpenID4VCI 1.0 credential issuer and OAuth authorization server (WSGI callable).

    Raises nothing when called: every failure becomes an HTTP error response.
    """

    def __init__(
        self,
        base_url: str,
        config: DemoConfig = DemoConfig(),  # noqa: B008 - frozen, so a shared default is safe
        faults: DemoFaults | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        check_deviations(config.deviations)
        self.config = config
        self.faults = faults if faults is not None else DemoFaults()
        pki = DemoPki(self.base_url + config.issuer_path, clock())
        keys = IssuerKeys(pki.signer, pki.chain())
        self._state = DemoState(self.base_url, config, self.faults, clock, keys, pki)
        self.credential_issuer = self._state.credential_issuer
        logo = base64.b64encode(_read_static("logo.svg")).decode("ascii")
        self._logo_data_uri = f"data:image/svg+xml;base64,{logo}"
        self._routes = self._build_routes()

    def _build_routes(self) -> dict[str, tuple[_Handler, str | None]]:
        state, ip, asp = self._state, self.config.issuer_path, self._state.as_path

        def metadata(request: Request) -> Response:
            return metadata_response(state, request, self._logo_data_uri)

        routes: dict[str, tuple[_Handler, str | None]] = {
            f"/.well-known/openid-credential-issuer{ip}": (metadata, "metadata"),
            f"{ip}/.well-known/openid-credential-issuer": (metadata, "metadata"),
            as_metadata_path(asp, self.config.deviations): (
                lambda _: json_response(200, as_metadata(state)),
                "as_metadata",
            ),
            f"/.well-known/jwt-vc-issuer{ip}": (
                lambda _: json_response(200, jwt_vc_issuer_metadata(state)),
                None,
            ),
            f"{asp}/authorize": (lambda r: authorize.authorize(state, r), None),
            f"{asp}/authorize/decide": (lambda r: authorize.decide(state, r), None),
            f"{asp}/par": (lambda r: authorize.pushed_authorization_request(state, r), "par"),
            f"{asp}/token": (lambda r: token.token(state, r), "token"),
            f"{asp}{CHALLENGE_PATH}": (lambda r: challenge_endpoint(state, r), "challenge"),
            f"{ip}/nonce": (lambda r: issuing.nonce(state, r), "nonce"),
            f"{ip}/credential": (lambda r: issuing.credential(state, r), "credential"),
            f"{ip}/deferred": (
                lambda r: (
                    drafts_deferred.deferred_credential(state, r)
                    if drafts.legacy(state)
                    else issuing.deferred_credential(state, r)
                ),
                "deferred",
            ),
            f"{ip}/notification": (lambda r: issuing.notification(state, r), "notification"),
            f"{ip}{STATUS_PATH}": (lambda r: status_endpoint(state, r), "status"),
        }
        documents = type_metadata_documents(self.base_url, self.credential_issuer)
        for path, document in documents.items():
            routes[f"{ip}{path}"] = (_serving(document), None)
        return routes

    # --- WSGI -----------------------------------------------------------------------------

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Serve one request. Raises nothing: unexpected errors answer 500."""
        request = _parse_environ(environ)
        self._record(request)
        try:
            response = self._dispatch(request)
        except Exception:  # the WSGI boundary: a bug must not kill the server thread
            log.exception("demo issuer failed on %s %s", request.method, request.path)
            response = oauth_error(500, "server_error", "internal error in the demo issuer")
        latency = self.faults.latency
        if latency > 0:
            time.sleep(latency)
        status = f"{response.status} {HTTPStatus(response.status).phrase}"
        headers = [*response.headers, ("Content-Length", str(len(response.body)))]
        start_response(status, headers)
        return [response.body]

    def _dispatch(self, request: Request) -> Response:
        route = self._routes.get(request.path)
        if route is not None:
            handler, fault_name = route
            failure = self.faults.take_failure(fault_name) if fault_name else None
            if failure is not None:
                headers: tuple[tuple[str, str], ...] = ()
                if failure.status == 401:
                    headers = (("WWW-Authenticate", f'Bearer error="{failure.error}"'),)
                return oauth_error(
                    failure.status, failure.error, failure.description, headers=headers
                )
            return adjust_response(self.config.deviations, fault_name, handler(request))
        if request.path.startswith("/offers/"):
            return self._offer_by_reference(request.path.removeprefix("/offers/"))
        if request.path.startswith("/static/"):
            return self._static(request.path.removeprefix("/static/"))
        if request.path in ("/", ""):
            configurations = drafts.configurations(self._state)  # what this mode serves
            cards = [pages.card_of(c) for c in configurations.values()]
            metadata_url = f"/.well-known/openid-credential-issuer{self.config.issuer_path}"
            return html_response(200, pages.index_page(self.credential_issuer, cards, metadata_url))
        return json_response(404, {"error": "not_found", "error_description": request.path})

    def _offer_by_reference(self, offer_id: str) -> Response:
        failure = self.faults.take_failure("offer")
        if failure is not None:
            return oauth_error(failure.status, failure.error, failure.description)
        with self._state.lock:
            offer = self._state.offers.get(offer_id)
        if offer is None:
            return json_response(404, {"error": "not_found", "error_description": "unknown offer"})
        return json_response(200, offer, no_store=True)

    def _static(self, name: str) -> Response:
        if not _STATIC_NAME.match(name):
            return json_response(404, {"error": "not_found"})
        try:
            data = _read_static(name)
        except FileNotFoundError:
            return json_response(404, {"error": "not_found"})
        headers = (("Content-Type", "image/svg+xml"), ("Cache-Control", "max-age=3600"))
        return Response(200, headers, data)

    def _record(self, request: Request) -> None:
        content_type = request.headers.get("content-type", "")
        body: dict[str, object] | None = None
        if content_type.startswith("application/x-www-form-urlencoded"):
            body = dict(request.form())
        elif content_type.startswith("application/json"):
            parsed = request.json()
            body = dict(parsed) if parsed is not None else None
        headers = {k: request.headers[k] for k in _RECORDED_HEADERS if k in request.headers}
        recorded = RecordedRequest(request.method, request.path, request.query, headers, body)
        with self._state.lock:
            self._state.requests.append(recorded)

    # --- for tests and the demo -----------------------------------------------------------

    def create_offer(
        self,
        configuration_ids: Sequence[str],
        *,
        grant: Literal["pre-authorized_code", "authorization_code", "both"] = "pre-authorized_code",
        tx_code: bool = False,
        tx_code_mode: Literal["numeric", "text"] = "numeric",
        by_reference: bool = False,
        scheme: str = "openid-credential-offer",
        language: str = "en",
    ) -> DemoOffer:
        """Create a credential offer (§4.1) by value or by reference. ``language`` ("en",
        "de"): the language of the transaction code's description, the one text of an offer
        that the person reads (it is a single string, not localized by the wallet).

        Raises ValueError for an empty list or an unknown configuration id.
        """
        ids = tuple(configuration_ids)
        unknown = [cid for cid in ids if cid not in drafts.configuration_ids(self._state)]
        if not ids or unknown:
            raise ValueError(f"unknown or no credential configuration ids: {unknown}")
        state = self._state
        separate = self.config.separate_as_path is not None
        grants: dict[str, object] = {}
        pre_code: str | None = None
        code_value: str | None = None
        if grant in ("pre-authorized_code", "both"):
            pre_code = new_secret()
            pre: dict[str, object] = {"pre-authorized_code": pre_code}
            if tx_code:
                numeric = tx_code_mode == "numeric" or self.config.draft == "11"  # d11: digits
                alphabet = "0123456789" if numeric else _TEXT_ALPHABET
                code_value = "".join(secrets.choice(alphabet) for _ in range(6))
                pre["tx_code"] = {
                    "input_mode": tx_code_mode,
                    "length": 6,
                    "description": pages.text(
                        "Enter the 6-digit code we sent you by e-mail"
                        if tx_code_mode == "numeric"
                        else "Enter the 6-character code we sent you by e-mail",
                        "de" if language == "de" else "en",
                    ),
                }
            if separate:
                pre["authorization_server"] = state.as_issuer
            grants[token.PRE_AUTHORIZED_GRANT] = pre
            with state.lock:
                state.pre_auth[pre_code] = PreAuthGrant(ids, code_value)
        if grant in ("authorization_code", "both"):
            issuer_state = new_secret()
            auth: dict[str, object] = {"issuer_state": issuer_state}
            if separate:
                auth["authorization_server"] = state.as_issuer
            grants["authorization_code"] = auth
            with state.lock:
                state.issuer_states[issuer_state] = ids
        offer: dict[str, object] = {
            "credential_issuer": self.credential_issuer,
            "credential_configuration_ids": list(ids),
            "grants": grants,
        }
        offer = drafts.draft_offer(state, offer)  # draft 11: credentials, user_pin_required
        prefix = scheme if "://" in scheme else f"{scheme}://"
        if by_reference:
            offer_id = new_secret(12)
            with state.lock:
                state.offers[offer_id] = offer
            offer_uri = quote(f"{self.base_url}/offers/{offer_id}", safe="")
            uri = f"{prefix}?credential_offer_uri={offer_uri}"
        else:
            compact = json.dumps(offer, separators=(",", ":"))
            uri = f"{prefix}?credential_offer={quote(compact, safe='')}"
        return DemoOffer(uri, offer, code_value, pre_code)

    def configuration_ids(self) -> tuple[str, ...]:
        """The credential configurations this issuer's mode serves (the draft modes add the
        jwt_vc_json degree; draft 11 has no SD-JWT VC). Raises nothing."""
        return drafts.configuration_ids(self._state)

    def offer_used(self, offer: DemoOffer) -> bool:
        """Whether ``offer`` was redeemed: its pre-authorized code exchanged for a token, or a
        sign-in started from its ``issuer_state`` completed the token request. Raises nothing."""
        grants = offer.offer.get("grants")
        auth = grants.get("authorization_code") if isinstance(grants, dict) else None
        issuer_state = auth.get("issuer_state") if isinstance(auth, dict) else None
        with self._state.lock:
            if offer.pre_authorized_code is not None:
                return offer.pre_authorized_code not in self._state.pre_auth
            return issuer_state in self._state.redeemed_issuer_states

    def received_notifications(self) -> list[dict[str, object]]:
        """A snapshot of the notification events received (§10.1). Raises nothing."""
        with self._state.lock:
            return [dict(event) for event in self._state.notifications]

    def set_status(self, credential: str, value: int) -> None:
        """Set the status of an issued credential (SD-JWT VC or mdoc text) in the status list:
        0 valid, 1 invalid (revoked), 2 suspended. Raises ValueError when the text carries no
        status reference of this issuer or the value does not fit in 2 bits."""
        self._state.status_list.set(credential_status_index(credential), value)

    def status_of(self, credential: str) -> int:
        """The status list value of an issued credential. Raises ValueError like set_status."""
        return self._state.status_list.get(credential_status_index(credential))

    def root_certificate_pem(self) -> bytes:
        """The "Demo Root CA" certificate, PEM: the trust anchor for what this issuer signs."""
        return self._state.pki.root_pem()

    def root_certificate_der(self) -> bytes:
        """The "Demo Root CA" certificate, DER."""
        return self._state.pki.root_der()

    def received_requests(self) -> list[RecordedRequest]:
        """A snapshot of every request received, oldest first. Raises nothing."""
        with self._state.lock:
            return list(self._state.requests)
