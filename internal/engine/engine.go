package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/suggest"
)

// UnknownPolicy says what a control whose deciding value is unknown does to the verdict.
type UnknownPolicy string

const (
	// UnknownFail (the default) makes an unknown control non-compliant.
	UnknownFail UnknownPolicy = "fail"
	// UnknownWarn keeps unknown findings but does not make the verdict non-compliant.
	UnknownWarn UnknownPolicy = "warn"
	// UnknownDefer leaves the verdict unknown so Terraform decides it at apply.
	UnknownDefer UnknownPolicy = "defer"
)

// ParseUnknownPolicy validates a policy name; "" is the default, fail.
func ParseUnknownPolicy(s string) (UnknownPolicy, error) {
	switch UnknownPolicy(s) {
	case "", UnknownFail:
		return UnknownFail, nil
	case UnknownWarn, UnknownDefer:
		return UnknownPolicy(s), nil
	}
	return "", fmt.Errorf("unknown value policy %q: use one of fail, warn, defer", s)
}

// Options select and tune an evaluation.
type Options struct {
	Unknown         UnknownPolicy
	MinimumSeverity Severity // "" means info: every control
	Controls        []string // when set, only these controls
	Exclude         []string // never these controls
	// Baseline names a selection of controls (see Baselines): "" or "strict"
	// is every control, "foundational" the critical and high customer
	// controls, a framework name ("cis-aws-v3.0") the controls that map to it.
	Baseline string
	Waivers  Waivers
	// AsOf is the day adapters judge the expiry of waivers they build on
	// (NewWaiver); the engine reads only each waiver's Expired.
	AsOf time.Time
}

// Check is one control's evaluator on a subject of type T.
type Check[T any] struct {
	Control string
	Eval    func(T) Outcome
}

type check struct {
	control string
	eval    func(any) Outcome
}

// group is one subject type of a resource type: its decoder and its checks.
// Several packages may judge one resource type, each with its own subject.
type group struct {
	decode func(subject.Node) any
	accept func(any) bool
	checks []check
}

type evaluator struct {
	resourceType string
	groups       []*group
	// shape says how plan-time values of the resource type are read: the
	// attribute meanings the catalog decides from the provider schema.
	shape *subject.Shape
}

func (ev *evaluator) checks() []check {
	var out []check
	for _, g := range ev.groups {
		out = append(out, g.checks...)
	}
	return out
}

// Registry maps resource types to the decoders of their subjects and the
// checks that judge them. Evaluator packages add to it with Add.
type Registry struct {
	evaluators map[string]*evaluator
	// sensitive, if set, returns the values of v's attributes that the
	// provider schema of resourceType marks sensitive (see SetSensitive).
	sensitive func(resourceType string, v subject.Value) []string
}

// SetSensitive sets how the registry finds the values of sensitive
// attributes (a database password) in planned values: Evaluate removes them
// from every finding's message, so that violation lines may be printed with
// nonsensitive() even though Terraform marks every function result on such a
// resource sensitive.
func (r *Registry) SetSensitive(fn func(resourceType string, v subject.Value) []string) {
	r.sensitive = fn
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{evaluators: map[string]*evaluator{}} }

// Add registers checks for resourceType on subjects of type T, decoded from
// planned values by decode (nil for subjects only live loaders build).
func Add[T any](r *Registry, resourceType string, decode func(subject.Node) T, checks ...Check[T]) {
	ev, ok := r.evaluators[resourceType]
	if !ok {
		ev = &evaluator{resourceType: resourceType}
		r.evaluators[resourceType] = ev
	}
	g := &group{accept: func(s any) bool { _, ok := s.(T); return ok }}
	if decode != nil {
		g.decode = func(n subject.Node) any { return decode(n) }
	}
	for _, c := range checks {
		eval := c.Eval
		g.checks = append(g.checks, check{control: c.Control, eval: func(s any) Outcome { return eval(s.(T)) }})
	}
	ev.groups = append(ev.groups, g)
}

// SetShape sets how plan-time values of resourceType are read (see
// subject.Shape). The resource type must have checks.
func (r *Registry) SetShape(resourceType string, s *subject.Shape) error {
	ev, ok := r.evaluators[resourceType]
	if !ok {
		return fmt.Errorf("attribute meanings for %s, which has no checks", resourceType)
	}
	ev.shape = s
	return nil
}

