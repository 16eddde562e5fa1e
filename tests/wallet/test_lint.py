"""The issuer lint, check by check: each registered check fires on a document or exchange
that breaks its rule and stays quiet on the clean ones (a 1.0 issuer, its AS, a flow)."""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from wallet_app.oid4vci.client import FetchAttempt
from wallet_app.oid4vci.dialect import version_label
from wallet_app.wallet.explore import AuthServerReport, EncryptionSummary, IssuerReport, Problem
from wallet_app.wallet.lint import CHECKS, Finding, sort_findings
from wallet_app.wallet.lint_metadata import PRE_AUTHORIZED_GRANT, lint_report
from wallet_app.wallet.lint_probe import signed_metadata_findings
from wallet_app.wallet.lint_responses import (
    STEP_NO_TOKEN,
    STEP_NONCE,
    STEP_PREAUTH,
    STEP_TX_CODE,
    lint_exchanges,
)

ISSUER = "https://issuer.example/tenant"
AS_ID = "https://auth.example"
AS_URL = "https://auth.example/.well-known/oauth-authorization-server"
MD_URL = "https://issuer.example/.well-known/openid-credential-issuer/tenant"

Doc = dict[str, Any]


def clean_issuer() -> Doc:
    return {
        "credential_issuer": ISSUER,
        "authorization_servers": [AS_ID],
        "credential_endpoint": f"{ISSUER}/credential",
        "nonce_endpoint": f"{ISSUER}/nonce",
        "batch_credential_issuance": {"batch_size": 3},
        "display": [{"name": "Issuer", "locale": "en"}, {"name": "Aussteller", "locale": "de"}],
        "credential_request_encryption": {
            "jwks": {"keys": [{"kty": "EC", "kid": "k1", "alg": "ECDH-ES"}]},
            "enc_values_supported": ["A128GCM"],
            "encryption_required": False,
        },
        "credential_response_encryption": {
            "alg_values_supported": ["ECDH-ES"],
            "enc_values_supported": ["A128GCM"],
            "encryption_required": False,
        },
        "credential_configurations_supported": {
            "pid": {
                "format": "dc+sd-jwt",
                "vct": "urn:eudi:pid:1",
                "scope": "pid",
                "cryptographic_binding_methods_supported": ["jwk"],
                "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["ES256"]}},
                "credential_metadata": {
                    "display": [{"name": "PID", "locale": "en", "logo": {"uri": "https://l/p"}}]
                },
            }
        },
    }


def clean_as() -> Doc:
    return {
        "issuer": AS_ID,
        "authorization_endpoint": f"{AS_ID}/authorize",
        "token_endpoint": f"{AS_ID}/token",
        "pushed_authorization_request_endpoint": f"{AS_ID}/par",
        "require_pushed_authorization_requests": True,
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", PRE_AUTHORIZED_GRANT],
        "code_challenge_methods_supported": ["S256"],
        "dpop_signing_alg_values_supported": ["ES256"],
        "scopes_supported": ["pid"],
        "pre-authorized_grant_anonymous_access_supported": True,
        "authorization_response_iss_parameter_supported": True,
    }


def report(
    issuer: Doc | None = None,
    server: Doc | None = None,
    *,
    url: str = MD_URL,
    as_url: str = AS_URL,
    problem: Problem | None = None,
) -> IssuerReport:
    doc = clean_issuer() if issuer is None else issuer
    as_doc = clean_as() if server is None else server
    found = server != {}
    return IssuerReport(
        issuer_url=ISSUER,
        url=url,
        attempts=(FetchAttempt(url, 200, "ok"),),
        raw=doc,
        version_hint=version_label(doc),
        metadata=None,
        problem=problem,
        configurations=(),
        request_encryption=EncryptionSummary(False, False),
        response_encryption=EncryptionSummary(False, False),
        auth_servers=(
            AuthServerReport(
                AS_ID,
                (),
                as_url if found else None,
                as_doc if found else None,
                problem=None if found else Problem("metadata_not_found", "not found", None),
            ),
        ),
    )


def checks_of(findings: list[Finding]) -> set[str]:
    return {f.check for f in findings}


# -- metadata ---------------------------------------------------------------------------------
def _pid(doc: Doc) -> Doc:
    conf: Doc = doc["credential_configurations_supported"]["pid"]
    return conf


