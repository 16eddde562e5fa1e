#!/usr/bin/env bash
# Regenerates the hash-pinned lock files from pyproject.toml (+ build.in) with uv, for every
# platform and Python >= 3.11 at once (--universal): CI installs requirements-dev.txt on Debian 12
# (Python 3.11) and Debian 13 (Python 3.13); the bundle builds install requirements-bundle.txt.
#
#   bash packaging/lock/refresh.sh              # keep the current pins, add/remove what changed
#   bash packaging/lock/refresh.sh --upgrade    # newest versions the ranges in pyproject.toml allow
#   bash packaging/lock/refresh.sh --upgrade-package cryptography   # one package only
#
# uv runs from a throw-away venv (not a project dependency). Needs PyPI.
set -euo pipefail
cd "$(dirname "$0")/../.."
UV_VERSION="0.13.9"
tool="${TMPDIR:-/tmp}/wallet-app-lock-uv-$UV_VERSION"
if [ ! -x "$tool/bin/uv" ]; then
  python3 -m venv "$tool"
  "$tool/bin/python" -m pip install -q "uv==$UV_VERSION"
fi
compile() {  # compile OUTPUT EXTRA -- UV-ARGS...
  local out=$1 extra=$2; shift 3
  "$tool/bin/uv" pip compile pyproject.toml packaging/lock/build.in --extra "$extra" \
    --universal --python-version 3.11 --generate-hashes --quiet --output-file "$out" \
    --custom-compile-command "bash packaging/lock/refresh.sh" "$@"
}
compile packaging/lock/requirements-dev.txt dev -- "$@"
compile packaging/lock/requirements-bundle.txt bundle -- "$@"
echo "refresh: wrote packaging/lock/requirements-dev.txt and requirements-bundle.txt"
