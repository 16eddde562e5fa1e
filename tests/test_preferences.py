"""Preferences file: round trip, damaged file, atomic save, precedence in load_settings."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from wallet_app.errors import StorageError
from wallet_app.preferences import (
    Preferences,
    load_preferences,
    mark_handler_offer_answered,
    preferences_path,
    save_preferences,
)
from wallet_app.settings import load_settings

FULL = Preferences(
    language="de",
    redirect_mode="loopback",
    client_ids={"https://issuer.example": "my-client", "https://other.example/x": "x-client"},
    allow_http_loopback=False,
    extra_ca_file="/etc/ca.pem",
    data_dir="/srv/wallet",
    handler_offer_answered=True,
)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.json"
    save_preferences(path, FULL)
    assert load_preferences(path) == FULL
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left


def test_missing_file_gives_defaults(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert load_preferences(tmp_path / "nope.json") == Preferences()
    assert not caplog.records


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe", b"x" * 300_000])
def test_damaged_file_gives_defaults_and_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="wallet_app.preferences"):
        assert load_preferences(path) == Preferences()
    assert any("using defaults" in r.getMessage() for r in caplog.records)


def test_wrong_member_types_are_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        '{"language": 3, "redirect_mode": "carrier-pigeon", "allow_http_loopback": "yes",'
        ' "client_ids": {"https://a.example": "a", "https://b.example": 5, " ": "c"},'
        ' "data_dir": "  ", "handler_offer_answered": "yes"}'
    )
    prefs = load_preferences(path)
    assert prefs == Preferences(client_ids={"https://a.example": "a"})


def test_a_version_1_file_without_the_handler_offer_member_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"version": 1, "language": "de", "redirect_mode": "loopback"}')
    prefs = load_preferences(path)
    assert prefs == Preferences(language="de", redirect_mode="loopback")
    assert prefs.handler_offer_answered is False


def test_marking_the_handler_offer_answered_keeps_the_other_choices(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.json"
    save_preferences(path, Preferences(language="de", client_ids={"https://a.example": "a"}))
    written = mark_handler_offer_answered(path)
    assert written == load_preferences(path)
    assert written == Preferences(
        language="de", client_ids={"https://a.example": "a"}, handler_offer_answered=True
    )
    doc = path.read_text()
    assert '"version": 1' in doc and '"handler_offer_answered": true' in doc


def test_save_failure_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StorageError) as info:
        save_preferences(blocker / "settings.json", FULL)
    assert info.value.code == "settings_not_saved"


def test_save_replaces_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    save_preferences(path, Preferences(language="en"))

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StorageError):
        save_preferences(path, FULL)
    assert load_preferences(path) == Preferences(language="en")  # the old file is intact
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_preferences_path(tmp_path: Path) -> None:
    assert preferences_path({"WALLET_APP_CONFIG_DIR": str(tmp_path)}) == tmp_path / "settings.json"
    default = preferences_path({})
    assert default.name == "settings.json" and "wallet-app" in str(default)


# -- precedence: defaults < file < env < CLI ---------------------------------------------------


def test_file_beats_defaults(tmp_path: Path) -> None:
    s = load_settings({"LANG": "en_US.UTF-8"}, preferences=FULL)
    assert s.locales == ("de", "en")
    assert s.redirect_mode == "loopback"
    assert s.allow_http_loopback is False
    assert s.ca_file == Path("/etc/ca.pem")
    assert s.data_dir == Path("/srv/wallet")
    assert s.client_id_for("https://issuer.example") == "my-client"
    assert s.client_id_for("https://issuer.example/") == "my-client"
    assert s.client_id_for("https://other.example/x/") == "x-client"
    assert s.client_id_for("https://unknown.example") == "wallet-app"


def test_env_beats_file(tmp_path: Path) -> None:
    env = {
        "WALLET_APP_LANG": "fr",
        "WALLET_APP_REDIRECT": "scheme",
        "WALLET_APP_CA_FILE": "/env/ca.pem",
        "WALLET_APP_DATA_DIR": str(tmp_path),
        "WALLET_APP_CLIENT_ID": "env-client",
    }
    s = load_settings(env, preferences=FULL)
    assert s.locales == ("fr", "en")
    assert s.redirect_mode == "scheme"
    assert s.ca_file == Path("/env/ca.pem")
    assert s.data_dir == tmp_path
    assert s.client_id_for("https://issuer.example") == "env-client"


def test_file_ca_beats_generic_ssl_cert_file() -> None:
    s = load_settings({"SSL_CERT_FILE": "/sys/ca.pem"}, preferences=FULL)
    assert s.ca_file == Path("/etc/ca.pem")
    s = load_settings({"SSL_CERT_FILE": "/sys/ca.pem", "WALLET_APP_DATA_DIR": "/d"})
    assert s.ca_file == Path("/sys/ca.pem")


def test_cli_beats_env_and_file(tmp_path: Path) -> None:
    env = {"WALLET_APP_LANG": "fr", "WALLET_APP_REDIRECT": "scheme", "WALLET_APP_DATA_DIR": "/e"}
    s = load_settings(
        env,
        preferences=FULL,
        lang="nl",
        redirect_mode="loopback",
        data_dir=str(tmp_path),
        client_id="cli-client",
    )
    assert s.locales == ("nl", "en")
    assert s.redirect_mode == "loopback"
    assert s.data_dir == tmp_path
    assert s.client_id_for("https://issuer.example") == "cli-client"


def test_load_settings_reads_the_file_from_the_config_dir(tmp_path: Path) -> None:
    save_preferences(tmp_path / "settings.json", FULL)
    s = load_settings({"WALLET_APP_CONFIG_DIR": str(tmp_path)})
    assert s.redirect_mode == "loopback" and s.data_dir == Path("/srv/wallet")
    (tmp_path / "settings.json").write_text("garbage")
    s = load_settings({"WALLET_APP_CONFIG_DIR": str(tmp_path), "WALLET_APP_DATA_DIR": "/d"})
    assert s.redirect_mode == "scheme" and s.client_ids == {}


def test_the_signed_metadata_policy_round_trips_and_unknown_values_are_the_default() -> None:
    for policy in ("ignore", "prefer", "require"):
        prefs = Preferences(signed_metadata=policy)  # type: ignore[arg-type]
        assert Preferences.from_json(prefs.to_json()).signed_metadata == policy
    assert Preferences.from_json({"signed_metadata": "sometimes"}).signed_metadata is None
    assert Preferences.from_json({}).signed_metadata is None
