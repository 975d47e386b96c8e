package liveaws_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	shtypes "github.com/aws/aws-sdk-go-v2/service/securityhub/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

// hubControls are the controls of generated findings: some joined to the
// catalog, some outside it.
var hubControls = []struct{ id, severity, resourceType string }{
	{"S3.8", "HIGH", "AwsS3Bucket"}, {"EC2.19", "CRITICAL", "AwsEc2SecurityGroup"}, {"CloudTrail.1", "HIGH", "AwsAccount"},
	{"RDS.3", "MEDIUM", "AwsRdsDbInstance"}, {"IAM.6", "CRITICAL", "AwsAccount"}, {"SSM.1", "MEDIUM", "AwsEc2Instance"},
	{"Lambda.1", "CRITICAL", "AwsLambdaFunction"}, {"S3.9", "MEDIUM", "AwsS3Bucket"},
}

// hubBatch generates findings [start, end) spread over accounts accounts:
// every third one fails, the rest pass.
func hubBatch(start, end, accounts int) []shtypes.AwsSecurityFinding {
	out := make([]shtypes.AwsSecurityFinding, 0, end-start)
	for i := start; i < end; i++ {
		c := hubControls[(i/accounts)%len(hubControls)]
		status := "PASSED"
		if i%3 == 0 {
			status = "FAILED"
		}
		out = append(out, acctest.HubControlFinding{
			Account: fmt.Sprintf("%012d", 100000000000+i%accounts), Control: c.id, Status: status, Severity: c.severity,
			ResourceType: c.resourceType, ResourceARN: fmt.Sprintf("arn:aws:test:us-east-1:%012d:resource/r-%07d", 100000000000+i%accounts, i),
		}.ASFF())
	}
	return out
}

// seedHub enables Security Hub and imports n generated findings over
// accounts accounts, generating 100 at a time.
func seedHub(ctx context.Context, endpoint string, n, accounts, parallel int) error {
	s := acctest.NewHubSeeder(endpoint)
	if err := s.Enable(ctx); err != nil {
		return err
	}
	const chunk = 2000
	for start := 0; start < n; start += chunk {
		if err := s.Import(ctx, hubBatch(start, min(start+chunk, n), accounts), parallel); err != nil {
			return err
		}
	}
	return nil
}

