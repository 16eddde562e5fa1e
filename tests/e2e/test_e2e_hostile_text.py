"""Issuer-controlled text (display names, error descriptions) with terminal escapes, BEL, CR,
backspace, bidi overrides and lone surrogates: the real CLI, in subprocesses, against the demo
issuer on 127.0.0.1, writes none of it raw on stdout or stderr, in text or JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

#: sets the window title, clears the screen, rings the bell, returns the carriage, erases,
#: reverses the text that follows; plus a C1 control (CSI) and a bidi isolate
HOSTILE = "Evil\x1b]0;pwned\x07 ID\x1b[2J\rX\bY\u202eZ\x07\x9b31m\u2066end"
SHOWN = "Evil]0;pwned ID[2JXYZ31mend"  # the same text made harmless


def _assert_clean(data: bytes, where: str) -> str:
    """``data`` is UTF-8 with no control byte but newline and tab, no C1 control and no
    format (bidi) character; returns the text."""
    bad = sorted({b for b in data if (b < 0x20 and b not in b"\n\t") or b == 0x7F})
    assert not bad, f"{where}: control bytes {bad} in {data[-400:]!r}"
    text = data.decode("utf-8")  # a lone surrogate could not have been written as UTF-8
    odd = sorted(
        {f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in ("Cc", "Cf", "Cs")}
        - {"U+000A", "U+0009"}
    )
    assert not odd, f"{where}: {odd} in {text[-400:]!r}"
    return text


def _run(wallet_env: WalletEnv, *args: str) -> tuple[int, str, str]:
    """Run the CLI; assert both streams are clean; return code, stdout, stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "wallet_app", *args],
        env=wallet_env.env,
        capture_output=True,
        timeout=90,
        input=b"",
    )
    out = _assert_clean(proc.stdout, f"{args[0]} stdout")
    err = _assert_clean(proc.stderr, f"{args[0]} stderr")
    assert "internal_error" not in out and "went wrong inside" not in err, err
    return proc.returncode, out, err