def _set(path: str, value: object) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target = doc
        for p in parents:
            target = target[p]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return change


_DELETE = object()
_PID = "credential_configurations_supported.pid"

ISSUER_CASES: list[tuple[str, Callable[[Doc], None]]] = [
    ("credential_issuer_match", _set("credential_issuer", ISSUER + "/")),
    ("credential_endpoint_required", _set("credential_endpoint", _DELETE)),
    ("endpoint_https", _set("nonce_endpoint", "http://issuer.example/nonce")),
    ("authorization_servers_shape", _set("authorization_servers", [])),
    ("configurations_required", _set("credential_configurations_supported", {})),
    ("configuration_format", _set(f"{_PID}.format", _DELETE)),
    ("proof_types_binding", _set(f"{_PID}.proof_types_supported", _DELETE)),
    (
        "proof_signing_algs",
        _set(f"{_PID}.proof_types_supported.jwt.proof_signing_alg_values_supported", []),
    ),
    (
        "proof_alg_weak",
        _set(f"{_PID}.proof_types_supported.jwt.proof_signing_alg_values_supported", ["HS256"]),
    ),
    (
        "key_attestations_shape",
        _set(f"{_PID}.proof_types_supported.jwt.key_attestations_required", True),
    ),
    (
        "key_attestations_required",
        _set(
            f"{_PID}.proof_types_supported.jwt.key_attestations_required",
            {"key_storage": ["iso_18045_high"]},
        ),
    ),
    ("display_shape", _set(f"{_PID}.credential_metadata.display", [{"locale": "en"}])),
    (
        "display_locale_unique",
        _set("display", [{"name": "A", "locale": "en"}, {"name": "B", "locale": "en"}]),
    ),
    ("nonce_endpoint", _set("nonce_endpoint", _DELETE)),
    ("batch_size", _set("batch_credential_issuance", {"batch_size": 1})),
    (
        "encryption_enc_values",
        _set("credential_request_encryption.enc_values_supported", ["ECDH-ES", "A128GCM"]),
    ),
    (
        "encryption_alg_values",
        _set("credential_response_encryption.alg_values_supported", ["A128GCM"]),
    ),
    (
        "request_encryption_jwks",
        _set("credential_request_encryption.jwks", {"keys": [{"kty": "EC"}]}),
    ),
    ("encryption_required_flag", _set("credential_response_encryption.encryption_required", "no")),
    ("signed_metadata_member", _set("signed_metadata", "eyJ...")),
    ("deprecated_member", _set("credential_identifiers_supported", True)),
    ("metadata_version", _set(f"{_PID}.credential_metadata", _DELETE)),
    ("configuration_scope", _set(f"{_PID}.scope", "other")),
]

AS_CASES: list[tuple[str, Callable[[Doc], None]]] = [
    ("as_issuer_match", _set("issuer", AS_ID + "/")),
    ("as_required_members", _set("token_endpoint", _DELETE)),
    ("as_endpoint_https", _set("token_endpoint", "http://auth.example/token")),
    ("grant_types_preauth", _set("grant_types_supported", ["authorization_code"])),
    ("response_types_code", _set("response_types_supported", ["token"])),
    ("pkce_s256", _set("code_challenge_methods_supported", ["plain"])),
    ("par_required_endpoint", _set("pushed_authorization_request_endpoint", _DELETE)),
    ("dpop_algs", _set("dpop_signing_alg_values_supported", ["none"])),
    ("anonymous_preauth_flag", _set("pre-authorized_grant_anonymous_access_supported", "yes")),
    ("iss_parameter", _set("authorization_response_iss_parameter_supported", False)),
]


def test_clean_metadata_has_no_findings() -> None:
    assert lint_report(report()) == []


@pytest.mark.parametrize(("check", "change"), ISSUER_CASES, ids=[c for c, _ in ISSUER_CASES])
def test_issuer_metadata_check(check: str, change: Callable[[Doc], None]) -> None:
    doc = clean_issuer()
    change(doc)
    findings = lint_report(report(doc))
    assert check in checks_of(findings), findings
    f = next(f for f in findings if f.check == check)
    assert f.section == CHECKS[check].section and f.message and f.message.template


