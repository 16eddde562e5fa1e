"""Settings: defaults < environment (WALLET_APP_*) < command-line values (wallet_app.settings)."""

from __future__ import annotations

import locale
from pathlib import Path

import pytest

from wallet_app.errors import UsageError
from wallet_app.settings import (
    DEFAULT_CLIENT_ID,
    REDIRECT_SCHEME,
    REDIRECT_URI,
    Settings,
    load_settings,
    locales_from_env,
)


def test_shared_names() -> None:
    assert REDIRECT_SCHEME == "io.github.walletapp"
    assert REDIRECT_URI == "io.github.walletapp:/callback"
    assert DEFAULT_CLIENT_ID == "wallet-app"


# -- locales -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, ("de-DE", "de", "en")),
        ({"LANG": "en_US.UTF-8"}, ("en-US", "en")),
        ({"LANGUAGE": "fr_CA:fr:de", "LANG": "en_GB.UTF-8"}, ("fr-CA", "fr", "de", "en")),
        ({"LC_ALL": "sr_RS@latin", "LANG": "de_DE"}, ("sr-RS", "sr", "en")),
        ({"LC_MESSAGES": "pt_BR.UTF-8", "LANG": "de_DE"}, ("pt-BR", "pt", "en")),
        ({"WALLET_APP_LANG": "nl", "LANGUAGE": "fr"}, ("nl", "en")),
        ({"LANGUAGE": "de:de_AT:de"}, ("de", "de-AT", "en")),
        ({"LANGUAGE": "C:fr"}, ("fr", "en")),
        ({"LANGUAGE": " : "}, None),
    ],
)
def test_locales_from_env(env: dict[str, str], expected: tuple[str, ...] | None) -> None:
    result = locales_from_env(env)
    if expected is not None:
        assert result == expected
    assert result[-1] == "en" or "en" in result


def test_locales_fall_back_to_the_process_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locale, "getlocale", lambda: ("it_IT", "UTF-8"))
    assert locales_from_env({}) == ("it-IT", "en")
    monkeypatch.setattr(locale, "getlocale", lambda: ("C", None))
    assert locales_from_env({"LANG": "POSIX"}) == ("en",)
    monkeypatch.setattr(locale, "getlocale", lambda: (None, None))
    assert locales_from_env({}) == ("en",)

    def broken() -> tuple[str | None, str | None]:
        raise ValueError("unknown locale")

    monkeypatch.setattr(locale, "getlocale", broken)
    assert locales_from_env({"LANG": "C.UTF-8"}) == ("en",)


# -- load_settings -----------------------------------------------------------------------------


def test_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("wallet_app.settings._default_data_dir", lambda: tmp_path / "default-data")
    s = load_settings({"LANG": "en_US.UTF-8"})
    assert s.data_dir == tmp_path / "default-data"
    assert s.client_id == "wallet-app"
    assert s.redirect_mode == "scheme"
    assert s.locales == ("en-US", "en")
    assert s.ca_file is None
    assert s.timeout == 15.0
    assert s.use_passphrase is False and s.passphrase is None
    assert s.verbose is False
    assert s.max_response_bytes == 2 * 1024 * 1024
    assert s.batch_limit == 3 and s.allow_http_loopback is True


def test_default_data_dir_uses_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/tmp/xdg-test-data")
    s = load_settings({})
    assert s.data_dir.name == "wallet-app"


def test_environment(tmp_path: Path) -> None:
    env = {
        "WALLET_APP_DATA_DIR": str(tmp_path / "d"),
        "WALLET_APP_CLIENT_ID": "env-client",
        "WALLET_APP_REDIRECT": "loopback",
        "WALLET_APP_LANG": "de",
        "WALLET_APP_CA_FILE": str(tmp_path / "ca.pem"),
        "SSL_CERT_FILE": "/ignored.pem",
        "WALLET_APP_TIMEOUT": "2.5",
        "WALLET_APP_PASSPHRASE": "pw-secret",
    }
    s = load_settings(env)
    assert s.data_dir == tmp_path / "d"
    assert s.client_id == "env-client"
    assert s.redirect_mode == "loopback"
    assert s.locales == ("de", "en")
    assert s.ca_file == tmp_path / "ca.pem"
    assert s.timeout == 2.5
    assert s.use_passphrase is True and s.passphrase == "pw-secret"
    assert "pw-secret" not in repr(s)


def test_ssl_cert_file_is_the_ca_fallback(tmp_path: Path) -> None:
    s = load_settings({"WALLET_APP_DATA_DIR": str(tmp_path), "SSL_CERT_FILE": "~/ca.pem"})
    assert s.ca_file == Path("~/ca.pem").expanduser()


