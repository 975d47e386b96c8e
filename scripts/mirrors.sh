# Sourced by scripts/demo.sh and scripts/bench-real.sh: find the machine's
# hashicorp/aws filesystem mirror and write the two mirrors and the CLI
# configuration that plan real aws_* blocks offline with a local build of
# this provider. The caller sets platform and hosts (bash arrays).

# has_aws DIR: DIR is a mirror root holding hashicorp/aws for this platform,
# unpacked (HOST/hashicorp/aws/VERSION/PLATFORM/) or packed (HOST/hashicorp/aws/*_PLATFORM.zip).
has_aws() {
  local h
  for h in "${hosts[@]}"; do
    compgen -G "$1/$h/hashicorp/aws/*/$platform" >/dev/null && return 0
    compgen -G "$1/$h/hashicorp/aws/terraform-provider-aws_*_$platform.zip" >/dev/null && return 0
  done
  return 1
}

# find_aws_mirror: prints the first mirror root holding hashicorp/aws, in the
# same places and order as acctest.AWSProviderMirror; fails when none does.
find_aws_mirror() {
  local c
  for c in /opt/tf-plugins "$HOME/.terraform.d/plugins" "$HOME/.local/share/terraform/plugins" /usr/local/share/terraform/plugins /usr/share/terraform/plugins; do
    if has_aws "$c"; then echo "$c"; return 0; fi
  done
  return 1
}

# write_mirrors WORK BINARY VERSION AWS_MIRROR: WORK/mirror-baseline holds
# BINARY as cloudbaseline/baseline VERSION, WORK/mirror-aws links
# hashicorp/aws from AWS_MIRROR, each under both hostnames (OpenTofu
# resolves hashicorp/aws as registry.opentofu.org/hashicorp/aws); writes
# WORK/cli.tfrc and exports TF_CLI_CONFIG_FILE to it.
write_mirrors() {
  local work=$1 binary=$2 version=$3 aws_mirror=$4 h o src f
  for h in "${hosts[@]}"; do
    mkdir -p "$work/mirror-baseline/$h/cloudbaseline/baseline/$version/$platform" "$work/mirror-aws/$h/hashicorp"
    ln "$binary" "$work/mirror-baseline/$h/cloudbaseline/baseline/$version/$platform/terraform-provider-baseline_v$version"
    src="$aws_mirror/$h/hashicorp/aws"
    if [ ! -d "$src" ]; then
      for o in "${hosts[@]}"; do [ -d "$aws_mirror/$o/hashicorp/aws" ] && src="$aws_mirror/$o/hashicorp/aws" && break; done
    fi
    # Terraform does not follow a symlinked directory in a mirror: make the
    # directories, link the files (packages, or unpacked provider executables).
    (cd "$src" && find . -mindepth 1 \( -type f -o -type l \) -print) | while read -r f; do
      mkdir -p "$(dirname "$work/mirror-aws/$h/hashicorp/aws/$f")"
      ln -s "$src/${f#./}" "$work/mirror-aws/$h/hashicorp/aws/$f"
    done
  done
  cat >"$work/cli.tfrc" <<CFG
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror-baseline"
    include = ["registry.terraform.io/cloudbaseline/baseline", "registry.opentofu.org/cloudbaseline/baseline"]
  }
  filesystem_mirror {
    path    = "$work/mirror-aws"
    include = ["registry.terraform.io/hashicorp/aws", "registry.opentofu.org/hashicorp/aws"]
  }
}
CFG
  export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  unset TF_LOG TF_DATA_DIR TF_PLUGIN_CACHE_DIR TF_WORKSPACE
}