def test_plain_1_0_metadata_without_nonce_endpoint_is_linted_as_1_0() -> None:
    """A 1.0 document with nothing draft-like (a jwt_vc_json configuration with jwt proofs,
    no credential_metadata) but no Nonce Endpoint: the wallet speaks 1.0 to it, so the lint
    does too (one detector, dialect.draft_of_metadata): the missing nonce_endpoint is a
    finding and the version is not reported as a draft."""
    doc = clean_issuer()
    del doc["nonce_endpoint"]
    doc["credential_configurations_supported"] = {
        "degree": {
            "format": "jwt_vc_json",
            "credential_definition": {"type": ["VerifiableCredential", "Degree"]},
            "scope": "pid",
            "cryptographic_binding_methods_supported": ["jwk"],
            "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["ES256"]}},
        }
    }
    assert version_label(doc) == "1.0"
    found = checks_of(lint_report(report(doc)))
    assert "nonce_endpoint" in found and "metadata_version" not in found, found


@pytest.mark.parametrize(("check", "change"), AS_CASES, ids=[c for c, _ in AS_CASES])
def test_as_metadata_check(check: str, change: Callable[[Doc], None]) -> None:
    doc = clean_as()
    change(doc)
    assert check in checks_of(lint_report(report(server=doc)))


def test_metadata_locations_and_missing_documents() -> None:
    legacy = "https://issuer.example/tenant/.well-known/openid-credential-issuer"
    assert "issuer_metadata_location" in checks_of(lint_report(report(url=legacy)))
    oidc = AS_ID + "/.well-known/openid-configuration"
    assert "as_metadata_location" in checks_of(lint_report(report(as_url=oidc)))
    assert "as_metadata_missing" in checks_of(lint_report(report(server={})))
    bad = Problem("metadata_invalid", "credential_issuer does not match", None)
    assert "issuer_metadata_invalid" in checks_of(lint_report(report(problem=bad)))


def test_identifier_form_and_loopback_http() -> None:
    doc = clean_issuer()
    r = report(doc)
    odd = IssuerReport(**{**{f: getattr(r, f) for f in r.__slots__}, "issuer_url": ISSUER + "?x=1"})
    assert "issuer_identifier_form" in checks_of(lint_report(odd))
    # http on loopback is a test server, not a finding
    local = "http://127.0.0.1:8080"
    doc = clean_issuer()
    doc["credential_endpoint"] = local + "/credential"
    assert "endpoint_https" not in checks_of(lint_report(report(doc)))


def test_grant_and_par_checks_that_need_context() -> None:
    server = clean_as()
    server["grant_types_supported"] = [PRE_AUTHORIZED_GRANT]
    assert "grant_types_code" in checks_of(
        lint_report(report(server=server), grants_in_use={"authorization_code"})
    )
    server = clean_as()
    del server["pushed_authorization_request_endpoint"]
    server["require_pushed_authorization_requests"] = False
    assert "par_endpoint" in checks_of(lint_report(report(server=server)))
    # no anonymous flag and no evidence: an unlisted pre-authorized grant is not a finding
    server = clean_as()
    del server["pre-authorized_grant_anonymous_access_supported"]
    server["grant_types_supported"] = ["authorization_code"]
    assert "grant_types_preauth" not in checks_of(lint_report(report(server=server)))
    assert "grant_types_preauth" in checks_of(
        lint_report(report(server=server), grants_in_use={PRE_AUTHORIZED_GRANT})
    )


def test_key_attestation_requirement_is_reported_in_full() -> None:
    doc = clean_issuer()
    _pid(doc)["proof_types_supported"]["jwt"]["key_attestations_required"] = {
        "key_storage": ["iso_18045_high"],
        "user_authentication": ["iso_18045_moderate"],
    }
    (f,) = [f for f in lint_report(report(doc)) if f.check == "key_attestations_required"]
    assert "iso_18045_high" in f.message and "iso_18045_moderate" in f.message
    assert f.severity == "info"


# -- responses ---------------------------------------------------------------------------------
def ex(
    step: str,
    status: int,
    body: object = None,
    *,
    headers: dict[str, str] | None = None,
    request_headers: dict[str, str] | None = None,
) -> dict[str, object]:
    h = {"content-type": "application/json", "cache-control": "no-store"}
    h.update(headers or {})
    text = json.dumps(body) if body is not None else None
    if text is not None:
        h["content-length"] = str(len(text))
    return {
        "step": step,
        "method": "POST",
        "url": "https://issuer.example/x",
        "request_headers": request_headers or {},
        "status": status,
        "response_headers": {k: v for k, v in h.items() if v},
        "response_body": text,
    }


