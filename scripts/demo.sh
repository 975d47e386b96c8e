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

. "$root/scripts/mirrors.sh"

if [ -n "${BASELINE_PROVIDER_MIRROR:-}" ]; then
  aws_mirror=$BASELINE_PROVIDER_MIRROR
  if ! has_aws "$aws_mirror"; then
    echo "FAIL: BASELINE_PROVIDER_MIRROR=$aws_mirror holds no hashicorp/aws for $platform" >&2
    echo "      (expected $aws_mirror/registry.terraform.io/hashicorp/aws/<version>/$platform/terraform-provider-aws_v<version>_x5)" >&2
    exit 1
  fi
else
  if ! aws_mirror=$(find_aws_mirror); then
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
write_mirrors "$work" "$work/bin/terraform-provider-baseline" "$version" "$aws_mirror"
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
