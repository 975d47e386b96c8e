#!/usr/bin/env bash
# Whole-plan benchmark (part of `make bench`): writes a real-shaped saved-plan
# JSON of BENCH_PLAN_INSTANCES (default 10,000) resource instances across AWS,
# Azure and Google types, with companions and unknowns (tools/genplan), then
# prints wall time and peak RSS of
#   - the in-process reader (go test -bench BenchmarkReadFile, internal/planfile)
#   - `terraform plan` of a gate module whose baseline_plan judges the file
#     (peak RSS of the whole CLI process tree, and of the provider alone),
#     without a guardrail (reading and judging the plan), and the same gate
#     with `baseline_guardrail { verdicts = data.baseline_plan.app }`, which
#     fails the plan with one error per finding (the gate of the guide).
#   - Checkov and Trivy on the same file, when installed (`make compare`
#     installs them); a missing peer is skipped loudly, never an error.
# Targets: at least 5x faster than Checkov and 2x faster than Trivy, with a
# lower peak memory than both.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tf=$(./scripts/tf.sh)
cache="${BASELINE_TOOL_CACHE:-$HOME/.cache/terraform-provider-baseline}"
checkov="$cache/compare-venv/bin/checkov"
trivy="$cache/bin/trivy"
N=${BENCH_PLAN_INSTANCES:-10000}
work=$(mktemp -d)
sampler=""
trap 'if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

go run ./tools/genplan -n "$N" -o "$work/plan.json"
printf 'plan JSON: %s bytes (%.1f MiB)\n' "$(stat -c %s "$work/plan.json")" "$(echo "$(stat -c %s "$work/plan.json") / 1048576" | bc -l)"

echo
echo "-- in-process reader (go test -bench)"
BASELINE_PLAN_BENCH="$work/plan.json" go test -run '^$' -bench '^BenchmarkReadFile$' -benchtime "${BENCH_PLAN_TIMES:-3}x" -benchmem ./internal/planfile 2>/dev/null | grep -E '^Benchmark' || true

# measure NAME CMD...: one run under /usr/bin/time; prints and records wall
# seconds and peak RSS (KiB) of the process tree's largest process.
declare -A wall rss
measure() {
  local name=$1
  shift
  if ! /usr/bin/time -f '%e %M' -o "$work/time.$name" "$@" >"$work/out.$name" 2>"$work/err.$name"; then
    # Checkov exits 1 when a check fails: only a missing report is an error.
    if [ ! -s "$work/out.$name" ]; then
      echo "$name failed:"
      tail -n 5 "$work/err.$name" | sed 's/^/    /'
      return 1
    fi
  fi
  local w r
  read -r w r < <(tail -n 1 "$work/time.$name")
  wall["$name"]=$w
  rss["$name"]=$r
  printf '%-34s wall %7.2f s   peak RSS %8.1f MB\n' "$name:" "${wall[$name]}" "$(echo "${rss[$name]} / 1024" | bc -l)"
}

echo
echo "-- $N instances, one run each"
if [ -x /usr/bin/time ]; then
  go build -trimpath -ldflags "-s -w" -o "$work/bin/terraform-provider-baseline" .
  cat >"$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/cloudbaseline/baseline" = "$work/bin"
    "registry.opentofu.org/cloudbaseline/baseline" = "$work/bin"
  }
  direct {}
}
CFG
  mkdir -p "$work/gate"
  cat >"$work/gate/main.tf" <<HCL
terraform {
  required_providers {
    baseline = { source = "cloudbaseline/baseline" }
  }
}

data "baseline_plan" "app" {
  path = "$work/plan.json"
}

output "judged" {
  value = { failed = data.baseline_plan.app.failed, unknown = data.baseline_plan.app.unknown, passed = data.baseline_plan.app.passed, instances = length(data.baseline_plan.app.resources) }
}
HCL
  export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
  # Sample the provider's own RSS while the gate plans.
  (while :; do
    for p in $(pgrep -f "^$work/bin/terraform-provider-baseline" || true); do
      awk '$1 == "VmRSS:" {print $2}' "/proc/$p/status" 2>/dev/null || true
    done
    sleep 0.05
  done >"$work/provider.rss") &
  sampler=$!
  measure "baseline_plan ($(basename "$tf") plan)" bash -c "cd '$work/gate' && '$tf' plan -refresh=false -input=false -lock=false -no-color"
  kill "$sampler" 2>/dev/null || true
  gate="baseline_plan ($(basename "$tf") plan)"
  grep -E 'failed|unknown|passed|instances' "$work/out.$gate" | tr -s ' ' | sed 's/^/    /' | head -n 4
  printf '    provider process alone: peak RSS %.1f MB\n' "$(sort -n "$work/provider.rss" | tail -n 1 | awk '{print $1/1024}')"

  # The same gate with its guardrail: the plan fails with one error per
  # finding, so only a missing output is a failure here.
  mkdir -p "$work/gate-guardrail"
  cp "$work/gate/main.tf" "$work/gate-guardrail/main.tf"
  cat >>"$work/gate-guardrail/main.tf" <<'HCL'

resource "baseline_guardrail" "plan" {
  verdicts = data.baseline_plan.app
}
HCL
  guarded="baseline_plan + baseline_guardrail"
  if measure "$guarded" bash -c "cd '$work/gate-guardrail' && '$tf' plan -refresh=false -input=false -lock=false -no-color"; then
    printf '    %s errors "Guardrail Control Failed"; %.2fx the wall time of the gate without a guardrail\n' \
      "$(grep -c 'Guardrail Control Failed' "$work/err.$guarded" || true)" "$(echo "${wall[$guarded]} / ${wall[$gate]}" | bc -l)"
  fi

  if [ -x "$checkov" ]; then
    measure "checkov $("$checkov" --version 2>/dev/null | tail -n1)" env BC_SKIP_MAPPING=TRUE CKV_NO_UPDATE=TRUE "$checkov" -f "$work/plan.json" \
      --framework terraform_plan --skip-download --download-external-modules false --quiet -o json || true
  else
    echo "SKIPPED: checkov is not installed at $checkov: run 'make compare' (or scripts/compare.sh --install) to install it"
  fi
  if [ -x "$trivy" ]; then
    measure "trivy $("$trivy" --version 2>/dev/null | sed -n 's/^Version: //p' | head -n1)" "$trivy" config --quiet --skip-check-update --format json "$work/plan.json" || true
  else
    echo "SKIPPED: trivy is not installed at $trivy: run 'make compare' (or scripts/compare.sh --install) to build it"
  fi
  for name in "${!wall[@]}"; do
    [ "$name" = "$gate" ] || [ "$name" = "$guarded" ] && continue
    printf '%s vs baseline_plan: %.1fx the wall time, %.1fx the peak RSS\n' "${name%% *}" \
      "$(echo "${wall[$name]} / ${wall[$gate]}" | bc -l)" "$(echo "${rss[$name]} / ${rss[$gate]}" | bc -l)"
  done
else
  echo "SKIPPED: /usr/bin/time (GNU time) is not installed: apt-get install time"
fi