// TestLive_securityHubPagingAndCalls: 2,000 findings over 20 accounts are
// read in one pass of ⌈2000/100⌉ GetFindings calls plus a constant (the
// caller's identity and DescribeHub; GetAdministratorAccount when other
// accounts are asked for). moto pages by MaxResults and NextToken but ignores
// Filters, so the reader's own per-finding checks narrow the result.
func TestLive_securityHubPagingAndCalls(t *testing.T) {
	moto := acctest.SharedMoto(t)
	acctest.SetAWSEnv(t)
	if err := moto.Reset(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const n, accounts = 2000, 20
	if err := seedHub(ctx, moto.Endpoint, n, accounts, 2); err != nil {
		t.Fatal(err)
	}
	eng := hubEngine(t)

	c := liveaws.New(liveaws.Config{Endpoints: endpoints(moto.Endpoint), MaxBackoff: 50 * time.Millisecond})
	rep, err := c.ReadSecurityHub(ctx, eng, engine.Options{}, liveaws.HubQuery{})
	if err != nil {
		t.Fatal(err)
	}
	pages := (n + liveaws.HubPageSize - 1) / liveaws.HubPageSize
	calls := c.Calls().Snapshot()
	if got := calls[liveaws.Operation{Service: "SecurityHub", Name: "GetFindings"}]; got != pages {
		t.Errorf("GetFindings called %d times, want ⌈%d/100⌉ = %d", got, n, pages)
	}
	if got, want := c.Calls().Total(), pages+2; got != want {
		t.Errorf("%d API calls (%v), want ⌈n/100⌉ + 2 = %d", got, calls, want)
	}
	if rep.FindingsRead != n || rep.Tallied != n || rep.Pages != pages {
		t.Errorf("read %d, tallied %d in %d pages; want %d, %d, %d", rep.FindingsRead, rep.Tallied, rep.Pages, n, n, pages)
	}
	v := eng.JudgeExternal(liveaws.HubResourceType, rep.Results, engine.Options{})
	if v.Compliant || v.Failed == 0 || v.Errored != 0 {
		t.Errorf("verdict compliant=%v failed=%d errored=%d", v.Compliant, v.Failed, v.Errored)
	}
	resources := 0
	for _, s := range rep.Controls {
		resources += s.Failed + s.Passed + s.NotAvailable
		if len(s.Accounts) == 0 || len(s.FailingResources) > liveaws.MaxFailingResources {
			t.Errorf("summary %s: %d accounts, %d failing ARNs", s.SecurityControlID, len(s.Accounts), len(s.FailingResources))
		}
	}
	if resources != n {
		t.Errorf("summaries count %d resources, want %d", resources, n)
	}

	// Two accounts asked for (one is not the caller): GetAdministratorAccount
	// once more; moto still returns every finding, the reader keeps theirs.
	c2 := liveaws.New(liveaws.Config{Endpoints: endpoints(moto.Endpoint)})
	want := []string{"100000000003", "100000000007"}
	rep, err = c2.ReadSecurityHub(ctx, eng, engine.Options{}, liveaws.HubQuery{Accounts: want})
	if err != nil {
		t.Fatal(err)
	}
	if got, wantCalls := c2.Calls().Total(), pages+3; got != wantCalls {
		t.Errorf("%d API calls with accounts, want ⌈n/100⌉ + 3 = %d", got, wantCalls)
	}
	if rep.Tallied != 2*n/accounts {
		t.Errorf("tallied %d findings of 2 accounts, want %d", rep.Tallied, 2*n/accounts)
	}
	for _, s := range rep.Controls {
		for _, a := range s.Accounts {
			if a.AccountID != want[0] && a.AccountID != want[1] {
				t.Errorf("control %s reports account %s, which was not asked for", s.SecurityControlID, a.AccountID)
			}
		}
	}
}

// Security Hub not enabled, a denied GetFindings and throttling through every
// retry are error findings, never a pass; a member account asking for another
// account's findings is told to read from its administrator.
func TestLive_securityHubErrors(t *testing.T) {
	moto := acctest.SharedMoto(t)
	acctest.SetAWSEnv(t)
	if err := moto.Reset(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	eng := hubEngine(t)
	proxy := acctest.NewFaultProxy(moto.Endpoint)
	defer proxy.Close()
	read := func(q liveaws.HubQuery) (engine.Verdict, *liveaws.HubReport) {
		t.Helper()
		c := liveaws.New(liveaws.Config{Endpoints: endpoints(proxy.URL), MaxRetries: 1, MaxBackoff: 20 * time.Millisecond})
		rep, err := c.ReadSecurityHub(ctx, eng, engine.Options{}, q)
		if err != nil {
			t.Fatal(err)
		}
		return eng.JudgeExternal(liveaws.HubResourceType, rep.Results, engine.Options{MinimumSeverity: engine.SeverityCritical}), rep
	}
	expectError := func(name string, v engine.Verdict, control, pattern string) {
		t.Helper()
		if v.Compliant || v.Errored == 0 {
			t.Errorf("%s: compliant=%v errored=%d, want an error finding", name, v.Compliant, v.Errored)
			return
		}
		for _, f := range v.Findings {
			if f.Status == engine.StatusError && f.ControlID == control && strings.Contains(f.Line(), pattern) {
				return
			}
		}
		t.Errorf("%s: no error finding of %s containing %q in %+v", name, control, pattern, v.Findings)
	}

	v, _ := read(liveaws.HubQuery{})
	expectError("not enabled", v, "aws-securityhub-enabled", "Security Hub is not enabled in account 123456789012, Region us-east-1 (DescribeHub answered InvalidAccessException)")

	if err := seedHub(ctx, moto.Endpoint, 150, 3, 1); err != nil {
		t.Fatal(err)
	}
	denied := proxy.Inject(acctest.Fault{Service: "securityhub", Operation: "GetFindings", Status: http.StatusForbidden, Code: "AccessDeniedException"})
	v, _ = read(liveaws.HubQuery{})
	expectError("denied", v, liveaws.HubReaderControlID, "the provider's credentials need the IAM action securityhub:GetFindings")
	if denied.Hits() == 0 {
		t.Errorf("the AccessDenied fault was never hit")
	}
	proxy.Clear()

	// GetFindings throttled through every retry (max_retries 1: two
	// attempts) is an error finding naming the action.
	throttled := proxy.Inject(acctest.Fault{Service: "securityhub", Operation: "GetFindings", Status: http.StatusTooManyRequests, Code: "TooManyRequestsException"})
	v, rep := read(liveaws.HubQuery{})
	expectError("throttled", v, liveaws.HubReaderControlID, "securityhub:GetFindings on account 123456789012, Region us-east-1 was throttled through every retry (TooManyRequestsException)")
	if throttled.Hits() != 2 || rep.FindingsRead != 0 {
		t.Errorf("throttled: %d attempts (want 2: max_retries 1), %d findings read", throttled.Hits(), rep.FindingsRead)
	}
	proxy.Clear()

	// A member account (GetAdministratorAccount names an administrator).
	proxy.Stub("securityhub", "GetAdministratorAccount", acctest.Stub{Status: 200,
		Why:  "moto answers GetAdministratorAccount from AWS Organizations state; the stub makes the caller a member of 999999999999",
		Body: `{"Administrator":{"AccountId":"999999999999","MemberStatus":"ENABLED","InvitationId":"i-1"}}`})
	v, _ = read(liveaws.HubQuery{Accounts: []string{"100000000001"}})
	expectError("member", v, liveaws.HubReaderControlID, "the caller is a Security Hub member of administrator account 999999999999, not an administrator")

	// An account asked for without any finding is an error, not a pass.
	proxy.Stub("securityhub", "GetAdministratorAccount", acctest.Stub{Status: 200, Body: `{}`})
	v, _ = read(liveaws.HubQuery{Accounts: []string{"100000000001", "555555555555"}})
	expectError("absent account", v, liveaws.HubReaderControlID, "account 555555555555 has no active Security Hub control findings")
}

// TestLive_securityHubReadChild is the reading half of BenchmarkSecurityHub,
// run in its own process so its peak RSS is the reader's alone. It skips
// unless BASELINE_HUB_READ_ENDPOINT is set.
func TestLive_securityHubReadChild(t *testing.T) {
	endpoint := os.Getenv("BASELINE_HUB_READ_ENDPOINT")
	if endpoint == "" {
		t.Skip("the reading half of BenchmarkSecurityHub")
	}
	eng := hubEngine(t)
	c := liveaws.New(liveaws.Config{Endpoints: endpoints(endpoint), ReadTimeout: time.Hour})
	start := time.Now()
	rep, err := c.ReadSecurityHub(context.Background(), eng, engine.Options{}, liveaws.HubQuery{})
	if err != nil {
		t.Fatal(err)
	}
	v := eng.JudgeExternal(liveaws.HubResourceType, rep.Results, engine.Options{})
	out, _ := json.Marshal(map[string]any{
		"wall_seconds": time.Since(start).Seconds(), "calls": c.Calls().Total(), "get_findings": rep.Pages,
		"findings": rep.FindingsRead, "controls": len(rep.Controls), "failed": v.Failed, "passed": v.Passed,
		"errored": v.Errored, "peak_rss": peakRSS(),
	})
	fmt.Printf("HUBREAD %s\n", out)
}

// BenchmarkSecurityHub seeds BASELINE_HUB_FINDINGS (default 100,000) control
// findings over BASELINE_HUB_ACCOUNTS (default 1,000) accounts in moto, then
// reads them in a separate process (this test binary) and prints the API
// calls (target ⌈findings/100⌉ + a constant), wall time and peak RSS (target
// under 150 MB). Run it with scripts/bench-securityhub.sh (make bench).
func BenchmarkSecurityHub(b *testing.B) {
	if os.Getenv("BASELINE_SKIP_LIVE") == "1" {
		b.Skip("BASELINE_SKIP_LIVE=1")
	}
	n := envInt("BASELINE_HUB_FINDINGS", 100000)
	accounts := envInt("BASELINE_HUB_ACCOUNTS", 1000)
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
	if err := seedHub(ctx, moto.Endpoint, n, accounts, 2); err != nil {
		b.Fatal(err)
	}
	fmt.Printf("seeded %d Security Hub findings over %d accounts (BatchImportFindings, 100 per call) in %s\n", n, accounts, time.Since(seedStart).Round(time.Second))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestLive_securityHubReadChild$", "-test.count", "1", "-test.v")
		cmd.Env = append(os.Environ(), "BASELINE_HUB_READ_ENDPOINT="+moto.Endpoint)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("reader process: %v\n%s", err, out)
		}
		var r struct {
			Wall        float64 `json:"wall_seconds"`
			Calls       int     `json:"calls"`
			GetFindings int     `json:"get_findings"`
			Findings    int     `json:"findings"`
			Controls    int     `json:"controls"`
			Failed      int     `json:"failed"`
			Passed      int     `json:"passed"`
			Errored     int     `json:"errored"`
			PeakRSS     string  `json:"peak_rss"`
		}
		line := ""
		for _, l := range strings.Split(string(out), "\n") {
			if rest, ok := strings.CutPrefix(l, "HUBREAD "); ok {
				line = rest
			}
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			b.Fatalf("reader output: %v\n%s", err, out)
		}
		pages := (n + liveaws.HubPageSize - 1) / liveaws.HubPageSize
		fmt.Printf("\n== Security Hub: %d findings over %d accounts, one reader process\n", r.Findings, accounts)
		fmt.Printf("API calls: %d (GetFindings %d = ⌈%d/100⌉ = %d, + %d: GetCallerIdentity, DescribeHub)\n", r.Calls, r.GetFindings, n, pages, r.Calls-r.GetFindings)
		fmt.Printf("wall time of the read: %.1fs\n", r.Wall)
		fmt.Printf("peak RSS of the reader process (VmHWM): %s (target < 150 MB)\n", r.PeakRSS)
		fmt.Printf("verdict: %d controls, %d control×account results failed, %d passed, %d errored\n", r.Controls, r.Failed, r.Passed, r.Errored)
		if r.GetFindings != pages || r.Findings != n {
			b.Errorf("read %d findings in %d GetFindings calls; want %d in %d", r.Findings, r.GetFindings, n, pages)
		}
	}
}
