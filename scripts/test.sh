#!/usr/bin/env bash
# The test command of the README. Runs unit tests and acceptance tests
# (TF_ACC=1) against the real CLI: terraform when present, and OpenTofu as
# well when it is present or when terraform is not (built once from the Go
# module proxy and cached outside the repo). Live-mode tests start the moto
# emulator themselves (internal/acctest/moto.go); it must be installed:
#   python3 -m pip install "moto[server]"
# `scripts/test.sh acc` runs only the acceptance pass.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# OpenTofu fails to print its version when TF_CLI_CONFIG_FILE names a missing
# file; give every CLI an empty, real one.
cfg=$(mktemp)
trap 'rm -f "$cfg"' EXIT
export TF_CLI_CONFIG_FILE="$cfg" CHECKPOINT_DISABLE=1

clis=()
if command -v terraform >/dev/null 2>&1; then clis+=("$(command -v terraform)"); fi
tofu_cached="${BASELINE_TOOL_CACHE:-$HOME/.cache/terraform-provider-baseline}/tofu-${TOFU_VERSION:-v1.12.6}/tofu"
if [ -x "$tofu_cached" ] || [ ${#clis[@]} -eq 0 ] || [ "${BASELINE_REQUIRE_TOFU:-}" = 1 ]; then
  clis+=("$(./scripts/ensure-tofu.sh)")
fi

if [ "${1:-}" != acc ]; then
  echo "==> unit tests"
  go test ./...
fi
for cli in "${clis[@]}"; do
  echo "==> acceptance tests with $("$cli" version | head -n1)"
  host=registry.terraform.io
  case "$(basename "$cli")" in tofu*) host=registry.opentofu.org ;; esac
  TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_ACC_PROVIDER_HOST="$host" go test -count=1 -timeout 30m ./...
done
