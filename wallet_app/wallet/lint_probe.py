"""``explore --probe``: harmless requests whose answers the issuer lint can check.

Nothing is spent: the token probe sends a pre-authorized code made up here (so it is
unknown), the credential probe sends no access token, the PAR probe pushes a request that
is never used, and the nonce endpoint is asked twice. Only with an offer and a
transaction code the person says is wrong is the offer's real pre-authorized code sent,
with that wrong code (the issuer must answer ``invalid_grant`` and keep the code).
Every request goes to the flow's trace under a ``lint probe: …`` step, where
:func:`~wallet_app.wallet.lint_responses.lint_exchanges` knows what answer to expect.
"""

from __future__ import annotations

import base64
import contextlib
import secrets
from typing import Literal

import httpx

from wallet_app.errors import Sentence, WalletError
from wallet_app.frozen import frozen
from wallet_app.jsonsafe import loads
from wallet_app.oid4vci.authorize import build_authorization_params, make_pkce, make_state
from wallet_app.oid4vci.client import SIGNED_METADATA_ACCEPT
from wallet_app.oid4vci.dpop import DPoPKey
from wallet_app.oid4vci.http import DEFAULT_MAX_RESPONSE_BYTES, DPoPSession, HttpSession
from wallet_app.oid4vci.models import AuthServerMetadata, CredentialOffer
from wallet_app.wallet.explore import IssuerReport
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.lint import Finding, finding, sort_findings
from wallet_app.wallet.lint_metadata import PRE_AUTHORIZED_GRANT, lint_report
from wallet_app.wallet.lint_responses import (
    STEP_NO_TOKEN,
    STEP_NONCE,
    STEP_PAR,
    STEP_PREAUTH,
    STEP_SIGNED,
    STEP_TX_CODE,
    lint_exchanges,
)

#: the typ of signed issuer metadata (§12.2.3)
METADATA_JWT_TYP = "openidvci-issuer-metadata+jwt"

__all__ = [
    "ProbeOptions",
    "grants_in_use",
    "probe_and_lint",
    "probe_issuer",
    "signed_metadata_findings",
]


@frozen
class ProbeOptions:
    """What the probe may use: the client id and redirect URI to name in a PAR, an offer
    and a transaction code known to be wrong (both or neither)."""

    client_id: str
    redirect_uri: str
    offer: CredentialOffer | None = None
    wrong_tx_code: str | None = None


def probe_and_lint(
    http: httpx.Client,
    report: IssuerReport,
    options: ProbeOptions,
    *,
    flow: Flow,
    allow_http_loopback: bool = True,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
) -> list[Finding]:
    """Probe ``report``'s issuer (:func:`probe_issuer`, exchanges to ``flow``) and lint all
    that is then known: the metadata (with the grants the offer and the probes show in
    use), the probes' own findings and the responses in ``flow``'s trace; sorted by
    severity. What ``explore --probe`` and the explorer's Probe button show. Raises nothing
    but what :func:`probe_issuer` raises."""
    direct = probe_issuer(
        http,
        report,
        options,
        flow=flow,
        allow_http_loopback=allow_http_loopback,
        max_response_bytes=max_response_bytes,
    )
    metadata = lint_report(report, grants_in_use=grants_in_use(report, flow, options.offer))
    return sort_findings([*metadata, *direct, *lint_exchanges(flow.exchanges())])


def _first_server(report: IssuerReport) -> AuthServerMetadata | None:
    return next((s.metadata for s in report.auth_servers if s.metadata is not None), None)


def probe_issuer(
    http: httpx.Client,
    report: IssuerReport,
    options: ProbeOptions,
    *,
    flow: Flow,
    allow_http_loopback: bool = True,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
) -> list[Finding]:
    """Send the probe requests; their exchanges go to ``flow`` (where
    :func:`~wallet_app.wallet.lint_responses.lint_exchanges` checks them). Returns the
    findings the trace cannot carry: those of signed metadata, whose JWT the trace only
    summarises. A transport failure of one probe is recorded in the trace and the others
    still run. Raises nothing else."""
    session = HttpSession(
        http,
        on_exchange=flow.add,
        allow_http_loopback=allow_http_loopback,
        max_response_bytes=max_response_bytes,
    )
    server = _first_server(report)
    md = report.metadata
    raw_server = next((s.raw for s in report.auth_servers if s.raw is not None), None)
    dpop = None
    if server is not None and server.dpop_signing_alg_values_supported:
        dpop = DPoPSession(DPoPKey.generate())

    send = _Sender(session)
    if server is not None:
        form = {"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": _made_up()}
        anonymous = raw_server is not None and raw_server.get(
            "pre-authorized_grant_anonymous_access_supported"
        )
        if not anonymous:
            form["client_id"] = options.client_id
        send("POST", server.token_endpoint, step=STEP_PREAUTH, form=form, dpop=dpop, dpop_role="as")
        offer = options.offer
        grant = offer.pre_authorized_code if offer else None
        if offer is not None and grant is not None and options.wrong_tx_code is not None:
            form = {
                "grant_type": PRE_AUTHORIZED_GRANT,
                "pre-authorized_code": grant.pre_authorized_code,
                # draft 11 offers (legacy) ask for a user_pin
                "user_pin" if offer.legacy else "tx_code": options.wrong_tx_code,
            }
            if not anonymous:
                form["client_id"] = options.client_id
            send(
                "POST",
                server.token_endpoint,
                step=STEP_TX_CODE,
                form=form,
                dpop=dpop,
                dpop_role="as",
            )
        if server.pushed_authorization_request_endpoint and md is not None:
            _probe_par(send, report, server, options, dpop)
    found = _probe_signed_metadata(session, report)
    if md is not None:
        body: dict[str, object] = {"credential_configuration_id": next(iter(md.configurations), "")}
        send("POST", md.credential_endpoint, step=STEP_NO_TOKEN, json_body=body)
        if md.nonce_endpoint:
            for _ in range(2):
                send("POST", md.nonce_endpoint, step=STEP_NONCE, dpop=dpop)
    return found