CLEAN_FLOW = [
    ex("pushed authorization request", 201, {"request_uri": "urn:x", "expires_in": 60}),
    ex("token", 200, {"access_token": "[redacted]", "token_type": "Bearer"}),
    ex("nonce", 200, {"c_nonce": "n1"}),
    ex("nonce", 200, {"c_nonce": "n2"}),
    ex("credential", 200, {"credentials": [{"credential": "[redacted]"}]}),
    ex("credential", 202, {"transaction_id": "t", "interval": 5}),
    ex("notification", 204, headers={"content-type": ""}),
    ex(STEP_PREAUTH, 400, {"error": "invalid_grant"}),
    ex(STEP_TX_CODE, 400, {"error": "invalid_grant", "error_description": "wrong"}),
    ex(STEP_NO_TOKEN, 401, headers={"www-authenticate": 'Bearer error="invalid_token"'}),
    ex("credential", 400, {"error": "invalid_nonce"}),
]

RESPONSE_CASES: list[tuple[str, dict[str, object]]] = [
    ("par_status", ex("pushed authorization request", 200, {"request_uri": "u", "expires_in": 9})),
    ("par_response_members", ex("pushed authorization request", 201, {"expires_in": 60})),
    ("token_status", ex("token", 403, {"error": "invalid_client"})),
    ("token_response_members", ex("token", 200, {"token_type": "Bearer"})),
    (
        "token_type_dpop",
        ex(
            "token",
            200,
            {"access_token": "a", "token_type": "Bearer"},
            request_headers={"DPoP": "x"},
        ),
    ),
    (
        "no_store",
        ex(
            "token",
            200,
            {"access_token": "a", "token_type": "Bearer"},
            headers={"cache-control": ""},
        ),
    ),
    ("nonce_status", ex(STEP_NONCE, 405, {"error": "invalid_request"})),
    ("nonce_no_store", ex("nonce", 200, {"c_nonce": "n"}, headers={"cache-control": ""})),
    ("nonce_response_members", ex("nonce", 200, {"nonce": "n"})),
    ("credential_status", ex("credential", 201, {"credentials": []})),
    ("credential_response_members", ex("credential", 200, {"notification_id": "n"})),
    ("credential_without_token", ex(STEP_NO_TOKEN, 400, {"error": "invalid_request"})),
    ("www_authenticate_401", ex("credential", 401, {"error": "invalid_token"})),
    ("notification_status", ex("notification", 200, {})),
    (
        "content_type_json",
        ex("token", 400, {"error": "invalid_grant"}, headers={"content-type": "text/plain"}),
    ),
    ("error_member", ex("token", 400, {"message": "bad"})),
    (
        "error_description_member",
        ex("token", 400, {"error": "invalid_grant", "description": "bad"}),
    ),
    ("error_code_registered", ex("credential", 400, {"error": "invalid_grant"})),
    ("preauth_code_error", ex(STEP_PREAUTH, 400, {"error": "invalid_request"})),
    ("tx_code_error", ex(STEP_TX_CODE, 400, {"error": "invalid_request"})),
    ("dpop_nonce_header", ex("token", 400, {"error": "use_dpop_nonce"})),
    (
        "dpop_nonce_loop",
        ex(
            "token (DPoP nonce retry)",
            400,
            {"error": "use_dpop_nonce"},
            headers={"dpop-nonce": "x"},
        ),
    ),
    ("server_error", ex("credential", 503, {"error": "temporarily_unavailable"})),
]


def test_clean_flow_has_no_findings() -> None:
    assert lint_exchanges(CLEAN_FLOW) == []


@pytest.mark.parametrize(("check", "exchange"), RESPONSE_CASES, ids=[c for c, _ in RESPONSE_CASES])
def test_response_check(check: str, exchange: dict[str, object]) -> None:
    trace = [*copy.deepcopy(CLEAN_FLOW), exchange]
    findings = lint_exchanges(trace)
    assert check in checks_of(findings), findings
    f = next(f for f in findings if f.check == check)
    assert f.exchange == len(CLEAN_FLOW) and f.where == "https://issuer.example/x"
    assert f.section == CHECKS[check].section


