package liveazure_test

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/cloudemu"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/procstat"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	liveazure "github.com/cloudbaseline/terraform-provider-baseline/internal/live/azure"
)

// benchMetadata is n assessment types; the first three join the catalog.
func benchMetadata(n int) ([]cloudemu.Metadata, []string) {
	md := append([]cloudemu.Metadata{}, metadata...)
	keys := []string{keyHTTPS, keyJIT, keyPublic}
	for i := len(md); i < n; i++ {
		k := fmt.Sprintf("%08x-aaaa-4bbb-8ccc-%012x", i, i)
		md = append(md, cloudemu.Metadata{Key: k, DisplayName: "Generated recommendation " + strconv.Itoa(i), Severity: "Low"})
		keys = append(keys, k)
	}
	return md, keys
}

// readGenerated serves total assessments over subs subscriptions (generated
// on demand by the emulator, so the process's memory is the reader's) and
// reads them all.
func readGenerated(tb testing.TB, subs, total, page int) (*liveazure.Report, time.Duration, int) {
	tb.Helper()
	md, keys := benchMetadata(50)
	ids := cloudemu.GeneratedSubscriptions(subs)
	d := cloudemu.NewDefender(ca, md, ids, cloudemu.GeneratedAssessments{Subs: ids, PerSub: total / subs, Keys: keys})
	d.PageSize = page
	defer d.Close()
	for k, v := range d.Env() {
		tb.Setenv(k, v)
	}
	eng := engineT(tb)
	start := time.Now()
	rep, err := liveazure.Read(context.Background(), liveazure.Config{ResourceManagerEndpoint: d.URL, AuthorityHost: d.URL},
		eng, engine.Options{}, liveazure.Query{Subscriptions: ids})
	if err != nil {
		tb.Fatal(err)
	}
	wall := time.Since(start)
	if rep.NonRead != 0 {
		tb.Fatalf("%d write requests", rep.NonRead)
	}
	// Pages of the metadata plus, per subscription, ⌈assessments/page⌉.
	want := (len(md)+page-1)/page + subs*((total/subs+page-1)/page)
	return rep, wall, want
}

// CI: 2,000 assessments over 20 subscriptions, pages of 50: the calls are
// the pages and nothing else (the token is one more request, to Entra ID).
func TestDefenderCallCount(t *testing.T) {
	rep, _, want := readGenerated(t, 20, 2000, 50)
	if rep.Calls != want || rep.MetadataPages+rep.Pages != want || rep.AssessmentsRead != 2000 {
		t.Errorf("calls %d, pages %d+%d, read %d; want %d calls and pages, 2000 read", rep.Calls, rep.MetadataPages, rep.Pages, rep.AssessmentsRead, want)
	}
}

// BenchmarkDefender reads BASELINE_BENCH_ASSESSMENTS (default 100,000)
// assessments over BASELINE_BENCH_SUBSCRIPTIONS (default 1,000)
// subscriptions, BASELINE_BENCH_PAGE (default 100) a page, and prints the API
// calls, the wall time and the process's peak RSS (target < 150 MB; the
// emulator generates pages on demand, so the peak is the reader's plus the
// test binary's). Run it with scripts/bench-posture.sh.
func BenchmarkDefender(b *testing.B) {
	total, subs, page := procstat.EnvInt("BASELINE_BENCH_ASSESSMENTS", 100000), procstat.EnvInt("BASELINE_BENCH_SUBSCRIPTIONS", 1000), procstat.EnvInt("BASELINE_BENCH_PAGE", 100)
	for i := 0; i < b.N; i++ {
		rep, wall, want := readGeneratedB(b, subs, total, page)
		fmt.Printf("\n== Defender for Cloud: %d assessments over %d subscriptions, pages of %d\n", rep.AssessmentsRead, subs, page)
		fmt.Printf("API calls: %d (metadata pages %d + assessment pages %d; expected %d) + 1 token request\n", rep.Calls, rep.MetadataPages, rep.Pages, want)
		fmt.Printf("wall time: %s\n", wall.Round(time.Millisecond))
		fmt.Printf("recommendations: %d; peak RSS (VmHWM): %.1f MB (target < 150 MB)\n", len(rep.Controls), procstat.PeakRSSMB())
		if rep.Calls != want {
			b.Errorf("calls %d, want %d", rep.Calls, want)
		}
	}
}

func readGeneratedB(b *testing.B, subs, total, page int) (*liveazure.Report, time.Duration, int) {
	md, keys := benchMetadata(50)
	ids := cloudemu.GeneratedSubscriptions(subs)
	d := cloudemu.NewDefender(ca, md, ids, cloudemu.GeneratedAssessments{Subs: ids, PerSub: total / subs, Keys: keys})
	d.PageSize = page
	defer d.Close()
	for k, v := range d.Env() {
		b.Setenv(k, v)
	}
	eng := engineB(b)
	runtime.GC()
	start := time.Now()
	rep, err := liveazure.Read(context.Background(), liveazure.Config{ResourceManagerEndpoint: d.URL, AuthorityHost: d.URL},
		eng, engine.Options{}, liveazure.Query{Subscriptions: ids})
	if err != nil {
		b.Fatal(err)
	}
	wall := time.Since(start)
	if rep.NonRead != 0 {
		b.Fatalf("%d write requests", rep.NonRead)
	}
	return rep, wall, (len(md)+page-1)/page + subs*((total/subs+page-1)/page)
}

func engineB(b *testing.B) *engine.Engine { return engineT(b) }
