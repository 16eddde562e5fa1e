"""The command line's own documentation: --help, and the man page and shell completions that
tests/tools/gen_cli_docs.py generates from the parser (committed under packaging/linux/).

The generated files are checked against the parser, rendered by groff and run in real bash and
zsh (zsh in a pseudo-terminal with its completion system).
"""

from __future__ import annotations

import importlib.util
import io
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from wallet_app import cli

ROOT = Path(__file__).resolve().parents[1]
COMPLETIONS = ROOT / "packaging" / "linux" / "completions"
COMMANDS = [
    "receive",
    "list",
    "show",
    "delete",
    "deferred",
    "demo-issuer",
    "explore",
    "trust",
    "status",
    "profiles",
]
# Read by the code, but for tests and tools only: not in the man page.
INTERNAL_ENV = {"WALLET_APP_FATAL_NO_DIALOG", "WALLET_APP_STARTUP_PROBE"}


def _tool() -> ModuleType:
    path = ROOT / "tests" / "tools" / "gen_cli_docs.py"
    spec = importlib.util.spec_from_file_location("gen_cli_docs_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_committed_docs_are_up_to_date_with_the_parser() -> None:
    files = _tool().render()
    assert sorted(p.relative_to(ROOT).as_posix() for p in files) == [
        "packaging/linux/completions/_wallet-app",
        "packaging/linux/completions/wallet-app.bash",
        "packaging/linux/wallet-app.1",
    ]
    stale = [p.name for p, text in files.items() if p.read_text(encoding="utf-8") != text]
    assert stale == [], "run: .venv/bin/python tests/tools/gen_cli_docs.py"


def test_help_lists_the_public_commands_only() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wallet_app", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "SUPPRESS" not in done.stdout
    listed = re.findall(r"^    ([\w-]+) ", done.stdout, re.MULTILINE)
    assert listed == COMMANDS
    assert "open" not in done.stdout.split()
    assert "wallet-app URI" in done.stdout and "Exit status" in done.stdout


def test_unknown_command_names_the_public_commands_only() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["bogus"], out=out, err=err) == 2
    choices = re.search(r"invalid choice: 'bogus' \(choose from ([^)]*)\)", err.getvalue())
    assert choices is not None, err.getvalue()
    # quoted up to Python 3.12 ('receive', 'list'), bare from 3.13 on (receive, list)
    assert [c.strip("'") for c in choices[1].split(", ")] == COMMANDS


def test_the_link_form_still_parses() -> None:
    # app.main turns `wallet-app URI` into `open URI ...`; a missing link is a usage error
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["open"], out=out, err=err) == 2
    assert "the following arguments are required: uri" in err.getvalue()
    args = cli._open_parser().parse_args(["openid-credential-offer://?x=1", "--json"])
    assert (args.command, args.uri, args.json, args.demo) == (
        "open",
        "openid-credential-offer://?x=1",
        True,
        False,
    )


def test_man_page_renders_without_warnings_and_names_every_option() -> None:
    page = ROOT / "packaging" / "linux" / "wallet-app.1"
    done = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", str(page)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
    )
    assert done.stderr == ""
    # bold and underline to plain text: overstrike (groff 1.22) or SGR escapes (groff 1.23)
    text = re.sub(r".\x08|\x1b\[[0-9;]*m", "", done.stdout)
    for action in cli.build_parser()._actions:
        for flag in action.option_strings:
            assert flag in text
    for command in COMMANDS:
        assert re.search(rf"^ +{command}\b", text, re.MULTILINE), command
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "wallet_app").rglob("*.py"))
    read = set(re.findall(r"WALLET_APP_[A-Z][A-Z_]*", code)) - INTERNAL_ENV
    assert read, "no WALLET_APP_* setting found: the pattern is wrong"
    assert sorted(name for name in read if name not in text) == []


