package engine

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// testEngine has four controls on test_bucket that all fail when open is true.
func testEngine(t *testing.T) *Engine {
	t.Helper()
	controls := []Control{
		{ID: "t-critical-customer", Severity: SeverityCritical, Responsibility: Customer, Frameworks: []string{"aws-fsbp:S3.8", "nist-800-53-r5:AC-3"}},
		{ID: "t-high-shared", Severity: SeverityHigh, Responsibility: Shared, Frameworks: []string{"cis-aws-v3.0:2.1.4"}},
		{ID: "t-high-customer", Severity: SeverityHigh, Responsibility: Customer, Frameworks: []string{"cis-aws-v3.0:2.1.1"}},
		{ID: "t-low-customer", Severity: SeverityLow, Responsibility: Customer, Frameworks: []string{"aws-fsbp:S3.9"}},
	}
	reg := NewRegistry()
	fail := func(n subject.Node) Outcome {
		if n.Get("open").Bool(false).V {
			return Fail("open", "open")
		}
		return Pass()
	}
	var checks []Check[subject.Node]
	for _, c := range controls {
		checks = append(checks, Check[subject.Node]{Control: c.ID, Eval: fail})
	}
	Add(reg, "test_bucket", func(n subject.Node) subject.Node { return n }, checks...)
	e, err := New(controls, reg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func mustValue(t *testing.T, x any) subject.Value {
	t.Helper()
	v, err := subject.FromGo(x)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func failedIDs(v Verdict, status Status) []string {
	var out []string
	for _, f := range v.Findings {
		if f.Status == status {
			out = append(out, f.ControlID)
		}
	}
	return out
}

func TestEngine_baselineSelection(t *testing.T) {
	e := testEngine(t)
	open := mustValue(t, map[string]any{"open": true})
	cases := []struct {
		baseline string
		minimum  Severity
		want     []string
	}{
		{"", "", []string{"t-critical-customer", "t-high-customer", "t-high-shared", "t-low-customer"}},
		{"strict", "", []string{"t-critical-customer", "t-high-customer", "t-high-shared", "t-low-customer"}},
		{"foundational", "", []string{"t-critical-customer", "t-high-customer"}},
		{"foundational", SeverityCritical, []string{"t-critical-customer"}},
		{"aws-fsbp", "", []string{"t-critical-customer", "t-low-customer"}},
		{"cis-aws-v3.0", "", []string{"t-high-customer", "t-high-shared"}},
		{"strict", SeverityHigh, []string{"t-critical-customer", "t-high-customer", "t-high-shared"}},
	}
	for _, c := range cases {
		opts := Options{Baseline: c.baseline, MinimumSeverity: c.minimum}
		if err := e.ValidateOptions(opts); err != nil {
			t.Fatalf("%s: %v", c.baseline, err)
		}
		v, err := e.Evaluate("test_bucket", open, opts)
		if err != nil {
			t.Fatal(err)
		}
		got := failedIDs(v, StatusFail)
		sort.Strings(got)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("baseline %q minimum %q: got %v, want %v", c.baseline, c.minimum, got, c.want)
		}
	}
}

func TestEngine_baselines(t *testing.T) {
	e := testEngine(t)
	want := []string{"foundational", "strict", "aws-fsbp", "cis-aws-v3.0", "nist-800-53-r5"}
	if got := e.Baselines(); !reflect.DeepEqual(got, want) {
		t.Errorf("Baselines() = %v, want %v", got, want)
	}
	err := e.ValidateOptions(Options{Baseline: "cis-azure-v9"})
	if err == nil || !strings.Contains(err.Error(), `unknown baseline "cis-azure-v9"`) {
		t.Errorf("unknown baseline: got %v", err)
	}
}

var day = time.Date(2030, 6, 15, 13, 0, 0, 0, time.UTC)

func mustWaiver(t *testing.T, id, expires string, match map[string]string) Waiver {
	t.Helper()
	w, err := NewWaiver(id, "accepted risk", "team-storage", expires, match, day)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWaiver_expiryIsInclusiveAtDayGranularity(t *testing.T) {
	for expires, expired := range map[string]bool{"2030-06-14": true, "2030-06-15": false, "2030-06-16": false} {
		if w := mustWaiver(t, "t-low-customer", expires, nil); w.Expired != expired {
			t.Errorf("expires %s judged on %s: Expired = %v, want %v", expires, day.Format(time.DateOnly), w.Expired, expired)
		}
	}
}

func TestWaiver_invalid(t *testing.T) {
	cases := map[string]struct {
		id, reason, owner, expires string
		match                      map[string]string
		want                       string
	}{
		"no reason":    {"a-b", " ", "o", "2030-01-01", nil, "needs a reason"},
		"no owner":     {"a-b", "r", "", "2030-01-01", nil, "needs an owner"},
		"bad date":     {"a-b", "r", "o", "01/02/2030", nil, "not a date in YYYY-MM-DD form"},
		"bad glob":     {"a-b", "r", "o", "2030-01-01", map[string]string{"tags.Name": "web-[a"}, "malformed"},
		"bad path":     {"a-b", "r", "o", "2030-01-01", map[string]string{"tags..Name": "x"}, "empty name"},
		"bad bracket":  {"a-b", "r", "o", "2030-01-01", map[string]string{"tags[x]": "x"}, "neither a quoted key"},
		"no control":   {"", "r", "o", "2030-01-01", nil, "control_id must be set"},
		"trailing dot": {"a-b", "r", "o", "2030-01-01", map[string]string{"tags.": "x"}, "empty name"},
	}
	for name, c := range cases {
		_, err := NewWaiver(c.id, c.reason, c.owner, c.expires, c.match, day)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want error containing %q", name, err, c.want)
		}
	}
}

func TestWaiver_matchByTagAndNameGlob(t *testing.T) {
	e := testEngine(t)
	values := func(name, env string) subject.Value {
		return mustValue(t, map[string]any{
			"open":   true,
			"bucket": name,
			"tags":   map[string]any{"Environment": env, "kubernetes.io/cluster": "blue"},
			"rules":  []any{map[string]any{"description": "legacy partner feed"}},
		})
	}
	cases := []struct {
		name  string
		match map[string]string
		value subject.Value
		want  bool
	}{
		{"no match map waives everything", nil, values("logs", "prod"), true},
		{"name glob matches", map[string]string{"bucket": "public-assets-*"}, values("public-assets-eu/west", "prod"), true},
		{"name glob does not match", map[string]string{"bucket": "public-assets-*"}, values("private-data", "prod"), false},
		{"tag matches", map[string]string{"tags.Environment": "dev"}, values("x", "dev"), true},
		{"tag differs", map[string]string{"tags.Environment": "dev"}, values("x", "prod"), false},
		{"all entries must match", map[string]string{"tags.Environment": "dev", "bucket": "y*"}, values("x", "dev"), false},
		{"quoted key with dots", map[string]string{`tags["kubernetes.io/cluster"]`: "bl?e"}, values("x", "dev"), true},
		{"list index", map[string]string{"rules[0].description": "legacy *"}, values("x", "dev"), true},
		{"character class", map[string]string{"tags.Environment": "[!p]*"}, values("x", "dev"), true},
		{"missing attribute", map[string]string{"tags.Owner": "*"}, values("x", "dev"), false},
		{"object is not a string", map[string]string{"tags": "*"}, values("x", "dev"), false},
		{"unknown never matches", map[string]string{"bucket": "*"}, subject.Object(map[string]subject.Value{"open": subject.Bool(true), "bucket": subject.UnknownValue()}), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := mustWaiver(t, "t-critical-customer", "2030-12-31", c.match)
			v, err := e.Evaluate("test_bucket", c.value, Options{Waivers: Waivers{w}})
			if err != nil {
				t.Fatal(err)
			}
			waived := failedIDs(v, StatusWaived)
			if got := len(waived) == 1 && waived[0] == "t-critical-customer"; got != c.want {
				t.Fatalf("waived = %v, want waived: %v", waived, c.want)
			}
			if c.want && (v.Waived != 1 || v.Failed != 3) {
				t.Errorf("counts: waived %d failed %d", v.Waived, v.Failed)
			}
		})
	}
}

func TestWaiver_verdict(t *testing.T) {
	e := testEngine(t)
	open := mustValue(t, map[string]any{"open": true, "bucket": "b"})
	opts := Options{Controls: []string{"t-critical-customer"}}

	opts.Waivers = Waivers{mustWaiver(t, "t-critical-customer", "2030-06-15", nil)}
	v, _ := e.Evaluate("test_bucket", open, opts)
	if !v.Compliant || v.Waived != 1 || v.Failed != 0 || v.Findings[0].Status != StatusWaived || v.Findings[0].Waiver == nil {
		t.Errorf("active waiver: %+v", v)
	}
	if lines := v.Violations(UnknownFail); len(lines) != 0 {
		t.Errorf("a waived finding is no violation: %v", lines)
	}

	opts.Waivers = Waivers{mustWaiver(t, "t-critical-customer", "2030-06-14", nil)}
	v, _ = e.Evaluate("test_bucket", open, opts)
	f := v.Findings[0]
	if v.Compliant || v.Failed != 1 || f.Status != StatusFail || f.Waiver == nil || f.Waiver.Active() || f.Waiver.Expires != "2030-06-14" {
		t.Errorf("expired waiver: %+v %+v", v, f.Waiver)
	}

	// An active waiver later in the list wins over an expired one.
	opts.Waivers = Waivers{mustWaiver(t, "t-critical-customer", "2030-06-14", nil), mustWaiver(t, "t-critical-customer", "2031-01-01", nil)}
	v, _ = e.Evaluate("test_bucket", open, opts)
	if !v.Compliant || v.Findings[0].Waiver.Expires != "2031-01-01" {
		t.Errorf("active after expired: %+v", v.Findings[0].Waiver)
	}

	if err := e.ValidateOptions(Options{Waivers: Waivers{mustWaiver(t, "nope-nope", "2031-01-01", nil)}}); err == nil || !strings.Contains(err.Error(), `unknown control id "nope-nope"`) {
		t.Errorf("unknown control: %v", err)
	}
}

func TestParseDay(t *testing.T) {
	for in, want := range map[string]string{"2030-06-15": "2030-06-15", "2030-06-15T23:30:00-02:00": "2030-06-16", "2030-06-15T10:00:00Z": "2030-06-15"} {
		d, err := ParseDay(in)
		if err != nil || d.Format(time.DateOnly) != want {
			t.Errorf("ParseDay(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	if _, err := ParseDay("tomorrow"); err == nil {
		t.Error("ParseDay(tomorrow) should fail")
	}
}
