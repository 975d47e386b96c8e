package engine

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// External results are control results decided outside the evaluators — by
// another scanner such as AWS Security Hub — and judged with the same
// selection, waivers and unknown policy as the engine's own results, so they
// make the same verdicts, reports and guardrail errors.

// ExternalResult is one control's externally decided result on one subject
// (say, one Security Hub control in one account).
type ExternalResult struct {
	// Control is the catalog control the result is joined to, or one built
	// with ExternalControl for a control outside the catalog.
	Control *Control
	Outcome Outcome
	// Waiver is the waiver the adapter matched itself (for example per
	// resource); when nil, opts.Waivers are matched against Raw.
	Waiver *Waiver
	// Raw is what waiver matches read when Waiver is nil; may be null.
	Raw subject.Value
	// Always keeps the result whatever the selection: a read error hides
	// every control, so minimum_severity or a baseline must not drop it.
	Always bool
}

// ExternalControl describes a control that is not in the catalog (it is never
// registered): findings carry its id, title, severity and frameworks, and
// selection (severity, baseline, exclusions) treats it like a catalog control.
func ExternalControl(id, title string, severity Severity, responsibility Responsibility, serviceModel string, frameworks []string, remediation string) *Control {
	if severity.Rank() < 0 {
		severity = SeverityMedium
	}
	return &Control{
		ID: id, Title: title, Severity: severity, Responsibility: responsibility, ServiceModel: serviceModel,
		Frameworks: frameworks, Remediation: remediation, Cloud: "aws", Modes: []string{"live"},
	}
}

// SelectedExternal reports whether opts select c, which need not be in the
// catalog.
func (e *Engine) SelectedExternal(c *Control, opts Options) bool { return e.selected(c, opts) }

// JudgeExternal turns externally decided results into a verdict under
// resourceType: unselected results are dropped (unless Always), passes are
// counted, the rest become findings, waived when an active waiver applies.
func (e *Engine) JudgeExternal(resourceType string, results []ExternalResult, opts Options) Verdict {
	v := Verdict{ResourceType: resourceType, Findings: []Finding{}}
	for _, r := range results {
		ctl, out := r.Control, r.Outcome
		if ctl == nil || (!r.Always && !e.selected(ctl, opts)) {
			continue
		}
		if out.Status == StatusPass {
			v.Passed++
			continue
		}
		f := newFinding(ctl, resourceType, out)
		w := r.Waiver
		if w == nil {
			w = opts.Waivers.For(ctl.ID, r.Raw)
		}
		if w != nil && out.Status != StatusError {
			f.waive(w)
		}
		v.Add(f)
	}
	v.Settle(opts.Unknown)
	return v
}