def _bash_complete(line: str) -> list[str]:
    """What the bash completion offers for ``line`` (the word under the cursor is the last)."""
    words = line.split(" ")
    script = (
        f"source {COMPLETIONS / 'wallet-app.bash'}\n"
        'COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}\n'
        "_wallet_app\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script, "bash", *words],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    assert done.stderr == ""
    return sorted(filter(None, done.stdout.split("\n")))


def test_bash_completion() -> None:
    assert _bash_complete("wallet-app ") == sorted(COMMANDS)
    assert _bash_complete("wallet-app re") == ["receive"]
    assert "--demo" in _bash_complete("wallet-app --")
    assert _bash_complete("wallet-app receive --redirect ") == ["loopback", "scheme"]
    assert _bash_complete("wallet-app --data-dir pack") == ["packaging"]
    assert _bash_complete("wallet-app --data-dir receive sh") == ["show"]  # a value, not a command
    show = _bash_complete("wallet-app show --")
    assert "--raw" in show and "--json" in show and "--demo" not in show
    assert _bash_complete("wallet-app show ") == []  # an id: free text
    complete = subprocess.run(
        ["bash", "--norc", "-c", f"source {COMPLETIONS / 'wallet-app.bash'}; complete -p"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "complete -F _wallet_app wallet-app" in complete.stdout
    assert complete.stdout.rstrip().endswith("wallet-app-gui")


# Types a line into an interactive zsh (zsh/zpty), presses Tab and prints every candidate that
# the completion system adds (a wrapper around compadd records them).
_ZSH_CAPTURE = r"""
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "fpath=($1 \$fpath); PROMPT=; bindkey -e; autoload -Uz compinit; compinit -u -D"
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a hits; builtin compadd -A hits "$@"
  local h; for h in $hits; do print -r -- "<<$h>>"; done
  builtin compadd "$@"
}'
zpty -w z 'capture_end () { print -r -- "==capture ${(U):-end}==" }; comppostfuncs=(capture_end)'
zpty -w z "bindkey '^I' complete-word; print -r -- READY\$_comps[wallet-app]"
local line
while zpty -r z line; do [[ $line == READY_wallet-app* ]] && break; done
zpty -w -n z "$2"$'\t'
while zpty -r z line; do
  print -r -- "$line"
  [[ $line == *'==capture END=='* ]] && break
done
zpty -w -n z $'\C-u'
zpty -d z
"""


def _zsh_complete(tmp_path: Path, line: str) -> list[str]:
    capture = tmp_path / "capture.zsh"
    capture.write_text(_ZSH_CAPTURE, encoding="utf-8")
    done = subprocess.run(
        ["zsh", "-f", str(capture), str(COMPLETIONS), line],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TERM": "dumb", "LC_ALL": "C.UTF-8"},
    )
    return sorted(set(re.findall(r"<<([^<>\r\n]*)>>", done.stdout)))


def test_zsh_completion(tmp_path: Path) -> None:
    syntax = subprocess.run(
        ["zsh", "-n", str(COMPLETIONS / "_wallet-app")], capture_output=True, text=True, timeout=60
    )
    assert (syntax.returncode, syntax.stderr) == (0, "")
    assert _zsh_complete(tmp_path, "wallet-app ") == sorted(COMMANDS)
    assert _zsh_complete(tmp_path, "wallet-app re") == ["receive"]
    assert _zsh_complete(tmp_path, "wallet-app receive --redirect ") == ["loopback", "scheme"]
    assert _zsh_complete(tmp_path, "wallet-app --data-dir pack") == ["packaging"]
    show = _zsh_complete(tmp_path, "wallet-app show --")
    assert "--raw" in show and "--json" in show and "--demo" not in show
    assert {"--demo", "--register", "--version"} <= set(_zsh_complete(tmp_path, "wallet-app --"))


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_never_offers_the_internal_open_command(shell: str, tmp_path: Path) -> None:
    offered = (
        _bash_complete("wallet-app o")
        if shell == "bash"
        else _zsh_complete(tmp_path, "wallet-app o")
    )
    assert offered == []
