#!/usr/bin/env bash
# Security Hub benchmark: seeds BASELINE_HUB_FINDINGS (default 100,000)
# control findings over BASELINE_HUB_ACCOUNTS (default 1,000) accounts into a
# local moto server (BatchImportFindings, 100 per call; moto's import is
# quadratic, so seeding takes minutes), then reads them the way the
# baseline_aws_security_hub data source does, in a separate process, and
# prints the API calls (target ⌈findings/100⌉ + a constant), the wall time and
# the reader's peak RSS (target under 150 MB). The test suite runs a 2,000
# finding version (TestLive_securityHubPagingAndCalls) that asserts the calls.
set -euo pipefail
cd "$(dirname "$0")/.."
BASELINE_MOTO_PYTHON=$(./scripts/venv.sh)
export BASELINE_MOTO_PYTHON
exec go test ./internal/live/aws -run '^$' -bench '^BenchmarkSecurityHub$' -benchtime 1x -timeout 60m "$@"
