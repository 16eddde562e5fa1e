"""SD-JWT VC Type Metadata (SD-JWT VC §5, §6) for the diploma: "{issuer}/vct/university-diploma"
extends "{issuer}/vct/diploma-base"; both are served as JSON at their URLs, and the credential
and the child document pin what they refer to with W3C SRI integrity values."""

from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources

from .sample_data import DIPLOMA_CLAIMS, DIPLOMA_VCT_PATH
from .wsgi import Response

__all__ = [
    "BASE_VCT_PATH",
    "sri",
    "type_metadata_documents",
    "type_metadata_response",
    "vct_integrity",
]

BASE_VCT_PATH = "/vct/diploma-base"
_BASE_CLAIMS = frozenset({"given_name", "family_name", "degree", "university", "graduation_date"})


def sri(data: bytes) -> str:
    """W3C Subresource Integrity metadata, sha256: "sha256-" + base64(digest). Raises nothing."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def _encode(document: dict[str, object]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _claims(names: frozenset[str], *, base: bool) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path, en, de, mandatory in DIPLOMA_CLAIMS:
        if (str(path[0]) in names) != base:
            continue
        entry: dict[str, object] = {
            "path": list(path),
            "display": [{"locale": "en", "label": en}, {"locale": "de", "label": de}],
            "sd": "always",
        }
        if mandatory:
            entry["mandatory"] = True
        out.append(entry)
    return out


def _logo() -> bytes:
    return resources.files(__package__).joinpath("static", "logo.svg").read_bytes()


def type_metadata_documents(base_url: str, credential_issuer: str) -> dict[str, bytes]:
    """The served documents by path under the credential issuer, exactly as served (their
    bytes are what the integrity values cover). Raises nothing."""
    base_vct = credential_issuer + BASE_VCT_PATH
    base = _encode(
        {
            "vct": base_vct,
            "name": "Academic diploma",
            "description": "A degree awarded by a higher education institution",
            "display": [
                {"locale": "en", "name": "Diploma", "description": "An academic degree"},
                {"locale": "de", "name": "Zeugnis", "description": "Ein akademischer Abschluss"},
            ],
            "claims": _claims(_BASE_CLAIMS, base=True),
        }
    )
    logo = {
        "uri": f"{base_url}/static/logo.svg",
        "uri#integrity": sri(_logo()),
        "alt_text": "Demo Issuer logo",
    }
    display = [
        {
            "locale": locale,
            "name": name,
            "description": description,
            "rendering": {
                "simple": {
                    "logo": {**logo, "alt_text": alt},
                    "background_color": "#7c2d12",
                    "text_color": "#fff7ed",
                }
            },
        }
        for locale, name, description, alt in (
            ("en", "University Diploma", "Master's degree of Demo University", "Demo Issuer logo"),
            (
                "de",
                "Hochschulzeugnis",
                "Masterzeugnis der Demo-Universität",
                "Logo des Demo-Ausstellers",
            ),
        )
    ]
    child = _encode(
        {
            "vct": credential_issuer + DIPLOMA_VCT_PATH,
            "name": "University diploma",
            "description": "A university degree with field of study and grade",
            "extends": base_vct,
            "extends#integrity": sri(base),
            "display": display,
            "claims": _claims(_BASE_CLAIMS, base=False),
        }
    )
    return {BASE_VCT_PATH: base, DIPLOMA_VCT_PATH: child}


def vct_integrity(base_url: str, credential_issuer: str, vct: str) -> str | None:
    """The `vct#integrity` for a vct this issuer serves, else None. Raises nothing."""
    if not vct.startswith(credential_issuer):
        return None
    document = type_metadata_documents(base_url, credential_issuer).get(
        vct.removeprefix(credential_issuer)
    )
    return sri(document) if document is not None else None


def type_metadata_response(document: bytes) -> Response:
    """A type metadata document, served as application/json. Raises nothing."""
    headers = (("Content-Type", "application/json"), ("Cache-Control", "max-age=3600"))
    return Response(200, headers, document)
