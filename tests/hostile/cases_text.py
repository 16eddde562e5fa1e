"""Issuer text: terminal escapes never reach the terminal (receive, show, delete, deferred),
lone surrogates are repaired or refused (never a crash or an unreadable record), and noise
(100,000 configurations, unknown members) is not printed line by line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.hostile.cases_network import oauth_error
from tests.hostile.harness import Case, Outcome
from tests.support.hostile_issuer import Hook, HostileIssuer, json_hook
from wallet_app.demo_issuer import DemoFaults

ESCAPES = "terminal escapes"
NOISE = "noise"

#: what a hostile display name carries: set the window title, clear the screen, return the
#: carriage, back up, reverse the text direction
CONTROLS = {
    "title": "\x1b]0;owned\x07",
    "clear": "\x1b[2J\x1b[H",
    "cr": "\rTrusted",
    "bs": "\x08\x08\x08",
    "rlo": "\u202egpj.exe",
}


def credential_named(name: str) -> Hook:
    """Metadata whose every credential configuration displays as ``name``."""

    def change(document: dict[str, Any], issuer: HostileIssuer) -> None:
        for configuration in document["credential_configurations_supported"].values():
            for display in configuration.get("credential_metadata", {}).get("display", []):
                display["name"] = name

    return json_hook(change)


def issuer_named(name: str) -> Hook:
    """Metadata whose issuer displays as ``name``."""

    def change(document: dict[str, Any], issuer: HostileIssuer) -> None:
        for display in document.get("display", []):
            display["name"] = name

    return json_hook(change)


def claims_labelled(label: str) -> Hook:
    """Metadata whose every claim is labelled ``label``."""

    def change(document: dict[str, Any], issuer: HostileIssuer) -> None:
        for configuration in document["credential_configurations_supported"].values():
            for claim in configuration.get("credential_metadata", {}).get("claims", []):
                for display in claim.get("display", []):
                    display["name"] = label

    return json_hook(change)


def _many_configurations(document: dict[str, Any], issuer: HostileIssuer) -> None:
    configurations = document["credential_configurations_supported"]
    for n in range(100_000):
        configurations[f"c{n}"] = {}


def _unknown_members(document: dict[str, Any], issuer: HostileIssuer) -> None:
    document["x_unknown"] = {"nested": ["noise"] * 100}
    document["ÜnïcødeKey"] = "\u0000 NUL inside a string"


def _quiet(limit: int) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        err = outcome.receive.stderr
        assert len(err) <= limit, f"{len(err)} characters on stderr (at most {limit})"
        for level in ("WARNING", "DEBUG", "INFO "):
            assert level not in err, f"a log record on stderr without -v: {err[:500]}"

    return check


def _name_repaired(outcome: Outcome) -> None:
    names = [str(item.get("name")) for item in outcome.listed]
    assert names and all("\ud800" not in name for name in names), names


CASES = (
    # a credential's display name: receive, list, show and delete print it
    *(
        Case(
            f"credential_name_{kind}",
            ESCAPES,
            {"metadata": credential_named(f"Personal{control} ID")},
            exit=0,
            stored=1,
            says=("Received",),
            then=(("list",), ("show", "{id}"), ("delete", "{id}")),
        )
        for kind, control in CONTROLS.items()
    ),
    # the issuer's display name: the "… offers:" line
    *(
        Case(
            f"issuer_name_{kind}",
            ESCAPES,
            {"metadata": issuer_named(f"Demo{control} Issuer")},
            exit=0,
            stored=1,
            says=("Received",),
            then=(("show", "{id}"),),
        )
        for kind, control in CONTROLS.items()
    ),
    # deferred: "… will be issued later" and the deferred listing
    *(
        Case(
            f"deferred_name_{kind}",
            ESCAPES,
            {"metadata": credential_named(f"Later{control} ID")},
            exit=0,
            stored=1,
            deferred=1,
            says=("later",),
            faults=lambda: DemoFaults(deferred_pending_polls=100),
            then=(("deferred",),),
        )
        for kind, control in CONTROLS.items()
    ),
    Case(
        "credential_name_all_controls_json",
        ESCAPES,
        {"metadata": credential_named("".join(CONTROLS.values()) + "\x9b31m")},
        exit=0,
        stored=1,
        says=('"credentials"',),
        args=("--json",),
        then=(("list", "--json"), ("show", "{id}", "--json"), ("delete", "{id}", "--json")),
    ),
    Case(
        "claim_labels_all_controls",
        ESCAPES,
        {"metadata": claims_labelled("".join(CONTROLS.values()))},
        exit=0,
        stored=1,
        says=("Received",),
        then=(("show", "{id}"),),
    ),
    Case(
        "token_error_description_escapes",
        ESCAPES,
        {"token": oauth_error("".join(CONTROLS.values()) + " \x9b31m C1 CSI")},
        says=("did not accept", "refused"),
    ),
    # lone surrogates in display text: repaired, the record stays readable
    Case(
        "credential_name_lone_surrogate",
        "internal errors",
        {"metadata": credential_named("Personal \ud800 ID")},
        exit=0,
        stored=1,
        says=("Received",),
        then=(("show", "{id}"), ("list",), ("delete", "{id}")),
        check=_name_repaired,
    ),
    Case(
        "issuer_name_lone_surrogate",
        "internal errors",
        {"metadata": issuer_named("Demo \udfff Issuer")},
        exit=0,
        stored=1,
        says=("Received",),
        then=(("show", "{id}"), ("list",)),
    ),
    Case(
        "token_error_lone_surrogate",
        "internal errors",
        {"token": oauth_error("bad \ud800 grant", error="invalid_grant\udc00")},
        says=("did not accept", "refused"),
    ),
    # noise: the wallet succeeds, and says so in a few lines
    Case(
        "metadata_100k_configurations",
        NOISE,
        {"metadata": json_hook(_many_configurations)},
        exit=0,
        stored=1,
        says=("Received",),
        seconds=20,
        check=_quiet(2000),
    ),
    Case(
        "explore_100k_configurations",
        NOISE,
        {"metadata": json_hook(_many_configurations)},
        exit=0,
        says=("pid_sd_jwt",),
        command=("explore", "{issuer}"),
        seconds=20,
        max_output=100_000,
    ),
    Case(
        "explore_names_with_controls",
        ESCAPES,
        {"metadata": credential_named("".join(CONTROLS.values()))},
        exit=0,
        says=("pid_sd_jwt",),
        command=("explore", "{issuer}"),
        max_output=100_000,
    ),
    Case(
        "unknown_members_everywhere",
        NOISE,
        {
            "metadata": json_hook(_unknown_members),
            "token": json_hook(_unknown_members),
            "credential": json_hook(_unknown_members),
        },
        exit=0,
        stored=1,
        says=("Received",),
        check=_quiet(2000),
    ),
    Case(
        "notification_500",
        NOISE,
        {"notification": oauth_error("down", error="server_error")},
        exit=0,
        stored=1,
        says=("Received",),
    ),
)
