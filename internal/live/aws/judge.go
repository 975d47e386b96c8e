package liveaws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Section is one part of a live assessment: subjects judged under a resource
// type, and the controls that could not be judged because a read failed.
type Section struct {
	ResourceType string
	// Label names the subject in messages ("vpc-0abc"); it prefixes the
	// message of every finding of the section when set.
	Label    string
	Subjects []any
	// Only narrows the section to these controls (nil: every control of the
	// resource type).
	Only []string
	// Failed lists the controls a read failure left undecided; each becomes
	// an error finding that names the missing IAM action or the cause.
	Failed []Failure
	// Raw is what waiver matches read (bucket, id, tags...); may be null.
	Raw subject.Value
}

// Failure is a read failure and the controls it leaves undecided.
type Failure struct {
	Controls []string
	Err      error
}

// Controls returns the controls a section judges, before user selection.
func (s Section) controls(eng *engine.Engine) []string {
	if s.Only != nil {
		return s.Only
	}
	var out []string
	for id, types := range eng.Checked() {
		for _, rt := range types {
			if rt == s.ResourceType {
				out = append(out, id)
				break
			}
		}
	}
	return out
}

// Wanted reports whether any of controls is selected by opts, so loaders can
// skip calls whose controls nobody asked for.
func Wanted(eng *engine.Engine, opts engine.Options, controls ...string) bool {
	for _, id := range controls {
		if c, ok := eng.Control(id); ok && selected(c, opts) {
			return true
		}
	}
	return false
}

func selected(c *engine.Control, opts engine.Options) bool {
	if opts.MinimumSeverity != "" && c.Severity.Rank() < opts.MinimumSeverity.Rank() {
		return false
	}
	if len(opts.Controls) > 0 && !slices.Contains(opts.Controls, c.ID) {
		return false
	}
	return !slices.Contains(opts.Exclude, c.ID)
}

// Judge evaluates sections with the engine and merges them into one verdict
// under resourceType: compliant only when every section is, error findings
// for every selected control a failed read left undecided (never a pass).
func Judge(eng *engine.Engine, resourceType string, sections []Section, opts engine.Options) (engine.Verdict, error) {
	out := engine.Verdict{ResourceType: resourceType, Known: true, Compliant: true, Findings: []engine.Finding{}}
	for _, s := range sections {
		v, err := judgeSection(eng, s, opts)
		if err != nil {
			return engine.Verdict{}, err
		}
		Merge(&out, v)
	}
	return out, nil
}

// Merge adds verdict v into acc.
func Merge(acc *engine.Verdict, v engine.Verdict) {
	acc.Findings = append(acc.Findings, v.Findings...)
	acc.Passed += v.Passed
	acc.Failed += v.Failed
	acc.Unknown += v.Unknown
	acc.Waived += v.Waived
	acc.Errored += v.Errored
	acc.Compliant = acc.Compliant && v.Compliant
	acc.Known = acc.Known && v.Known
}

func judgeSection(eng *engine.Engine, s Section, opts engine.Options) (engine.Verdict, error) {
	sopts := opts
	if s.Only != nil {
		var only []string
		for _, id := range s.Only {
			if len(opts.Controls) == 0 || slices.Contains(opts.Controls, id) {
				only = append(only, id)
			}
		}
		if len(only) == 0 {
			return engine.Verdict{Known: true, Compliant: true}, nil
		}
		sopts.Controls = only
	}
	failed := map[string]error{}
	var order []string
	for _, f := range s.Failed {
		for _, id := range f.Controls {
			if _, dup := failed[id]; !dup && (s.Only == nil || slices.Contains(s.Only, id)) {
				failed[id] = f.Err
				order = append(order, id)
			}
		}
	}
	v := engine.Verdict{ResourceType: s.ResourceType, Known: true, Compliant: true, Findings: []engine.Finding{}}
	remaining := false
	for _, id := range s.controls(eng) {
		if _, bad := failed[id]; !bad {
			remaining = true
		}
	}
	if len(s.Subjects) > 0 && remaining {
		sopts.Exclude = append(append([]string{}, sopts.Exclude...), order...)
		var err error
		v, err = eng.EvaluateSubjects(s.ResourceType, s.Subjects, s.Raw, sopts)
		if err != nil {
			return engine.Verdict{}, fmt.Errorf("judging %s: %w", s.ResourceType, err)
		}
	}
	for _, id := range order {
		c, ok := eng.Control(id)
		if !ok || !selected(c, sopts) {
			continue
		}
		f := engine.Finding{
			ControlID: c.ID, Title: c.Title, Severity: c.Severity, Status: engine.StatusError,
			ResourceType: s.ResourceType, Message: failed[id].Error(),
			Remediation: c.Remediation, Responsibility: c.Responsibility, ServiceModel: c.ServiceModel,
			Frameworks: c.Frameworks,
		}
		var re *ReadError
		if asReadError(failed[id], &re) {
			f.Attribute = re.Action
		}
		if w := opts.Waivers.For(c.ID, s.Raw); w != nil {
			f.Waiver = w
			if w.Active() {
				f.Status = engine.StatusWaived
			}
		}
		if f.Status == engine.StatusWaived {
			v.Waived++
		} else {
			v.Errored++
			v.Compliant = false
		}
		v.Findings = append(v.Findings, f)
	}
	if s.Label != "" {
		for i := range v.Findings {
			if !strings.HasPrefix(v.Findings[i].Message, s.Label) {
				v.Findings[i].Message = s.Label + ": " + v.Findings[i].Message
			}
		}
	}
	return v, nil
}