def test_cli_values_win_over_environment(tmp_path: Path) -> None:
    env = {
        "WALLET_APP_DATA_DIR": str(tmp_path / "env"),
        "WALLET_APP_CLIENT_ID": "env-client",
        "WALLET_APP_REDIRECT": "loopback",
        "WALLET_APP_LANG": "de",
        "WALLET_APP_CA_FILE": "/env-ca.pem",
        "WALLET_APP_TIMEOUT": "99",
    }
    s = load_settings(
        env,
        data_dir=str(tmp_path / "cli"),
        client_id="cli-client",
        redirect_mode="scheme",
        lang="fr_FR",
        ca_file=str(tmp_path / "cli-ca.pem"),
        timeout=3.0,
        use_passphrase=True,
        verbose=True,
    )
    assert s.data_dir == tmp_path / "cli"
    assert s.client_id == "cli-client"
    assert s.redirect_mode == "scheme"
    assert s.locales == ("fr-FR", "fr", "en")
    assert s.ca_file == tmp_path / "cli-ca.pem"
    assert s.timeout == 3.0
    assert s.use_passphrase is True and s.passphrase is None  # asked for later
    assert s.verbose is True


def test_timeout_zero_from_cli_is_kept(tmp_path: Path) -> None:
    s = load_settings({"WALLET_APP_DATA_DIR": str(tmp_path)}, timeout=0.0)
    assert s.timeout == 0.0  # explicit value, not "or default"


def test_unknown_redirect_mode_falls_back_to_scheme(tmp_path: Path) -> None:
    env = {"WALLET_APP_DATA_DIR": str(tmp_path), "WALLET_APP_REDIRECT": "carrier-pigeon"}
    assert load_settings(env).redirect_mode == "scheme"
    assert load_settings(env, redirect_mode="loopback").redirect_mode == "loopback"


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "inf"])
def test_malformed_timeout_is_a_usage_error(tmp_path: Path, value: str) -> None:
    env = {"WALLET_APP_DATA_DIR": str(tmp_path), "WALLET_APP_TIMEOUT": value}
    with pytest.raises(UsageError) as info:
        load_settings(env)
    assert "WALLET_APP_TIMEOUT" in info.value.user_message
    # an explicit CLI value makes the environment irrelevant
    assert load_settings(env, timeout=5.0).timeout == 5.0


def test_blank_timeout_is_the_default(tmp_path: Path) -> None:
    env = {"WALLET_APP_DATA_DIR": str(tmp_path), "WALLET_APP_TIMEOUT": " "}
    assert load_settings(env).timeout == 15.0


def test_data_dir_expands_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    s = load_settings({"WALLET_APP_DATA_DIR": "~/wallet"})
    assert s.data_dir == tmp_path / "wallet"


def test_with_changes_and_repr(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path, passphrase="secret-pw")
    t = s.with_changes(client_id="other", verbose=True)
    assert t.client_id == "other" and t.verbose is True and t.passphrase == "secret-pw"
    assert s.client_id == "wallet-app"  # frozen original unchanged
    assert "secret-pw" not in repr(t) and "other" in repr(t)
    with pytest.raises(TypeError):
        s.with_changes(nonsense=1)


def test_process_environment_is_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("WALLET_APP_DATA_DIR", str(tmp_path / "from-os-env"))
    monkeypatch.setenv("WALLET_APP_CLIENT_ID", "os-client")
    s = load_settings()
    assert s.data_dir == tmp_path / "from-os-env"
    assert s.client_id == "os-client"


def test_signed_metadata_policy_defaults_prefs_env_flag(tmp_path: Path) -> None:
    from wallet_app.preferences import Preferences

    base = {"WALLET_APP_DATA_DIR": str(tmp_path)}
    assert load_settings(base, preferences=Preferences()).signed_metadata == "prefer"
    chosen = Preferences(signed_metadata="require")
    assert load_settings(base, preferences=chosen).signed_metadata == "require"
    env = {**base, "WALLET_APP_SIGNED_METADATA": "ignore"}
    assert load_settings(env, preferences=chosen).signed_metadata == "ignore"
    flagged = load_settings(env, preferences=chosen, signed_metadata="require")
    assert flagged.signed_metadata == "require"
    with pytest.raises(UsageError) as info:
        load_settings({**base, "WALLET_APP_SIGNED_METADATA": "always"}, preferences=Preferences())
    assert info.value.code == "invalid_setting"
    assert "ignore, prefer or require" in info.value.user_message
