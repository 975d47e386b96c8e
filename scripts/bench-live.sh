#!/usr/bin/env bash
# Live-mode benchmark: seeds BASELINE_BENCH_N (default 500) S3 buckets and as
# many security groups in a local moto server, assesses them in parallel and
# sequentially, straight against moto and with BASELINE_BENCH_RTT_MS (default
# 20) of emulated round-trip time per request, and prints wall time, API calls
# per resource and per bucket, and peak RSS. moto comes from the tests' venv
# (scripts/venv.sh installs it once).
set -euo pipefail
cd "$(dirname "$0")/.."
BASELINE_MOTO_PYTHON=$(./scripts/venv.sh)
export BASELINE_MOTO_PYTHON
exec go test ./internal/live/aws -run '^$' -bench BenchmarkLive -benchtime 1x -timeout 30m "$@"
