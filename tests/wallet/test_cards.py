"""The display snapshot ("card") kept with each credential (wallet_app.wallet.cards)."""

from __future__ import annotations

import json

from wallet_app.oid4vci.metadata import parse_issuer_metadata
from wallet_app.oid4vci.models import ClaimDescription, ClaimDisplay, IssuerMetadata
from wallet_app.wallet.cards import build_card, claims_metadata, issuer_name, localized_name

ISSUER = "https://issuer.test:8443/tenant"


def _issuer(configuration: dict[str, object], display: object = None) -> IssuerMetadata:
    doc: dict[str, object] = {
        "credential_issuer": ISSUER,
        "credential_endpoint": f"{ISSUER}/credential",
        "credential_configurations_supported": {"conf": configuration},
    }
    if display is not None:
        doc["display"] = display
    return parse_issuer_metadata(doc, expected_issuer=ISSUER)


FULL_CONF: dict[str, object] = {
    "format": "dc+sd-jwt",
    "vct": "urn:pid",
    "credential_metadata": {
        "display": [
            {
                "name": "Personal ID",
                "locale": "en",
                "description": "Your ID",
                "background_color": "#123456",
                "text_color": "#ffffff",
                "logo": {"uri": "https://issuer.test/logo.png", "alt_text": "logo"},
                "background_image": {"uri": "https://issuer.test/bg.png"},
            },
            {"name": "Personalausweis", "locale": "de-DE"},
        ],
        "claims": [
            {
                "path": ["given_name"],
                "mandatory": True,
                "display": [{"name": "Given name", "locale": "en"}, {"name": "Vorname"}],
            },
            {"path": ["address", "street"]},
            {"path": ["nationalities", None]},
        ],
    },
}
ISSUER_DISPLAY = [
    {"name": "Demo Issuer", "locale": "en", "logo": {"uri": "data:image/png;base64,AA=="}},
    {"name": "Demo-Aussteller", "locale": "de"},
    {"locale": "fr"},
]


def test_build_card_full() -> None:
    issuer = _issuer(FULL_CONF, ISSUER_DISPLAY)
    card = build_card(issuer, issuer.configurations["conf"], locales=("en",), local=False)
    assert card["name"] == "Personal ID"
    assert card["issuer_name"] == "Demo Issuer"
    assert card["type"] == "urn:pid"
    assert card["issuer_host"] == "issuer.test:8443"
    assert card["local_issuer"] is False
    assert card["display"] == [
        {
            "name": "Personal ID",
            "locale": "en",
            "description": "Your ID",
            "background_color": "#123456",
            "text_color": "#ffffff",
            "logo": {"uri": "https://issuer.test/logo.png", "alt_text": "logo"},
            "background_image": {"uri": "https://issuer.test/bg.png"},
        },
        {"name": "Personalausweis", "locale": "de-DE"},
    ]
    assert card["issuer_display"] == [
        {
            "name": "Demo Issuer",
            "locale": "en",
            "logo": {"uri": "data:image/png;base64,AA==", "alt_text": None},
        },
        {"name": "Demo-Aussteller", "locale": "de"},
        {"locale": "fr"},
    ]
    assert card["claims_metadata"] == [
        {
            "path": ["given_name"],
            "mandatory": True,
            "display": [{"name": "Given name", "locale": "en"}, {"name": "Vorname"}],
        },
        {"path": ["address", "street"]},
        {"path": ["nationalities", None]},
    ]
    json.dumps(card)  # the card is sealed as JSON


def test_build_card_localized() -> None:
    issuer = _issuer(FULL_CONF, ISSUER_DISPLAY)
    card = build_card(issuer, issuer.configurations["conf"], locales=("de-AT", "en"), local=True)
    assert card["name"] == "Personalausweis"  # same primary language
    assert card["issuer_name"] == "Demo-Aussteller"
    assert card["local_issuer"] is True


def test_build_card_credential_type_wins_over_metadata() -> None:
    issuer = _issuer(FULL_CONF)
    card = build_card(
        issuer,
        issuer.configurations["conf"],
        locales=("en",),
        local=False,
        credential_type="urn:pid:v2",
    )
    assert card["type"] == "urn:pid:v2"