def test_hostile_display_names_are_printed_clean_by_every_command(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo(DemoConfig(display_name=HOSTILE, deferred_interval=1))
    issuer.issuer.faults.deferred_pending_polls = 1
    offer = issuer.issuer.create_offer(["pid_sd_jwt", "mdl_mdoc"])
    code, out, err = _run(wallet_env, "receive", offer.uri)
    assert code == 0, err
    assert f"{SHOWN} (local test issuer) offers: {SHOWN}, {SHOWN}" in err
    received = [line for line in out.splitlines() if line.startswith("Received ")]
    later = [line for line in out.splitlines() if "will be issued later" in line]
    assert len(received) == 1 and len(later) == 1, out
    assert received[0].startswith(f"Received {SHOWN}")
    assert later[0].startswith(f"{SHOWN} will be issued later")
    pid_id = received[0].rsplit("[", 1)[1][:8]

    code, out, _ = _run(wallet_env, "receive", offer.uri, "--json")
    assert code == 1  # the offer's code is spent: a clean error (JSON on stdout), not a crash
    assert json.loads(out)["error"]["code"] != "internal_error"

    code, out, _ = _run(wallet_env, "list")
    assert code == 0 and out.count(SHOWN) == 4  # name and issuer of two rows
    code, out, _ = _run(wallet_env, "list", "--json")
    listed = json.loads(out)
    assert code == 0 and {c["name"] for c in listed} == {HOSTILE}  # escaped, not altered
    code, out, _ = _run(wallet_env, "show", pid_id)
    assert code == 0 and f"issued by {SHOWN}" in out
    code, out, _ = _run(wallet_env, "show", pid_id, "--json")
    assert code == 0 and json.loads(out)["name"] == HOSTILE
    code, out, _ = _run(wallet_env, "status", pid_id)
    assert code == 0 and SHOWN in out
    code, out, _ = _run(wallet_env, "deferred")
    assert code == 0 and SHOWN in out and "pending at" in out
    code, out, _ = _run(wallet_env, "deferred", "--json")
    assert code == 0 and json.loads(out)["deferred"][0]["name"] == HOSTILE
    for _ in range(3):
        code, out, _ = _run(wallet_env, "deferred", "--poll")
        assert code == 0
        if "No credentials are pending." in out:
            break
    else:
        raise AssertionError(f"the deferred credential was not issued: {out}")
    code, out, _ = _run(wallet_env, "delete", pid_id)
    assert code == 0 and out.startswith(f"Deleted {SHOWN}")
    code, out, _ = _run(wallet_env, "explore", issuer.base_url)
    assert code == 0 and SHOWN in out
    code, out, err = _run(wallet_env, "list", "-v")  # the log lines are filtered too
    assert code == 0


def test_a_hostile_error_description_is_printed_clean(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    issuer = demo()
    issuer.issuer.faults.fail_next("token", 400, "invalid_grant", HOSTILE + "\ud800")
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    for extra in ((), ("--json",), ("-v",)):
        code, _, err = _run(wallet_env, "receive", offer.uri, *extra)
        assert code == 1, err
        issuer.issuer.faults.fail_next("token", 400, "invalid_grant", HOSTILE + "\ud800")


def test_a_lone_surrogate_in_the_display_names_is_no_internal_error(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer]
) -> None:
    # the issuer's JSON carries "\ud800" escapes; sealing the trace and the card must not
    # fail on them: received (names repaired to U+FFFD) or refused with a clear sentence
    issuer = demo(DemoConfig(display_name=f"Lone \ud800 {HOSTILE}"))
    offer = issuer.issuer.create_offer(["pid_sd_jwt"])
    code, out, err = _run(wallet_env, "receive", offer.uri)
    assert code in (0, 1), err
    if code == 1:
        assert "Nothing was stored" in err or "could not" in err, err
    code, out, _ = _run(wallet_env, "list", "--json")
    assert code == 0
    for item in json.loads(out):
        assert "\ud800" not in item["name"]
        code, shown, _ = _run(wallet_env, "show", item["id"])
        assert code == 0 and f"Lone \ufffd {SHOWN}" in shown
        code, _, _ = _run(wallet_env, "show", item["id"], "--json")
        assert code == 0


class _MetadataOnly(BaseHTTPRequestHandler):
    """An issuer whose metadata lists one usable and 50,000 broken configurations (each
    logged as skipped, once per configuration, before issue 11); everything else is 404."""

    def do_GET(self) -> None:
        if self.path != "/.well-known/openid-credential-issuer":
            self.send_error(404)
            return
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        configs: dict[str, object] = {f"broken-{i}": {} for i in range(50_000)}
        configs["good"] = {"format": "mso_mdoc", "doctype": "org.iso.18013.5.1.mDL"}
        body = json.dumps(
            {
                "credential_issuer": base,
                "credential_endpoint": f"{base}/credential",
                "credential_configurations_supported": configs,
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_no_log_record_without_verbose_and_repeats_collapsed_with_it(
    wallet_env: WalletEnv,
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _MetadataOnly)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        args = ("receive", "--issuer", url, "--configuration", "good")
        code, _, err = _run(wallet_env, *args)
        assert code == 1  # no authorization server: a clean error after the metadata
        assert "WARNING" not in err and "DEBUG" not in err and "INFO" not in err, err
        assert len(err.splitlines()) <= 3, err  # the offer line and the sentence
        code, _, err = _run(wallet_env, *args, "-v")
        assert code == 1
        skipped = [line for line in err.splitlines() if "skipping" in line]
        assert len(skipped) == 1, skipped
        assert "skipping 50000 credential configuration(s): 'broken-0'" in skipped[0]
        assert len(err.encode()) < 20_000, len(err.encode())  # was 100,000 lines of warnings
    finally:
        server.shutdown()
        server.server_close()
