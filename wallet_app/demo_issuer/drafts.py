"""The demo issuer speaks an older draft (DemoConfig.draft): metadata, offer and token shapes.

Read from the drafts themselves (github.com/openid/OpenID4VCI: tags draft-13, draft-14,
draft-15; draft 11 = commit 70d3e52 "set revision to -11"):

* d11: ``credentials_supported`` is an array of objects with ``id`` (§10.2.3); jwt_vc_json
  carries ``types`` and ``credentialSubject``, mso_mdoc ``doctype`` and ``claims``;
  ``cryptographic_suites_supported``; display logos have ``url``; ``authorization_server`` is
  one string. No SD-JWT VC profile exists yet, so the SD-JWT VC configurations are not served.
  Offers list ``credentials`` (ids into ``credentials_supported``) and the pre-authorized grant
  says ``user_pin_required``; the token request sends ``user_pin`` (at most 8 digits).
* d13: ``credential_configurations_supported`` (a map), SD-JWT VC as ``vc+sd-jwt``, claims
  as nested objects (``credential_definition.credentialSubject`` for jwt_vc_json,
  ``{namespace: {element: {}}}`` for mdoc), ``display`` on the configuration; no nonce
  endpoint, no batch (its Batch Credential Endpoint is not served).
* d14: as d13, plus ``batch_credential_issuance`` (``proofs`` in requests).
* d15: as d14 with ``dc+sd-jwt``, claims as an array of ``{path, mandatory, display}`` and the
  Nonce Endpoint.
* d11–d14 hand out ``c_nonce`` and ``c_nonce_expires_in`` in token and credential responses;
  the key proofs must carry one of them (there is no Nonce Endpoint).

Each function takes the 1.0 shape the rest of the demo builds and turns it into the draft's.
Raises nothing unless stated.
"""

from __future__ import annotations

from collections.abc import Mapping

from .sample_data import (
    JWT_VC_ID,
    JWT_VC_TYPES,
    credential_configurations,
    jwt_vc_configuration,
    scope_to_configuration,
)
from .state import NONCE_LIFETIME, DemoState, new_secret

__all__ = [
    "C_NONCE_LIFETIME",
    "DRAFT_IDS",
    "configuration_for_details",
    "configuration_ids",
    "configurations",
    "draft_metadata",
    "draft_offer",
    "issue_c_nonce",
    "legacy",
    "nonce_in_responses",
    "pin_from_form",
    "scope_configuration",
    "sd_jwt_format",
    "token_extras",
]

DRAFT_IDS = ("1.0", "15", "14", "13", "11")
C_NONCE_LIFETIME = NONCE_LIFETIME
_NO_SD_JWT_VC = frozenset({"11"})
_FORMAT_KEYS = ("display", "claims")


def legacy(state: DemoState) -> bool:
    """Whether the issuer speaks a draft rather than 1.0."""
    return state.config.draft != "1.0"


def nonce_in_responses(draft: str) -> bool:
    """Drafts before 15: c_nonce comes in token and credential responses (no Nonce Endpoint)."""
    return draft in ("14", "13", "11")


def sd_jwt_format(draft: str) -> str:
    """The SD-JWT VC format identifier (and typ) of a draft: vc+sd-jwt before draft 15."""
    return "vc+sd-jwt" if draft in ("14", "13") else "dc+sd-jwt"


def configurations(state: DemoState) -> dict[str, dict[str, object]]:
    """The configurations this mode issues, in the 1.0 shape: 1.0 keeps its three (plus the
    jwt_vc_json degree when configured); the drafts add the degree; draft 11 has no SD-JWT VC."""
    configs = credential_configurations(
        state.base_url, state.credential_issuer, plain_sd_jwt=state.config.plain_sd_jwt_metadata
    )
    if not legacy(state) and not state.config.jwt_vc_json:
        return configs
    configs[JWT_VC_ID] = jwt_vc_configuration(state.base_url)
    if state.config.draft in _NO_SD_JWT_VC:
        configs = {k: v for k, v in configs.items() if v["format"] != "dc+sd-jwt"}
    return configs


