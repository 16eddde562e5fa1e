"""A deferred credential is polled in the draft its flow spoke, not in the draft the stored
metadata alone suggests.

The demo issuer runs in draft-11 mode, but its metadata document is rewritten on the way out
into the later map form (``credential_configurations_supported`` keyed by id, as issuers
that moved their metadata on before their offers did publish it): only the offer
(``credentials``) says draft 11. The flow speaks draft 11 from the offer (or from a
``--draft 11`` override); ``deferred --poll`` must send the ``acceptance_token`` as the
Bearer token with no parameters (draft 11 §9), which the demo checks, not the later
``transaction_id`` body with the access token.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from tests.e2e.conftest import WalletEnv
from wallet_app.demo_issuer import DemoConfig, RunningIssuer

pytestmark = [pytest.mark.e2e, pytest.mark.allow_hosts(["127.0.0.1"])]

METADATA_PATH = "/.well-known/openid-credential-issuer"


def map_form_metadata(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """A WSGI wrapper around the real demo issuer that serves its draft-11 metadata with the
    ``credentials_supported`` array turned into a ``credential_configurations_supported``
    map; every other request and answer passes through unchanged."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != METADATA_PATH:
            return app(environ, start_response)
        seen: dict[str, Any] = {}

        def keep(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"], seen["headers"] = status, headers
            return lambda _data: None

        doc = json.loads(b"".join(app(environ, keep)))
        entries = doc.pop("credentials_supported")
        doc["credential_configurations_supported"] = {entry.pop("id"): entry for entry in entries}
        body = json.dumps(doc).encode()
        headers = [(k, v) for k, v in seen["headers"] if k.lower() != "content-length"]
        start_response(seen["status"], [*headers, ("Content-Length", str(len(body)))])
        return [body]

    return wrapped


@pytest.mark.parametrize("flags", [(), ("--draft", "11")], ids=["from-offer", "override"])
def test_deferred_poll_speaks_the_flows_draft(
    wallet_env: WalletEnv, demo: Callable[..., RunningIssuer], flags: tuple[str, ...]
) -> None:
    running = demo(DemoConfig(draft="11", deferred_interval=1))
    server = running._server  # the demo's own WSGI server: the wrapper goes in front of it
    server.set_app(map_form_metadata(server.get_app()))
    running.issuer.faults.deferred_pending_polls = 1
    explored = wallet_env.run_ok("explore", running.base_url, "--json").json()
    assert isinstance(explored, dict)
    assert "credentials_supported" not in json.dumps(explored)  # the map form was served

    offer = running.issuer.create_offer(["mdl_mdoc"])
    first = wallet_env.run_ok("receive", offer.uri, *flags, "--json").json()
    assert isinstance(first, dict)
    (pending,) = first["deferred"]
    polled = wallet_env.run_ok("deferred", "--poll", "--json").json()
    assert isinstance(polled, dict)
    assert [d["id"] for d in polled["deferred"]] == [pending["id"]]  # still pending
    done = wallet_env.run_ok("deferred", "--poll", "--json").json()
    assert isinstance(done, dict)
    assert done["deferred"] == [] and done["completed"][0]["status"] == "issued"

    calls = [r for r in running.issuer.received_requests() if r.path.endswith("/deferred")]
    assert len(calls) == 2
    for call in calls:
        assert not call.body  # no transaction_id: the acceptance_token is the Bearer token
        scheme, _, value = call.headers["authorization"].partition(" ")
        assert scheme.lower() == "bearer" and value
        # a bearer credential: never printed (the deferred entry is named by its local id)
        assert value not in wallet_env.transcript.read_text(encoding="utf-8")
    listed = wallet_env.run_ok("deferred", "--json").json()
    assert listed == {"deferred": [], "completed": [], "failed": []}
