#!/usr/bin/env bash
# The test command of the README. Runs unit tests and acceptance tests
# (TF_ACC=1) against the real CLI: terraform when present, and OpenTofu as
# well when it is present or when terraform is not (built once from the Go
# module proxy and cached outside the repo).
#
# What the tests need from Python is installed once (scripts/venv.sh) into a virtual
# environment under ${BASELINE_TOOL_CACHE:-~/.cache/terraform-provider-baseline}/venv:
# moto[server] (the AWS emulator the live-mode tests start themselves,
# internal/acctest/moto.go) and xmlschema (JUnit XSD validation). The venv is
# exported to the tests as BASELINE_MOTO_PYTHON and first on PATH; pip runs
# only when a package is missing. BASELINE_SKIP_LIVE=1 BASELINE_SKIP_PY=1
# skip those tests and the venv.
# `scripts/test.sh acc` runs only the acceptance pass, `scripts/test.sh unit`
# only the unit pass.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# OpenTofu fails to print its version when TF_CLI_CONFIG_FILE names a missing
# file; give every CLI an empty, real one.
cfg=$(mktemp)
trap 'rm -f "$cfg"' EXIT
export TF_CLI_CONFIG_FILE="$cfg" CHECKPOINT_DISABLE=1

if [ "${BASELINE_SKIP_LIVE:-}" = 1 ] && [ "${BASELINE_SKIP_PY:-}" = 1 ]; then
  echo "==> BASELINE_SKIP_LIVE=1 BASELINE_SKIP_PY=1: no Python venv, live-mode and JUnit XSD tests skip"
else
  python=$(./scripts/venv.sh)
  echo "==> Python tools: $("$python" -c 'import moto, xmlschema; print("moto", moto.__version__, "xmlschema", xmlschema.__version__)') ($(dirname "$python"))"
  export BASELINE_MOTO_PYTHON="$python" PATH="$(dirname "$python"):$PATH"
fi

if [ "${1:-}" = unit ]; then
  echo "==> unit tests"
  exec go test ./...
fi

clis=()
if command -v terraform >/dev/null 2>&1; then clis+=("$(command -v terraform)"); fi
tofu_cached="${BASELINE_TOOL_CACHE:-$HOME/.cache/terraform-provider-baseline}/tofu-${TOFU_VERSION:-v1.12.6}/tofu"
if [ -x "$tofu_cached" ] || [ ${#clis[@]} -eq 0 ] || [ "${BASELINE_REQUIRE_TOFU:-}" = 1 ]; then
  clis+=("$(./scripts/ensure-tofu.sh)")
fi
# The first CLI runs every test, unit and acceptance (TF_ACC=1); the others
# run the acceptance tests (TestAcc*), the ones that drive a CLI.
run=.
[ "${1:-}" = acc ] && run='^TestAcc'
for cli in "${clis[@]}"; do
  echo "==> tests with $("$cli" version | head -n1) (-run $run)"
  host=registry.terraform.io
  case "$(basename "$cli")" in tofu*) host=registry.opentofu.org ;; esac
  TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_ACC_PROVIDER_HOST="$host" go test -count=1 -timeout 70m -run "$run" ./...
  run='^TestAcc'
done
