#!/usr/bin/env bash
# Peer comparison (make compare): plans the corpus (tools/compare/corpus/*)
# and the example modules of real hashicorp/aws resources offline (azurerm and
# google corpus modules, tools/compare/corpus/azure-* and google-*, with the
# schema stand-in of internal/acctest/standin, which plans the providers'
# documented defaults), judges every
# resource change of each plan with the catalog (go run ./tools/compare), runs
# the peer scanners that are available on the same plan JSON, and prints the
# agreement per tool and every difference with its explanation
# (tools/compare/mapping.yaml, tools/compare/differences.yaml).
#
# Peers are optional:
#   Checkov  pip-installed once into $cache/compare-venv, exactly as
#            scripts/compare-requirements.lock pins it (checkov and every
#            dependency by version; reinstalled when the lock changes)
#   Trivy    built once from the Go module proxy (GOEXPERIMENT=jsonv2) into $cache/bin
# COMPARE_INSTALL=0 uses only what is already installed; COMPARE_TOOLS="checkov"
# (or "trivy", or "") chooses the peers; COMPARE_ONLY="*/azure-*" plans and
# compares only the modules whose path matches. Exits 1 when a difference is not
# explained in differences.yaml or a module does not plan.
# `scripts/compare.sh --install` only installs the peers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="${BASELINE_TOOL_CACHE:-$HOME/.cache/terraform-provider-baseline}"
venv="$cache/compare-venv"
trivy="$cache/bin/trivy"
TRIVY_VERSION=${TRIVY_VERSION:-v0.74.0}
lock="$root/scripts/compare-requirements.lock"
CHECKOV_VERSION=$(sed -n 's/^checkov==//p' "$lock")
tools=${COMPARE_TOOLS-checkov trivy}
install=${COMPARE_INSTALL:-1}
out="$cache/compare"           # plans and peer outputs of the last run, kept for inspection
platform="$(go env GOOS)_$(go env GOARCH)"
hosts=(registry.terraform.io registry.opentofu.org)
mkdir -p "$cache/bin"
rm -rf "$out"
mkdir -p "$out/mirror"
say() { echo "==> $*"; }
skipped=()

# --- peers ------------------------------------------------------------------
want() { [[ " $tools " == *" $1 "* ]]; }

# The venv is ready when Checkov runs and its packages are exactly the lock's:
# the stamp holds the hash of the lock it was installed from (a venv installed
# otherwise is stamped when pip freeze lists exactly the lock's packages).
lock_sum=$(sha256sum "$lock" | cut -c1-16)
frozen() { "$venv/bin/python" -m pip freeze --disable-pip-version-check 2>/dev/null | sort; }
pinned() { grep -E '^[A-Za-z0-9_.-]+==' "$lock" | sort; }
checkov_ready() {
  "$venv/bin/checkov" --version >/dev/null 2>&1 || return 1
  [ "$(cat "$venv/.lock-sum" 2>/dev/null)" = "$lock_sum" ] && return 0
  if [ "$(frozen)" = "$(pinned)" ]; then echo "$lock_sum" >"$venv/.lock-sum"; return 0; fi
  echo "    $venv does not hold exactly scripts/compare-requirements.lock"
  return 1
}
install_checkov() {
  say "installing Checkov $CHECKOV_VERSION (scripts/compare-requirements.lock) into $venv"
  python3 -m venv --clear "$venv" >/dev/null 2>&1 || { echo "    python3 -m venv failed: install Python 3 with venv (apt-get install python3-venv)"; return 1; }
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$lock" >"$cache/compare-checkov-install.log" 2>&1 || {
    tail -n 5 "$cache/compare-checkov-install.log" | sed 's/^/    /'
    return 1
  }
  echo "$lock_sum" >"$venv/.lock-sum"
}
trivy_ready() { "$trivy" --version >/dev/null 2>&1; }
install_trivy() {
  say "building Trivy $TRIVY_VERSION from the Go module proxy into $cache/bin (once; long on 2 cores)"
  local log="$cache/compare-trivy-build.log"
  if ! (cd "$cache" && GOEXPERIMENT=jsonv2 GOBIN="$cache/bin" GOFLAGS=-buildvcs=false nice -n 19 go install "github.com/aquasecurity/trivy/cmd/trivy@$TRIVY_VERSION") >"$log" 2>&1; then
    echo "    the build failed ($log):"
    tail -n 8 "$log" | sed 's/^/    /'
    return 1
  fi
}

