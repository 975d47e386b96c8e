#!/usr/bin/env bash
# make install-local: build the provider once into a filesystem mirror under
# the tool cache and print the CLI configuration that installs
# cloudbaseline/baseline from it and every other provider (hashicorp/aws,
# azurerm, google, …) from its registry as usual. The same configuration
# serves Terraform (registry.terraform.io) and OpenTofu (registry.opentofu.org).
#
# Unlike dev_overrides, a filesystem mirror takes part in `terraform init`:
# the provider is installed, locked in .terraform.lock.hcl and found beside
# providers from the registry.
#
# Environment:
#   BASELINE_TOOL_CACHE    cache root (default ~/.cache/terraform-provider-baseline)
#   BASELINE_LOCAL_VERSION version the build is published as (default 0.0.1)
#   BASELINE_EXTRA_MIRROR  a filesystem mirror root of other providers (such as
#                          /opt/tf-plugins) to install them from instead of the
#                          registry, for machines without network access
#
# Prints the configuration on stdout (progress goes to stderr) and writes it
# to <cache>/local-mirror/cli.tfrc.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${BASELINE_TOOL_CACHE:-$HOME/.cache/terraform-provider-baseline}
version=${BASELINE_LOCAL_VERSION:-0.0.1}
platform="$(go env GOOS)_$(go env GOARCH)"
hosts=(registry.terraform.io registry.opentofu.org)
base="$cache/local-mirror"
mirror="$base/mirror"

echo "==> building cloudbaseline/baseline $version ($platform) into $mirror" >&2
mkdir -p "$base/bin"
(cd "$root" && go build -o "$base/bin/terraform-provider-baseline.new" .)
mv "$base/bin/terraform-provider-baseline.new" "$base/bin/terraform-provider-baseline"
for h in "${hosts[@]}"; do
  # Unpacked layout: HOST/NAMESPACE/TYPE/VERSION/PLATFORM/terraform-provider-TYPE_vVERSION
  dir="$mirror/$h/cloudbaseline/baseline/$version/$platform"
  mkdir -p "$dir"
  cp "$base/bin/terraform-provider-baseline" "$dir/terraform-provider-baseline_v$version"
done

includes='"registry.terraform.io/cloudbaseline/baseline", "registry.opentofu.org/cloudbaseline/baseline"'
extra_block=""
direct_exclude=$includes
if [ -n "${BASELINE_EXTRA_MIRROR:-}" ]; then
  # The other providers from a mirror, under both hostnames (OpenTofu resolves
  # hashicorp/aws as registry.opentofu.org/hashicorp/aws). Terraform does not
  # follow a symlinked directory in a mirror: make directories, link files.
  extra="$base/extra"
  rm -rf "$extra"
  for h in "${hosts[@]}"; do
    for srch in "${hosts[@]}"; do
      [ -d "$BASELINE_EXTRA_MIRROR/$srch" ] || continue
      (cd "$BASELINE_EXTRA_MIRROR/$srch" && find . -mindepth 1 \( -type f -o -type l \) -print) | while read -r f; do
        [ -e "$extra/$h/${f#./}" ] && continue
        mkdir -p "$(dirname "$extra/$h/${f#./}")"
        ln -s "$BASELINE_EXTRA_MIRROR/$srch/${f#./}" "$extra/$h/${f#./}"
      done
    done
  done
  extra_block=$(printf '  filesystem_mirror {\n    path    = "%s"\n    exclude = [%s]\n  }\n' "$extra" "$includes")
  # Providers the mirror holds come only from it: the CLI otherwise also asks
  # the registry for their versions, which fails without network access.
  for d in "$extra"/*/*/*; do
    [ -d "$d" ] && direct_exclude="$direct_exclude, \"${d#"$extra"/}\""
  done
fi

cfg="$base/cli.tfrc"
{
  echo "# cloudbaseline/baseline from the local build; every other provider as usual."
  echo "# For Terraform and OpenTofu alike (registry.terraform.io and registry.opentofu.org)."
  echo "provider_installation {"
  printf '  filesystem_mirror {\n    path    = "%s"\n    include = [%s]\n  }\n' "$mirror" "$includes"
  [ -n "$extra_block" ] && echo "$extra_block"
  printf '  direct {\n    exclude = [%s]\n  }\n' "$direct_exclude"
  echo "}"
} >"$cfg"
cat "$cfg"
cat >&2 <<MSG

==> wrote $cfg
Use it with:
  export TF_CLI_CONFIG_FILE=$cfg   # terraform and tofu both read it
or copy the block above into ~/.terraformrc (Terraform) or ~/.tofurc (OpenTofu).
Then, in your module (source = "cloudbaseline/baseline", version = "$version"):
  terraform init     # or: tofu init
After rebuilding, run \`terraform init -upgrade\` so the lock file takes the new build's checksum.
MSG
