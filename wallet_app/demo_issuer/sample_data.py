"""Credential configurations, display data and the sample subject (Erika Mustermann)."""

from __future__ import annotations

import base64
from importlib import resources
from typing import Final

__all__ = [
    "CONFIGURATION_IDS",
    "DIPLOMA_CLAIMS",
    "DIPLOMA_VCT_PATH",
    "JWT_VC_ID",
    "JWT_VC_TYPES",
    "MDL_DOCTYPE",
    "MDL_NAMESPACE",
    "credential_configurations",
    "issuer_display",
    "jwt_vc_configuration",
    "portrait_jpeg",
    "sample_claims",
    "scope_to_configuration",
]

MDL_DOCTYPE: Final = "org.iso.18013.5.1.mDL"
MDL_NAMESPACE: Final = "org.iso.18013.5.1"
CONFIGURATION_IDS: Final = ("pid_sd_jwt", "diploma_sd_jwt", "mdl_mdoc")
DIPLOMA_VCT_PATH: Final = "/vct/university-diploma"
"""Under the credential issuer: the diploma's vct, an SD-JWT VC Type Metadata URL."""
JWT_VC_ID: Final = "degree_jwt_vc"
"""A W3C VC as a JWT (jwt_vc_json, Appendix A.1): served in the draft modes (drafts.py), which
every draft since 11 can carry; the 1.0 mode keeps its three configurations."""
JWT_VC_TYPES: Final = ("VerifiableCredential", "UniversityDegreeCredential")
_SCOPES: Final = {"pid": "pid_sd_jwt", "diploma": "diploma_sd_jwt", "mdl": "mdl_mdoc"}

# (path, English label, German label, mandatory)
_Claim = tuple[tuple[str | int | None, ...], str, str, bool]
_PID_CLAIMS: Final[tuple[_Claim, ...]] = (
    (("given_name",), "Given name", "Vorname", True),
    (("family_name",), "Family name", "Familienname", True),
    (("birthdate",), "Date of birth", "Geburtsdatum", True),
    (("address",), "Address", "Anschrift", False),
    (("address", "street_address"), "Street", "Straße", False),
    (("address", "locality"), "City", "Ort", False),
    (("address", "postal_code"), "Postal code", "Postleitzahl", False),
    (("address", "country"), "Country", "Land", False),
    (("nationalities",), "Nationalities", "Staatsangehörigkeiten", False),
    (("age_equal_or_over",), "Age verification", "Altersnachweis", False),
    (("age_equal_or_over", "18"), "18 or older", "Volljährig", False),
    (("issuing_country",), "Issuing country", "Ausstellungsland", True),
    (("picture",), "Photo", "Lichtbild", False),
)
DIPLOMA_CLAIMS: Final[tuple[_Claim, ...]] = (
    (("given_name",), "Given name", "Vorname", True),
    (("family_name",), "Family name", "Familienname", True),
    (("degree",), "Degree", "Abschluss", True),
    (("field_of_study",), "Field of study", "Studienfach", True),
    (("grade",), "Grade", "Note", False),
    (("university",), "University", "Hochschule", True),
    (("graduation_date",), "Graduation date", "Abschlussdatum", True),
)
_MDL_CLAIMS: Final[tuple[_Claim, ...]] = (
    ((MDL_NAMESPACE, "family_name"), "Family name", "Familienname", True),
    ((MDL_NAMESPACE, "given_name"), "Given name", "Vorname", True),
    ((MDL_NAMESPACE, "birth_date"), "Date of birth", "Geburtsdatum", True),
    ((MDL_NAMESPACE, "issue_date"), "Issued on", "Ausgestellt am", True),
    ((MDL_NAMESPACE, "expiry_date"), "Valid until", "Gültig bis", True),
    ((MDL_NAMESPACE, "issuing_country"), "Issuing country", "Ausstellungsland", True),
    ((MDL_NAMESPACE, "document_number"), "Licence number", "Führerscheinnummer", True),
    ((MDL_NAMESPACE, "portrait"), "Photo", "Lichtbild", True),
    ((MDL_NAMESPACE, "driving_privileges"), "Vehicle categories", "Fahrzeugklassen", True),
    (
        (MDL_NAMESPACE, "driving_privileges", None, "vehicle_category_code"),
        "Category",
        "Klasse",
        False,
    ),
    ((MDL_NAMESPACE, "driving_privileges", None, "issue_date"), "Since", "Seit", False),
)


