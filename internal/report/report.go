// Package report renders verdicts for pipelines: SARIF 2.1.0 for code
// scanning, JUnit XML for test reporters, Markdown for pull request comments
// and JSON. It knows nothing of Terraform's plugin framework: verdicts arrive
// as subject values (the objects evaluate, baseline_check, baseline_guardrail
// and the live data sources return) and leave as text.
package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Formats lists the output formats.
var Formats = []string{"sarif", "junit", "markdown", "json"}

// Verdict is one judged subject as a report reads it.
type Verdict struct {
	Name         string
	ResourceType string
	File         string // source file the verdict belongs to, for SARIF locations
	Compliant    bool
	Passed       int
	Failed       int
	Unknown      int
	Waived       int
	Errored      int
	Findings     []engine.Finding
}

// Input is the whole report input.
type Input struct {
	Verdicts []Verdict
	// SourceFile is the SARIF artifact location of verdicts without a File.
	SourceFile string
	// ToolVersion is the provider version for the SARIF driver.
	ToolVersion string
}

// Totals sums the verdicts.
type Totals struct {
	Compliant                                bool
	Verdicts                                 int
	Passed, Failed, Unknown, Waived, Errored int
}

// Totals sums the input's verdicts; Compliant is true when every verdict is.
func (in Input) Totals() Totals {
	t := Totals{Compliant: true, Verdicts: len(in.Verdicts)}
	for _, v := range in.Verdicts {
		t.Compliant = t.Compliant && v.Compliant
		t.Passed += v.Passed
		t.Failed += v.Failed
		t.Unknown += v.Unknown
		t.Waived += v.Waived
		t.Errored += v.Errored
	}
	return t
}

// Render produces the report in format. lookup gives catalog metadata for a
// control id (nil when unknown); it fills what findings omit and the SARIF rules.
func Render(format string, in Input, lookup func(string) *engine.Control) (string, error) {
	if lookup == nil {
		lookup = func(string) *engine.Control { return nil }
	}
	switch format {
	case "sarif":
		return SARIF(in, lookup)
	case "junit":
		return JUnit(in)
	case "markdown":
		return Markdown(in), nil
	case "json":
		return JSON(in)
	}
	return "", fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats, ", "))
}

