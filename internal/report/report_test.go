package report_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/report"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/report/reporttest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// verdictObject builds the object that evaluate and baseline_check return.
func verdictObject(v engine.Verdict) map[string]any {
	findings := []any{}
	for _, f := range v.Findings {
		fw := []any{}
		for _, x := range f.Frameworks {
			fw = append(fw, x)
		}
		obj := map[string]any{
			"control_id": f.ControlID, "title": f.Title, "severity": string(f.Severity), "status": string(f.Status),
			"resource_type": f.ResourceType, "attribute": f.Attribute, "message": f.Message, "remediation": f.Remediation,
			"responsibility": string(f.Responsibility), "service_model": f.ServiceModel, "frameworks": fw,
			"waiver_reason": nil, "waiver_owner": nil, "waiver_expires": nil,
		}
		if f.Waiver != nil {
			obj["waiver_reason"], obj["waiver_owner"], obj["waiver_expires"] = f.Waiver.Reason, f.Waiver.Owner, f.Waiver.Expires
		}
		findings = append(findings, obj)
	}
	return map[string]any{
		"resource_type": v.ResourceType, "compliant": v.Compliant, "findings": findings, "violations": []any{},
		"passed": v.Passed, "failed": v.Failed, "unknown": v.Unknown, "waived": v.Waived, "errored": v.Errored,
	}
}

