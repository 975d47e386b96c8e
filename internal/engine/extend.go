package engine

import (
	"fmt"
	"sort"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Extension is what an organisation adds to the catalog: its own controls
// and their checks, which built-in controls its baseline keeps, and the
// severities it gives them.
type Extension struct {
	Controls []Control
	// Checks judge the custom controls on what Decode makes of the shaped
	// value of a resource type, read as the built-in checks read it.
	Checks []NodeCheck
	// Decode turns the shaped value into the subject of Checks, once per
	// evaluation (a place to share work between checks); nil passes the
	// node itself.
	Decode func(subject.Node) any
	// Keep says which built-in controls stay in the catalog; nil keeps all.
	Keep func(*Control) bool
	// Severities overrides the severity of built-in controls by id.
	Severities map[string]Severity
}

// NodeCheck is one control's check on the values of one resource type.
type NodeCheck struct {
	ResourceType string
	Control      string
	Eval         func(any) Outcome
}

// Extend returns a new engine holding e's controls that x keeps, with x's
// severities, plus x's controls and checks. e is not changed.
func (e *Engine) Extend(x Extension) (*Engine, error) {
	out := &Engine{controls: map[string]*Control{}, reg: NewRegistry()}
	out.reg.sensitive = e.reg.sensitive
	for _, c := range e.ordered {
		if x.Keep != nil && !x.Keep(c) {
			continue
		}
		if sev, ok := x.Severities[c.ID]; ok {
			cp := *c
			cp.Severity = sev
			c = &cp
		}
		out.controls[c.ID] = c
		out.ordered = append(out.ordered, c)
	}
	for id := range x.Severities {
		if _, ok := e.controls[id]; !ok {
			return nil, fmt.Errorf("severity given for unknown control id %q", id)
		}
	}
	for i := range x.Controls {
		c := &x.Controls[i]
		if _, dup := e.controls[c.ID]; dup {
			return nil, fmt.Errorf("control id %q is already taken by a built-in control", c.ID)
		}
		if _, dup := out.controls[c.ID]; dup {
			return nil, fmt.Errorf("duplicate control id %q", c.ID)
		}
		out.controls[c.ID] = c
		out.ordered = append(out.ordered, c)
	}
	sort.Slice(out.ordered, func(i, j int) bool { return out.ordered[i].ID < out.ordered[j].ID })

	for rt, ev := range e.reg.evaluators {
		cp := &evaluator{resourceType: rt, shape: ev.shape}
		for _, g := range ev.groups {
			ng := &group{decode: g.decode, accept: g.accept}
			for _, c := range g.checks {
				if _, ok := out.controls[c.control]; ok {
					ng.checks = append(ng.checks, c)
				}
			}
			cp.groups = append(cp.groups, ng)
		}
		out.reg.evaluators[rt] = cp
	}
	decode := x.Decode
	if decode == nil {
		decode = func(n subject.Node) any { return n }
	}
	byType := map[string][]Check[any]{}
	var order []string
	for _, c := range x.Checks {
		if _, ok := out.controls[c.Control]; !ok {
			return nil, fmt.Errorf("resource type %s has a check for %q, which is not a control", c.ResourceType, c.Control)
		}
		if _, seen := byType[c.ResourceType]; !seen {
			order = append(order, c.ResourceType)
		}
		byType[c.ResourceType] = append(byType[c.ResourceType], Check[any]{Control: c.Control, Eval: c.Eval})
	}
	for _, rt := range order {
		Add(out.reg, rt, decode, byType[rt]...)
		// Custom checks judge planned values only: no live subject is theirs.
		ev := out.reg.evaluators[rt]
		ev.groups[len(ev.groups)-1].accept = func(any) bool { return false }
	}
	return out, nil
}
