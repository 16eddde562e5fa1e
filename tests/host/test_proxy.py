"""The proxy plan (host/proxy.py), the setting's values (proxy_choice.py) and where the setting
comes from (settings, preferences file). The requests themselves: test_network.py."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from wallet_app.errors import UsageError
from wallet_app.host.proxy import OsProxies, UnusableProxy, is_loopback_host, plan_proxies
from wallet_app.preferences import Preferences, load_preferences, save_preferences
from wallet_app.proxy_choice import parse_proxy_setting, proxy_url, redact_proxy
from wallet_app.settings import load_settings

P = "http://proxy.corp:3128"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "system"),
        ("", "system"),
        (" System ", "system"),
        ("none", "none"),
        ("NONE", "none"),
        ("proxy.corp:3128", P),
        (P + "/", P + "/"),
        ("https://proxy.corp", "https://proxy.corp"),
        ("http://u:p@proxy.corp:8080", "http://u:p@proxy.corp:8080"),
    ],
)
def test_setting_values(value: str | None, expected: str) -> None:
    assert parse_proxy_setting(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("socks5://proxy.corp:1080", "socks5:// proxies are not supported"),
        ("http://proxy.corp:99999", "port"),
        ("http://:8080", "no host"),
        ("http://proxy.corp:8080/path", "without a path"),
    ],
)
def test_unusable_setting_values_say_why(value: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        proxy_url(value)


def test_redaction_keeps_only_scheme_host_and_port() -> None:
    assert redact_proxy("http://alice:s3cret@proxy.corp:8080") == "http://proxy.corp:8080"
    assert redact_proxy("proxy.corp") == "http://proxy.corp"
    assert redact_proxy("http://[::1]:3128") == "http://[::1]:3128"
    assert redact_proxy("http://h:notaport") == "(unreadable proxy address)"


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "LOCALHOST.",
        "wallet.localhost",
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "[::1]",
        "::ffff:127.0.0.1",
    ],
)
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)
    plan = plan_proxies(P, {})
    assert plan.proxy_for("https", host, 443) is None


@pytest.mark.parametrize("host", ["issuer.example", "10.0.0.1", "::2", "localhost.example"])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize(
    ("no_proxy", "host", "port", "bypassed"),
    [
        ("*", "issuer.example", 443, True),
        ("example.com", "example.com", 443, True),
        ("example.com", "www.example.com", 443, True),
        ("example.com", "wwwexample.com", 443, False),
        (".example.com", "example.com", 443, True),
        ("*.example.com", "a.b.example.com", 443, True),
        ("Example.COM.", "www.example.com", 443, True),
        ("example.com:8443", "example.com", 8443, True),
        ("example.com:8443", "example.com", 443, False),
        ("10.0.0.0/8", "10.1.2.3", 443, True),
        ("10.0.0.0/8", "11.1.2.3", 443, False),
        ("10.0.0.0/8", "ten.example", 443, False),
        ("192.168.1.5", "192.168.1.5", 443, True),
        ("fd00::/8", "fd00::1", 443, True),
        ("[fd00::1]:8443", "fd00::1", 8443, True),
        ("a.example, b.example ,,", "b.example", 443, True),
        ("a.example b.example", "b.example", 443, True),
        ("", "issuer.example", 443, False),
    ],
)
def test_no_proxy(no_proxy: str, host: str, port: int, bypassed: bool) -> None:
    plan = plan_proxies("system", {"https_proxy": P, "no_proxy": no_proxy})
    assert (plan.proxy_for("https", host, port) is None) is bypassed


def test_environment_names_and_precedence() -> None:
    env = {"HTTP_PROXY": "http://upper:1", "http_proxy": "http://lower:1", "ALL_PROXY": P}
    plan = plan_proxies("system", env)
    assert plan.source == "environment"
    assert plan.proxies == {"http": "http://lower:1", "https": P}  # https from ALL_PROXY
    assert plan_proxies("system", {"HTTPS_PROXY": "  "}).direct


def test_none_ignores_the_environment_and_a_url_serves_both_schemes() -> None:
    assert plan_proxies("none", {"HTTPS_PROXY": P}).direct
    plan = plan_proxies("https://proxy.corp:443", {"NO_PROXY": "intranet.example"})
    assert plan.proxies == {"http": "https://proxy.corp:443", "https": "https://proxy.corp:443"}
    assert plan.source == "setting"
    assert plan.proxy_for("https", "intranet.example", 443) is None


def test_an_unusable_environment_proxy_is_recorded_not_raised() -> None:
    plan = plan_proxies("system", {"all_proxy": "socks5h://bob:pw@127.0.0.1:1080"})
    chosen = plan.proxy_for("https", "issuer.example", 443)
    assert isinstance(chosen, UnusableProxy)
    assert chosen.address == "socks5h://127.0.0.1:1080"  # no credentials
    assert "socks5h:// proxies are not supported" in chosen.reason


def _fake_os(answer: OsProxies, asked: list[str]) -> Callable[[str], OsProxies]:
    """A fake of the platform's proxy settings (urllib's macOS/Windows readers)."""

    def fake(system: str) -> OsProxies:
        asked.append(system)
        return answer

    return fake


def test_on_macos_and_windows_the_os_settings_apply_when_the_environment_has_none() -> None:
    asked: list[str] = []
    settings: Mapping[str, str] = {"https": P, "ftp": "ftp://x:21", "http": ""}
    fake = _fake_os((settings, lambda host: host.endswith(".corp")), asked)
    plan = plan_proxies("system", {}, system="Windows", os_proxies=fake)
    assert (plan.source, plan.proxies) == ("os", {"https": P})
    assert plan.proxy_for("https", "issuer.example", 443) == P
    assert plan.proxy_for("https", "wiki.corp", 443) is None  # the OS's own bypass list
    assert plan.proxy_for("http", "issuer.example", 80) is None
    # the environment wins over the OS, and "none" asks nobody
    assert plan_proxies("system", {"HTTPS_PROXY": P}, system="Darwin", os_proxies=fake).source == (
        "environment"
    )
    assert plan_proxies("none", {}, system="Darwin", os_proxies=fake).direct
    assert asked == ["Windows"]


def test_the_real_os_reader_asks_nothing_on_linux() -> None:
    assert plan_proxies("system", {}, system="Linux").direct


def test_settings_take_the_proxy_from_flag_env_and_file(tmp_path: Path) -> None:
    base = {"WALLET_APP_DATA_DIR": str(tmp_path)}
    prefs = Preferences(proxy="none")
    assert load_settings(base).proxy == "system"
    assert load_settings(base, preferences=prefs).proxy == "none"
    env = {**base, "WALLET_APP_PROXY": "proxy.corp:3128"}
    assert load_settings(env, preferences=prefs).proxy == P
    assert load_settings(env, preferences=prefs, proxy="system").proxy == "system"
    with pytest.raises(UsageError) as bad:
        load_settings({**base, "WALLET_APP_PROXY": "socks5://x:1"})
    assert bad.value.code == "invalid_setting"
    assert "socks5" in (bad.value.detail or "")


def test_the_preferences_file_keeps_the_proxy_and_ignores_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_preferences(path, Preferences(proxy=P))
    assert json.loads(path.read_text())["proxy"] == P
    assert load_preferences(path).proxy == P
    path.write_text(json.dumps({"version": 1, "proxy": "socks5://x:1", "language": "de"}))
    loaded = load_preferences(path)
    assert (loaded.proxy, loaded.language) == (None, "de")  # the rest of the file still counts
    path.write_text(json.dumps({"version": 1}))
    assert load_preferences(path).proxy is None
