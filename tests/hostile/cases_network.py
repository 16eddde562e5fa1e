"""Denial of service, downgrade and broken HTTP: every wait and every byte is bounded, no
redirect goes from https to http, and a broken answer is a sentence, never a hang."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tests.hostile.harness import TIMEOUT, Case, Outcome
from tests.support.hostile_credentials import deep_json
from tests.support.hostile_issuer import Hook, HostileIssuer, Reply, Seen, bomb, json_hook
from wallet_app.demo_issuer import DemoConfig

DOS = "denial of service"
DOWNGRADE = "downgrade"
#: a request's total deadline is twice --timeout; then start-up, the rest of the flow, load
SLOW = TIMEOUT * 2 + 8
TOO_SLOW = ("took too long", "timed out", "did not answer", "too slow")
TOO_LARGE = ("too large", "too big", "larger", "stopped reading")
JSON = (("Content-Type", "application/json"),)


def reply_with(**changes: Any) -> Hook:
    """A hook that sends the demo issuer's reply with ``changes`` (``Reply`` fields)."""
    return lambda seen, reply, issuer: replace(reply, **changes)


def answer(status: int, body: bytes, headers: tuple[tuple[str, str], ...] = JSON) -> Hook:
    """A hook that sends this instead of the demo issuer's reply."""
    return lambda seen, reply, issuer: Reply(status, headers, body)


def oauth_error(description: object, error: object = "invalid_grant") -> Hook:
    """A 400 OAuth error response (RFC 6749 §5.2) with this ``error_description``."""
    body = json.dumps({"error": error, "error_description": description}).encode()
    return answer(400, body)


@functools.cache
def _bomb(encoding: str) -> bytes:
    return bomb(encoding)


def bombed(encoding: str) -> Hook:
    """A reply whose body is a decompression bomb of ``encoding`` (128 MiB of spaces, made
    once, before the wallet starts: ``prepare=lambda: _bomb(encoding)``)."""
    headers = (*JSON, ("Content-Encoding", encoding))
    return lambda seen, reply, issuer: Reply(200, headers, _bomb(encoding))


def redirect_to(target: Callable[[HostileIssuer, Seen], str], status: int = 302) -> Hook:
    """A redirect to ``target(issuer, request)``."""
    return lambda seen, reply, issuer: Reply(status, (("Location", target(issuer, seen)),), b"")


def _identifiers(document: dict[str, Any], issuer: HostileIssuer) -> None:
    for detail in document.get("authorization_details", []):
        detail["credential_identifiers"] = [
            *detail.get("credential_identifiers", []),
            *(f"hostile-{n}" for n in range(100_000)),
        ]


def _offer_ids(document: dict[str, Any], issuer: HostileIssuer) -> None:
    document["credential_configuration_ids"] += [f"hostile_{n}" for n in range(100_000)]


def _no_requests(endpoint: str, most: int = 0) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        count = outcome.requests(endpoint)
        assert count <= most, f"{count} {endpoint} requests (at most {most})"

    return check


def _never_plain(outcome: Outcome) -> None:
    plain = [s.path for s in outcome.seen if not s.tls]
    assert not plain, f"the wallet followed a redirect to plain http: {plain}"


def _to_localhost(seen: Seen, reply: Reply, issuer: HostileIssuer) -> Reply:
    """Metadata asked of 127.0.0.1 is redirected to the same server named localhost."""
    if seen.headers.get("host", "").startswith("localhost"):
        return reply
    location = f"https://localhost:{issuer.port}{seen.path}"
    return Reply(302, (("Location", location),), b"")


def _twin(host: str) -> Callable[[HostileIssuer, Seen], str]:
    return lambda issuer, seen: f"http://{host}:{issuer.twin_port}{seen.path}"


