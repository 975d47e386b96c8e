#!/usr/bin/env bash
# Defender for Cloud and Security Command Center benchmarks: reads
# BASELINE_BENCH_ASSESSMENTS (default 100,000) assessments over
# BASELINE_BENCH_SUBSCRIPTIONS (default 1,000) subscriptions, and
# BASELINE_BENCH_FINDINGS (default 100,000) findings over
# BASELINE_BENCH_PROJECTS (default 1,000) projects, from the local emulators
# (internal/acctest/cloudemu: HTTPS Entra ID + Resource Manager; gRPC SCC
# v2), through the real Azure and Google clients, and prints the API calls
# (pages plus a constant), the wall time and the peak RSS (target < 150 MB).
# The emulators generate pages on demand, so the peak is the reader's plus
# the test binary's. The unit tests TestDefenderCallCount and
# TestSCCCallCount run small versions that assert the call counts.
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./internal/live/azure -run '^$' -bench '^BenchmarkDefender$' -benchtime 1x -timeout 30m "$@" | grep -Ev '^(goos|goarch|pkg|cpu):'
go test ./internal/live/google -run '^$' -bench '^BenchmarkSCC$' -benchtime 1x -timeout 30m "$@" | grep -Ev '^(goos|goarch|pkg|cpu):'
