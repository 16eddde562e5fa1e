"""``wallet-app demo-issuer`` in a real subprocess: it serves the chosen mode on 127.0.0.1,
prints its URL and one offer per grant, and ends with exit 0 on SIGTERM or Ctrl-C (SIGINT)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.e2e.conftest import WalletEnv

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]


@contextmanager
def demo_issuer(
    wallet_env: WalletEnv, *args: str
) -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    """Start the command; yield the process and its printed lines (label → value)."""
    with subprocess.Popen(
        [sys.executable, "-m", "wallet_app", "demo-issuer", *args],
        env=wallet_env.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            lines: dict[str, str] = {}
            assert proc.stdout is not None
            for line in proc.stdout:
                label, _, value = line.rstrip("\n").partition(": ")
                lines[label] = value
                if label == "Authorization code offer":
                    break
            else:
                proc.kill()
                raise AssertionError(f"no offers printed: {proc.communicate(timeout=10)}")
            yield proc, lines
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=10)  # drains and closes the pipes


def offer_json(uri: str) -> dict[str, object]:
    [text] = parse_qs(urlsplit(uri).query)["credential_offer"]
    value = json.loads(text)
    assert isinstance(value, dict)
    return value


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_serves_the_chosen_draft_prints_offers_and_stops_cleanly(
    wallet_env: WalletEnv, stop: signal.Signals
) -> None:
    with demo_issuer(wallet_env, "--draft", "11", "--tx-code") as (proc, lines):
        [issuer_url] = [v for k, v in lines.items() if k.startswith("Demo issuer (draft 11)")]
        assert issuer_url.startswith("http://127.0.0.1:")
        pre = offer_json(lines["Pre-authorized code offer"])
        auth = offer_json(lines["Authorization code offer"])
        assert pre["credentials"] == ["mdl_mdoc", "degree_jwt_vc"]  # draft 11's offer shape
        grant = pre["grants"]["urn:ietf:params:oauth:grant-type:pre-authorized_code"]  # type: ignore[index]
        assert grant["user_pin_required"] is True
        assert lines["Transaction code"].isdigit()
        assert set(auth["grants"]) == {"authorization_code"}  # type: ignore[arg-type]
        meta = httpx.get(f"{issuer_url}/.well-known/openid-credential-issuer", timeout=10).json()
        assert [e["id"] for e in meta["credentials_supported"]] == ["mdl_mdoc", "degree_jwt_vc"]
        proc.send_signal(stop)
        assert proc.wait(timeout=20) == 0
        assert proc.stderr is not None
        assert "Demo issuer stopped." in proc.stderr.read()
    with pytest.raises(httpx.TransportError):
        httpx.get(issuer_url, timeout=2)


def test_mode_flags_reach_the_issuer(wallet_env: WalletEnv) -> None:
    with demo_issuer(
        wallet_env, "--draft", "15", "--deviation", "preauth_grant_unlisted", "--port", "0"
    ) as (proc, lines):
        issuer_url = next(v for k, v in lines.items() if k.startswith("Demo issuer"))
        meta = httpx.get(f"{issuer_url}/.well-known/openid-credential-issuer", timeout=10).json()
        as_meta = httpx.get(
            f"{issuer_url}/.well-known/oauth-authorization-server", timeout=10
        ).json()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    assert meta["credential_configurations_supported"]["pid_sd_jwt"]["format"] == "dc+sd-jwt"
    assert "nonce_endpoint" in meta
    assert (
        "urn:ietf:params:oauth:grant-type:pre-authorized_code"
        not in as_meta["grant_types_supported"]
    )
    assert "Transaction code" not in lines


def test_unknown_deviation_is_a_usage_error(wallet_env: WalletEnv) -> None:
    result = wallet_env.run("demo-issuer", "--deviation", "no_such_thing")
    assert result.returncode == 2
    assert "Unknown deviation no_such_thing" in result.stderr
    assert "par_200" in result.stderr
