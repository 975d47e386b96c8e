#!/usr/bin/env bash
# `make bench`: prints evaluator benchmarks (Go, ns/op and allocs), the plan
# wall time of a 500-resource root module checked by postconditions against
# the same module without checks (median of 3 and the ratio), the provider
# binary size, and the provider's RSS after a plan. Targets: 10,000 rules under
# 5 ms; plan overhead ratio <= 1.25 at 500 checks; idle RSS under 60 MB. Then
# scripts/bench-plan.sh: baseline_plan on a 10,000-instance plan JSON against
# Checkov and Trivy (BENCH_PLAN=0 skips it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tf=$(./scripts/tf.sh)
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
N=${BENCH_RESOURCES:-500}

echo "== evaluator benchmarks (go test -bench)"
go test -run '^$' -bench . -benchmem -benchtime "${BENCHTIME:-1s}" ./internal/controls/aws/ec2 ./internal/policy 2>/dev/null | grep -E '^(Benchmark|ok|PASS)' || true

echo
echo "== provider binary"
go build -trimpath -ldflags "-s -w" -o "$work/bin/terraform-provider-baseline" .
go build -o "$work/terraform-provider-baseline.debug" .
printf 'size (stripped, -trimpath -s -w): %s bytes (%.1f MiB)\n' "$(stat -c %s "$work/bin/terraform-provider-baseline")" "$(echo "$(stat -c %s "$work/bin/terraform-provider-baseline") / 1048576" | bc -l)"
printf 'size (default go build):         %s bytes (%.1f MiB)\n' "$(stat -c %s "$work/terraform-provider-baseline.debug")" "$(echo "$(stat -c %s "$work/terraform-provider-baseline.debug") / 1048576" | bc -l)"

cat > "$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/cloudbaseline/baseline" = "$work/bin"
    "registry.opentofu.org/cloudbaseline/baseline" = "$work/bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

# gen DIR CHECKED: N separate terraform_data resources shaped like
# aws_security_group (separate blocks, not count, so each postcondition's
# scope is its own resource as in a real module).
gen() {
  mkdir -p "$1"
  {
    echo 'terraform {'
    echo '  required_providers {'
    echo '    baseline = { source = "cloudbaseline/baseline" }'
    echo '  }'
    echo '}'
    for i in $(seq 1 "$N"); do
      echo "resource \"terraform_data\" \"sg_$i\" {"
      echo '  input = {'
      echo "    name = \"sg-$i\""
      echo '    ingress = ['
      echo '      { protocol = "tcp", from_port = 443, to_port = 443, cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [] },'
      echo "      { protocol = \"tcp\", from_port = 22, to_port = 22, cidr_blocks = [\"10.$((i % 250)).0.0/16\"], ipv6_cidr_blocks = [] },"
      echo '    ]'
      echo '    egress = [{ protocol = "-1", from_port = 0, to_port = 0, cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [] }]'
      echo '  }'
      if [ "$2" = builtin ]; then
        echo '  lifecycle {'
        echo '    postcondition {'
        echo '      condition     = length(merge(self.input, { id = self.id }).ingress) > 0'
        echo '      error_message = "no ingress"'
        echo '    }'
        echo '  }'
      fi
      if [ "$2" = compliant ]; then
        echo '  lifecycle {'
        echo '    postcondition {'
        echo '      condition     = provider::baseline::compliant("aws_security_group", merge(self.input, { id = self.id }))'
        echo '      error_message = "The security group is not compliant; see baseline_guardrail or provider::baseline::violations."'
        echo '    }'
        echo '  }'
      fi
      if [ "$2" = checked ]; then
        echo '  lifecycle {'
        echo '    postcondition {'
        echo '      condition     = provider::baseline::compliant("aws_security_group", merge(self.input, { id = self.id }))'
        echo '      error_message = join("\n", provider::baseline::violations("aws_security_group", merge(self.input, { id = self.id })))'
        echo '    }'
        echo '  }'
      fi
      echo '}'
    done
  } > "$1/main.tf"
}

median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
plan_time() { # dir -> seconds of one `plan -refresh=false`
  local s e
  s=$(date +%s.%N)
  (cd "$1" && "$tf" plan -refresh=false -input=false -lock=false -no-color >"$work/plan.log" 2>&1) || { cat "$work/plan.log"; exit 1; }
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}

