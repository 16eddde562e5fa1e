"""Readable text of an :class:`IssuerReport` for ``wallet-app explore``, bounded: at most
:data:`SHOWN_CONFIGURATIONS` configurations and :data:`SHOWN_FINDINGS` findings, then how many
more there are (``--json`` has every one that was examined)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wallet_app.oid4vci.models import Display
from wallet_app.wallet.explore import EXPLORED_CONFIGURATIONS, IssuerReport
from wallet_app.wallet.lint import SEVERITIES, Finding

__all__ = ["SHOWN_CONFIGURATIONS", "SHOWN_FINDINGS", "format_report"]

#: credential configurations the text lists at most (each takes several lines)
SHOWN_CONFIGURATIONS = 50
#: lint findings the text lists at most (the counts by severity cover all of them)
SHOWN_FINDINGS = 100


def _mark(flag: bool) -> str:
    return "yes" if flag else "no"


def _names(displays: tuple[Display, ...]) -> str:
    return "; ".join(f"{d.name} [{d.locale or '-'}]" for d in displays if d.name) or "(none)"


def format_report(report: IssuerReport) -> str:
    """The report as readable text sections (``wallet-app explore``). Raises nothing."""
    lines = [f"Issuer {report.issuer_url}", f"  names: {_names(report.display)}"]
    lines.append(f"  metadata: {report.url} (looks like {report.version_hint})")
    lines.append("\nURLs fetched")
    lines.extend(
        f"  {a.status or '---'}  {a.url}  [{role}: {a.outcome}]"
        for role, a in report.all_attempts()
    )
    if report.problem:
        lines.append(f"\nProblem: {report.problem.message}")
        if report.problem.detail:
            lines.append(f"  {report.problem.detail}")
    md = report.metadata
    if md is not None:
        lines.append("\nEndpoints")
        lines.extend(f"  {k}: {v or '-'}" for k, v in report.endpoints().items())
        lines.append(f"  batch size: {md.batch_size or '-'}")
        lines.append(
            f"  encryption required: request {_mark(report.request_encryption.required)}, "
            f"response {_mark(report.response_encryption.required)}"
        )
        for label, enc in (
            ("request", report.request_encryption),
            ("response", report.response_encryption),
        ):
            if enc.supported:
                lines.append(
                    f"  {label} encryption: alg {', '.join(enc.alg_values) or '-'}; "
                    f"enc {', '.join(enc.enc_values) or '-'}"
                )
    for server in report.auth_servers:
        lines.append(f"\nAuthorization server {server.identifier}")
        if server.problem:
            lines.append(f"  Problem: {server.problem.message}")
        a = server.metadata
        if a is None:
            continue
        lines.append(f"  grants: {', '.join(server.grant_types) or '-'}")
        lines.append(f"  token endpoint: {a.token_endpoint}")
        lines.append(f"  authorization endpoint: {a.authorization_endpoint or '-'}")
        par = a.pushed_authorization_request_endpoint
        lines.append(
            f"  PAR: {par or 'no'}, required {_mark(a.require_pushed_authorization_requests)}"
        )
        lines.append(f"  DPoP algs: {', '.join(a.dpop_signing_alg_values_supported) or 'no'}")
        lines.append(
            f"  anonymous pre-authorized: "
            f"{_mark(a.pre_authorized_grant_anonymous_access_supported)}, RFC 9207 iss: "
            f"{_mark(a.authorization_response_iss_parameter_supported)}"
        )
    for summary in report.configurations[:SHOWN_CONFIGURATIONS]:
        c = summary.configuration
        lines.append(f"\nCredential {c.id}  ({c.format}, scope {c.scope or '-'})")
        lines.append(f"  names: {_names(c.display)}")
        lines.append(f"  binding: {', '.join(c.binding_methods) or '-'}")
        for name, proof in c.proof_types.items():
            lines.append(f"  proof {name}: {', '.join(proof.signing_algs) or '-'}")
            required = summary.key_attestations(name)
            if required is not None:
                lines.append(f"    key attestation required: {_requirements(required)}")
        for claim in c.claims:
            path = ".".join("*" if p is None else str(p) for p in claim.path)
            labels = "; ".join(f"{d.name} [{d.locale or '-'}]" for d in claim.display if d.name)
            star = " *" if claim.mandatory else ""
            lines.append(f"    {path}{star}  {labels}")
    lines.extend(_more_configurations(report))
    lines.extend(_findings(report.findings))
    return "\n".join(lines) + "\n"


def _requirements(required: Mapping[str, object]) -> str:
    parts = []
    for key, label in (("key_storage", "key storage"), ("user_authentication", "user auth")):
        values = required.get(key)
        if isinstance(values, list) and values:
            parts.append(f"{label} {', '.join(str(v) for v in values)}")
    return "; ".join(parts) or "any"


def _more_configurations(report: IssuerReport) -> list[str]:
    unlisted = max(len(report.configurations) - SHOWN_CONFIGURATIONS, 0)
    omitted = report.omitted_configurations
    if not unlisted and not omitted:
        return []
    parts = []
    if unlisted:
        parts.append(f"{unlisted} examined (--json lists them)")
    if omitted:
        parts.append(
            f"{omitted} not examined (explore reads the first {EXPLORED_CONFIGURATIONS} only)"
        )
    return [
        f"\n… and {unlisted + omitted} more credential configurations not listed: "
        + ", ".join(parts)
    ]


def _findings(findings: Sequence[Finding]) -> list[str]:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    head = ", ".join(f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items())
    lines = [f"\nLint findings ({head})"]
    for f in findings[:SHOWN_FINDINGS]:
        lines.append(f"  {f.severity:<7} {f.check}  [{f.section}]")
        lines.append(f"          {f.message}")
        if f.where:
            lines.append(f"          at {f.where}")
    if len(findings) > SHOWN_FINDINGS:
        lines.append(f"  … and {len(findings) - SHOWN_FINDINGS} more findings (--json lists them)")
    return lines
