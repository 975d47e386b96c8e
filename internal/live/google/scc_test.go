package livegoogle_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/securitycenter/apiv2/securitycenterpb"
	"google.golang.org/grpc/codes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/cloudemu"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	livegoogle "github.com/cloudbaseline/terraform-provider-baseline/internal/live/google"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/posture"
)

// The test CA must be trusted (SSL_CERT_FILE) before the first TLS
// connection of the process.
var ca = cloudemu.MustTrustSharedCA()

const org = "123456789012"

func bucket(p, b string) string { return "//storage.googleapis.com/projects/" + p + "/buckets/" + b }

func seed() cloudemu.FindingSeed {
	f := cloudemu.Finding
	muted := f(org, "acme-dev", "PUBLIC_BUCKET_ACL", "HIGH", bucket("acme-dev", "muted"), "google.cloud.storage.Bucket")
	muted.Finding.Mute = securitycenterpb.Finding_MUTED
	inactive := f(org, "acme-dev", "PUBLIC_BUCKET_ACL", "HIGH", bucket("acme-dev", "fixed"), "google.cloud.storage.Bucket")
	inactive.Finding.State = securitycenterpb.Finding_INACTIVE
	threat := f(org, "acme-dev", "Persistence: IAM Anomalous Grant", "HIGH", "//cloudresourcemanager.googleapis.com/projects/acme-dev", "google.cloud.resourcemanager.Project")
	threat.Finding.FindingClass = securitycenterpb.Finding_THREAT
	return cloudemu.FindingSeed{
		f(org, "acme-prod", "PUBLIC_BUCKET_ACL", "HIGH", bucket("acme-prod", "exports"), "google.cloud.storage.Bucket"),
		f(org, "acme-prod", "OPEN_SSH_PORT", "HIGH", "//compute.googleapis.com/projects/acme-prod/global/firewalls/allow-ssh", "google.compute.Firewall"),
		f(org, "acme-staging", "PUBLIC_BUCKET_ACL", "HIGH", bucket("acme-staging", "legacy"), "google.cloud.storage.Bucket"),
		f(org, "acme-staging", "WEB_UI_ENABLED", "MEDIUM", "//container.googleapis.com/projects/acme-staging/zones/us-central1-a/clusters/c1", "google.container.Cluster"),
		muted, inactive, threat,
	}
}

