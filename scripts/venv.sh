#!/usr/bin/env bash
# Prints the path of a Python with what the tests need: moto[server] (the AWS
# emulator the live-mode tests and benchmarks start, internal/acctest/moto.go)
# and xmlschema (JUnit XSD validation), installed once into a virtual
# environment under ${BASELINE_TOOL_CACHE:-~/.cache/terraform-provider-baseline}/venv.
# pip runs only when a package is missing.
set -euo pipefail
cache="${BASELINE_TOOL_CACHE:-$HOME/.cache/terraform-provider-baseline}"
venv="$cache/venv"
py_ready() { "$venv/bin/python" -c 'import moto.server, flask, xmlschema' >/dev/null 2>&1; }
mkdir -p "$cache"
# One installer at a time when several runs share the cache.
exec 9>"$cache/venv.lock"
command -v flock >/dev/null 2>&1 && flock 9
if ! py_ready; then
  echo "==> installing moto[server] and xmlschema into $venv" >&2
  if ! "$venv/bin/python" -c '' >/dev/null 2>&1; then
    python3 -m venv --clear "$venv" || {
      echo "FAIL: python3 -m venv $venv failed: install Python 3 with venv (e.g. apt-get install python3-venv)," >&2
      echo "      or set BASELINE_SKIP_LIVE=1 BASELINE_SKIP_PY=1 to skip the tests that need it." >&2
      exit 1
    }
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]>=5,<6" xmlschema >&2
  py_ready || { echo "FAIL: moto[server] and xmlschema do not import in $venv" >&2; exit 1; }
fi
echo "$venv/bin/python"
