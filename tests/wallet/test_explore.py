"""The explore use case: every URL tried, validation problems reported, capabilities summarised."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

import httpx
import pytest

from wallet_app.demo_issuer import DemoConfig, DemoIssuer
from wallet_app.errors import MetadataError, NetworkError, Sentence
from wallet_app.wallet.explore import IssuerReport, explore_issuer
from wallet_app.wallet.explore_text import format_report
from wallet_app.wallet.flow import Flow

LEGACY = "https://legacy.test/tenant"


def _demo_report(config: DemoConfig | None = None) -> tuple[IssuerReport, Flow]:
    issuer = DemoIssuer(
        "https://issuer.test", config or DemoConfig(issuer_path="/demo", separate_as_path="/auth")
    )
    flow = Flow("explore")
    with httpx.Client(transport=httpx.WSGITransport(app=issuer)) as http:
        report = explore_issuer(http, issuer.credential_issuer, flow=flow)
    return report, flow


def _legacy_metadata(issuer: str = LEGACY) -> dict[str, object]:
    return {
        "credential_issuer": issuer,
        "credential_endpoint": f"{LEGACY}/credential",
        "credential_response_encryption": {
            "alg_values_supported": ["ECDH-ES"],
            "enc_values_supported": ["A128GCM"],
            "encryption_required": True,
        },
        "credential_configurations_supported": {
            "UniversityDegree": {
                "format": "jwt_vc_json",
                "cryptographic_binding_methods_supported": ["did:key"],
                "proof_types_supported": {
                    "jwt": {
                        "proof_signing_alg_values_supported": ["ES256"],
                        "key_attestations_required": {},
                    }
                },
                "display": [{"name": "Degree", "locale": "en"}, {"name": "Abschluss"}],
            }
        },
    }


def _legacy_transport(
    metadata: Mapping[str, object], as_doc: Mapping[str, object] | None = None
) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if url == f"{LEGACY}/.well-known/openid-credential-issuer":
            return httpx.Response(200, json=metadata)
        if url == f"{LEGACY}/.well-known/openid-configuration" and as_doc is not None:
            return httpx.Response(200, json=as_doc)
        return httpx.Response(404, text="not here")

    return handler


def _explore_mock(handler: Callable[[httpx.Request], httpx.Response]) -> IssuerReport:
    with httpx.Client(transport=httpx.MockTransport(handler)) as http:
        return explore_issuer(http, LEGACY, flow=Flow("explore"))


def test_demo_issuer_with_separate_authorization_server() -> None:
    report, flow = _demo_report()
    assert report.usable and report.problem is None
    assert report.url == "https://issuer.test/.well-known/openid-credential-issuer/demo"
    assert [(a.status, a.outcome) for a in report.attempts] == [(200, "ok")]
    assert report.version_hint == "1.0"
    assert {d.locale for d in report.display} == {"en", "de"}
    assert report.endpoints() == {
        "credential_endpoint": "https://issuer.test/demo/credential",
        "nonce_endpoint": "https://issuer.test/demo/nonce",
        "deferred_credential_endpoint": "https://issuer.test/demo/deferred",
        "notification_endpoint": "https://issuer.test/demo/notification",
    }
    (server,) = report.auth_servers
    assert server.identifier == "https://issuer.test/auth"
    assert server.url == "https://issuer.test/.well-known/oauth-authorization-server/auth"
    assert server.metadata is not None
    assert server.metadata.pushed_authorization_request_endpoint == "https://issuer.test/auth/par"
    assert server.metadata.authorization_response_iss_parameter_supported
    assert "urn:ietf:params:oauth:grant-type:pre-authorized_code" in report.grants_supported
    pid = next(c for c in report.configurations if c.configuration.id == "pid_sd_jwt")
    assert pid.configuration.format == "dc+sd-jwt" and pid.configuration.scope == "pid"
    given = pid.configuration.claims[0]
    assert given.path == ("given_name",)
    assert {(d.locale, d.name) for d in given.display} >= {("de", "Vorname")}
    # every exchange went into the flow's trace
    assert [e["step"] for e in flow.exchanges()] == [
        "issuer metadata",
        "authorization server metadata",
    ]


def test_report_json_round_trips_and_keeps_raw_documents() -> None:
    report, _ = _demo_report()
    doc = json.loads(json.dumps(report.to_json()))
    assert doc["credential_issuer"] == "https://issuer.test/demo"
    assert doc["batch_size"] == 3
    roles = [(d["role"], d["url"]) for d in doc["documents"]]
    assert roles[0][0] == "issuer" and roles[1][0] == "authorization_server"
    assert doc["documents"][1]["json"]["issuer"] == "https://issuer.test/auth"
    conf = next(c for c in doc["credential_configurations"] if c["id"] == "pid_sd_jwt")
    assert conf["proof_types_supported"]["jwt"]["proof_signing_alg_values_supported"] == ["ES256"]
    assert conf["key_attestation_required"] is False
    server = doc["authorization_servers"][0]["summary"]
    assert server["pre-authorized_grant_anonymous_access_supported"] is True
    assert server["pushed_authorization_request_endpoint"].endswith("/par")


def test_demo_options_show_up_in_the_summary() -> None:
    report, _ = _demo_report(DemoConfig(require_par=True, dpop=True, batch_size=None))
    md = report.auth_servers[0].metadata
    assert md is not None and md.require_pushed_authorization_requests
    assert md.dpop_signing_alg_values_supported
    assert report.metadata is not None and report.metadata.batch_size is None
    assert report.auth_servers[0].identifier == report.issuer_url  # its own AS


def test_legacy_path_404_and_fallback_are_both_listed() -> None:
    as_doc = {"issuer": LEGACY, "token_endpoint": f"{LEGACY}/token"}
    report = _explore_mock(_legacy_transport(_legacy_metadata(), as_doc))
    assert [(a.url, a.status) for a in report.attempts] == [
        ("https://legacy.test/.well-known/openid-credential-issuer/tenant", 404),
        (f"{LEGACY}/.well-known/openid-credential-issuer", 200),
    ]
    assert report.attempts[0].outcome == "HTTP 404"
    (server,) = report.auth_servers
    assert [(a.url, a.status) for a in server.attempts] == [
        ("https://legacy.test/.well-known/oauth-authorization-server/tenant", 404),
        (f"{LEGACY}/.well-known/oauth-authorization-server", 404),
        (f"{LEGACY}/.well-known/openid-configuration", 200),
    ]
    assert server.grant_types == ("authorization_code", "implicit")  # RFC 8414 default
    assert report.response_encryption.required and report.response_encryption.supported
    assert report.response_encryption.alg_values == ("ECDH-ES",)
    assert not report.request_encryption.supported
    (conf,) = report.configurations
    assert conf.key_attestation_required
    assert report.version_hint == "draft 15"
    assert len(report.all_attempts()) == 5
    text = format_report(report)
    assert "404  https://legacy.test/.well-known/openid-credential-issuer/tenant" in text
    assert "key attestation required" in text and "Abschluss [-]" in text


def test_credential_issuer_mismatch_is_reported_not_raised() -> None:
    report = _explore_mock(_legacy_transport(_legacy_metadata("https://evil.test")))
    assert report.problem is not None and not report.usable
    assert report.problem.code == "invalid_metadata"
    assert report.problem.detail is not None
    assert "'https://legacy.test/tenant'" in report.problem.detail
    assert "'https://evil.test'" in report.problem.detail
    assert report.metadata is None and report.configurations == ()
    assert report.raw["credential_issuer"] == "https://evil.test"
    # the AS is still explored (the issuer itself), and its absence is a problem, not a crash
    (server,) = report.auth_servers
    assert server.problem is not None and server.metadata is None
    assert [a.status for a in server.attempts] == [404, 404, 404]
    assert report.to_json()["problem"] == report.problem.to_json()
    assert "Problem:" in format_report(report)
    # the message keeps its template and params (for the GUI); the JSON has the sentence only
    message = report.problem.message
    assert isinstance(message, Sentence)
    assert message.template.startswith("The configuration found is for “{received}”")
    assert message.params == {"received": "https://evil.test", "expected": LEGACY}
    assert message == message.template.format_map(message.params)
    assert json.loads(json.dumps(report.problem.to_json())) == {
        "code": "invalid_metadata",
        "message": str(message),
        "detail": report.problem.detail,
    }


def test_invalid_auth_server_document_is_reported() -> None:
    as_doc = {"issuer": "https://other.test", "token_endpoint": f"{LEGACY}/token"}
    report = _explore_mock(_legacy_transport(_legacy_metadata(), as_doc))
    (server,) = report.auth_servers
    assert server.problem is not None and server.raw is not None and server.metadata is None
    assert not report.usable
    assert [r for r, _, _ in report.documents()] == ["issuer", "authorization_server"]


def test_nothing_found_raises_with_every_url_in_the_detail() -> None:
    with pytest.raises(MetadataError) as info:
        _explore_mock(lambda _: httpx.Response(404))
    assert info.value.code == "metadata_not_found"
    assert "openid-credential-issuer/tenant" in (info.value.detail or "")


def test_insecure_issuer_url_is_refused() -> None:
    with (
        pytest.raises(NetworkError),
        httpx.Client(transport=httpx.MockTransport(lambda _: httpx.Response(200))) as http,
    ):
        explore_issuer(http, "http://issuer.example", flow=Flow("explore"))


def test_unreachable_auth_server_is_reported() -> None:
    metadata = _legacy_metadata()
    metadata["authorization_servers"] = ["https://as.down.test"]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "as.down.test":
            raise httpx.ConnectError("refused", request=request)
        return _legacy_transport(metadata)(request)

    report = _explore_mock(handler)
    (server,) = report.auth_servers
    assert server.problem is not None and server.problem.code == "network_error"
    assert len(server.attempts) == 2 and all(a.status is None for a in server.attempts)
    assert "Connection failed" in server.attempts[0].outcome
