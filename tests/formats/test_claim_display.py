"""Locale selection, credential display and claim labelling from raw issuer metadata."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import pytest
from formats_builders import configuration, metadata

from wallet_app.formats import (
    ClaimRow,
    claim_descriptions,
    credential_display,
    label_claims,
    pick_locale,
)

EN = {"name": "Given Name", "locale": "en-US"}
DE = {"name": "Vorname", "locale": "de-DE"}
DE_CH = {"name": "Vorname (CH)", "locale": "de-CH"}
PLAIN = {"name": "given name"}

SD_JWT_CLAIMS = {
    "given_name": "John",
    "nationalities": ["US", "DE"],
    "is_over_18": True,
    "address": {"street_address": "123 Main St", "locality": "Anytown", "country": "US"},
    "family_name": "Doe",
    "extra": {"deep": {"x": 1}},
}


def rows(
    claims: Mapping[str, object],
    descriptions: Sequence[object],
    preferred: list[str],
    format: str = "dc+sd-jwt",
) -> list[tuple[object, ...]]:
    return [
        (r.path, r.label, r.value, r.depth, r.mandatory)
        for r in label_claims(claims, descriptions, preferred, format=format)  # type: ignore[arg-type]
    ]


# ---------------------------------------------------------------- pick_locale


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [
        (["de-DE"], DE),
        (["DE_de"], DE),  # case-insensitive, POSIX underscore
        (["de-CH-1996"], DE_CH),  # truncated lookup
        (["de-AT"], DE),  # same primary language
        (["fr", "de-CH"], DE_CH),  # preferred order
        (["fr"], PLAIN),  # the entry without locale
        ([], PLAIN),
        (["", "*"], PLAIN),
    ],
)
def test_pick_locale_chain(preferred: list[str], expected: dict[str, str]) -> None:
    assert pick_locale([EN, DE, DE_CH, PLAIN], preferred) == expected


def test_pick_locale_first_entry_and_empty() -> None:
    assert pick_locale([DE, EN], ["ja"]) == DE
    assert pick_locale([], ["en"]) is None
    assert pick_locale(["junk", EN], ["ja"]) == EN  # type: ignore[list-item]


def test_pick_locale_skips_singleton_when_truncating() -> None:
    zh = {"name": "zh", "locale": "zh-Hant"}
    assert pick_locale([EN, zh], ["zh-Hant-x-private"]) == zh


# ---------------------------------------------------------------- credential_display


def test_credential_display_1_0() -> None:
    config = configuration("credential_metadata_mso_mdoc.json")
    chosen = credential_display(config, ["ja"])
    assert chosen is not None and chosen["name"] == "モバイル運転免許証"
    english = credential_display(config, ["en-GB"])
    assert english is not None and english["name"] == "Mobile Driving License"


def test_credential_display_legacy_and_missing() -> None:
    legacy = {"format": "dc+sd-jwt", "display": [{"name": "PID", "locale": "en"}, "junk"]}
    assert credential_display(legacy, ["de"]) == {"name": "PID", "locale": "en"}
    assert credential_display({"format": "dc+sd-jwt"}, ["de"]) is None
    assert credential_display({"credential_metadata": {"display": []}}, ["de"]) is None


def test_credential_display_long_issuer_metadata() -> None:
    issuer = metadata("credential_issuer_metadata_sd_jwt_long.json")
    configs = issuer["credential_configurations_supported"]
    assert isinstance(configs, dict)
    chosen = credential_display(configs["SD_JWT_VC_example_in_OpenID4VCI"], ["fr-FR"])
    assert chosen is not None and chosen["name"] == "IdentityCredential"
    assert chosen["description"] == "A credential that signals the membership of a university"


# ---------------------------------------------------------------- claim_descriptions


def test_claim_descriptions_1_0_and_legacy_shapes() -> None:
    config = configuration("credential_metadata_sd_jwt_vc.json")
    descriptions = claim_descriptions(config)
    assert len(descriptions) == 13 and descriptions[0]["path"] == ["given_name"]

    draft_sd_jwt = {
        "claims": {
            "given_name": {"display": [EN]},
            "address": {"mandatory": True, "street_address": {}, "note": "x"},
        }
    }
    assert claim_descriptions(draft_sd_jwt) == [
        {"path": ["given_name"], "display": [EN]},
        {"path": ["address"], "mandatory": True},
        {"path": ["address", "street_address"]},
    ]
    draft_w3c = {"credential_definition": {"credentialSubject": {"gpa": {"value_type": "number"}}}}
    assert claim_descriptions(draft_w3c) == [
        {"path": ["credentialSubject", "gpa"], "value_type": "number"}
    ]
    assert claim_descriptions({"claims": [{"path": ["a"]}, 3]}) == [{"path": ["a"]}]
    assert claim_descriptions({"credential_definition": {}}) == []
    assert claim_descriptions({}) == []


# ---------------------------------------------------------------- label_claims


def test_sd_jwt_rows_in_metadata_order_with_german_labels() -> None:
    descriptions = claim_descriptions(configuration("credential_metadata_sd_jwt_vc.json"))
    assert rows(SD_JWT_CLAIMS, descriptions, ["de-CH"]) == [
        (("given_name",), "Vorname", "John", 0, False),
        (("family_name",), "Nachname", "Doe", 0, False),
        (("address",), "Wohnsitz", None, 0, False),
        (("address", "street_address"), "street_address", "123 Main St", 1, False),
        (("address", "locality"), "locality", "Anytown", 1, False),
        (("address", "country"), "country", "US", 1, False),
        (("is_over_18",), "is_over_18", True, 0, False),
        # undescribed claims follow in credential order
        (("nationalities",), "nationalities", ["US", "DE"], 0, False),
        (("extra",), "extra", None, 0, False),
        (("extra", "deep"), "deep", None, 1, False),
        (("extra", "deep", "x"), "x", 1, 2, False),
    ]
    english = label_claims(SD_JWT_CLAIMS, descriptions, ["en"], format="dc+sd-jwt")
    assert english[0] == ClaimRow(("given_name",), "Given Name", "John", 0, False)
    assert english[2].label == "Place of residence"


def test_arrays_of_objects_get_element_rows() -> None:
    claims = {"degrees": [{"type": "BSc"}, {"type": "MSc"}], "tags": []}
    descriptions = [
        {"path": ["degrees"], "display": [{"name": "Abschlüsse", "locale": "de"}]},
        {"path": ["degrees", None, "type"], "display": [{"name": "Art", "locale": "de"}]},
    ]
    assert rows(claims, descriptions, ["de"]) == [
        (("degrees",), "Abschlüsse", None, 0, False),
        (("degrees", 0), "Abschlüsse 1", None, 1, False),
        (("degrees", 0, "type"), "Art", "BSc", 2, False),
        (("degrees", 1), "Abschlüsse 2", None, 1, False),
        (("degrees", 1, "type"), "Art", "MSc", 2, False),
        (("tags",), "tags", [], 0, False),
    ]


def test_jwt_vc_json_metadata_is_relative_to_credential_subject() -> None:
    config = configuration("credential_metadata_jwt_vc_json.json")
    descriptions = [*claim_descriptions(config), {"path": ["issuer"]}]
    claims = {"id": "did:x", "gpa": 3.9, "given_name": "Ann", "degree": {"name": "BSc"}}
    assert rows(claims, descriptions, ["en-US"], format="jwt_vc_json") == [
        (("given_name",), "Given Name", "Ann", 0, False),
        (("degree",), "degree", None, 0, False),
        (("degree", "name"), "name", "BSc", 1, False),
        (("gpa",), "GPA", 3.9, 0, True),
        (("id",), "id", "did:x", 0, False),
    ]


def test_ldp_vc_metadata_example() -> None:
    descriptions = claim_descriptions(configuration("credential_metadata_ldp_vc.json"))
    labelled = label_claims({"family_name": "Doe"}, descriptions, ["en"], format="ldp_vc")
    assert labelled == [ClaimRow(("family_name",), "Surname", "Doe", 0, False)]


def test_mdoc_labels_from_metadata() -> None:
    descriptions = claim_descriptions(configuration("credential_metadata_mso_mdoc.json"))
    claims = {
        "org.iso.18013.5.1": {
            "portrait": {"$bytes": "AA", "length": 1},
            "birth_date": "1964-08-12",
            "family_name": "Mustermann",
            "given_name": "Erika",
        },
        "org.iso.18013.5.1.aamva": {"organ_donor": 1},
        "odd": "not a namespace map",
    }
    assert rows(claims, descriptions, ["ja-JP"], format="mso_mdoc") == [
        (("org.iso.18013.5.1", "given_name"), "名前", "Erika", 0, False),
        (("org.iso.18013.5.1", "family_name"), "Surname", "Mustermann", 0, False),
        (("org.iso.18013.5.1", "birth_date"), "birth_date", "1964-08-12", 0, True),
        (("org.iso.18013.5.1.aamva", "organ_donor"), "organ_donor", 1, 0, False),
        # a bstr is one value (issue 8 P16), not "$bytes" and "length" children
        (("org.iso.18013.5.1", "portrait"), "portrait", {"$bytes": "AA", "length": 1}, 0, False),
        (("odd",), "odd", "not a namespace map", 0, False),
    ]


def test_mdoc_integer_keys_are_not_contradictions() -> None:
    descriptions: list[Mapping[str, object]] = [
        {"path": ["ns", "el"], "display": [{"name": "Element"}]},
        {"path": ["ns", "el", 1], "display": [{"name": "One"}]},
        {"path": ["ns", "el", "x"]},
    ]
    labelled = label_claims({"ns": {"el": {"1": "a"}}}, descriptions, [], format="mso_mdoc")
    # No B.3 conflict ("Element" is used); CBOR integer map keys become strings in claims,
    # so the description for key 1 does not apply to "1".
    assert [r.label for r in labelled] == ["Element", "1"]


@pytest.mark.parametrize(
    "descriptions",
    [
        [{"path": ["given_name"], "display": [EN]}, {"path": ["given_name"]}],  # same claim twice
        [{"path": ["degrees", None, "type"]}, {"path": ["degrees", 0, "type"], "display": [EN]}],
        [{"path": ["address", "street"], "display": [EN]}, {"path": ["address", 0]}],
        [{"path": ["given_name"], "display": [EN]}, {"path": []}],
        [{"path": ["given_name"], "display": [EN]}, {"path": "given_name"}],
        [{"path": ["given_name"], "display": [EN]}, {"path": ["a", -1]}],
        [{"path": ["given_name"], "display": [EN]}, {"path": ["a", True]}],
        [{"path": ["given_name"], "display": [EN]}, {"path": [1.5]}],
        [{"path": ["given_name"], "display": [EN]}, "not an object"],
    ],
)
def test_conflicting_or_invalid_descriptions_fall_back_to_raw_keys(
    descriptions: list[object], caplog: pytest.LogCaptureFixture
) -> None:
    claims = {"family_name": "Doe", "given_name": "John"}
    with caplog.at_level(logging.WARNING, logger="wallet_app.formats.display"):
        result = rows(claims, descriptions, ["en-US"])
    assert result == [
        (("family_name",), "family_name", "Doe", 0, False),
        (("given_name",), "given_name", "John", 0, False),
    ]
    assert "ignoring claim descriptions" in caplog.text


def test_mdoc_paths_need_namespace_and_element() -> None:
    descriptions = [{"path": ["ns"], "display": [EN]}]
    labelled = label_claims({"ns": {"el": 1}}, descriptions, [], format="mso_mdoc")
    assert labelled == [ClaimRow(("ns", "el"), "el", 1, 0, False)]


def test_display_without_usable_name_falls_back() -> None:
    descriptions: list[Mapping[str, object]] = [
        {"path": ["a"], "display": [{"locale": "en"}]},
        {"path": ["b"], "display": "junk"},
        {"path": ["c"], "display": [{"name": ""}]},
    ]
    assert [
        r.label
        for r in label_claims({"a": 1, "b": 2, "c": 3}, descriptions, ["en"], format="dc+sd-jwt")
    ] == ["a", "b", "c"]