use_checkov=0 use_trivy=0
if want checkov; then
  if checkov_ready || { [ "$install" = 1 ] && install_checkov && checkov_ready; }; then
    use_checkov=1
  else
    skipped+=("checkov: not installed ($venv); install: python3 -m venv $venv && $venv/bin/pip install --no-deps -r scripts/compare-requirements.lock (or run with COMPARE_INSTALL=1)")
  fi
else
  skipped+=("checkov: not selected (COMPARE_TOOLS=\"$tools\")")
fi
if want trivy; then
  if trivy_ready || { [ "$install" = 1 ] && install_trivy && trivy_ready; }; then
    use_trivy=1
  else
    skipped+=("trivy: not installed ($trivy); install: GOEXPERIMENT=jsonv2 GOBIN=$cache/bin go install github.com/aquasecurity/trivy/cmd/trivy@$TRIVY_VERSION (or run with COMPARE_INSTALL=1)")
  fi
else
  skipped+=("trivy: not selected (COMPARE_TOOLS=\"$tools\")")
fi
if [ "${1:-}" = --install ]; then
  [ ${#skipped[@]} -gt 0 ] && printf '  - %s\n' "${skipped[@]}"
  exit 0
fi
versions=""
if [ "$use_checkov" = 1 ]; then
  v=$("$venv/bin/checkov" --version 2>/dev/null | tail -n1)
  say "Checkov $v ($venv)"
  versions+="checkov=$v,"
fi
if [ "$use_trivy" = 1 ]; then
  v=$("$trivy" --version 2>/dev/null | sed -n 's/^Version: //p' | head -n1)
  # go install leaves the version "dev": the module version is in the build info.
  [ "$v" = dev ] && v=$(go version -m "$trivy" 2>/dev/null | awk '$1 == "mod" { print $3 }')
  say "Trivy $v ($trivy)"
  versions+="trivy=$v,"
fi

# --- the CLI and hashicorp/aws from a filesystem mirror ------------------------
tf=$("$root/scripts/tf.sh")
has_aws() {
  local h
  for h in "${hosts[@]}"; do
    compgen -G "$1/$h/hashicorp/aws/5.100.0/$platform" >/dev/null && return 0
  done
  return 1
}
aws_mirror=${BASELINE_PROVIDER_MIRROR:-}
if [ -z "$aws_mirror" ]; then
  for c in /opt/tf-plugins "$HOME/.terraform.d/plugins" "$HOME/.local/share/terraform/plugins" /usr/local/share/terraform/plugins /usr/share/terraform/plugins; do
    if has_aws "$c"; then aws_mirror=$c; break; fi
  done
fi
if [ -z "$aws_mirror" ] || ! has_aws "$aws_mirror"; then
  echo "FAIL: make compare plans real hashicorp/aws 5.100.0 resources offline and needs it in a" >&2
  echo "      filesystem mirror: set BASELINE_PROVIDER_MIRROR to a mirror root (see make demo)." >&2
  exit 1
fi
# The examples call the baseline provider: build it into a mirror of its own.
say "building the baseline provider into a filesystem mirror"
baseline_ok=1
for h in "${hosts[@]}"; do
  mkdir -p "$out/mirror/$h/cloudbaseline/baseline/0.0.1/$platform" "$out/mirror/$h/hashicorp/aws/5.100.0"
  src=$aws_mirror/$h/hashicorp/aws/5.100.0/$platform
  [ -d "$src" ] || src=$(compgen -G "$aws_mirror/*/hashicorp/aws/5.100.0/$platform" | head -n1)
  ln -s "$src" "$out/mirror/$h/hashicorp/aws/5.100.0/$platform"
done
if (cd "$root" && go build -o "$out/terraform-provider-baseline" .) 2>"$out/baseline-build.log"; then
  for h in "${hosts[@]}"; do
    ln "$out/terraform-provider-baseline" "$out/mirror/$h/cloudbaseline/baseline/0.0.1/$platform/terraform-provider-baseline_v0.0.1"
  done
else
  baseline_ok=0
  echo "    the provider does not build now (example modules that use it are skipped):"
  tail -n 5 "$out/baseline-build.log" | sed 's/^/    /'
fi
# hashicorp/azurerm and hashicorp/google are not installable here: the schema
# stand-in (internal/acctest/standin, served by tools/compare/standin) plans
# their resource blocks offline, with the providers' documented defaults.
standin_version() { sed -n "s/^[[:space:]]*$1[[:space:]]*= \"\\(.*\\)\"/\\1/p" "$root/internal/acctest/standin/standin.go"; }
azurerm_version=$(standin_version AzurermVersion)
google_version=$(standin_version GoogleVersion)
say "building the azurerm $azurerm_version and google $google_version schema stand-ins into the mirror"
if (cd "$root" && go build -o "$out/standin" ./tools/compare/standin) 2>"$out/standin-build.log"; then
  for h in "${hosts[@]}"; do
    for nv in "azurerm $azurerm_version" "google $google_version"; do
      read -r name ver <<<"$nv"
      mkdir -p "$out/mirror/$h/hashicorp/$name/$ver/$platform"
      ln "$out/standin" "$out/mirror/$h/hashicorp/$name/$ver/$platform/terraform-provider-${name}_v$ver"
    done
  done
else
  echo "    the stand-in does not build now (the azurerm and google corpus cannot plan):"
  tail -n 5 "$out/standin-build.log" | sed 's/^/    /'
fi
include=""
for h in "${hosts[@]}"; do
  for p in hashicorp/aws hashicorp/azurerm hashicorp/google cloudbaseline/baseline; do include+="\"$h/$p\", "; done
done
cat >"$out/cli.tfrc" <<CFG
provider_installation {
  filesystem_mirror {
    path    = "$out/mirror"
    include = [${include%, }]
  }
}
CFG
export TF_CLI_CONFIG_FILE="$out/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
unset TF_LOG TF_DATA_DIR TF_PLUGIN_CACHE_DIR TF_WORKSPACE

# --- modules ----------------------------------------------------------------
# The corpus, then every example module with hashicorp/aws resources (not the
# demo, which `make demo` plans, nor the Azure and Google ones).
modules=()
for d in "$root"/tools/compare/corpus/*/; do modules+=("tools/compare/corpus/$(basename "$d")"); done
while IFS= read -r d; do
  rel=${d#"$root"/}
  case "$rel" in examples/demo* | examples/azure* | examples/google*) continue ;; esac
  modules+=("$rel")
done < <(grep -rlE --include='*.tf' '^resource "aws_' "$root/examples" | xargs -n1 dirname | sort -u)

# COMPARE_ONLY (shell patterns of module paths, e.g. "*/azure-* */google-*")
# plans and compares only those modules.
if [ -n "${COMPARE_ONLY:-}" ]; then
  kept=()
  for rel in "${modules[@]}"; do
    for pat in $COMPARE_ONLY; do
      # shellcheck disable=SC2254
      case "$rel" in $pat) kept+=("$rel"); break ;; esac
    done
  done
  modules=("${kept[@]}")
fi

failed_plans=()
plan_module() { # rel -> $out/modules/<name>/plan.json (name: corpus/x or examples/y)
  local rel=$1 dir="$out/modules/${1#tools/compare/}"
  mkdir -p "$dir"
  cp -r "$root/$rel/." "$dir/"
  if grep -qE 'baseline' "$dir"/*.tf && [ "$baseline_ok" = 0 ]; then
    skipped+=("$rel: uses the baseline provider, which does not build now")
    rm -rf "$dir"
    return 0
  fi
  # Provider requirements and the offline configurations of the clouds the
  # module uses, unless the module has its own.
  local uses_aws=0 uses_azurerm=0 uses_google=0
  grep -qE '^(resource|data) "aws_' "$dir"/*.tf && uses_aws=1
  grep -qE '^(resource|data) "azurerm_' "$dir"/*.tf && uses_azurerm=1
  grep -qE '^(resource|data) "google_' "$dir"/*.tf && uses_google=1
  if ! grep -q 'required_providers' "$dir"/*.tf; then
    local req=""
    [ $uses_aws = 1 ] && req+=$'\n    aws = { source = "hashicorp/aws", version = "5.100.0" }'
    [ $uses_azurerm = 1 ] && req+=$'\n    azurerm = { source = "hashicorp/azurerm", version = "'"$azurerm_version"'" }'
    [ $uses_google = 1 ] && req+=$'\n    google = { source = "hashicorp/google", version = "'"$google_version"'" }'
    grep -q 'baseline' "$dir"/*.tf && req+=$'\n    baseline = { source = "cloudbaseline/baseline" }'
    printf 'terraform {\n  required_providers {%s\n  }\n}\n' "$req" >"$dir/zz_compare_versions.tf"
  fi
  : >"$dir/zz_compare_provider.tf"
  if [ $uses_azurerm = 1 ] && ! grep -q '^provider "azurerm"' "$dir"/*.tf; then
    cat >>"$dir/zz_compare_provider.tf" <<'TF'
provider "azurerm" {
  features {}
  subscription_id                 = "00000000-0000-0000-0000-000000000000"
  tenant_id                       = "00000000-0000-0000-0000-000000000000"
  client_id                       = "00000000-0000-0000-0000-000000000000"
  client_secret                   = "x"
  resource_provider_registrations = "none"
}
TF
  fi
  if [ $uses_google = 1 ] && ! grep -q '^provider "google"' "$dir"/*.tf; then
    cat >>"$dir/zz_compare_provider.tf" <<'TF'
provider "google" {
  project      = "baseline-compare"
  region       = "europe-west1"
  access_token = "x"
}
TF
  fi
  if [ $uses_aws = 1 ] && ! grep -q '^provider "aws"' "$dir"/*.tf; then
    cat >>"$dir/zz_compare_provider.tf" <<'TF'
provider "aws" {
  access_key                  = "x"
  secret_key                  = "x"
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
TF
  fi
  if grep -q 'baseline' "$dir"/*.tf && ! grep -q '^provider "baseline"' "$dir"/*.tf; then
    echo 'provider "baseline" {}' >>"$dir/zz_compare_provider.tf"
  fi
  # The stand-ins start faster holding only the module's resource types.
  local types
  types=$(sed -nE 's/^resource "((azurerm|google)_[a-z0-9_]+)".*/\1/p' "$dir"/*.tf | sort -u | paste -sd, -)
  (
    cd "$dir"
    export BASELINE_STANDIN_TYPES="$types"
    "$tf" init -input=false -no-color >init.log 2>&1 &&
      "$tf" plan -input=false -lock=false -refresh=false -no-color -out=plan.bin >plan.log 2>&1 &&
      "$tf" show -json plan.bin >plan.json 2>show.log
  ) || {
    # The corpus must plan; an example module is compared where it plans
    # offline (one whose postcondition fails on the current catalog does not).
    local why
    why=$(grep -hE '^(Error|│ Error)' "$dir"/init.log "$dir"/plan.log 2>/dev/null | sort -u | head -n 3 | tr '\n' ' ')
    case "$rel" in
      tools/compare/corpus/*)
        failed_plans+=("$rel")
        echo "    FAIL: $rel did not plan: $why"
        ;;
      *)
        skipped+=("$rel: did not plan offline ($why; see $dir/plan.log)")
        echo "    skipped: $rel did not plan: $why"
        ;;
    esac
    rm -f "$dir/plan.json"
  }
}

say "planning ${#modules[@]} modules offline with hashicorp/aws 5.100.0 and the azurerm/google stand-ins ($(basename "$tf"))"
for rel in "${modules[@]}"; do
  echo "    $rel"
  plan_module "$rel"
done

# --- peers on each plan -------------------------------------------------------
for plan in "$out"/modules/*/*/plan.json "$out"/modules/*/*/*/plan.json; do
  [ -f "$plan" ] || continue
  dir=$(dirname "$plan")
  if [ "$use_checkov" = 1 ]; then
    (cd "$dir" && BC_SKIP_MAPPING=TRUE CKV_NO_UPDATE=TRUE "$venv/bin/checkov" -f plan.json --framework terraform_plan \
      --skip-download --download-external-modules false -o json >checkov.json 2>checkov.log) || true
    # checkov exits 1 when a check fails: only a missing or empty report is an error.
    [ -s "$dir/checkov.json" ] || { echo "    checkov produced no report for ${dir#"$out"/modules/}:"; tail -n 3 "$dir/checkov.log" | sed 's/^/      /'; }
  fi
  if [ "$use_trivy" = 1 ]; then
    (cd "$dir" && "$trivy" config --quiet --skip-check-update --include-non-failures --format json \
      --output trivy.json plan.json >trivy.log 2>&1) || true
    [ -s "$dir/trivy.json" ] || { echo "    trivy produced no report for ${dir#"$out"/modules/}:"; tail -n 3 "$dir/trivy.log" | sed 's/^/      /'; }
  fi
done

# --- the comparison -----------------------------------------------------------
say "judging the plans and comparing"
rc=0
(cd "$root" && go run ./tools/compare -modules "$out/modules" -versions "$versions" \
  -mapping tools/compare/mapping.yaml -differences tools/compare/differences.yaml) || rc=$?
if [ ${#skipped[@]} -gt 0 ]; then
  echo
  echo "Skipped:"
  printf '  - %s\n' "${skipped[@]}"
fi
if [ ${#failed_plans[@]} -gt 0 ]; then
  echo "FAIL: modules that did not plan: ${failed_plans[*]} (logs in $out/modules)" >&2
  rc=1
fi
echo "(plans and peer reports: $out/modules)"
exit "$rc"
