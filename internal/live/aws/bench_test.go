package liveaws_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

// BenchmarkLive seeds BASELINE_BENCH_N (default 500) buckets and as many
// security groups in moto and assesses all of them, in parallel (the default
// concurrency) and sequentially (MaxConcurrency 1), both straight against
// moto and through the test proxy with BASELINE_BENCH_RTT (default 20ms)
// added to every request, which stands in for the network round trip to AWS
// that a local emulator does not have. Run it with scripts/bench-live.sh.
func BenchmarkLive(b *testing.B) {
	if os.Getenv("BASELINE_SKIP_LIVE") == "1" {
		b.Skip("BASELINE_SKIP_LIVE=1")
	}
	n := envInt("BASELINE_BENCH_N", 500)
	rtt := time.Duration(envInt("BASELINE_BENCH_RTT_MS", 20)) * time.Millisecond
	ctx := context.Background()
	moto, err := acctest.StartMoto(ctx)
	if err != nil {
		b.Fatalf("moto server could not start (%v); install it with %s", err, acctest.MotoInstall)
	}
	defer moto.Stop()
	for k, v := range map[string]string{"AWS_ACCESS_KEY_ID": acctest.MotoAccessKey, "AWS_SECRET_ACCESS_KEY": acctest.MotoSecretKey,
		"AWS_REGION": acctest.MotoRegion, "AWS_CONFIG_FILE": os.DevNull, "AWS_SHARED_CREDENTIALS_FILE": os.DevNull} {
		b.Setenv(k, v)
	}
	seedStart := time.Now()
	if err := seedBench(ctx, moto.Endpoint, n); err != nil {
		b.Fatal(err)
	}
	fmt.Printf("seeded %d buckets and %d security groups in %s\n", n, n, time.Since(seedStart).Round(time.Millisecond))
	eng, err := catalog.Engine()
	if err != nil {
		b.Fatal(err)
	}
	proxy := acctest.NewFaultProxy(moto.Endpoint)
	defer proxy.Close()
	proxy.Inject(acctest.Fault{Delay: rtt})

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, target := range []struct{ name, url string }{{"moto", moto.Endpoint}, {fmt.Sprintf("moto+%s RTT", rtt), proxy.URL}} {
			par := assess(b, eng, target.url, 0, n)
			seq := assess(b, eng, target.url, 1, n)
			fmt.Printf("\n== %s: %d buckets, %d security groups\n", target.name, n, n)
			fmt.Printf("parallel (%d in flight): %s\n", liveaws.DefaultMaxConcurrency, par)
			fmt.Printf("sequential:              %s\n", seq)
			fmt.Printf("speed-up: %.1fx\n", seq.wall.Seconds()/par.wall.Seconds())
		}
	}
	fmt.Printf("\npeak RSS of the Go process (VmHWM): %s\n", peakRSS())
}

type result struct {
	wall                  time.Duration
	calls, bucketCalls    int
	buckets, groups, fail int
}

func (r result) String() string {
	return fmt.Sprintf("wall %s, %d API calls (%.2f per resource, %.2f per bucket), %d non-compliant of %d",
		r.wall.Round(time.Millisecond), r.calls, float64(r.calls)/float64(r.buckets+r.groups), float64(r.bucketCalls)/float64(r.buckets), r.fail, r.buckets+r.groups)
}

func assess(b *testing.B, eng *engine.Engine, url string, concurrency, n int) result {
	ctx := context.Background()
	c := liveaws.New(liveaws.Config{Endpoints: endpoints(url), MaxConcurrency: concurrency})
	opts := engine.Options{}
	start := time.Now()
	buckets, err := c.LoadBuckets(ctx, eng, opts, liveaws.BucketFilter{NamePrefix: "bench-"})
	if err != nil {
		b.Fatal(err)
	}
	groups, err := c.LoadSecurityGroups(ctx, liveaws.SecurityGroupFilter{NamePrefix: "bench-"})
	if err != nil {
		b.Fatal(err)
	}
	r := result{buckets: len(buckets), groups: len(groups)}
	for _, bk := range buckets {
		v, err := liveaws.Judge(eng, liveaws.BucketResourceType, []liveaws.Section{bk.Section()}, opts)
		if err != nil {
			b.Fatal(err)
		}
		if !v.Compliant {
			r.fail++
		}
	}
	for _, g := range groups {
		v, err := liveaws.Judge(eng, g.ResourceType(), []liveaws.Section{g.Section()}, opts)
		if err != nil {
			b.Fatal(err)
		}
		if !v.Compliant {
			r.fail++
		}
	}
	r.wall = time.Since(start)
	for op, k := range c.Calls().Snapshot() {
		r.calls += k
		if op.Service == "S3" {
			r.bucketCalls += k
		}
	}
	if r.buckets != n || r.groups != n {
		b.Fatalf("assessed %d buckets and %d groups, want %d each", r.buckets, r.groups, n)
	}
	return r
}

// seedBench creates n buckets (every fourth fully configured, every fourth
// with a public policy, the rest plain) and n security groups (every third
// open to SSH from the world).
func seedBench(ctx context.Context, endpoint string, n int) error {
	s := acctest.NewSeeder(endpoint)
	sem := make(chan struct{}, 8)
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			name := fmt.Sprintf("bench-%04d", i)
			var err error
			switch i % 4 {
			case 0:
				err = s.GoodBucket(ctx, name, fmt.Sprintf("logs-%04d", i))
			case 1:
				err = s.PublicBucket(ctx, name)
			default:
				err = s.PlainBucket(ctx, name)
			}
			if err == nil {
				cidr := "10.0.0.0/8"
				if i%3 == 0 {
					cidr = "0.0.0.0/0"
				}
				_, err = s.SecurityGroup(ctx, name, 22, cidr)
			}
			if err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	return first
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return fmt.Sprintf("unavailable; Go heap sys %d MiB", m.Sys>>20)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "unknown"
}
