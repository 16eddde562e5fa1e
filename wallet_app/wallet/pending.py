"""A pending authorization (the browser step of the authorization code flow): what
:meth:`~wallet_app.wallet.issuance.Wallet.begin_authorization` seals in the store under its
``state``, and what :meth:`~wallet_app.wallet.issuance.Wallet.complete_authorization` rebuilds
from it when the redirect comes back (in this process or a later one).
"""

from __future__ import annotations

from collections.abc import Mapping

from wallet_app.errors import AuthorizationError
from wallet_app.oid4vci.http import DPoPSession
from wallet_app.profiles import profile_from_json
from wallet_app.wallet.deferred import dpop_to_json
from wallet_app.wallet.flow import Flow
from wallet_app.wallet.resolve import ResolvedIssuer, ResolvedOffer, offer_from_json

__all__ = ["pending_flow", "pending_issuer", "pending_offer", "pending_payload"]


def pending_payload(
    flow: Flow,
    resolved: ResolvedOffer,
    *,
    code_verifier: str,
    redirect_uri: str,
    client_id: str,
    dpop: DPoPSession | None,
) -> dict[str, object]:
    """What is kept of a flow waiting for its redirect (sealed by the store)."""
    return {
        "flow_id": flow.flow_id,
        "kind": flow.kind,
        "code_verifier": code_verifier,
        "redirect_uri": redirect_uri,
        "client_id": client_id,
        "offer": dict(resolved.offer.raw),
        "configuration_ids": [c.id for c in resolved.configurations],
        "metadata": resolved.resolved.to_json(),
        "dpop": dpop_to_json(dpop),
        "profile": resolved.profile.to_json(),
        "exchanges": [dict(e) for e in flow.exchanges()],
    }


def pending_flow(payload: Mapping[str, object], flow: Flow | None) -> Flow:
    """``flow`` when it is the pending one (the caller's live flow), else the flow rebuilt
    with the exchanges it had before the browser step."""
    if flow is not None and flow.flow_id == payload.get("flow_id"):
        return flow
    rebuilt = Flow(
        str(payload.get("kind", "authorization_code")), flow_id=str(payload.get("flow_id"))
    )
    stored = payload.get("exchanges")
    if isinstance(stored, list):
        rebuilt.extend([e for e in stored if isinstance(e, Mapping)])
    return rebuilt


def pending_issuer(payload: Mapping[str, object]) -> ResolvedIssuer:
    """The issuer's and AS's metadata as resolved before the browser step. Raises
    AuthorizationError when the pending entry lacks them."""
    metadata = payload.get("metadata")
    if not isinstance(metadata, Mapping):
        raise AuthorizationError(detail="pending authorization lacks metadata")
    return ResolvedIssuer.from_json(metadata)


def pending_offer(payload: Mapping[str, object], issuer: ResolvedIssuer) -> ResolvedOffer:
    """The offer, its configurations (those the issuer still describes) and the profile the
    flow began with. Raises what reading the offer raises (OfferError)."""
    offer = offer_from_json(payload.get("offer"))
    conf_ids = payload.get("configuration_ids")
    confs = tuple(
        issuer.issuer.configurations[c]
        for c in (conf_ids if isinstance(conf_ids, list) else [])
        if isinstance(c, str) and c in issuer.issuer.configurations
    )
    profile = profile_from_json(payload.get("profile"))
    return ResolvedOffer(offer, issuer, confs, "authorization_code", profile=profile)