def _probe_signed_metadata(session: HttpSession, report: IssuerReport) -> list[Finding]:
    try:
        resp = session.request(
            "GET", report.url, step=STEP_SIGNED, headers={"Accept": SIGNED_METADATA_ACCEPT}
        )
    except WalletError:
        return []
    if resp.status != 200 or resp.content_type != "application/jwt":
        return []  # signed metadata is optional (§12.2.3)
    return signed_metadata_findings(resp.body.decode("ascii", "replace").strip(), report)


def signed_metadata_findings(token: str, report: IssuerReport) -> list[Finding]:
    """The §12.2.3 shape of a signed metadata JWT (not its signature or trust, which the
    wallet checks when it uses the metadata). Raises nothing."""
    issuer, where = report.issuer_url, report.url
    try:
        head, payload = (_b64_json(part) for part in token.split(".")[:2])
    except ValueError:
        head, payload = {}, {}
    problems = []
    if head.get("typ") != METADATA_JWT_TYP:
        problems.append(f"typ is {head.get('typ')!r}")
    alg = str(head.get("alg", "none"))
    if alg == "none" or alg.startswith("HS"):
        problems.append(f"alg is {alg}")
    if not any(k in head for k in ("x5c", "kid", "trust_chain")):
        problems.append("no x5c, kid or trust_chain")
    if payload.get("sub") != issuer:
        problems.append(f"sub is {payload.get('sub')!r}")
    if not isinstance(payload.get("iat"), int):
        problems.append("no iat")
    if not problems:
        return []
    return [
        finding(
            "signed_metadata_jwt",
            Sentence(
                "The signed metadata is not shaped as 1.0 asks: {problems}.",
                {"problems": "; ".join(problems)},
            ),
            where=where,
        )
    ]


def _b64_json(part: str) -> dict[str, object]:
    raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    doc = loads(raw)  # JsonRejected (too deep, a lone surrogate) is a ValueError
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    return doc


class _Sender:
    """Sends one probe; a failure is already in the trace (with its error), so it is
    swallowed here and the other probes still run."""

    def __init__(self, session: HttpSession) -> None:
        self.session = session

    def __call__(
        self,
        method: str,
        url: str,
        *,
        step: str,
        form: dict[str, str] | None = None,
        json_body: object = None,
        dpop: DPoPSession | None = None,
        dpop_role: Literal["as", "rs"] = "rs",
    ) -> None:
        with contextlib.suppress(WalletError):
            self.session.request(
                method,
                url,
                step=step,
                form=form,
                json_body=json_body,
                dpop=dpop,
                dpop_role=dpop_role,
            )


def _made_up() -> str:
    return "lint-probe-" + secrets.token_urlsafe(16)


def _probe_par(
    send: _Sender,
    report: IssuerReport,
    server: AuthServerMetadata,
    options: ProbeOptions,
    dpop: DPoPSession | None,
) -> None:
    md = report.metadata
    endpoint = server.pushed_authorization_request_endpoint
    if md is None or endpoint is None:
        return
    wanted = options.offer.credential_configuration_ids if options.offer else ()
    confs = [md.configurations[c] for c in wanted if c in md.configurations]
    confs = confs or list(md.configurations.values())[:1]
    code = options.offer.authorization_code if options.offer else None
    try:
        params = build_authorization_params(
            client_id=options.client_id,
            redirect_uri=options.redirect_uri,
            configurations=confs,
            issuer=md,
            auth_server=server,
            state=make_state(),
            pkce=make_pkce(),
            issuer_state=code.issuer_state if code else None,
            dpop_jkt=dpop.key.thumbprint() if dpop else None,
        )
    except WalletError:
        return  # the metadata findings say why no request can be built
    send("POST", endpoint, step=STEP_PAR, form=params, dpop=dpop, dpop_role="as")


def grants_in_use(report: IssuerReport, flow: Flow, offer: CredentialOffer | None) -> set[str]:
    """Grant types known to be in use: the offer's, and the pre-authorized grant when the
    token probe was answered as a known grant (anything but unsupported_grant_type)."""
    grants: set[str] = set()
    if offer is not None:
        if offer.pre_authorized_code is not None:
            grants.add(PRE_AUTHORIZED_GRANT)
        if offer.authorization_code is not None:
            grants.add("authorization_code")
    for ex in flow.exchanges():
        if not str(ex.get("step", "")).startswith(STEP_PREAUTH):
            continue
        body = ex.get("response_body")
        if ex.get("status") == 400 and isinstance(body, str) and "invalid_grant" in body:
            grants.add(PRE_AUTHORIZED_GRANT)
    return grants
