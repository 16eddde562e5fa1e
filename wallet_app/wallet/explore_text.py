"""Readable text of an :class:`IssuerReport` for ``wallet-app explore``."""

from __future__ import annotations

from wallet_app.oid4vci.models import Display
from wallet_app.wallet.explore import IssuerReport

__all__ = ["format_report"]


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
    for summary in report.configurations:
        c = summary.configuration
        lines.append(f"\nCredential {c.id}  ({c.format}, scope {c.scope or '-'})")
        lines.append(f"  names: {_names(c.display)}")
        lines.append(f"  binding: {', '.join(c.binding_methods) or '-'}")
        for name, proof in c.proof_types.items():
            attest = ", key attestation required" if proof.key_attestations_required else ""
            lines.append(f"  proof {name}: {', '.join(proof.signing_algs) or '-'}{attest}")
        for claim in c.claims:
            path = ".".join("*" if p is None else str(p) for p in claim.path)
            labels = "; ".join(f"{d.name} [{d.locale or '-'}]" for d in claim.display if d.name)
            star = " *" if claim.mandatory else ""
            lines.append(f"    {path}{star}  {labels}")
    return "\n".join(lines) + "\n"