def configuration_ids(state: DemoState) -> tuple[str, ...]:
    """The configuration ids this mode issues."""
    return tuple(configurations(state))


def scope_configuration(state: DemoState, scope: str) -> str | None:
    """The configuration a scope value asks for in this mode, or None (unknown: ignored)."""
    if scope == "degree" and JWT_VC_ID in configurations(state):
        return JWT_VC_ID
    config_id = scope_to_configuration(scope)
    return config_id if config_id in configurations(state) else None


def _matches(config: Mapping[str, object], detail: Mapping[str, object], draft: str) -> bool:
    """Whether a format-based request (authorization details or credential request) names
    this 1.0-shaped configuration in `draft`'s terms."""
    fmt = config["format"]
    wanted = detail.get("format")
    if fmt == "dc+sd-jwt":
        return wanted == sd_jwt_format(draft) and detail.get("vct") == config["vct"]
    if fmt == "mso_mdoc":
        return wanted == "mso_mdoc" and detail.get("doctype") == config["doctype"]
    if fmt == "jwt_vc_json" and wanted == "jwt_vc_json":
        if draft == "11":
            types = detail.get("types")
        else:
            definition = detail.get("credential_definition")
            types = definition.get("type") if isinstance(definition, Mapping) else None
        return isinstance(types, list) and list(types) == list(JWT_VC_TYPES)
    return False


def configuration_for_details(state: DemoState, detail: Mapping[str, object]) -> str | None:
    """The configuration id a format-based authorization details object or credential request
    names (d11: format + types/doctype; d13–d15: format + vct/doctype/credential_definition),
    or None when none matches."""
    for config_id, config in configurations(state).items():
        if _matches(config, detail, state.config.draft):
            return config_id
    return None


# --- metadata ------------------------------------------------------------------------------


def _claims_map(config: Mapping[str, object]) -> dict[str, object]:
    """1.0 claim path pointers as the nested claims objects of drafts 11–14."""
    root: dict[str, object] = {}
    meta = config.get("credential_metadata")
    claims = meta.get("claims") if isinstance(meta, Mapping) else None
    for claim in claims if isinstance(claims, list) else []:
        path = [p for p in claim["path"] if p is not None]
        node = root
        for name in path[:-1]:
            child = node.setdefault(str(name), {})
            assert isinstance(child, dict)
            node = child
        leaf = node.setdefault(str(path[-1]), {})
        assert isinstance(leaf, dict)
        leaf.update({k: v for k, v in claim.items() if k in ("mandatory", "display")})
    return root


def _display_with_url(display: object) -> object:
    """Draft 11 display objects: logo ``url`` (``uri`` since draft 13)."""
    if not isinstance(display, list):
        return display
    out = []
    for entry in display:
        entry = dict(entry)
        logo = entry.get("logo")
        if isinstance(logo, Mapping):
            entry["logo"] = {("url" if k == "uri" else k): v for k, v in logo.items()}
        entry.pop("background_image", None)  # not in draft 11
        out.append(entry)
    return out


def _draft_configuration(config: Mapping[str, object], draft: str) -> dict[str, object]:
    """One 1.0-shaped configuration in the shape of `draft` (13, 14, 15)."""
    out = {k: v for k, v in config.items() if k != "credential_metadata"}
    meta = config.get("credential_metadata")
    meta = meta if isinstance(meta, Mapping) else {}
    if "display" in meta:
        out["display"] = meta["display"]
    if out["format"] == "dc+sd-jwt":
        out["format"] = sd_jwt_format(draft)
    if out["format"] == "mso_mdoc":  # COSE integers only since draft 16
        out["credential_signing_alg_values_supported"] = ["ES256"]
    if "claims" in meta:
        if draft == "15":
            out["claims"] = meta["claims"]
        elif out["format"] == "jwt_vc_json":
            definition = dict(out["credential_definition"])  # type: ignore[call-overload]
            definition["credentialSubject"] = _claims_map(config).get("credentialSubject", {})
            out["credential_definition"] = definition
        else:
            out["claims"] = _claims_map(config)
    return out