// sampleInput judges three subjects: an open security group with one waived
// and one expired waiver, a compliant one, and one with an unknown CIDR.
func sampleInput(t *testing.T) (report.Input, func(string) *engine.Control) {
	t.Helper()
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	lookup := func(id string) *engine.Control { c, _ := eng.Control(id); return c }
	today := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	active, err := engine.NewWaiver("aws-ec2-sg-no-world-ssh", "bastion until migration to SSM", "team-platform", "2030-03-31", map[string]string{"name": "bastion-*"}, today)
	if err != nil {
		t.Fatal(err)
	}
	expired, _ := engine.NewWaiver("aws-ec2-sg-no-ipv4-admin-ports", "old exception", "team-platform", "2029-12-31", nil, today)
	open, _ := subject.FromGo(map[string]any{"name": "bastion-eu", "ingress": []any{map[string]any{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": []any{"0.0.0.0/0"}}}})
	closed, _ := subject.FromGo(map[string]any{"name": "private", "ingress": []any{map[string]any{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": []any{"10.0.0.0/8"}}}})
	undecided := subject.Object(map[string]subject.Value{"ingress": subject.List(subject.Object(map[string]subject.Value{
		"protocol": subject.String("tcp"), "from_port": subject.Int(22), "to_port": subject.Int(22), "cidr_blocks": subject.List(subject.UnknownValue()),
	}))})
	var objs []any
	for i, val := range []subject.Value{open, closed, undecided} {
		v, err := eng.Evaluate("aws_security_group", val, engine.Options{Waivers: engine.Waivers{active, expired}})
		if err != nil {
			t.Fatal(err)
		}
		obj := verdictObject(v)
		obj["name"] = []string{"aws_security_group.bastion", "aws_security_group.private", "module.app.aws_security_group.web"}[i]
		objs = append(objs, obj)
	}
	raw, err := subject.FromGo(objs)
	if err != nil {
		t.Fatal(err)
	}
	verdicts, err := report.Decode(raw, lookup)
	if err != nil {
		t.Fatal(err)
	}
	return report.Input{Verdicts: verdicts, SourceFile: "main.tf", ToolVersion: "1.2.3"}, lookup
}

func TestDecode(t *testing.T) {
	in, _ := sampleInput(t)
	if len(in.Verdicts) != 3 {
		t.Fatalf("%d verdicts", len(in.Verdicts))
	}
	open := in.Verdicts[0]
	if open.Name != "aws_security_group.bastion" || open.Compliant || open.Waived != 1 || open.Failed == 0 {
		t.Errorf("open verdict: %+v", open)
	}
	statuses := map[string]engine.Status{}
	for _, f := range open.Findings {
		statuses[f.ControlID] = f.Status
		if f.ControlID == "aws-ec2-sg-no-ipv4-admin-ports" && (f.Waiver == nil || f.Waiver.Active()) {
			t.Errorf("expired waiver lost: %+v", f.Waiver)
		}
	}
	if statuses["aws-ec2-sg-no-world-ssh"] != engine.StatusWaived || statuses["aws-ec2-sg-no-ipv4-admin-ports"] != engine.StatusFail {
		t.Errorf("statuses: %v", statuses)
	}
	if !in.Verdicts[1].Compliant || in.Verdicts[2].Compliant || in.Verdicts[2].Unknown == 0 {
		t.Errorf("compliance: %+v %+v", in.Verdicts[1], in.Verdicts[2])
	}
	if in.Totals().Compliant {
		t.Error("totals compliant")
	}
}

func TestDecode_shapes(t *testing.T) {
	mk := func(x any) subject.Value {
		v, err := subject.FromGo(x)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	finding := map[string]any{"control_id": "aws-ec2-sg-no-world-ssh", "status": "fail"}
	// A map of verdicts is named by key; missing metadata comes from the catalog.
	vs, err := report.Decode(mk(map[string]any{"web": map[string]any{"findings": []any{finding}}}), func(id string) *engine.Control {
		return &engine.Control{ID: id, Title: "SSH", Severity: engine.SeverityHigh, Frameworks: []string{"aws-fsbp:EC2.13"}}
	})
	if err != nil || len(vs) != 1 || vs[0].Name != "web" || vs[0].Failed != 1 || vs[0].Compliant || vs[0].Findings[0].Title != "SSH" {
		t.Fatalf("map: %+v %v", vs, err)
	}
	cases := map[string]struct {
		in   any
		want string
	}{
		"not an object":   {[]any{"x"}, "[0]: expected a verdict object"},
		"no findings":     {[]any{map[string]any{"compliant": true}}, "needs findings"},
		"no control id":   {[]any{map[string]any{"findings": []any{map[string]any{"status": "fail"}}}}, "[0].findings[0].control_id must be set"},
		"bad status":      {[]any{map[string]any{"findings": []any{map[string]any{"control_id": "x", "status": "meh"}}}}, `status "meh"`},
		"findings string": {[]any{map[string]any{"findings": "none"}}, "findings: expected a list"},
	}
	for name, c := range cases {
		_, err := report.Decode(mk(c.in), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", name, err, c.want)
		}
	}
}

// TestSARIF_validAgainstSchema validates the SARIF output against the SARIF
// 2.1.0 JSON schema vendored in testdata (see testdata/README.md).
func TestSARIF_validAgainstSchema(t *testing.T) {
	in, lookup := sampleInput(t)
	out, err := report.Render("sarif", in, lookup)
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, out)

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Text, Markdown string
						} `json:"help"`
						Properties struct {
							Tags []string `json:"tags"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation map[string]any `json:"physicalLocation"`
					LogicalLocations []struct {
						Name, FullyQualifiedName, Kind string
					} `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rules := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		if _, dup := rules[r.ID]; dup {
			t.Errorf("rule %s twice", r.ID)
		}
		rules[r.ID] = i
		if !strings.Contains(r.Help.Markdown, "Remediation") || !strings.Contains(r.Help.Text, "Frameworks:") {
			t.Errorf("rule %s help lacks remediation or frameworks: %q", r.ID, r.Help.Text)
		}
	}
	if _, ok := rules["aws-ec2-sg-no-world-ssh"]; !ok {
		t.Error("the waived control still has a rule")
	}
	want := 0
	for _, v := range in.Verdicts {
		want += v.Failed + v.Unknown + v.Errored
	}
	if len(run.Results) != want {
		t.Errorf("%d results, want one per failed, unknown or errored finding (%d)", len(run.Results), want)
	}
	for _, r := range run.Results {
		if r.RuleID == "aws-ec2-sg-no-world-ssh" && r.Level == "" {
			t.Error("result without level")
		}
		if i, ok := rules[r.RuleID]; !ok || i != r.RuleIndex {
			t.Errorf("result %s has ruleIndex %d, rule is at %d", r.RuleID, r.RuleIndex, i)
		}
		// Logical locations name the resource and its type; no made-up line.
		if len(r.Locations) != 1 || len(r.Locations[0].LogicalLocations) != 2 ||
			r.Locations[0].LogicalLocations[0].Kind != "resource" || r.Locations[0].LogicalLocations[1].Kind != "type" ||
			!strings.HasPrefix(r.Locations[0].LogicalLocations[1].Name, "aws_") {
			t.Errorf("result %s locations = %+v, want the resource and its type", r.RuleID, r.Locations)
		}
		if _, ok := r.Locations[0].PhysicalLocation["region"]; ok {
			t.Errorf("result %s claims a region: %v", r.RuleID, r.Locations[0].PhysicalLocation)
		}
	}
	if strings.Contains(out, "startLine") {
		t.Error("the log claims a start line")
	}
	// An empty report is valid SARIF too.
	empty, _ := report.Render("sarif", report.Input{}, nil)
	validateSARIF(t, empty)
}

func validateSARIF(t *testing.T, out string) {
	t.Helper()
	if err := reporttest.ValidateSARIF(out); err != nil {
		t.Fatalf("SARIF output is not valid against the 2.1.0 schema: %v\n%s", err, out)
	}
}

func TestSARIF_schemaRejectsBrokenLog(t *testing.T) {
	// Guard against a validator that accepts anything.
	f, _ := os.Open("testdata/sarif-schema-2.1.0.json")
	defer f.Close()
	doc, _ := jsonschema.UnmarshalJSON(f)
	c := jsonschema.NewCompiler()
	_ = c.AddResource("s.json", doc)
	sch, err := c.Compile("s.json")
	if err != nil {
		t.Fatal(err)
	}
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version":"2.1.0","runs":[{"results":[]}]}`))
	if sch.Validate(bad) == nil {
		t.Fatal("a run without tool passed validation")
	}
}

// TestJUnit_validAgainstXSD validates the JUnit output against the Jenkins
// xunit junit-10.xsd vendored in testdata, with Python's xmlschema package
// (Go has no XSD validator). Missing python3 or xmlschema fails the test
// unless BASELINE_SKIP_PY=1. A broken document must be rejected, so a
// validator that accepts anything fails too.
func TestJUnit_validAgainstXSD(t *testing.T) {
	in, _ := sampleInput(t)
	out, err := report.Render("junit", in, nil)
	if err != nil {
		t.Fatal(err)
	}
	var parsed struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name    string `xml:"name,attr"`
			Skipped int    `xml:"skipped,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &parsed); err != nil {
		t.Fatal(err)
	}
	if len(parsed.Suites) != 3 || parsed.Suites[0].Name != "aws_security_group.bastion" || parsed.Suites[0].Skipped != 1 || parsed.Failures == 0 {
		t.Errorf("junit structure: %+v\n%s", parsed, out)
	}
	empty, _ := report.Render("junit", report.Input{}, nil)
	broken := `<?xml version="1.0"?><testsuites><testsuite name="x"><testcase/></testsuite></testsuites>`
	validateXSD(t, map[string]string{"report": out, "empty": empty}, map[string]string{"broken": broken})
}

// validateXSD validates every document of valid and expects each of invalid
// to be rejected.
func validateXSD(t *testing.T, valid, invalid map[string]string) {
	t.Helper()
	err := reporttest.ValidateJUnit(valid, invalid)
	if err == reporttest.ErrNoPython && reporttest.SkipPython() {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestMarkdownAndJSON(t *testing.T) {
	in, lookup := sampleInput(t)
	md, _ := report.Render("markdown", in, lookup)
	for _, want := range []string{"# Baseline report: ❌ not compliant", "| aws_security_group.private | `aws_security_group` | yes |", "| waived | high | `aws-ec2-sg-no-world-ssh` |", "expired waiver: old exception"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	js, _ := report.Render("json", in, lookup)
	var doc struct {
		Summary struct {
			Compliant bool `json:"compliant"`
			Verdicts  int  `json:"verdicts"`
			Waived    int  `json:"waived"`
		} `json:"summary"`
		Verdicts []struct {
			Findings []struct {
				ControlID     string `json:"control_id"`
				WaiverExpired *bool  `json:"waiver_expired"`
			} `json:"findings"`
		} `json:"verdicts"`
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Summary.Compliant || doc.Summary.Verdicts != 3 || doc.Summary.Waived != 1 {
		t.Errorf("json summary: %+v", doc.Summary)
	}
	if _, err := report.Render("html", in, lookup); err == nil || !strings.Contains(err.Error(), `unknown format "html"`) {
		t.Errorf("html: %v", err)
	}
}

func TestFilter(t *testing.T) {
	in, _ := sampleInput(t)
	// Keep only critical findings: the open group's high failures go away.
	got := report.Filter(in.Verdicts, func(f engine.Finding) bool { return f.Severity == engine.SeverityCritical })
	for _, v := range got {
		for _, f := range v.Findings {
			if f.Severity != engine.SeverityCritical {
				t.Errorf("%s kept", f.ControlID)
			}
		}
	}
	if got[0].Waived != 0 || got[1].Compliant != true {
		t.Errorf("recount: %+v", got[0])
	}
	if len(in.Verdicts[0].Findings) == len(got[0].Findings) {
		t.Error("nothing filtered")
	}
}
