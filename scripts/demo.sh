#!/usr/bin/env bash
# The main job: build the provider, point the CLI at it with dev_overrides in
# a temporary CLI config, then plan examples/demo/noncompliant (must fail at
# plan, naming the controls) and examples/demo/compliant (must pass). Offline,
# no credentials. Exits 0 only when both behave so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tf=$("$root/scripts/tf.sh")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "==> building the provider"
(cd "$root" && go build -o "$work/bin/terraform-provider-baseline" .)
cat > "$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/cloudbaseline/baseline" = "$work/bin"
    "registry.opentofu.org/cloudbaseline/baseline" = "$work/bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
unset TF_LOG

plan() ( # dir -> copies the demo so the source tree stays clean, then plans
  local name=$1
  cp -r "$root/examples/demo" "$work/demo-$name"
  # With dev_overrides, init would query the registry; `get` only installs the
  # local module and plan needs nothing else.
  cd "$work/demo-$name/$name"
  if ! "$tf" get -no-color >"$work/init-$name.log" 2>&1; then
    cat "$work/init-$name.log" >&2
    echo "FAIL: $(basename "$tf") get (module install) failed in examples/demo/$name" >&2
    exit 1
  fi
  "$tf" plan -input=false -no-color 2>&1
)

echo "==> $(basename "$tf") plan examples/demo/noncompliant (must fail)"
if out=$(plan noncompliant); then
  echo "$out"
  echo "FAIL: the non-compliant module planned successfully" >&2
  exit 1
fi
# Show every diagnostic: which controls failed, where and how to fix them.
echo "$out" | sed -n '/^Error:/,$p' | sed 's/^/    /'
echo "$out" | grep -q '^Error:' || { echo "$out"; echo "FAIL: the plan failed without an error diagnostic" >&2; exit 1; }
for id in aws-ec2-sg-no-world-high-risk-ports aws-ec2-instance-imdsv2 aws-ec2-instance-no-public-ip aws-ebs-volume-encrypted aws-rds-instance-not-public aws-rds-instance-encrypted; do
  if ! grep -q "$id" <<<"$out"; then
    echo "$out"
    echo "FAIL: the plan failed but did not name control $id" >&2
    exit 1
  fi
done
echo "    ok: plan failed and named the failed controls"

echo "==> $(basename "$tf") plan examples/demo/compliant (must pass)"
if ! out=$(plan compliant); then
  echo "$out"
  echo "FAIL: the compliant module did not plan" >&2
  exit 1
fi
echo "$out" | grep -E 'Plan:|No changes' | sed 's/^/    /'
echo "    ok: plan succeeded"
echo "demo passed"
