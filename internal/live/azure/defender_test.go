package liveazure_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/cloudemu"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	liveazure "github.com/cloudbaseline/terraform-provider-baseline/internal/live/azure"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/posture"
)

// The test CA must be trusted (SSL_CERT_FILE) before the first TLS
// connection of the process.
var ca = cloudemu.MustTrustSharedCA()

const (
	subProd = "11111111-1111-1111-1111-111111111111"
	subDev  = "22222222-2222-2222-2222-222222222222"
	// Defender assessment keys (names of assessmentMetadata entries).
	keyHTTPS  = "1c5de8e1-f68d-6a17-e0d2-ec259c42768c" // joined: Secure transfer (404c3081…)
	keyJIT    = "805651bc-6ecd-4c73-9b55-97a19d0582d4" // outside the catalog
	keyPublic = "51fd8bb1-0db4-bbf1-7e2b-cfcba7eb66a6" // joined: anonymous blob access (4fa4b6c0…)
)

var metadata = []cloudemu.Metadata{
	{Key: keyHTTPS, DisplayName: "Secure transfer to storage accounts should be enabled", Severity: "High", PolicyDefinitionGUID: "404c3081-a854-4457-ae30-26a93ef643f9"},
	{Key: keyJIT, DisplayName: "Management ports of virtual machines should be protected with just-in-time network access control", Severity: "High", PolicyDefinitionGUID: "b0f33259-77d7-4c9e-aac6-3aabcfae693c"},
	{Key: keyPublic, DisplayName: "Storage account public access should be disallowed", Severity: "Medium", PolicyDefinitionGUID: "4fa4b6c0-31ca-4c0d-b10d-24b96f62a751"},
}

func sa(sub, name string) string {
	return "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/" + name
}

func seed() cloudemu.Seed {
	vm := "/subscriptions/" + subProd + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/jump"
	return cloudemu.Seed{
		subProd: {
			{Key: keyHTTPS, ResourceID: sa(subProd, "prodlogs"), Status: "Unhealthy"},
			{Key: keyHTTPS, ResourceID: sa(subProd, "prodweb"), Status: "Healthy"},
			{Key: keyPublic, ResourceID: sa(subProd, "prodweb"), Status: "Healthy"},
			{Key: keyJIT, ResourceID: vm, Status: "Unhealthy"},
		},
		subDev: {
			{Key: keyHTTPS, ResourceID: sa(subDev, "devdata"), Status: "Healthy"},
			{Key: keyPublic, ResourceID: sa(subDev, "devdata"), Status: "NotApplicable"},
		},
	}
}

// start runs the emulated Entra ID + Resource Manager (HTTPS, test CA) and
// sets the environment of azidentity's EnvironmentCredential.
func start(t *testing.T, pageSize int) (*cloudemu.Defender, liveazure.Config) {
	t.Helper()
	d := cloudemu.NewDefender(ca, metadata, []string{subProd, subDev}, seed())
	d.PageSize = pageSize
	t.Cleanup(d.Close)
	for k, v := range d.Env() {
		t.Setenv(k, v)
	}
	return d, liveazure.Config{ResourceManagerEndpoint: d.URL, AuthorityHost: d.URL, MaxRetries: 1, RetryDelay: 10 * time.Millisecond}
}