def test_c_nonce_reuse_and_accepted_wrong_tx_code() -> None:
    trace = [ex("nonce", 200, {"c_nonce": "same"}), ex(STEP_NONCE, 200, {"c_nonce": "same"})]
    (f,) = lint_exchanges(trace)
    assert f.check == "c_nonce_reuse" and f.exchange == 1 and f.severity == "info"
    spent = lint_exchanges([ex(STEP_TX_CODE, 200, {"access_token": "a", "token_type": "Bearer"})])
    assert any(f.check == "tx_code_error" and "accepted" in f.message for f in spent)


def test_metadata_exchanges_and_transport_failures_are_skipped() -> None:
    trace = [
        {"step": "issuer metadata", "status": 404, "response_headers": {}},
        {"step": "token", "status": None, "error": "connection refused"},
        ex("credential offer", 500, {}),
    ]
    assert lint_exchanges(trace) == []


def test_every_check_is_tested_and_findings_sort_and_dedupe() -> None:
    covered = (
        {c for c, _ in ISSUER_CASES} | {c for c, _ in AS_CASES} | {c for c, _ in RESPONSE_CASES}
    )
    covered |= {
        "issuer_metadata_location",
        "as_metadata_location",
        "as_metadata_missing",
        "issuer_metadata_invalid",
        "issuer_identifier_form",
        "grant_types_code",
        "par_endpoint",
        "c_nonce_reuse",
        "signed_metadata_jwt",
    }
    assert covered == set(CHECKS)
    assert len(CHECKS) >= 30
    trace = [ex("nonce", 200, {"c_nonce": "a"}, headers={"cache-control": ""})] * 2
    trace.append(ex("credential", 503, {}))
    findings = sort_findings(lint_exchanges(trace))
    assert [f.check for f in findings] == ["nonce_no_store", "server_error", "c_nonce_reuse"]
    assert findings[0].to_json()["severity"] == "error" and "exchange" in findings[0].to_json()


def test_client_authentication_failures_at_the_as() -> None:
    """RFC 6749 §5.2: WWW-Authenticate on a 401 of the token endpoint only when the client
    used the Authorization header; a probe refused for want of client authentication (an
    attestation) says nothing about the tx_code."""
    bare = ex("token", 401, {"error": "invalid_client"})
    assert lint_exchanges([bare]) == []
    basic = ex("token", 401, {"error": "invalid_client"}, request_headers={"Authorization": "x"})
    assert checks_of(lint_exchanges([basic])) == {"www_authenticate_401"}
    refused = ex(STEP_TX_CODE, 401, {"error": "use_attestation_challenge"})
    assert lint_exchanges([refused]) == []


def _jwt(head: dict[str, object], payload: dict[str, object]) -> str:
    def part(doc: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(doc).encode()).rstrip(b"=").decode()

    return f"{part(head)}.{part(payload)}.c2ln"


def test_signed_metadata_shape() -> None:
    good_head = {"typ": "openidvci-issuer-metadata+jwt", "alg": "ES256", "x5c": ["MII"]}
    good = _jwt(good_head, {"sub": ISSUER, "iat": 1, "credential_issuer": ISSUER})
    assert signed_metadata_findings(good, report()) == []
    bad = _jwt({"typ": "JWT", "alg": "HS256"}, {"sub": "https://other.example"})
    (f,) = signed_metadata_findings(bad, report())
    assert f.check == "signed_metadata_jwt" and f.where == MD_URL
    for part in ("typ is 'JWT'", "alg is HS256", "no x5c, kid or trust_chain", "no iat"):
        assert part in f.message
    assert signed_metadata_findings("not a jwt", report())[0].check == "signed_metadata_jwt"


def test_what_1_0_asks_of_credential_responses_beyond_the_drafts() -> None:
    singular = ex("credential", 200, {"credential": "[redacted]"})
    pending = ex("deferred credential", 202, {"transaction_id": "t"})
    assert lint_exchanges([singular, pending]) == []  # a draft flow (no dialect recorded)
    for e in (singular, pending):
        e["dialect"] = {"draft": "1.0", "source": "metadata"}
    findings = lint_exchanges([singular, pending])
    assert [(f.check, f.exchange) for f in findings] == [
        ("credential_response_members", 0),
        ("credential_response_members", 1),
    ]
    assert "interval" in findings[1].message
