package planfile

import (
	"os"
	"testing"
)

// BenchmarkReadFile judges the plan JSON named by BASELINE_PLAN_BENCH
// (scripts/bench.sh writes one of 10,000 instances with tools/genplan).
func BenchmarkReadFile(b *testing.B) {
	file := os.Getenv("BASELINE_PLAN_BENCH")
	if file == "" {
		b.Skip("BASELINE_PLAN_BENCH names no plan JSON (go run ./tools/genplan -n 10000 -o plan.json)")
	}
	eng := testEngine(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := ReadFile(file, Options{Engine: eng})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(res.Resources)), "instances")
		b.ReportMetric(float64(len(res.Verdict.Findings)), "findings")
	}
}