echo
echo "== terraform plan, $N resources ($(basename "$tf"))"
gen "$work/plain" plain
gen "$work/builtin" builtin
gen "$work/compliant" compliant
gen "$work/checked" checked
plan_time "$work/plain" >/dev/null   # warm the file cache
plain=(); builtin=(); compliant=(); checked=()
for _ in 1 2 3; do
  plain+=("$(plan_time "$work/plain")")
  builtin+=("$(plan_time "$work/builtin")")
  compliant+=("$(plan_time "$work/compliant")")
  checked+=("$(plan_time "$work/checked")")
done
p=$(median3 "${plain[@]}"); b=$(median3 "${builtin[@]}"); o=$(median3 "${compliant[@]}"); c=$(median3 "${checked[@]}")
row() { printf '%-58s median %.2fs (runs: %s)\n' "$1" "$2" "$3"; }
row "without checks:" "$p" "$(printf '%.2f ' "${plain[@]}")"
row "with $N built-in postconditions (no provider call):" "$b" "$(printf '%.2f ' "${builtin[@]}")"
row "with $N postconditions: compliant(), static message:" "$o" "$(printf '%.2f ' "${compliant[@]}")"
row "with $N postconditions: compliant() + violations():" "$c" "$(printf '%.2f ' "${checked[@]}")"
printf 'overhead ratio, compliant() only / no checks:      %.3f (target <= 1.25)\n' "$(echo "$o / $p" | bc -l)"
printf 'overhead ratio, compliant()+violations() / none:   %.3f (Terraform evaluates error_message too: two calls per resource)\n' "$(echo "$c / $p" | bc -l)"

echo "== provider RSS during and at the end of a plan of $N checks"
# Terraform starts the provider itself (dev_overrides) and stops it when the
# plan ends; sample every provider process's VmRSS every 20 ms: the last
# sample of a process is its RSS after serving the plan, the largest its peak.
(cd "$work/checked" && "$tf" plan -refresh=false -input=false -lock=false -no-color >"$work/plan.log" 2>&1; echo $? >"$work/plan.rc") &
planpid=$!
declare -A last peak
while kill -0 "$planpid" 2>/dev/null; do
  for p in $(pgrep -f "^$work/bin/terraform-provider-baseline" || true); do
    r=$(awk '$1 == "VmRSS:" {print $2}' "/proc/$p/status" 2>/dev/null || true)
    [ -n "$r" ] || continue
    last[$p]=$r
    if [ "${peak[$p]:-0}" -lt "$r" ]; then peak[$p]=$r; fi
  done
  sleep 0.02
done
[ "$(cat "$work/plan.rc")" = 0 ] || { cat "$work/plan.log"; exit 1; }
maxlast=0; maxpeak=0
for p in "${!last[@]}"; do
  [ "${last[$p]}" -gt "$maxlast" ] && maxlast=${last[$p]}
  [ "${peak[$p]}" -gt "$maxpeak" ] && maxpeak=${peak[$p]}
done
printf 'provider processes sampled: %d\n' "${#last[@]}"
printf 'RSS at the end of the plan: %.1f MB (target < 60 MB); peak RSS: %.1f MB\n' "$(echo "$maxlast / 1024" | bc -l)" "$(echo "$maxpeak / 1024" | bc -l)"

# Idle RSS of a freshly started provider (-debug keeps it running unattached).
"$work/terraform-provider-baseline.debug" -debug >"$work/provider.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q TF_REATTACH_PROVIDERS "$work/provider.out" && break; sleep 0.1; done
sleep 0.5
printf 'idle RSS of a started provider: %.1f MB\n' "$(awk '$1 == "VmRSS:" {print $2/1024}' "/proc/$pid/status")"

if [ -x ./scripts/bench-live.sh ] && [ "${BENCH_LIVE:-1}" = 1 ]; then
  echo
  echo "== live mode (moto)"
  ./scripts/bench-live.sh
fi

if [ -x ./scripts/bench-securityhub.sh ] && [ "${BENCH_LIVE:-1}" = 1 ]; then
  echo
  echo "== live mode: Security Hub findings (moto)"
  ./scripts/bench-securityhub.sh
fi

if [ -x ./scripts/bench-posture.sh ] && [ "${BENCH_LIVE:-1}" = 1 ]; then
  echo
  echo "== live mode: Defender for Cloud assessments and Security Command Center findings (local emulators)"
  ./scripts/bench-posture.sh
fi

if [ -x ./scripts/bench-plan.sh ] && [ "${BENCH_PLAN:-1}" = 1 ]; then
  echo
  echo "== whole plans: baseline_plan on a generated plan JSON (vs Checkov and Trivy when installed)"
  ./scripts/bench-plan.sh
fi