func engineT(t testing.TB) *engine.Engine {
	t.Helper()
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func readOnly(t *testing.T, d *cloudemu.Defender, rep *liveazure.Report) {
	t.Helper()
	if rep.NonRead != 0 {
		t.Errorf("%d requests were not GET", rep.NonRead)
	}
	for _, r := range d.Requests() {
		if r.Method != http.MethodGet && !strings.HasSuffix(r.Path, "/oauth2/v2.0/token") {
			t.Errorf("write request %s %s", r.Method, r.Path)
		}
	}
}

// Emulated: Entra ID token acquisition (client secret), assessmentMetadata
// and assessments of two subscriptions, paged 2 values a page.
func TestRead_joinsAndPages(t *testing.T) {
	d, cfg := start(t, 2)
	eng := engineT(t)
	rep, err := liveazure.Read(context.Background(), cfg, eng, engine.Options{}, liveazure.Query{Subscriptions: []string{subProd, subDev}})
	if err != nil {
		t.Fatal(err)
	}
	readOnly(t, d, rep)
	// metadata: 3 values → 2 pages; prod: 4 → 2 pages; dev: 2 → 1 page.
	if rep.MetadataPages != 2 || rep.Pages != 3 || rep.Calls != 5 {
		t.Errorf("metadata pages %d, pages %d, calls %d; want 2, 3, 5", rep.MetadataPages, rep.Pages, rep.Calls)
	}
	if rep.AssessmentsRead != 6 {
		t.Errorf("read %d assessments, want 6", rep.AssessmentsRead)
	}
	byKey := map[string]posture.Summary{}
	for _, c := range rep.Controls {
		byKey[c.Key] = c
	}
	https := byKey[keyHTTPS]
	if https.ControlID != "azure-storage-https-only" || !https.InCatalog || https.Unhealthy != 1 || https.Healthy != 2 || https.Status != engine.StatusFail {
		t.Errorf("secure transfer: %+v", https)
	}
	if len(https.FailingResources) != 1 || https.FailingResources[0] != sa(subProd, "prodlogs") {
		t.Errorf("failing resources %v", https.FailingResources)
	}
	jit := byKey[keyJIT]
	if jit.ControlID != keyJIT || jit.InCatalog || jit.Severity != engine.SeverityHigh || jit.Status != engine.StatusFail {
		t.Errorf("JIT (outside the catalog): %+v", jit)
	}
	if pub := byKey[keyPublic]; pub.Status != engine.StatusPass || pub.NotApplicable != 1 || pub.Healthy != 1 {
		t.Errorf("public access: %+v", pub)
	}
	v := eng.JudgeExternal(liveazure.ResourceType, rep.Results, engine.Options{})
	ids := map[string]bool{}
	for _, f := range v.Findings {
		ids[f.ControlID] = true
		if f.ControlID == keyJIT && !strings.Contains(strings.Join(f.Frameworks, ","), "azure-defender:"+keyJIT) {
			t.Errorf("outside-catalog finding lacks its key: %v", f.Frameworks)
		}
	}
	if !ids["azure-storage-https-only"] || !ids[keyJIT] || v.Failed != 2 {
		t.Errorf("findings %v (failed %d)", ids, v.Failed)
	}
}

// Emulated: the same through a management group scope; one waiver by
// subscription glob on the catalog control.
func TestRead_managementGroupAndWaiver(t *testing.T) {
	d, cfg := start(t, 100)
	d.ManagementGroup("contoso", subProd, subDev)
	eng := engineT(t)
	opts := engine.Options{}
	w, err := engine.NewWaiver("azure-storage-https-only", "legacy log archive, retired in Q1", "platform", "2099-01-01",
		map[string]string{"subscription_id": subProd, "resource": "*/prodlogs"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	opts.Waivers = engine.Waivers{w}
	rep, err := liveazure.Read(context.Background(), cfg, eng, opts, liveazure.Query{ManagementGroup: "contoso"})
	if err != nil {
		t.Fatal(err)
	}
	readOnly(t, d, rep)
	v := eng.JudgeExternal(liveazure.ResourceType, rep.Results, opts)
	for _, f := range v.Findings {
		if f.ControlID == "azure-storage-https-only" && f.Status != engine.StatusWaived {
			t.Errorf("waived recommendation has status %s: %s", f.Status, f.Message)
		}
	}
	if v.Waived != 1 || v.Failed != 1 {
		t.Errorf("waived %d failed %d; want 1 and 1 (JIT)", v.Waived, v.Failed)
	}
}

// Emulated faults through the server: each is an error finding naming its
// cause, never a pass; no write request is made (no RP registration).
func TestRead_faults(t *testing.T) {
	cases := []struct {
		name  string
		fault cloudemu.Fault
		want  string
	}{
		{"denied", cloudemu.Fault{PathContains: subProd, Status: 403, Code: "AuthorizationFailed"}, "Security Reader role (permission Microsoft.Security/assessments/read)"},
		{"not registered", cloudemu.Fault{PathContains: subProd, Status: 409, Code: "MissingSubscriptionRegistration"}, "Defender for Cloud is not enabled"},
		{"throttled", cloudemu.Fault{PathContains: subProd, Status: 429, Code: "TooManyRequests", RetryAfter: "1"}, "HTTP 429 TooManyRequests, Retry-After: 1) through 1 retries"},
		{"server error", cloudemu.Fault{PathContains: subProd, Status: 503, Code: "ServiceUnavailable"}, "server error (HTTP 503"},
		{"malformed", cloudemu.Fault{PathContains: subProd, Malformed: true}, "malformed"},
		{"metadata denied", cloudemu.Fault{PathContains: "assessmentMetadata", Status: 403, Code: "AuthorizationFailed"}, "Microsoft.Security/assessmentMetadata/read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, cfg := start(t, 100)
			d.Inject(tc.fault)
			eng := engineT(t)
			rep, err := liveazure.Read(context.Background(), cfg, eng, engine.Options{}, liveazure.Query{Subscriptions: []string{subProd, subDev}})
			if err != nil {
				t.Fatal(err)
			}
			readOnly(t, d, rep)
			v := eng.JudgeExternal(liveazure.ResourceType, rep.Results, engine.Options{})
			var msgs []string
			for _, f := range v.Findings {
				if f.Status == engine.StatusError {
					msgs = append(msgs, f.Message)
				}
			}
			if len(msgs) == 0 || !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
				t.Errorf("error findings %q do not name %q", msgs, tc.want)
			}
			if v.Compliant {
				t.Error("a failed read is compliant")
			}
		})
	}
}

// Emulated: a subscription with no assessment (Defender for Cloud off) and
// a wrong client secret (token acquisition fails).
func TestRead_emptyAndBadCredential(t *testing.T) {
	d, cfg := start(t, 100)
	eng := engineT(t)
	empty := "33333333-3333-3333-3333-333333333333"
	d2 := cloudemu.NewDefender(ca, metadata, []string{empty}, cloudemu.Seed{})
	defer d2.Close()
	cfg2 := cfg
	cfg2.ResourceManagerEndpoint, cfg2.AuthorityHost = d2.URL, d2.URL
	rep, err := liveazure.Read(context.Background(), cfg2, eng, engine.Options{}, liveazure.Query{Subscriptions: []string{empty}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].Outcome.Status != engine.StatusError || !strings.Contains(rep.Results[0].Outcome.Message, "no assessment") {
		t.Errorf("empty subscription: %+v", rep.Results)
	}
	t.Setenv("AZURE_CLIENT_SECRET", "wrong")
	rep, err = liveazure.Read(context.Background(), cfg, eng, engine.Options{}, liveazure.Query{Subscriptions: []string{subProd}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) == 0 || rep.Results[0].Outcome.Status != engine.StatusError || rep.Calls != 0 {
		t.Errorf("bad credential: calls %d, results %+v", rep.Calls, rep.Results)
	}
	_ = d
}

func TestCloudConfig(t *testing.T) {
	if _, err := liveazure.CloudConfig(liveazure.Config{Cloud: "AzureChina"}); err != nil {
		t.Error(err)
	}
	if _, err := liveazure.CloudConfig(liveazure.Config{Cloud: "Mars"}); err == nil {
		t.Error("unknown cloud accepted")
	}
}
