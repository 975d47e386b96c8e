package livegoogle_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/cloudemu"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/procstat"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	livegoogle "github.com/cloudbaseline/terraform-provider-baseline/internal/live/google"
)

var benchCategories = []string{"PUBLIC_BUCKET_ACL", "OPEN_SSH_PORT", "SQL_PUBLIC_IP", "WEB_UI_ENABLED", "BUCKET_LOGGING_DISABLED"}

// readGenerated serves n findings over projects projects (generated on
// demand by the emulator) and reads them all under the organisation.
func readGenerated(tb testing.TB, n, projects int) (*livegoogle.Report, time.Duration) {
	tb.Helper()
	s, cfg := start(tb, cloudemu.GeneratedFindings{N: n, Projects: projects, Org: org, Categories: benchCategories})
	eng := engineT(tb)
	runtime.GC()
	begin := time.Now()
	rep, err := livegoogle.Read(context.Background(), cfg, eng, engine.Options{}, livegoogle.Query{Parent: "organizations/" + org})
	if err != nil {
		tb.Fatal(err)
	}
	wall := time.Since(begin)
	for _, m := range s.Methods() {
		if !strings.HasSuffix(m, "/ListFindings") {
			tb.Fatalf("unexpected call %s", m)
		}
	}
	return rep, wall
}

// CI: 5,000 findings over 50 projects: ⌈5000/1000⌉ = 5 calls, nothing else.
func TestSCCCallCount(t *testing.T) {
	rep, _ := readGenerated(t, 5000, 50)
	if rep.Calls != 5 || rep.Pages != 5 || rep.FindingsRead != 5000 {
		t.Errorf("calls %d pages %d read %d; want 5, 5, 5000", rep.Calls, rep.Pages, rep.FindingsRead)
	}
}

// BenchmarkSCC reads BASELINE_BENCH_FINDINGS (default 100,000) findings over
// BASELINE_BENCH_PROJECTS (default 1,000) projects and prints the API calls
// (target ⌈findings/1000⌉), the wall time and the process's peak RSS
// (target < 150 MB; the emulator generates pages on demand). Run it with
// scripts/bench-posture.sh.
func BenchmarkSCC(b *testing.B) {
	n, projects := procstat.EnvInt("BASELINE_BENCH_FINDINGS", 100000), procstat.EnvInt("BASELINE_BENCH_PROJECTS", 1000)
	for i := 0; i < b.N; i++ {
		rep, wall := readGenerated(b, n, projects)
		want := (n + livegoogle.PageSize - 1) / livegoogle.PageSize
		fmt.Printf("\n== Security Command Center: %d findings over %d projects, pages of %d\n", rep.FindingsRead, projects, livegoogle.PageSize)
		fmt.Printf("API calls: %d ListFindings (pages %d; expected %d)\n", rep.Calls, rep.Pages, want)
		fmt.Printf("wall time: %s\n", wall.Round(time.Millisecond))
		fmt.Printf("categories: %d; peak RSS (VmHWM): %.1f MB (target < 150 MB)\n", len(rep.Controls), procstat.PeakRSSMB())
		if rep.Calls != want {
			b.Errorf("calls %d, want %d", rep.Calls, want)
		}
	}
}