// Engine is an immutable, concurrency-safe catalog plus registry.
type Engine struct {
	controls map[string]*Control
	ordered  []*Control
	reg      *Registry
}

// New builds an engine and checks that every check names a catalog control.
func New(controls []Control, reg *Registry) (*Engine, error) {
	e := &Engine{controls: make(map[string]*Control, len(controls)), reg: reg}
	for i := range controls {
		c := &controls[i]
		if _, dup := e.controls[c.ID]; dup {
			return nil, fmt.Errorf("duplicate control id %q", c.ID)
		}
		e.controls[c.ID] = c
		e.ordered = append(e.ordered, c)
	}
	sort.Slice(e.ordered, func(i, j int) bool { return e.ordered[i].ID < e.ordered[j].ID })
	for _, ev := range reg.evaluators {
		for _, c := range ev.checks() {
			if _, ok := e.controls[c.control]; !ok {
				return nil, fmt.Errorf("resource type %s has a check for %q, which is not in the catalog", ev.resourceType, c.control)
			}
		}
	}
	return e, nil
}

// Controls returns the catalog, sorted by id.
func (e *Engine) Controls() []*Control { return e.ordered }

// Control returns one control by id.
func (e *Engine) Control(id string) (*Control, bool) {
	c, ok := e.controls[id]
	return c, ok
}

// ResourceTypes returns the resource types that have checks, sorted.
func (e *Engine) ResourceTypes() []string {
	out := make([]string, 0, len(e.reg.evaluators))
	for rt := range e.reg.evaluators {
		out = append(out, rt)
	}
	sort.Strings(out)
	return out
}

// Checked returns, per control id, the resource types that have a check for it.
func (e *Engine) Checked() map[string][]string {
	out := map[string][]string{}
	for _, rt := range e.ResourceTypes() {
		for _, c := range e.reg.evaluators[rt].checks() {
			out[c.control] = append(out[c.control], rt)
		}
	}
	return out
}

func (e *Engine) ids() []string {
	out := make([]string, 0, len(e.ordered))
	for _, c := range e.ordered {
		out = append(out, c.ID)
	}
	return out
}

// ValidateOptions reports control ids in opts that are not in the catalog.
func (e *Engine) ValidateOptions(opts Options) error {
	for _, list := range [][]string{opts.Controls, opts.Exclude} {
		for _, id := range list {
			if _, ok := e.controls[id]; !ok {
				return fmt.Errorf("unknown control id %q%s", id, suggest.DidYouMean(id, e.ids(), 3))
			}
		}
	}
	for _, w := range opts.Waivers {
		if _, ok := e.controls[w.ControlID]; !ok {
			return fmt.Errorf("waiver names unknown control id %q", w.ControlID)
		}
	}
	return e.ValidateBaseline(opts.Baseline)
}

// ValidateControlsFor reports a `controls` selection none of whose controls
// judges resourceType: the verdict would pass with nothing judged. The error
// names each listed control and the types it judges. A selection in which at
// least one control judges the type is valid (one options object may serve
// several resource types); NotJudging lists the others.
func (e *Engine) ValidateControlsFor(resourceType string, opts Options) error {
	if len(opts.Controls) == 0 {
		return nil
	}
	off := e.NotJudging(resourceType, opts.Controls)
	if len(off) < len(opts.Controls) {
		return nil
	}
	parts := make([]string, 0, len(off))
	for _, id := range off {
		c := e.controls[id]
		parts = append(parts, fmt.Sprintf("%s judges %s", id, strings.Join(c.ResourceTypes, ", ")))
	}
	return fmt.Errorf("no control of controls judges %s, so nothing would be judged: %s", resourceType, strings.Join(parts, "; "))
}

// NotJudging lists the ids among ids (known controls) that do not judge resourceType.
func (e *Engine) NotJudging(resourceType string, ids []string) []string {
	var out []string
	for _, id := range ids {
		c, ok := e.controls[id]
		if ok && !slices.Contains(c.ResourceTypes, resourceType) {
			out = append(out, id)
		}
	}
	return out
}

// Named baselines besides the framework names.
const (
	BaselineFoundational = "foundational"
	BaselineStrict       = "strict"
)

