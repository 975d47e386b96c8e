#!/usr/bin/env bash
# Prints the path of a Terraform-compatible CLI: $TF_BIN, terraform on PATH,
# or OpenTofu built once from the Go module proxy (scripts/ensure-tofu.sh).
set -euo pipefail
if [ -n "${TF_BIN:-}" ]; then echo "$TF_BIN"; exit 0; fi
if command -v terraform >/dev/null 2>&1; then command -v terraform; exit 0; fi
exec "$(dirname "$0")/ensure-tofu.sh"