// Decode reads verdicts from a value: a list (or tuple or set) of verdict
// objects, a single verdict object, or an object (map) of verdicts keyed by
// name. A verdict object has findings and the counts; name, resource_type,
// compliant and file are optional. Other attributes (such as a data source's
// values) are ignored. Errors name the path inside the value.
func Decode(v subject.Value, lookup func(string) *engine.Control) ([]Verdict, error) {
	if lookup == nil {
		lookup = func(string) *engine.Control { return nil }
	}
	d, root := subject.Decode(v)
	type named struct {
		name string
		node subject.Node
	}
	var nodes []named
	switch {
	case root.IsNull():
		return nil, fmt.Errorf("verdicts must not be null")
	case root.IsUnknown():
		return nil, fmt.Errorf("verdicts must be known")
	case v.Kind() == subject.KindObject && !root.Has("findings"):
		for _, k := range v.AttrNames() {
			nodes = append(nodes, named{k, root.Get(k)})
		}
	default:
		for _, n := range root.Items().Items {
			nodes = append(nodes, named{"", n})
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	out := make([]Verdict, 0, len(nodes))
	for _, nn := range nodes {
		ver, err := decodeVerdict(d, nn.node, nn.name, lookup)
		if err != nil {
			return nil, err
		}
		out = append(out, ver)
	}
	return out, nil
}

func decodeVerdict(d *subject.Decoder, n subject.Node, key string, lookup func(string) *engine.Control) (Verdict, error) {
	where := n.Path()
	if where == "" {
		where = "verdict"
	}
	if n.IsNull() || n.IsUnknown() || n.Value().Kind() != subject.KindObject {
		return Verdict{}, fmt.Errorf("%s: expected a verdict object (with findings and counts), got %s", where, n.Value().Kind())
	}
	if !n.Has("findings") {
		return Verdict{}, fmt.Errorf("%s: a verdict object needs findings (the object that evaluate, baseline_check or a live data source returns)", where)
	}
	v := Verdict{
		Name:         n.Get("name").String(key).V,
		ResourceType: n.Get("resource_type").String("").V,
		File:         n.Get("file").String("").V,
	}
	counts := map[string]*int{"passed": &v.Passed, "failed": &v.Failed, "unknown": &v.Unknown, "waived": &v.Waived, "errored": &v.Errored}
	for name, p := range counts {
		f := n.Get(name).Int(0)
		if f.Unknown {
			return Verdict{}, fmt.Errorf("%s.%s is unknown", n.Path(), name)
		}
		*p = int(f.V)
	}
	seq := n.Get("findings").Items()
	if seq.Unknown {
		return Verdict{}, fmt.Errorf("%s is unknown", seq.Path)
	}
	counted := map[engine.Status]int{}
	for _, fn := range seq.Items {
		f, err := decodeFinding(fn, v.ResourceType, lookup)
		if err != nil {
			return Verdict{}, err
		}
		counted[f.Status]++
		v.Findings = append(v.Findings, f)
	}
	if err := d.Err(); err != nil {
		return Verdict{}, err
	}
	// Counts that were not given follow from the findings.
	for name, st := range map[string]engine.Status{"failed": engine.StatusFail, "unknown": engine.StatusUnknown, "waived": engine.StatusWaived, "errored": engine.StatusError} {
		if !n.Has(name) {
			*counts[name] = counted[st]
		}
	}
	c := n.Get("compliant").Bool(false)
	if n.Has("compliant") && !c.Unknown {
		v.Compliant = c.V
	} else {
		v.Compliant = v.Failed == 0 && v.Errored == 0 && v.Unknown == 0
	}
	if v.ResourceType == "" && len(v.Findings) > 0 {
		v.ResourceType = v.Findings[0].ResourceType
	}
	if v.Name == "" {
		v.Name = v.ResourceType
	}
	return v, d.Err()
}

func decodeFinding(n subject.Node, resourceType string, lookup func(string) *engine.Control) (engine.Finding, error) {
	str := func(name string) string { return n.Get(name).String("").V }
	id := str("control_id")
	if id == "" {
		return engine.Finding{}, fmt.Errorf("%s.control_id must be set", n.Path())
	}
	f := engine.Finding{
		ControlID:      id,
		Title:          str("title"),
		Severity:       engine.Severity(str("severity")),
		Status:         engine.Status(str("status")),
		ResourceType:   str("resource_type"),
		Attribute:      str("attribute"),
		Message:        str("message"),
		Fix:            str("fix"),
		Remediation:    str("remediation"),
		Responsibility: engine.Responsibility(str("responsibility")),
		ServiceModel:   str("service_model"),
		Address:        str("address"),
		ModuleAddress:  str("module_address"),
	}
	for _, fr := range n.Get("frameworks").Strings().Items {
		f.Frameworks = append(f.Frameworks, fr.V)
	}
	switch f.Status {
	case engine.StatusFail, engine.StatusUnknown, engine.StatusWaived, engine.StatusError:
	case "":
		f.Status = engine.StatusFail
	default:
		return engine.Finding{}, fmt.Errorf("%s.status %q is not fail, unknown, waived or error", n.Path(), f.Status)
	}
	if f.ResourceType == "" {
		f.ResourceType = resourceType
	}
	if c := lookup(id); c != nil {
		if f.Title == "" {
			f.Title = c.Title
		}
		if f.Severity == "" {
			f.Severity = c.Severity
		}
		if f.Remediation == "" {
			f.Remediation = c.Remediation
		}
		if f.Responsibility == "" {
			f.Responsibility = c.Responsibility
		}
		if len(f.Frameworks) == 0 {
			f.Frameworks = c.Frameworks
		}
	}
	if f.Severity.Rank() < 0 {
		f.Severity = engine.SeverityMedium
	}
	if r := str("waiver_reason"); r != "" || str("waiver_expires") != "" {
		w := &engine.Waiver{ControlID: id, Reason: r, Owner: str("waiver_owner"), Expires: str("waiver_expires")}
		// A waiver on a finding that still fails has expired.
		w.Expired = f.Status != engine.StatusWaived
		f.Waiver = w
	}
	return f, nil
}

// reported reports whether a finding is a problem: failed, errored or unknown.
func reported(f engine.Finding) bool {
	return f.Status == engine.StatusFail || f.Status == engine.StatusError || f.Status == engine.StatusUnknown
}

// controlIDs lists the control ids of every finding, sorted.
func controlIDs(in Input) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range in.Verdicts {
		for _, f := range v.Findings {
			if !seen[f.ControlID] {
				seen[f.ControlID] = true
				out = append(out, f.ControlID)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Filter drops findings that keep rejects (say, below a minimum severity or
// outside a baseline) and recounts: a verdict whose remaining findings
// neither failed, errored nor stayed unknown becomes compliant.
func Filter(verdicts []Verdict, keep func(engine.Finding) bool) []Verdict {
	out := make([]Verdict, 0, len(verdicts))
	for _, v := range verdicts {
		kept := make([]engine.Finding, 0, len(v.Findings))
		for _, f := range v.Findings {
			if keep(f) {
				kept = append(kept, f)
			}
		}
		if len(kept) != len(v.Findings) {
			v.Failed, v.Unknown, v.Waived, v.Errored = 0, 0, 0, 0
			for _, f := range kept {
				switch f.Status {
				case engine.StatusFail:
					v.Failed++
				case engine.StatusUnknown:
					v.Unknown++
				case engine.StatusWaived:
					v.Waived++
				case engine.StatusError:
					v.Errored++
				}
			}
			v.Compliant = v.Compliant || (v.Failed == 0 && v.Errored == 0 && v.Unknown == 0)
			v.Findings = kept
		}
		out = append(out, v)
	}
	return out
}