// Baselines lists the baseline names an Options.Baseline may take:
// foundational, strict, then every framework a control maps to, sorted.
func (e *Engine) Baselines() []string {
	seen := map[string]bool{}
	var frameworks []string
	for _, c := range e.ordered {
		for _, f := range c.Frameworks {
			name, _, _ := strings.Cut(f, ":")
			if !seen[name] {
				seen[name] = true
				frameworks = append(frameworks, name)
			}
		}
	}
	sort.Strings(frameworks)
	return append([]string{BaselineFoundational, BaselineStrict}, frameworks...)
}

// ValidateBaseline reports a baseline name that is not one of Baselines; ""
// (every control) is valid.
func (e *Engine) ValidateBaseline(name string) error {
	if name == "" {
		return nil
	}
	all := e.Baselines()
	if slices.Contains(all, name) {
		return nil
	}
	return fmt.Errorf("unknown baseline %q: use one of %s", name, strings.Join(all, ", "))
}

// InBaseline reports whether control c belongs to the named baseline.
func InBaseline(c *Control, name string) bool {
	switch name {
	case "", BaselineStrict:
		return true
	case BaselineFoundational:
		return c.Profile != BaselineStrict && c.Responsibility == Customer && c.Severity.Rank() >= SeverityHigh.Rank()
	}
	return c.HasFramework(name)
}

// UnsupportedTypeError is returned for a resource type without checks.
type UnsupportedTypeError struct {
	ResourceType string
	Supported    []string
}

// Error names the closest supported types (edit distance) rather than all of
// them; with none close it lists the supported types of the same provider
// when they are few, else says how many there are and where they are listed.
func (e *UnsupportedTypeError) Error() string {
	msg := fmt.Sprintf("resource type %q is not supported", e.ResourceType)
	if near := suggest.Closest(e.ResourceType, e.Supported, 3); len(near) > 0 {
		return msg + ": did you mean " + suggest.Or(near) + "?"
	}
	prefix, _, _ := strings.Cut(e.ResourceType, "_")
	var same []string
	for _, s := range e.Supported {
		if strings.HasPrefix(s, prefix+"_") {
			same = append(same, s)
		}
	}
	if len(same) > 0 && len(same) <= 8 {
		return msg + "; supported " + prefix + " types: " + strings.Join(same, ", ")
	}
	return fmt.Sprintf("%s; %d resource types are supported (the resource_types of data \"baseline_controls\" list them)", msg, len(e.Supported))
}

// Evaluate decodes planned values of resourceType and judges them. It returns
// an error for an unsupported resource type or values of the wrong shape.
func (e *Engine) Evaluate(resourceType string, v subject.Value, opts Options) (verdict Verdict, err error) {
	ev, ok := e.reg.evaluators[resourceType]
	if !ok || !ev.planned() {
		return Verdict{}, &UnsupportedTypeError{ResourceType: resourceType, Supported: e.plannedTypes()}
	}
	if v.Kind() != subject.KindObject && !v.IsUnknown() {
		return Verdict{}, &subject.TypeError{Path: "", Want: "an object with the attributes of " + resourceType, Got: v.Kind().String()}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error decoding %s values: %v", resourceType, r)
		}
	}()
	d, root := subject.DecodeShaped(v, ev.shape)
	var results []result
	for _, g := range ev.groups {
		if g.decode == nil || !e.anySelected(g, opts) {
			continue
		}
		subj := g.decode(root)
		if err := d.Err(); err != nil {
			return Verdict{}, err
		}
		results = e.run(g, subj, results, opts)
	}
	verdict = e.verdict(resourceType, results, v, opts)
	if e.reg.sensitive != nil && len(verdict.Findings) > 0 {
		verdict.Redact(e.reg.sensitive(resourceType, v))
	}
	return verdict, nil
}

// EvaluateSubject judges a subject built by a live loader under resourceType.
func (e *Engine) EvaluateSubject(resourceType string, subj any, opts Options) (Verdict, error) {
	return e.EvaluateSubjects(resourceType, []any{subj}, subject.Null(), opts)
}

// EvaluateSubjects judges several subjects of one resource (say a live bucket's
// posture and its policy) as one verdict; raw, if not null, is what waiver
// matches read.
func (e *Engine) EvaluateSubjects(resourceType string, subjects []any, raw subject.Value, opts Options) (Verdict, error) {
	ev, ok := e.reg.evaluators[resourceType]
	if !ok {
		return Verdict{}, &UnsupportedTypeError{ResourceType: resourceType, Supported: e.ResourceTypes()}
	}
	var results []result
	matched := false
	for _, subj := range subjects {
		for _, g := range ev.groups {
			if g.accept(subj) {
				matched = true
				results = e.run(g, subj, results, opts)
			}
		}
	}
	if !matched {
		return Verdict{}, fmt.Errorf("no checks of %s take a subject of type %T", resourceType, subjects)
	}
	return e.verdict(resourceType, results, raw, opts), nil
}

