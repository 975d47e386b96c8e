#!/usr/bin/env bash
# In-plan cost on real resources (`make bench` runs it; also standalone).
#
# Plans N (default 500) real hashicorp/aws `aws_security_group` resources,
# offline with fake keys, in four root modules:
#   plain      no check
#   hcl        a hand-written postcondition (no world SSH/RDP over self.ingress)
#   function   postcondition provider::baseline::compliant(...) with the
#              message nonsensitive(join("\n", provider::baseline::violations(...)))
#   guardrail  one baseline_guardrail per security group
# Each module is initialised once; then ROUNDS (default 5) rounds of
# `plan -refresh=false` run the modules interleaved (plain, hcl, function,
# guardrail, then the next round), so load drifting on a shared machine hits
# every module alike. Prints per-module medians and spread, the ratios
# guardrail/plain, function/hcl and hcl/plain (of the medians, and the median
# of each round's paired ratio, with every round's), the release binary size
# (-trimpath -ldflags '-s -w'), and the provider process's start-up time and
# peak RSS.
#
# hashicorp/aws comes from a filesystem mirror: $BASELINE_PROVIDER_MIRROR, else
# /opt/tf-plugins (or the other places scripts/demo.sh looks). Without one the
# script says so loudly and exits 0 (SKIP), so `make bench` still prints the rest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tf=${TF_BIN:-$(./scripts/tf.sh)}
N=${BENCH_RESOURCES:-500}
ROUNDS=${BENCH_ROUNDS:-5}
platform="$(go env GOOS)_$(go env GOARCH)"
hosts=(registry.terraform.io registry.opentofu.org)
version=0.0.1
work=$(mktemp -d -t bench-real.XXXXXX)
trap 'rm -rf "$work"' EXIT

. "$(dirname "$0")/mirrors.sh"
aws_mirror=${BASELINE_PROVIDER_MIRROR:-}
if [ -z "$aws_mirror" ] || ! has_aws "$aws_mirror"; then aws_mirror=$(find_aws_mirror || true); fi
if [ -z "$aws_mirror" ]; then
  cat >&2 <<MSG
##########################################################################
SKIP: the real-resource benchmark needs hashicorp/aws in a filesystem
mirror (looked in \$BASELINE_PROVIDER_MIRROR, /opt/tf-plugins, ~/.terraform.d/plugins,
~/.local/share/terraform/plugins, /usr/local/share/terraform/plugins,
/usr/share/terraform/plugins). Make one with
  terraform providers mirror -platform=$platform /path/to/mirror
and set BASELINE_PROVIDER_MIRROR=/path/to/mirror.
##########################################################################
MSG
  exit 0
fi

echo "== release binary"
go build -trimpath -ldflags "-s -w" -o "$work/bin/terraform-provider-baseline" .
size=$(stat -c %s "$work/bin/terraform-provider-baseline")
printf 'size (-trimpath -ldflags "-s -w"): %s bytes (%.1f MiB)\n' "$size" "$(echo "$size / 1048576" | bc -l)"

# Start-up: time from exec to the go-plugin handshake line on stdout, and the
# RSS then (median of 5).
startup=(); startrss=()
for i in 1 2 3 4 5; do
  hs="$work/hs-$i.out"
  s=$(date +%s%N)
  TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2 PLUGIN_MIN_PORT=10000 PLUGIN_MAX_PORT=25000 PLUGIN_PROTOCOL_VERSIONS=6 \
    "$work/bin/terraform-provider-baseline" >"$hs" 2>/dev/null &
  p=$!
  while ! grep -q '|' "$hs" 2>/dev/null; do
    kill -0 "$p" 2>/dev/null || break
    sleep 0.002
  done
  e=$(date +%s%N)
  startup+=("$(( (e - s) / 1000000 ))")
  startrss+=("$(awk '$1 == "VmRSS:" {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)")
  kill "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf 'provider start-up to handshake: median %s ms (runs: %s); RSS at handshake: median %.1f MiB\n' \
  "$(med "${startup[@]}")" "${startup[*]}" "$(echo "$(med "${startrss[@]}") / 1024" | bc -l)"

write_mirrors "$work" "$work/bin/terraform-provider-baseline" "$version" "$aws_mirror"