CASES = (
    # slow drip: 1 byte per second, a total deadline per request
    *(
        Case(
            f"{endpoint}_slow_drip",
            DOS,
            {endpoint: reply_with(drip=1.0)},
            says=TOO_SLOW,
            seconds=SLOW,
        )
        for endpoint in ("metadata", "token", "credential")
    ),
    *(
        Case(
            f"{endpoint}_hangs", DOS, {endpoint: reply_with(delay=120)}, says=TOO_SLOW, seconds=SLOW
        )
        for endpoint in ("metadata", "nonce")
    ),
    Case(
        "as_metadata_hangs",
        DOS,
        {"as_metadata": reply_with(delay=120)},
        says=TOO_SLOW,
        seconds=SLOW,
    ),
    # decompression bombs: the cap holds while decompressing
    Case(
        "metadata_gzip_bomb",
        DOS,
        {"metadata": bombed("gzip")},
        says=TOO_LARGE,
        mb=100,
        prepare=lambda: _bomb("gzip"),
    ),
    Case(
        "token_deflate_bomb",
        DOS,
        {"token": bombed("deflate")},
        says=TOO_LARGE,
        mb=100,
        prepare=lambda: _bomb("deflate"),
    ),
    Case(
        "credential_gzip_bomb",
        DOS,
        {"credential": bombed("gzip")},
        says=TOO_LARGE,
        mb=100,
        prepare=lambda: _bomb("gzip"),
    ),
    # bodies that never end or are too large
    Case(
        "metadata_50_mb",
        DOS,
        {"metadata": answer(200, b"{" + b" " * (50 * 1024 * 1024) + b"}")},
        says=TOO_LARGE,
        mb=100,
    ),
    Case(
        "credential_endless_chunked",
        DOS,
        {"credential": reply_with(body=b" " * 65536, endless=True)},
        says=TOO_LARGE,
        mb=100,
        seconds=SLOW,
    ),
    # a cap on credential requests per flow
    Case(
        "token_100k_credential_identifiers",
        DOS,
        {"token": json_hook(_identifiers)},
        says=("at most", "too many"),
        config=DemoConfig(batch_size=None, credential_identifiers=True),
        check=_no_requests("credential"),
    ),
    Case(
        "offer_100k_configurations",
        DOS,
        {"offer": json_hook(_offer_ids)},
        says=("at most", "too many", "not offer", "unknown", "does not"),
        by_reference=True,
        check=_no_requests("credential"),
    ),
    # the notification and status waits are as stated (5 s), whatever --timeout says
    Case(
        "notification_hangs",
        DOS,
        {"notification": reply_with(delay=120)},
        exit=0,
        stored=1,
        says=("Received",),
        args=("--timeout", "60"),
        seconds=5 + 5,
    ),
    Case(
        "status_list_hangs",
        DOS,
        {"status": reply_with(delay=120)},
        exit=0,
        stored=1,
        says=("Received",),
        args=("--timeout", "60"),
        seconds=5 + 5,
    ),
    Case(
        "metadata_redirect_loop",
        DOS,
        {"metadata": redirect_to(lambda issuer, seen: seen.path)},
        says=("redirect",),
    ),
    # downgrade: no redirect from https to http, whatever the host
    Case(
        "https_redirect_to_http_loopback",
        DOWNGRADE,
        {"metadata": redirect_to(_twin("127.0.0.1"))},
        says=("https", "http", "insecure", "unencrypted", "not allowed"),
        tls=True,
        plain_twin=True,
        check=_never_plain,
    ),
    Case(
        "https_redirect_to_http_localhost",
        DOWNGRADE,
        {"as_metadata": redirect_to(_twin("localhost"), 301)},
        says=("https", "http", "insecure", "unencrypted", "not allowed"),
        tls=True,
        plain_twin=True,
        check=_never_plain,
    ),
    Case(
        "https_offer_redirect_to_http",
        DOWNGRADE,
        {"offer": redirect_to(_twin("127.0.0.1"), 307)},
        says=("https", "http", "insecure", "unencrypted", "not allowed"),
        tls=True,
        plain_twin=True,
        by_reference=True,
        check=_never_plain,
    ),
    Case(
        "https_redirect_to_other_host_https",
        DOWNGRADE,
        {"metadata": _to_localhost},
        exit=0,
        stored=1,
        tls=True,
        says=("Received",),
    ),
    # broken HTTP: a sentence, never a traceback
    Case(
        "token_raw_garbage",
        DOS,
        {"token": reply_with(raw=b"\x00\xffNOT HTTP AT ALL\r\n\r\n\x1b[2J")},
        says=("connection",),
    ),
    Case(
        "credential_cut_short",
        DOS,
        {"credential": reply_with(length=100_000)},
        says=("connection",),
    ),
    Case(
        "credential_500_html",
        DOS,
        {"credential": answer(500, b"<html>\x1b[2Jboom</html>", (("Content-Type", "text/html"),))},
        says=("had a problem", "500"),
    ),
    Case(
        "token_html_200",
        DOS,
        {
            "token": answer(
                200, b"<html><body>Welcome</body></html>", (("Content-Type", "text/html"),)
            )
        },
        says=("cannot read", "not json"),
    ),
    Case(
        "metadata_not_utf8",
        DOS,
        {"metadata": answer(200, b'{"credential_issuer": "\xff\xfe\xfd"}')},
        says=("cannot read", "could not be read", "not valid", "utf-8"),
    ),
    Case(
        "nonce_huge_number",
        DOS,
        {"nonce": answer(200, b'{"c_nonce": ' + b"9" * 100_000 + b"}")},
        says=("cannot read", "too large", "digits"),
    ),
    Case(
        "token_error_1_mb_description",
        DOS,
        {"token": oauth_error("x" * 1_000_000)},
        says=("did not accept", "refused"),
        max_output=4000,
    ),
    Case(
        "token_error_description_not_text",
        DOS,
        {"token": oauth_error({"nested": [1, 2, {"x": None}]}, error=["invalid_grant"])},
        says=("did not accept", "refused"),
    ),
    # internal errors: 100,000-deep JSON anywhere is a sentence
    *(
        Case(
            f"{endpoint}_100k_deep_json",
            "internal errors",
            {endpoint: answer(200, deep_json(100_000).encode())},
            says=("deep", "nest", "depth"),
        )
        for endpoint in ("token", "credential")
    ),
    Case(
        "metadata_100k_deep_json",
        "internal errors",
        {"metadata": answer(200, deep_json(100_000).encode())},
        says=("deep", "nest", "depth"),
    ),
    Case(
        "token_error_100k_deep",
        "internal errors",
        {
            "token": answer(
                400, b'{"error": "invalid_grant", "x": ' + deep_json(100_000).encode() + b"}"
            )
        },
        says=("refused", "deep"),
    ),
)
