"""Authorization server checks of the issuer lint (RFC 8414 metadata, grants, PAR, PKCE, DPoP).

Run by :func:`wallet_app.wallet.lint_metadata.lint_report` for each authorization server of
an :class:`~wallet_app.wallet.explore.IssuerReport`. Raises nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING

from wallet_app.errors import MetadataError, Sentence
from wallet_app.oid4vci.metadata import auth_server_metadata_urls
from wallet_app.oid4vci.token import PRE_AUTHORIZED_GRANT
from wallet_app.wallet.lint import Finding, finding, json_strings, not_https

if TYPE_CHECKING:
    from wallet_app.wallet.explore import AuthServerReport

__all__ = ["PRE_AUTHORIZED_GRANT", "as_findings"]

_AS_ENDPOINTS = (
    "authorization_endpoint",
    "token_endpoint",
    "pushed_authorization_request_endpoint",
)


# -- authorization servers --------------------------------------------------------------------
def as_findings(server: AuthServerReport, grants_in_use: Collection[str]) -> Iterator[Finding]:
    if server.raw is None or server.url is None:
        reason = server.problem.message if server.problem else Sentence("not found")
        yield finding(
            "as_metadata_missing",
            Sentence(
                "No metadata of the authorization server {server}: {reason}",
                {"server": server.identifier, "reason": reason},
            ),
            where=server.identifier,
        )
        return
    raw = server.raw
    try:
        expected = auth_server_metadata_urls(server.identifier)[0]
    except MetadataError:  # a malformed identifier: nothing to compare with
        expected = server.url
    if server.url != expected:
        yield finding(
            "as_metadata_location",
            Sentence(
                "The authorization server metadata is served at {url}, not at the RFC 8414 "
                "location {expected}.",
                {"url": server.url, "expected": expected},
            ),
            where=server.url,
        )
    if raw.get("issuer") != server.identifier:
        yield finding(
            "as_issuer_match",
            Sentence(
                "The authorization server metadata names issuer {declared}, not {server}.",
                {"declared": repr(raw.get("issuer")), "server": server.identifier},
            ),
            where=f"{server.url}#issuer",
        )
    listed = json_strings(raw.get("grant_types_supported"))
    grants = listed if listed is not None else ["authorization_code", "implicit"]
    code = "authorization_code" in grants
    missing = [m for m in ("issuer", "token_endpoint") if not isinstance(raw.get(m), str)]
    if code and not isinstance(raw.get("authorization_endpoint"), str):
        missing.append("authorization_endpoint")
    if code and "response_types_supported" not in raw:
        missing.append("response_types_supported")
    if missing:
        yield finding(
            "as_required_members",
            Sentence(
                "The authorization server metadata lacks {members}.",
                {"members": ", ".join(missing)},
            ),
            where=server.url,
        )
    for name in _AS_ENDPOINTS:
        if name in raw and not_https(raw.get(name)):
            yield finding(
                "as_endpoint_https",
                Sentence("{member} is not an https URL.", {"member": name}),
                where=f"{server.url}#{name}",
            )
    yield from _grant_findings(server, raw, grants, grants_in_use)
    if code:
        yield from _code_flow_findings(server, raw)
    dpop = raw.get("dpop_signing_alg_values_supported")
    if dpop is not None:
        algs = json_strings(dpop) or []
        if not algs or any(a == "none" or a.startswith("HS") for a in algs):
            yield finding(
                "dpop_algs",
                Sentence(
                    "dpop_signing_alg_values_supported must list asymmetric algorithms; it "
                    "has {algs}.",
                    {"algs": ", ".join(algs) or "none"},
                ),
                where=f"{server.url}#dpop_signing_alg_values_supported",
            )
    flag = raw.get("pre-authorized_grant_anonymous_access_supported")
    if flag is not None and not isinstance(flag, bool):
        yield finding(
            "anonymous_preauth_flag",
            Sentence("pre-authorized_grant_anonymous_access_supported must be true or false."),
            where=f"{server.url}#pre-authorized_grant_anonymous_access_supported",
        )


def _grant_findings(
    server: AuthServerReport,
    raw: Mapping[str, object],
    grants: list[str],
    grants_in_use: Collection[str],
) -> Iterator[Finding]:
    where = f"{server.url}#grant_types_supported"
    preauth_signs = []
    if "pre-authorized_grant_anonymous_access_supported" in raw:
        preauth_signs.append("pre-authorized_grant_anonymous_access_supported")
    if PRE_AUTHORIZED_GRANT in grants_in_use:
        preauth_signs.append("the token endpoint or an offer")
    if preauth_signs and PRE_AUTHORIZED_GRANT not in grants:
        yield finding(
            "grant_types_preauth",
            Sentence(
                "The pre-authorized code grant is in use ({evidence}) but grant_types_supported "
                "does not list {grant}.",
                {"evidence": "; ".join(preauth_signs), "grant": PRE_AUTHORIZED_GRANT},
            ),
            where=where,
        )
    if "authorization_code" in grants_in_use and "authorization_code" not in grants:
        yield finding(
            "grant_types_code",
            Sentence(
                "The offer carries an authorization code grant but grant_types_supported does "
                "not list authorization_code."
            ),
            where=where,
        )


def _code_flow_findings(server: AuthServerReport, raw: Mapping[str, object]) -> Iterator[Finding]:
    url = server.url or server.identifier
    response_types = json_strings(raw.get("response_types_supported"))
    if response_types is not None and "code" not in response_types:
        yield finding(
            "response_types_code",
            Sentence(
                "response_types_supported does not list code, yet the code grant is supported."
            ),
            where=f"{url}#response_types_supported",
        )
    methods = json_strings(raw.get("code_challenge_methods_supported"))
    if not methods or "S256" not in methods:
        yield finding(
            "pkce_s256",
            Sentence(
                "code_challenge_methods_supported does not list S256 ({methods}).",
                {"methods": ", ".join(methods or []) or "absent"},
            ),
            where=f"{url}#code_challenge_methods_supported",
        )
    par = raw.get("pushed_authorization_request_endpoint")
    if raw.get("require_pushed_authorization_requests") is True and not isinstance(par, str):
        yield finding(
            "par_required_endpoint",
            Sentence("PAR is required, but there is no pushed_authorization_request_endpoint."),
            where=f"{url}#require_pushed_authorization_requests",
        )
    elif not isinstance(par, str):
        yield finding(
            "par_endpoint",
            Sentence("The authorization server has no PAR endpoint (HAIP expects PAR)."),
            where=url,
        )
    if raw.get("authorization_response_iss_parameter_supported") is not True:
        yield finding(
            "iss_parameter",
            Sentence("Authorization responses do not carry the iss parameter (RFC 9207)."),
            where=f"{url}#authorization_response_iss_parameter_supported",
        )