# gen DIR KIND: N separate aws_security_group blocks (not count, so each
# check's scope is its own resource, as in a real module).
gen() {
  mkdir -p "$1"
  {
    cat <<'HCL'
terraform {
  required_providers {
    aws      = { source = "hashicorp/aws" }
    baseline = { source = "cloudbaseline/baseline" }
  }
}
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "bench"
  secret_key                  = "bench"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
HCL
    for i in $(seq 1 "$N"); do
      cat <<HCL
resource "aws_security_group" "sg_$i" {
  name        = "bench-$i"
  description = "bench group $i"
  vpc_id      = "vpc-0123456789abcdef0"
  ingress {
    description = "https"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    description = "ssh from the office"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.$((i % 250)).0.0/16"]
  }
  egress {
    description = "to the vpc"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["10.0.0.0/8"]
  }
HCL
      case $2 in
        hcl) cat <<'HCL'
  lifecycle {
    postcondition {
      condition = alltrue([for r in self.ingress : !((contains(r.cidr_blocks, "0.0.0.0/0") || contains(r.ipv6_cidr_blocks, "::/0")) && (r.protocol == "-1" || (r.from_port <= 22 && r.to_port >= 22) || (r.from_port <= 3389 && r.to_port >= 3389)))])
      error_message = "The security group allows SSH or RDP from the internet."
    }
  }
HCL
        ;;
        function) cat <<'HCL'
  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_security_group", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_security_group", self)))
    }
  }
HCL
        ;;
      esac
      echo '}'
      if [ "$2" = guardrail ]; then
        cat <<HCL
resource "baseline_guardrail" "sg_$i" {
  resource_type = "aws_security_group"
  values        = aws_security_group.sg_$i
}
HCL
      fi
    done
  } > "$1/main.tf"
}

kinds=(plain hcl function guardrail)
echo
echo "== terraform plan of $N real aws_security_group ($("$tf" version | head -n1); hashicorp/aws from $aws_mirror)"
for k in "${kinds[@]}"; do
  gen "$work/$k" "$k"
  (cd "$work/$k" && "$tf" init -input=false -no-color >"$work/init-$k.log" 2>&1) || { cat "$work/init-$k.log"; exit 1; }
done
plan_time() { # dir -> seconds of one `plan -refresh=false`
  local s e
  s=$(date +%s%N)
  (cd "$1" && "$tf" plan -refresh=false -input=false -lock=false -no-color >"$work/plan.log" 2>&1) || { cat "$work/plan.log" >&2; exit 1; }
  e=$(date +%s%N)
  echo "scale=3; ($e - $s) / 1000000000" | bc -l
}
plan_time "$work/plain" >/dev/null # warm the file cache and the provider binaries
declare -A runs
for _ in $(seq 1 "$ROUNDS"); do
  for k in "${kinds[@]}"; do runs[$k]="${runs[$k]:-} $(plan_time "$work/$k")"; done
done
declare -A m
for k in "${kinds[@]}"; do
  # shellcheck disable=SC2086
  m[$k]=$(med ${runs[$k]})
  # shellcheck disable=SC2086
  printf '%-10s median %6.2fs  (runs:%s; spread %.2fs)\n' "$k" "${m[$k]}" "${runs[$k]}" \
    "$(printf '%s\n' ${runs[$k]} | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {print hi-lo}')"
done
# paired A B: the median over rounds of A's time / B's time in the same
# round (the runs of a round are adjacent in time, so a load change on a
# shared machine mostly cancels), and every round's ratio.
paired() {
  local -a a b r
  read -r -a a <<<"${runs[$1]}"
  read -r -a b <<<"${runs[$2]}"
  r=()
  for i in "${!a[@]}"; do r+=("$(printf %.3f "$(echo "${a[$i]} / ${b[$i]}" | bc -l)")"); done
  printf '%.3f (rounds: %s)' "$(med "${r[@]}")" "${r[*]}"
}
printf 'ratio guardrail / no check:  %.3f of the medians; %s paired (target <= 1.30)\n' "$(echo "${m[guardrail]} / ${m[plain]}" | bc -l)" "$(paired guardrail plain)"
printf 'ratio function  / HCL:       %.3f of the medians; %s paired (target <= 1.10)\n' "$(echo "${m[function]} / ${m[hcl]}" | bc -l)" "$(paired function hcl)"
printf 'ratio HCL       / no check:  %.3f of the medians; %s paired\n' "$(echo "${m[hcl]} / ${m[plain]}" | bc -l)" "$(paired hcl plain)"

# Peak RSS of the baseline provider while serving the guardrail plan (the
# heaviest use): sample every provider process's VmRSS every 20 ms.
(cd "$work/guardrail" && "$tf" plan -refresh=false -input=false -lock=false -no-color >"$work/plan.log" 2>&1; echo $? >"$work/plan.rc") &
planpid=$!
peak=0
while kill -0 "$planpid" 2>/dev/null; do
  for p in $(pgrep -f "terraform-provider-baseline_v$version" || true); do
    r=$(awk '$1 == "VmRSS:" {print $2}' "/proc/$p/status" 2>/dev/null || true)
    [ -n "$r" ] && [ "$r" -gt "$peak" ] && peak=$r
  done
  sleep 0.02
done
[ "$(cat "$work/plan.rc")" = 0 ] || { cat "$work/plan.log"; exit 1; }
printf 'peak RSS of the baseline provider during the guardrail plan: %.1f MiB\n' "$(echo "$peak / 1024" | bc -l)"
