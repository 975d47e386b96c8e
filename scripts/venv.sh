#!/usr/bin/env bash
# Prints the path of a Python with what the tests need, installed exactly as
# scripts/requirements.lock pins it (hash-checked): moto[server] (the AWS
# emulator the live-mode tests and benchmarks start, internal/acctest/moto.go)
# and xmlschema (JUnit XSD validation). The venv lives under
# ${BASELINE_TOOL_CACHE:-~/.cache/terraform-provider-baseline}/venv-<lock hash>,
# so changing the lock builds a new venv and never reuses an older one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lock="$root/scripts/requirements.lock"
cache="${BASELINE_TOOL_CACHE:-$HOME/.cache/terraform-provider-baseline}"
venv="$cache/venv-$(sha256sum "$lock" | cut -c1-12)"
imports() { "$venv/bin/python" -c 'import moto.server, flask, xmlschema' >/dev/null 2>&1; }
py_ready() { [ -f "$venv/.complete" ] && imports; }
mkdir -p "$cache"
# One installer at a time when several runs share the cache.
exec 9>"$cache/venv.lock"
command -v flock >/dev/null 2>&1 && flock 9
if ! py_ready; then
  echo "==> installing scripts/requirements.lock into $venv" >&2
  python3 -m venv --clear "$venv" || {
    echo "FAIL: python3 -m venv $venv failed: install Python 3 with venv (e.g. apt-get install python3-venv)," >&2
    echo "      or set BASELINE_SKIP_LIVE=1 BASELINE_SKIP_PY=1 to skip the tests that need it." >&2
    exit 1
  }
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    --require-hashes --no-deps --only-binary=:all: -r "$lock" >&2 || {
    echo "FAIL: pip could not install $lock (the hashes are for CPython 3.11 on x86_64 Linux;" >&2
    echo "      on another interpreter regenerate the lock as its header says)" >&2
    exit 1
  }
  imports || { echo "FAIL: moto[server] and xmlschema do not import in $venv" >&2; exit 1; }
  touch "$venv/.complete"
fi
echo "$venv/bin/python"