// start runs the emulated SecurityCenter gRPC service (TLS, test CA).
func start(t testing.TB, data cloudemu.Findings) (*cloudemu.SCC, livegoogle.Config) {
	t.Helper()
	s, err := cloudemu.NewSCC(ca, data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, livegoogle.Config{Endpoint: s.Addr, AccessToken: s.Token, MaxRetries: 1, RetryDelay: 10 * time.Millisecond}
}

func engineT(t testing.TB) *engine.Engine {
	t.Helper()
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// onlyListFindings: the read calls ListFindings and nothing else (no
// mutation, no other read).
func onlyListFindings(t *testing.T, s *cloudemu.SCC) {
	t.Helper()
	for _, m := range s.Methods() {
		if m != "/google.cloud.securitycenter.v2.SecurityCenter/ListFindings" {
			t.Errorf("unexpected call %s", m)
		}
	}
}

// Emulated: ListFindings over the organisation's sources/- with TLS and a
// bearer token; findings of three projects, muted, inactive and threat
// findings that the reader must drop itself.
func TestRead_categoriesAndProjects(t *testing.T) {
	s, cfg := start(t, seed())
	eng := engineT(t)
	rep, err := livegoogle.Read(context.Background(), cfg, eng, engine.Options{}, livegoogle.Query{Parent: "organizations/" + org})
	if err != nil {
		t.Fatal(err)
	}
	onlyListFindings(t, s)
	reqs := s.Requests()
	if len(reqs) != 1 || reqs[0].GetParent() != "organizations/"+org+"/sources/-" || reqs[0].GetPageSize() != livegoogle.PageSize || reqs[0].GetFilter() != livegoogle.Filter {
		t.Fatalf("requests %v", reqs)
	}
	if rep.Pages != 1 || rep.Calls != 1 || rep.FindingsRead != 4 {
		t.Errorf("pages %d calls %d read %d; want 1, 1, 4", rep.Pages, rep.Calls, rep.FindingsRead)
	}
	by := map[string]posture.Summary{}
	for _, c := range rep.Controls {
		by[c.Key] = c
	}
	pub := by["PUBLIC_BUCKET_ACL"]
	if pub.ControlID != "google-storage-bucket-iam-not-public" || !pub.InCatalog || pub.Unhealthy != 2 || len(pub.Scopes) != 2 {
		t.Errorf("PUBLIC_BUCKET_ACL: %+v", pub)
	}
	web := by["WEB_UI_ENABLED"]
	if web.ControlID != "WEB_UI_ENABLED" || web.InCatalog || web.Severity != engine.SeverityMedium {
		t.Errorf("WEB_UI_ENABLED (outside the catalog): %+v", web)
	}
	v := eng.JudgeExternal(livegoogle.ResourceType, rep.Results, engine.Options{})
	if v.Failed != 4 || v.Compliant {
		t.Errorf("failed %d (want 4: two projects of PUBLIC_BUCKET_ACL, OPEN_SSH_PORT, WEB_UI_ENABLED)", v.Failed)
	}
}

// Emulated: 2,500 findings of 25 projects in pages of 1000: three calls, a
// constant of none; a category waiver by project glob.
func TestRead_pagingCallsAndWaiver(t *testing.T) {
	var data cloudemu.FindingSeed
	for i := 0; i < 2500; i++ {
		p := "proj-" + string(rune('a'+i%25)) + "-000"
		data = append(data, cloudemu.Finding(org, p, "OPEN_SSH_PORT", "HIGH", "//compute.googleapis.com/projects/"+p+"/global/firewalls/fw"+string(rune('a'+i%26)), "google.compute.Firewall"))
	}
	s, cfg := start(t, data)
	eng := engineT(t)
	w, err := engine.NewWaiver("OPEN_SSH_PORT", "bastion projects", "sec", "2099-01-01", map[string]string{"project": "proj-*"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	opts := engine.Options{Waivers: engine.Waivers{w}}
	rep, err := livegoogle.Read(context.Background(), cfg, eng, opts, livegoogle.Query{Parent: "folders/42"})
	if err != nil {
		t.Fatal(err)
	}
	onlyListFindings(t, s)
	if rep.Pages != 3 || rep.Calls != 3 || rep.FindingsRead != 2500 {
		t.Errorf("pages %d calls %d read %d; want 3, 3, 2500", rep.Pages, rep.Calls, rep.FindingsRead)
	}
	v := eng.JudgeExternal(livegoogle.ResourceType, rep.Results, opts)
	if v.Failed != 0 || v.Waived != 25 || !v.Compliant {
		t.Errorf("failed %d waived %d; want 0 and 25 (one per project)", v.Failed, v.Waived)
	}
}

// Emulated faults through the gRPC server: each is an error finding naming
// its cause, never a pass.
func TestRead_faults(t *testing.T) {
	cases := []struct {
		name  string
		fault cloudemu.GRPCFault
		want  string
	}{
		{"denied", cloudemu.GRPCFault{Code: codes.PermissionDenied, Message: "The caller does not have permission"}, "roles/securitycenter.findingsViewer (permission securitycenter.findings.list)"},
		{"api disabled", cloudemu.GRPCFault{Code: codes.PermissionDenied, Message: "Security Command Center API has not been used in project 1 before or it is disabled.", Reason: "SERVICE_DISABLED"}, "API (securitycenter.googleapis.com) is not enabled"},
		{"not activated", cloudemu.GRPCFault{Code: codes.FailedPrecondition, Message: "Security Command Center is not activated for this organization."}, "not activated"},
		{"throttled", cloudemu.GRPCFault{Code: codes.ResourceExhausted, Message: "Quota exceeded", RetryDelay: 20 * time.Millisecond}, "throttled (RESOURCE_EXHAUSTED, retry delay asked: 20ms) through 1 retries"},
		{"unavailable", cloudemu.GRPCFault{Code: codes.Unavailable, Message: "backend unavailable"}, "server error (Unavailable) through 1 retries"},
		{"malformed", cloudemu.GRPCFault{RepeatToken: true}, "malformed (the next page token repeats"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, cfg := start(t, seed())
			f := s.Inject(tc.fault)
			eng := engineT(t)
			rep, err := livegoogle.Read(context.Background(), cfg, eng, engine.Options{}, livegoogle.Query{Parent: "projects/acme-prod"})
			if err != nil {
				t.Fatal(err)
			}
			onlyListFindings(t, s)
			v := eng.JudgeExternal(livegoogle.ResourceType, rep.Results, engine.Options{})
			var msgs []string
			for _, fd := range v.Findings {
				if fd.Status == engine.StatusError {
					msgs = append(msgs, fd.Message)
				}
			}
			if len(msgs) == 0 || !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
				t.Errorf("error findings %q do not name %q", msgs, tc.want)
			}
			if v.Compliant {
				t.Error("a failed read is compliant")
			}
			if tc.fault.Code == codes.ResourceExhausted && f.Hits() != 2 {
				t.Errorf("throttled call tried %d times, want 2 (one retry)", f.Hits())
			}
		})
	}
}

// Emulated: a wrong token is UNAUTHENTICATED, an error finding.
func TestRead_badToken(t *testing.T) {
	_, cfg := start(t, seed())
	cfg.AccessToken = "wrong"
	eng := engineT(t)
	rep, err := livegoogle.Read(context.Background(), cfg, eng, engine.Options{}, livegoogle.Query{Parent: "projects/acme-prod"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) == 0 || !strings.Contains(rep.Results[0].Outcome.Message, "UNAUTHENTICATED") {
		t.Errorf("results %+v", rep.Results)
	}
}

func TestIsParentAndCategory(t *testing.T) {
	for _, p := range []string{"organizations/123", "folders/9", "projects/acme-prod", "projects/123456"} {
		if !livegoogle.IsParent(p) {
			t.Errorf("%s rejected", p)
		}
	}
	for _, p := range []string{"", "organizations/abc", "projects/", "buckets/x", "projects/UPPER"} {
		if livegoogle.IsParent(p) {
			t.Errorf("%s accepted", p)
		}
	}
	if !livegoogle.IsCategory("PUBLIC_BUCKET_ACL") || livegoogle.IsCategory("public") {
		t.Error("IsCategory")
	}
}
