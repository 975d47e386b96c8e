#!/usr/bin/env bash
# The main job: plan examples/demo/noncompliant (must fail at plan, naming the
# controls) and examples/demo/compliant (must pass). Both are real
# hashicorp/aws resources judged through `self` in postconditions and a
# baseline_guardrail, planned offline with fake keys: no credentials, no
# network. Exits 0 only when both behave so.
#
# The provider is built once into a temporary filesystem mirror, and the CLI
# gets a configuration with two filesystem_mirror blocks: that one for
# cloudbaseline/baseline and one for hashicorp/aws, taken from
# $BASELINE_PROVIDER_MIRROR or found where the machine image keeps one
# (/opt/tf-plugins). No `direct {}`: nothing is downloaded.
#
# TF_BIN=/path/to/tofu runs it with OpenTofu (registry.opentofu.org).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tf=$("$root/scripts/tf.sh")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s.%N)
elapsed() { awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1fs", e - s }'; }

platform="$(go env GOOS)_$(go env GOARCH)"
hosts=(registry.terraform.io registry.opentofu.org)
version=${BASELINE_DEMO_VERSION:-0.0.1}

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

if [ -n "${BASELINE_PROVIDER_MIRROR:-}" ]; then
  aws_mirror=$BASELINE_PROVIDER_MIRROR
  if ! has_aws "$aws_mirror"; then
    echo "FAIL: BASELINE_PROVIDER_MIRROR=$aws_mirror holds no hashicorp/aws for $platform" >&2
    echo "      (expected $aws_mirror/registry.terraform.io/hashicorp/aws/<version>/$platform/terraform-provider-aws_v<version>_x5)" >&2
    exit 1
  fi
else
  aws_mirror=""
  # The same places, in the same order, as acctest.AWSProviderMirror.
  for c in /opt/tf-plugins "$HOME/.terraform.d/plugins" "$HOME/.local/share/terraform/plugins" /usr/local/share/terraform/plugins /usr/share/terraform/plugins; do
    if has_aws "$c"; then aws_mirror=$c; break; fi
  done
  if [ -z "$aws_mirror" ]; then
    cat >&2 <<MSG
FAIL: the demo plans real hashicorp/aws resources offline and needs the
hashicorp/aws provider in a Terraform filesystem mirror, but none was found
(looked in /opt/tf-plugins, ~/.terraform.d/plugins, ~/.local/share/terraform/plugins,
/usr/local/share/terraform/plugins, /usr/share/terraform/plugins).
Point BASELINE_PROVIDER_MIRROR at a mirror root, e.g. one made with
  terraform providers mirror -platform=$platform /path/to/mirror
in a configuration that requires hashicorp/aws, then run make demo again.
MSG
    exit 1
  fi
fi

echo "==> [$(elapsed)] building the provider into a filesystem mirror (cloudbaseline/baseline $version, $platform)"
(cd "$root" && go build -o "$work/bin/terraform-provider-baseline" .)
# One mirror root for baseline, one for aws; each answers for both hostnames
# (OpenTofu resolves hashicorp/aws as registry.opentofu.org/hashicorp/aws).
for h in "${hosts[@]}"; do
  mkdir -p "$work/mirror-baseline/$h/cloudbaseline/baseline/$version/$platform" "$work/mirror-aws/$h/hashicorp"
  ln "$work/bin/terraform-provider-baseline" "$work/mirror-baseline/$h/cloudbaseline/baseline/$version/$platform/terraform-provider-baseline_v$version"
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
cat > "$work/cli.tfrc" <<CFG
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
echo "    hashicorp/aws from $aws_mirror; CLI: $("$tf" version | head -n1)"

plan() ( # name -> copies the demo so the source tree stays clean, then init + plan
  local name=$1
  cp -r "$root/examples/demo" "$work/demo-$name"
  cd "$work/demo-$name/$name"
  if ! "$tf" init -input=false -no-color >"$work/init-$name.log" 2>&1; then
    cat "$work/init-$name.log" >&2
    echo "FAIL: $(basename "$tf") init failed in examples/demo/$name" >&2
    exit 2
  fi
  "$tf" plan -input=false -lock=false -no-color 2>&1
)

echo "==> [$(elapsed)] $(basename "$tf") init + plan examples/demo/noncompliant (must fail)"
rc=0
out=$(plan noncompliant) || rc=$?
if [ "$rc" = 0 ]; then
  echo "$out"
  echo "FAIL: the non-compliant module planned successfully" >&2
  exit 1
fi
[ "$rc" = 2 ] && exit 1
# Show every diagnostic: which controls failed, where and how to fix them.
echo "$out" | sed -n '/^Error:/,$p' | sed 's/^/    /'
echo "$out" | grep -q '^Error:' || { echo "$out"; echo "FAIL: the plan failed without an error diagnostic" >&2; exit 1; }
expected=(
  aws-ec2-sg-no-world-high-risk-ports       # aws_vpc_security_group_ingress_rule: PostgreSQL from 0.0.0.0/0
  aws-ec2-sg-only-authorized-world-ports    # the same rule: only 80/443 may face the internet
  aws-ec2-nacl-no-world-admin-ports         # aws_network_acl: SSH from 0.0.0.0/0
  aws-ec2-instance-imdsv2                   # aws_instance: metadata_options.http_tokens = "optional"
  aws-ec2-instance-no-public-ip             # aws_instance: associate_public_ip_address = true
  aws-ebs-volume-encrypted                  # aws_ebs_volume: encrypted = false
  aws-rds-instance-encrypted                # aws_db_instance: storage_encrypted = false
  aws-rds-instance-not-public               # aws_db_instance: publicly_accessible = true
  aws-s3-bucket-no-public-acl               # aws_s3_bucket_acl: acl = "public-read"
  aws-s3-bucket-versioning                  # the bucket's guardrail: versioning "Suspended"
  aws-cloudtrail-multi-region-logging       # aws_cloudtrail: is_multi_region_trail = false
  aws-cloudtrail-log-validation             # aws_cloudtrail: enable_log_file_validation = false
)
missing=()
for id in "${expected[@]}"; do
  grep -q -- "$id" <<<"$out" || missing+=("$id")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "$out"
  echo "FAIL: the plan failed but did not name control(s): ${missing[*]}" >&2
  exit 1
fi
echo "    ok: plan failed and named the failed controls:"
# Lines of violations() start with the control id; guardrail errors name it
# in their summary.
grep -oE '^(Error: Guardrail Control Failed: )?aws-[a-z0-9-]+( \[|$)' <<<"$out" | sed -E 's/^Error: Guardrail Control Failed: //; s/ \[$//' |
  sort | uniq -c | sed 's/^ */      /'

echo "==> [$(elapsed)] $(basename "$tf") init + plan examples/demo/compliant (must pass)"
rc=0
out=$(plan compliant) || rc=$?
if [ "$rc" != 0 ]; then
  echo "$out"
  echo "FAIL: the compliant module did not plan" >&2
  exit 1
fi
# The plan summary and any warnings after it.
echo "$out" | sed -n '/^\(Plan:\|No changes\)/,$p' | sed 's/^/    /'
echo "    ok: plan succeeded"
echo "demo passed in $(elapsed)"