def _claims(table: tuple[_Claim, ...]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path, en, de, mandatory in table:
        entry: dict[str, object] = {
            "path": list(path),
            "display": [{"name": en, "locale": "en"}, {"name": de, "locale": "de"}],
        }
        if mandatory:
            entry["mandatory"] = True
        out.append(entry)
    return out


def _display(
    base_url: str,
    art: str,
    names: tuple[str, str],
    descriptions: tuple[str, str],
    colors: tuple[str, str],
) -> list[dict[str, object]]:
    return [
        {
            "name": name,
            "locale": locale,
            "description": description,
            "background_color": colors[0],
            "text_color": colors[1],
            "logo": {"uri": f"{base_url}/static/logo.svg", "alt_text": "Demo Issuer logo"},
            "background_image": {"uri": f"{base_url}/static/{art}.svg"},
        }
        for name, description, locale in zip(names, descriptions, ("en", "de"), strict=True)
    ]


_ES256_JWT_PROOF: Final = {"jwt": {"proof_signing_alg_values_supported": ["ES256"]}}


def credential_configurations(
    base_url: str, credential_issuer: str | None = None, *, plain_sd_jwt: bool = False
) -> dict[str, dict[str, object]]:
    """credential_configurations_supported (§12.2.4, Appendix A) for logos under base_url; the
    diploma's vct is a type metadata URL under credential_issuer (default: base_url).
    ``plain_sd_jwt``: the SD-JWT VCs without credential display and claim labels."""
    issuer = base_url if credential_issuer is None else credential_issuer
    configurations: dict[str, dict[str, object]] = {
        "pid_sd_jwt": {
            "format": "dc+sd-jwt",
            "scope": "pid",
            "vct": "urn:eudi:pid:1",
            "cryptographic_binding_methods_supported": ["jwk"],
            "credential_signing_alg_values_supported": ["ES256"],
            "proof_types_supported": dict(_ES256_JWT_PROOF),
            "credential_metadata": {
                "display": _display(
                    base_url,
                    "pid",
                    ("Personal ID", "Personalausweis (PID)"),
                    ("Your digital identity card", "Ihr digitaler Ausweis"),
                    ("#1e3a8a", "#ffffff"),
                ),
                "claims": _claims(_PID_CLAIMS),
            },
        },
        "diploma_sd_jwt": {
            "format": "dc+sd-jwt",
            "scope": "diploma",
            "vct": issuer + DIPLOMA_VCT_PATH,
            "cryptographic_binding_methods_supported": ["jwk"],
            "credential_signing_alg_values_supported": ["ES256"],
            "proof_types_supported": dict(_ES256_JWT_PROOF),
            "credential_metadata": {
                "display": _display(
                    base_url,
                    "diploma",
                    ("University Diploma", "Hochschulzeugnis"),
                    ("Master's degree of Demo University", "Masterzeugnis der Demo-Universität"),
                    ("#7c2d12", "#fff7ed"),
                ),
                "claims": _claims(DIPLOMA_CLAIMS),
            },
        },
        "mdl_mdoc": {
            "format": "mso_mdoc",
            "scope": "mdl",
            "doctype": MDL_DOCTYPE,
            "cryptographic_binding_methods_supported": ["cose_key"],
            "credential_signing_alg_values_supported": [-7],
            "proof_types_supported": dict(_ES256_JWT_PROOF),
            "credential_metadata": {
                "display": _display(
                    base_url,
                    "mdl",
                    ("Driving Licence", "Führerschein"),
                    ("Mobile driving licence (ISO 18013-5)", "Mobiler Führerschein (ISO 18013-5)"),
                    ("#065f46", "#ecfdf5"),
                ),
                "claims": _claims(_MDL_CLAIMS),
            },
        },
    }
    for config_id, table in (("pid_sd_jwt", _PID_CLAIMS), ("diploma_sd_jwt", DIPLOMA_CLAIMS)):
        if plain_sd_jwt:  # claim paths only: display and labels can come from the vct alone
            plain = [{k: v for k, v in c.items() if k != "display"} for c in _claims(table)]
            configurations[config_id]["credential_metadata"] = {"claims": plain}
    return configurations


def jwt_vc_configuration(base_url: str) -> dict[str, object]:
    """The jwt_vc_json configuration (Appendix A.1.1) in the 1.0 shape: the degree as a W3C VC
    JWT, its claims under credentialSubject. Raises nothing."""
    claims = [
        {**c, "path": ["credentialSubject", *path]}
        for c, (path, *_) in zip(_claims(DIPLOMA_CLAIMS), DIPLOMA_CLAIMS, strict=True)
    ]
    return {
        "format": "jwt_vc_json",
        "scope": "degree",
        "cryptographic_binding_methods_supported": ["jwk"],
        "credential_signing_alg_values_supported": ["ES256"],
        "credential_definition": {"type": list(JWT_VC_TYPES)},
        "proof_types_supported": dict(_ES256_JWT_PROOF),
        "credential_metadata": {
            "display": _display(
                base_url,
                "diploma",
                ("University Degree (JWT VC)", "Hochschulabschluss (JWT VC)"),
                ("A W3C verifiable credential", "Ein W3C-Nachweis"),
                ("#312e81", "#eef2ff"),
            ),
            "claims": claims,
        },
    }


def issuer_display(base_url: str, logo_data_uri: str) -> list[dict[str, object]]:
    """Issuer display (§12.2.4): en uses the served logo, de the same logo as a data: URI."""
    return [
        {
            "name": "Demo Issuer",
            "locale": "en",
            "logo": {"uri": f"{base_url}/static/logo.svg", "alt_text": "Demo Issuer logo"},
        },
        {
            "name": "Demo-Aussteller",
            "locale": "de",
            "logo": {"uri": logo_data_uri, "alt_text": "Logo des Demo-Ausstellers"},
        },
    ]


def scope_to_configuration(scope: str) -> str | None:
    """The configuration id a scope value stands for, or None. Raises nothing."""
    return _SCOPES.get(scope)


def portrait_jpeg() -> bytes:
    """The subject's photo: a neutral silhouette, 140 × 180 px JPEG (``static/portrait.jpg``,
    about 2.5 KB) - the form ISO/IEC 18013-5 asks for the mDL ``portrait``."""
    return resources.files(__package__).joinpath("static", "portrait.jpg").read_bytes()


def sample_claims(configuration_id: str) -> dict[str, object]:
    """A fresh copy of the subject's claims for one configuration (mdoc: element values).

    Raises KeyError for an unknown configuration id.
    """
    if configuration_id == "pid_sd_jwt":
        return {
            "given_name": "Erika",
            "family_name": "Mustermann",
            "birthdate": "1964-08-12",
            "address": {
                "street_address": "Heidestraße 17",
                "locality": "Köln",
                "postal_code": "51147",
                "country": "DE",
            },
            "nationalities": ["DE"],
            "age_equal_or_over": {"18": True},
            "issuing_country": "DE",
            # the PID's portrait in SD-JWT VC form (PID Rulebook: ``picture``, a data: URL)
            "picture": "data:image/jpeg;base64," + base64.b64encode(portrait_jpeg()).decode(),
        }
    if configuration_id in ("diploma_sd_jwt", JWT_VC_ID):
        return {
            "given_name": "Erika",
            "family_name": "Mustermann",
            "degree": "Master of Science",
            "field_of_study": "Computer Science",
            "grade": "1.3",
            "university": "Demo University of Applied Sciences",
            "graduation_date": "1990-07-20",
        }
    if configuration_id == "mdl_mdoc":
        return {
            "family_name": "Mustermann",
            "given_name": "Erika",
            "birth_date": "1964-08-12",
            "issue_date": "2024-01-15",
            "expiry_date": "2039-01-14",
            "issuing_country": "DE",
            "document_number": "B072RRE2I55",
            "portrait": portrait_jpeg(),  # bstr, JPEG (ISO/IEC 18013-5 §7.2.1)
            "driving_privileges": [
                {"vehicle_category_code": "B", "issue_date": "1982-10-05"},
                {"vehicle_category_code": "AM", "issue_date": "1982-10-05"},
            ],
        }
    raise KeyError(configuration_id)
