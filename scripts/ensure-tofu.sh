#!/usr/bin/env bash
# Builds OpenTofu from the Go module proxy once and caches the binary outside the repo.
# Prints the path of the cached binary. `go install` does not work for tofu (replace
# directives), so the module is downloaded, copied somewhere writable and built there.
set -euo pipefail
version="${TOFU_VERSION:-v1.12.6}"
cache="${BASELINE_TOOL_CACHE:-$HOME/.cache/terraform-provider-baseline}"
bin="$cache/tofu-$version/tofu"
if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi
mkdir -p "$cache"
work=$(mktemp -d "$cache/tofu-build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
(
  cd "$work"
  dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/opentofu/opentofu@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "could not download opentofu $version" >&2; exit 1; }
  cp -r "$dir" src
  chmod -R u+w src
  cd src
  go build -o "$work/tofu" ./cmd/tofu
) >&2
mkdir -p "$(dirname "$bin")"
mv "$work/tofu" "$bin"
echo "$bin"