def test_build_card_without_display_falls_back_to_ids_and_host() -> None:
    issuer = _issuer({"format": "mso_mdoc", "doctype": "org.iso.18013.5.1.mDL"})
    card = build_card(issuer, issuer.configurations["conf"], locales=("en",), local=False)
    assert card["name"] == "conf"
    assert card["issuer_name"] == "issuer.test:8443"
    assert card["type"] == "org.iso.18013.5.1.mDL"
    assert card["display"] == [] and card["issuer_display"] == []
    assert card["claims_metadata"] == []


def test_build_card_display_without_name_falls_back() -> None:
    issuer = _issuer(
        {"format": "jwt_vc_json", "display": [{"locale": "en", "background_color": "#000"}]},
        [{"locale": "en"}],
    )
    card = build_card(issuer, issuer.configurations["conf"], locales=("en",), local=False)
    assert card["name"] == "conf"
    assert card["issuer_name"] == "issuer.test:8443"
    assert card["type"] is None


def test_localized_name_and_issuer_name_on_odd_cards() -> None:
    assert localized_name({}, ("en",), fallback="fb") == "fb"
    assert localized_name({"display": "x"}, ("en",), fallback="fb") == "fb"
    assert localized_name({"display": [{"name": ""}]}, ("en",), fallback="fb") == "fb"
    assert (
        localized_name({"display": [{"name": "A", "locale": "fr"}]}, ("en",), fallback="f") == "A"
    )
    assert issuer_name({}, ("en",)) == ""
    assert issuer_name({"issuer_display": "x", "issuer_host": "h"}, ("en",)) == "h"
    assert issuer_name({"issuer_display": [1, {"name": "N"}]}, ("en",)) == "N"
    assert issuer_name({"issuer_display": [{"name": 5}], "issuer_host": 7}, ("en",)) == ""


def test_claims_metadata_wire_shape() -> None:
    claims = (
        ClaimDescription(path=("a", 0, None)),
        ClaimDescription(
            path=("b",),
            mandatory=True,
            display=(ClaimDisplay(name="B", locale=None), ClaimDisplay(name=None, locale="de")),
        ),
    )
    assert claims_metadata(claims) == [
        {"path": ["a", 0, None]},
        {"path": ["b"], "mandatory": True, "display": [{"name": "B"}, {"locale": "de"}]},
    ]
    assert claims_metadata(()) == []


def test_validity_of_a_card() -> None:
    from datetime import UTC, datetime, timedelta

    from wallet_app.wallet.cards import CardFacts, format_label, validity_of

    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)

    def facts(start: int | None, end: float | None) -> CardFacts:
        return CardFacts(
            valid_from=None if start is None else now + timedelta(days=start),
            expires_at=None if end is None else now + timedelta(days=end),
        )

    assert validity_of("deferred", facts(None, -1), now) == ("pending", 0)
    assert validity_of("issued", facts(None, None), now) == ("valid", 0)
    assert validity_of("issued", facts(-10, 365), now) == ("valid", 0)
    assert validity_of("issued", facts(-10, 5.5), now) == ("expiring", 5)
    assert validity_of("issued", facts(-10, 0.5), now) == ("expiring", 0)
    assert validity_of("issued", facts(-10, -0.01), now) == ("expired", 0)
    assert validity_of("issued", facts(2, 30), now) == ("not_yet_valid", 0)
    assert [format_label(f) for f in ("dc+sd-jwt", "mso_mdoc", "jwt_vc_json", "x")] == [
        "SD-JWT VC",
        "mdoc",
        "JWT VC",
        "x",
    ]


def test_card_facts_of_unreadable_or_pending_credentials_are_empty() -> None:
    from wallet_app.wallet.cards import CardFacts, card_facts

    assert card_facts("dc+sd-jwt", None) == CardFacts()
    assert card_facts("dc+sd-jwt", "not.a.credential~") == CardFacts()