def _d11_configuration(config_id: str, config: Mapping[str, object]) -> dict[str, object]:
    """One 1.0-shaped configuration as a draft 11 ``credentials_supported`` object."""
    meta = config.get("credential_metadata")
    meta = meta if isinstance(meta, Mapping) else {}
    out: dict[str, object] = {"format": config["format"], "id": config_id}
    if config["format"] == "jwt_vc_json":
        out["types"] = list(JWT_VC_TYPES)
    else:
        out["doctype"] = config["doctype"]
    out["cryptographic_binding_methods_supported"] = config[
        "cryptographic_binding_methods_supported"
    ]
    out["cryptographic_suites_supported"] = ["ES256"]
    if "display" in meta:
        out["display"] = _display_with_url(meta["display"])
    claims = _claims_map(config)
    if config["format"] == "jwt_vc_json":
        out["credentialSubject"] = claims.get("credentialSubject", {})
    else:
        out["claims"] = claims
    return out


def draft_metadata(state: DemoState, body: Mapping[str, object]) -> dict[str, object]:
    """The 1.0 Credential Issuer Metadata `body` in this mode's draft (unchanged for 1.0)."""
    draft = state.config.draft
    if draft == "1.0":
        return dict(body)
    out = dict(body)
    configs = configurations(state)
    if nonce_in_responses(draft):
        out.pop("nonce_endpoint", None)
    if draft in ("13", "11"):  # batch_credential_issuance arrived in draft 14
        out.pop("batch_credential_issuance", None)
    if draft == "11":
        servers = out.pop("authorization_servers", None)
        if isinstance(servers, list) and servers:
            out["authorization_server"] = servers[0]
        out.pop("notification_endpoint", None)  # notifications arrived in draft 13
        out.pop("credential_configurations_supported", None)
        out["display"] = _display_with_url(out.get("display"))
        out["credentials_supported"] = [
            _d11_configuration(cid, config) for cid, config in configs.items()
        ]
        return out
    out["credential_configurations_supported"] = {
        cid: _draft_configuration(config, draft) for cid, config in configs.items()
    }
    return out


# --- offer and token -------------------------------------------------------------------------


def draft_offer(state: DemoState, offer: Mapping[str, object]) -> dict[str, object]:
    """The 1.0 offer `offer` in this mode's draft: draft 11 lists ``credentials`` and turns a
    ``tx_code`` into ``user_pin_required``; the others keep the 1.0 shape."""
    if state.config.draft != "11":
        return dict(offer)
    grants: dict[str, object] = {}
    raw_grants = offer.get("grants")
    for name, grant in (raw_grants if isinstance(raw_grants, Mapping) else {}).items():
        grant = dict(grant)
        if "tx_code" in grant:
            del grant["tx_code"]
            grant["user_pin_required"] = True
        grants[name] = grant
    return {
        "credential_issuer": offer["credential_issuer"],
        "credentials": list(offer["credential_configuration_ids"]),  # type: ignore[call-overload]
        "grants": grants,
    }


def pin_from_form(state: DemoState, form: Mapping[str, str]) -> str | None:
    """The transaction code a token request sent: ``user_pin`` in draft 11, else ``tx_code``."""
    return form.get("user_pin" if state.config.draft == "11" else "tx_code")


def issue_c_nonce(state: DemoState) -> str:
    """A fresh c_nonce, recorded as valid for C_NONCE_LIFETIME seconds."""
    value = new_secret()
    now = state.now()
    with state.lock:
        for old, expires in list(state.c_nonces.items()):
            if expires < now:
                del state.c_nonces[old]
        state.c_nonces[value] = now + C_NONCE_LIFETIME
    return value


def token_extras(state: DemoState) -> dict[str, object]:
    """Members a token response adds in this draft: c_nonce and c_nonce_expires_in before
    draft 15."""
    if not nonce_in_responses(state.config.draft):
        return {}
    return {"c_nonce": issue_c_nonce(state), "c_nonce_expires_in": C_NONCE_LIFETIME}