func (ev *evaluator) planned() bool {
	for _, g := range ev.groups {
		if g.decode != nil {
			return true
		}
	}
	return false
}

func (e *Engine) plannedTypes() []string {
	var out []string
	for _, rt := range e.ResourceTypes() {
		if e.reg.evaluators[rt].planned() {
			out = append(out, rt)
		}
	}
	return out
}

// Selected reports whether opts select control c (severity, baseline,
// controls and exclusions).
func (e *Engine) Selected(c *Control, opts Options) bool { return e.selected(c, opts) }

func (e *Engine) selected(c *Control, opts Options) bool {
	if opts.MinimumSeverity != "" && c.Severity.Rank() < opts.MinimumSeverity.Rank() {
		return false
	}
	if !InBaseline(c, opts.Baseline) {
		return false
	}
	if len(opts.Controls) > 0 && !slices.Contains(opts.Controls, c.ID) {
		return false
	}
	return !slices.Contains(opts.Exclude, c.ID)
}

// anySelected reports whether opts select a check of g: a group none of
// whose controls is selected is not even decoded.
func (e *Engine) anySelected(g *group, opts Options) bool {
	for _, c := range g.checks {
		if e.selected(e.controls[c.control], opts) {
			return true
		}
	}
	return false
}

type result struct {
	ctl *Control
	out Outcome
}

func (e *Engine) run(g *group, subj any, results []result, opts Options) []result {
	for _, c := range g.checks {
		ctl := e.controls[c.control]
		if e.selected(ctl, opts) {
			results = append(results, result{ctl: ctl, out: safeEval(c.eval, subj)})
		}
	}
	return results
}

func (e *Engine) verdict(resourceType string, results []result, raw subject.Value, opts Options) Verdict {
	v := Verdict{ResourceType: resourceType, Findings: []Finding{}}
	for _, r := range results {
		if r.out.Status == StatusPass {
			v.Passed++
			continue
		}
		f := newFinding(r.ctl, resourceType, r.out)
		if w := opts.Waivers.For(r.ctl.ID, raw); w != nil {
			f.waive(w)
		}
		v.Add(f)
	}
	v.Settle(opts.Unknown)
	return v
}

// newFinding is the finding of control ctl's outcome on a value of resourceType.
func newFinding(ctl *Control, resourceType string, out Outcome) Finding {
	return Finding{
		ControlID:      ctl.ID,
		Title:          ctl.Title,
		Severity:       ctl.Severity,
		Status:         out.Status,
		ResourceType:   resourceType,
		Attribute:      out.Attribute,
		Message:        out.Message,
		Fix:            ctl.Fix,
		Remediation:    ctl.Remediation,
		Responsibility: ctl.Responsibility,
		ServiceModel:   ctl.ServiceModel,
		Frameworks:     ctl.Frameworks,
	}
}

// waive attaches waiver w; an active one waives the finding.
func (f *Finding) waive(w *Waiver) {
	f.Waiver = w
	if w.Active() {
		f.Status = StatusWaived
	}
}

// Add appends a finding that did not pass and counts it by its status.
func (v *Verdict) Add(f Finding) {
	switch f.Status {
	case StatusFail:
		v.Failed++
	case StatusUnknown:
		v.Unknown++
	case StatusWaived:
		v.Waived++
	case StatusError:
		v.Errored++
	}
	v.Findings = append(v.Findings, f)
}

// Settle decides Compliant and Known from the counts under policy ("" is fail).
func (v *Verdict) Settle(policy UnknownPolicy) {
	if policy == "" {
		policy = UnknownFail
	}
	definite := v.Failed == 0 && v.Errored == 0
	v.Compliant = definite && (v.Unknown == 0 || policy == UnknownWarn)
	v.Known = !definite || v.Unknown == 0 || policy != UnknownDefer
}

func safeEval(eval func(any) Outcome, subj any) (out Outcome) {
	defer func() {
		if r := recover(); r != nil {
			out = Errored("", "internal error in evaluator: %v", r)
		}
	}()
	return eval(subj)
}
