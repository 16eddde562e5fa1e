"""The CLI's start-up does only what the command needs (issue 11): ``list`` opens the store and
nothing else, so the protocol stack, the TLS roots and the browser flow never load for it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: what ``list`` must not load: HTTP, JOSE, the TLS roots, the wallet's use cases, the
#: browser flow and the details view
NOT_FOR_LIST = (
    "httpx",
    "httpcore",
    "joserfc",
    "certifi",
    "truststore",
    "wallet_app.wallet.issuance",
    "wallet_app.oid4vci.http",
    "wallet_app.host.network",
    "wallet_app.host.loopback",
    "wallet_app.wallet.details",
    "wallet_app.trust.verify",
    "logging.handlers",  # (socket, pickle, queue): only the desktop app's log file needs it
)


def test_list_loads_only_the_store(tmp_path: Path) -> None:
    code = (
        "import io, sys\n"
        "from wallet_app import cli\n"
        "out = io.StringIO()\n"
        "assert cli.main(['list'], out=out, err=sys.stderr) == 0, out.getvalue()\n"
        "assert out.getvalue().startswith('The wallet is empty'), out.getvalue()\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("WALLET_APP_")}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "WALLET_APP_DATA_DIR": str(tmp_path / "data"),
            "WALLET_APP_CONFIG_DIR": str(tmp_path / "config"),
            "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
            "TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        }
    )
    for _ in range(2):  # the first creates the store; the second opens it
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        loaded = set(done.stdout.split())
        assert "wallet_app.wallet.store" in loaded
        assert [m for m in NOT_FOR_LIST if m in loaded] == []


ARGVS = [
    ["receive", "openid-credential-offer://?credential_offer_uri=x", "--json", "-v"],
    ["--data-dir", "D", "receive", "--tx-code", "1234", "--data-dir", "E"],
    ["--data-dir", "list", "receive"],  # "list" is the option's value
    ["receive", "list"],  # "list" is the offer
    ["list", "--json"],
    ["--json", "list"],
    ["show", "abc", "--raw"],
    ["show"],  # missing id
    ["receive", "--draft", "12"],  # not a choice
    ["receive", "--unknown"],
    ["demo-issuer", "--port", "0", "--deviation", "a", "--deviation", "b"],
    ["explore", "https://issuer.example", "--profile", "haip"],
    ["trust", "add", "file.pem"],
    ["profiles"],
    ["status"],
    ["deferred", "--poll"],
    ["delete", "x", "--passphrase"],
    ["--demo", "--headless"],
    [],
]


def test_the_command_alone_parses_as_the_whole_grammar() -> None:
    """``parse_command_line`` defines only the named command first: every outcome (the
    namespace, or the usage error's text) is the whole grammar's."""
    from wallet_app import cli
    from wallet_app.errors import UsageError

    def outcome(parse: object, argv: list[str]) -> object:
        try:
            return vars(parse(argv))  # type: ignore[operator]
        except UsageError as exc:
            return exc.user_message

    for argv in ARGVS:
        assert outcome(cli.parse_command_line, argv) == outcome(
            cli.build_parser().parse_args, argv
        ), argv
