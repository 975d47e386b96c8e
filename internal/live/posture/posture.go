// Package posture aggregates the verdicts of a cloud's own posture engine —
// AWS Security Hub control findings, Microsoft Defender for Cloud
// assessments, Google Security Command Center findings — into
// per-recommendation, per-scope tallies joined to the catalog. It is free of
// SDK and framework types: the readers of internal/live/aws,
// internal/live/azure and internal/live/google feed it one item at a time as
// their pages arrive and never hold the items themselves, so memory grows
// with recommendations × scopes, not with resources.
package posture

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// MaxFailingResources bounds the failing resource ids kept per
// recommendation and per recommendation and scope; the counts stay exact.
const MaxFailingResources = 20

// State is what the posture engine decided for one resource.
type State int

const (
	// Unhealthy: the resource fails the recommendation.
	Unhealthy State = iota
	// Healthy: the resource passes it.
	Healthy
	// NotApplicable: the recommendation does not apply to the resource.
	NotApplicable
	// Unavailable: the engine could not evaluate the resource (Security
	// Hub's NOT_AVAILABLE). A scope with nothing but unavailable items is
	// unknown, never a pass.
	Unavailable
)

// Item is one resource's result for one recommendation.
type Item struct {
	// Key is the engine's own id of the recommendation: a Defender
	// assessment key (a GUID) or an SCC finding category.
	Key string
	// Join is the value of the framework item that joins the catalog
	// (a policy definition GUID, an SCC category); "" joins nothing.
	Join         string
	Scope        string // account id, subscription id, project
	Resource     string // resource id or name
	ResourceType string
	State        State
	Severity     engine.Severity
	Title        string
	// Location is where in the scope the item is (a Region); messages list
	// a scope's locations, and waivers match it under Source.LocationMatch.
	Location string
}

// Source describes the posture engine an aggregator reads.
type Source struct {
	// Name is the engine's name in messages: "Defender for Cloud".
	Name string
	// Cloud is the catalog cloud of its controls: "azure", "google".
	Cloud string
	// JoinPrefix is the framework prefix of the catalog items the joins use,
	// such as "azure-policy:".
	JoinPrefix string
	// KeyFramework is the framework prefix of the engine's own key, carried
	// by controls outside the catalog: "azure-defender:", "gcp-scc:".
	KeyFramework string
	// ScopeNoun names a scope in messages: "subscription", "project".
	ScopeNoun string
	// Attribute is the finding attribute of the decision.
	Attribute string
	// Waiver match keys: the scope's and the key's; LocationMatch, when
	// set, the location's.
	ScopeMatch, KeyMatch, LocationMatch string
	// Remediation of recommendations outside the catalog.
	Remediation string
	// UnavailableLabel is the engine's word for Unavailable, quoted in the
	// unknown message: "NOT_AVAILABLE".
	UnavailableLabel string
	// ExactJoin compares join values case-sensitively (Security Hub ids);
	// otherwise case is folded (GUIDs, categories).
	ExactJoin bool
	// Describe, when set, names a recommendation in messages instead of
	// `Name "title" (key)`.
	Describe func(key, title string, inCatalog bool) string
	// External, when set, describes a recommendation outside the catalog
	// instead of a control from Name, KeyFramework, JoinPrefix and
	// Remediation with the items' highest severity.
	External func(key, title string) *engine.Control
}

// Query narrows what is tallied.
type Query struct {
	// Keys: only these keys (engine ids); JoinKeys: only these join values.
	// Both empty: every recommendation.
	Keys, JoinKeys []string
	// ExcludeKeys: never these engine ids.
	ExcludeKeys []string
	// MinimumSeverity drops items of the engine's severity below it.
	MinimumSeverity engine.Severity
}

type scopeTally struct {
	unhealthy, healthy, notApplicable, unavailable, waived int
	failing, locations                                     []string
	waiver, expired                                        *engine.Waiver
}

type keyTally struct {
	key, join, title string
	severity         engine.Severity
	resourceTypes    []string
	scopes           map[string]*scopeTally
	failing          []string
}

// Aggregator tallies items. Add is not safe for concurrent use.
type Aggregator struct {
	src     Source
	eng     *engine.Engine
	opts    engine.Options
	q       Query
	joined  map[string][]*engine.Control
	waived  map[string]bool
	byKey   map[string]*keyTally
	read    int
	counted int
}

// New returns an aggregator joining src's items to eng's catalog by the
// controls' src.JoinPrefix framework items.
func New(src Source, eng *engine.Engine, opts engine.Options, q Query) *Aggregator {
	a := &Aggregator{src: src, eng: eng, opts: opts, q: q, joined: map[string][]*engine.Control{}, waived: map[string]bool{}, byKey: map[string]*keyTally{}}
	for _, c := range eng.Controls() {
		for _, f := range c.Frameworks {
			if v, ok := strings.CutPrefix(f, src.JoinPrefix); ok {
				a.joined[a.fold(v)] = append(a.joined[a.fold(v)], c)
			}
		}
	}
	for _, w := range opts.Waivers {
		a.waived[w.ControlID] = true
	}
	return a
}

func (a *Aggregator) fold(join string) string {
	if a.src.ExactJoin {
		return join
	}
	return strings.ToLower(join)
}

// Joined returns the catalog controls a join value maps to.
func (a *Aggregator) Joined(join string) []*engine.Control { return a.joined[a.fold(join)] }

// Read returns how many items were read and how many were tallied.
func (a *Aggregator) Read() (read, tallied int) { return a.read, a.counted }

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// Accept reports whether q selects it.
func (a *Aggregator) Accept(it *Item) bool {
	if it.Key == "" {
		return false
	}
	if len(a.q.Keys)+len(a.q.JoinKeys) > 0 && !contains(a.q.Keys, it.Key) && (it.Join == "" || !contains(a.q.JoinKeys, it.Join)) {
		return false
	}
	if contains(a.q.ExcludeKeys, it.Key) {
		return false
	}
	if a.q.MinimumSeverity != "" && it.Severity != "" && it.Severity.Rank() < a.q.MinimumSeverity.Rank() {
		return false
	}
	return true
}

// Add tallies one item (ignoring those Accept rejects).
func (a *Aggregator) Add(it *Item) {
	a.read++
	if !a.Accept(it) {
		return
	}
	a.counted++
	k := a.byKey[it.Key]
	if k == nil {
		k = &keyTally{key: it.Key, join: it.Join, title: it.Title, severity: it.Severity, scopes: map[string]*scopeTally{}}
		a.byKey[it.Key] = k
	}
	if k.title == "" {
		k.title = it.Title
	}
	if it.Severity.Rank() > k.severity.Rank() {
		k.severity = it.Severity
	}
	if it.ResourceType != "" && len(k.resourceTypes) < 8 && !contains(k.resourceTypes, it.ResourceType) {
		k.resourceTypes = append(k.resourceTypes, it.ResourceType)
	}
	s := k.scopes[it.Scope]
	if s == nil {
		s = &scopeTally{}
		k.scopes[it.Scope] = s
	}
	if it.Location != "" && len(s.locations) < 32 && !slices.Contains(s.locations, it.Location) {
		s.locations = append(s.locations, it.Location)
	}
	switch it.State {
	case Healthy:
		s.healthy++
		return
	case NotApplicable:
		s.notApplicable++
		return
	case Unavailable:
		s.unavailable++
		return
	}
	if w := a.waiverFor(k, it); w != nil && w.Active() {
		s.waived++
		if s.waiver == nil {
			s.waiver = w
		}
		return
	} else if w != nil && s.expired == nil {
		s.expired = w
	}
	s.unhealthy++
	if len(s.failing) < MaxFailingResources {
		s.failing = append(s.failing, it.Resource)
	}
	if len(k.failing) < MaxFailingResources {
		k.failing = append(k.failing, it.Resource)
	}
}

// waiverFor matches waivers naming the engine's key or a joined catalog
// control against the failing resource.
func (a *Aggregator) waiverFor(k *keyTally, it *Item) *engine.Waiver {
	names := []string{it.Key}
	for _, c := range a.Joined(k.join) {
		names = append(names, c.ID)
	}
	named := false
	for _, n := range names {
		named = named || a.waived[n]
	}
	if !named {
		return nil
	}
	match := map[string]subject.Value{
		a.src.ScopeMatch: subject.String(it.Scope), "resource": subject.String(it.Resource),
		"resource_type": subject.String(it.ResourceType), a.src.KeyMatch: subject.String(it.Key),
	}
	if a.src.LocationMatch != "" {
		match[a.src.LocationMatch] = subject.String(it.Location)
	}
	raw := subject.Object(match)
	var expired *engine.Waiver
	for _, n := range names {
		if w := a.opts.Waivers.For(n, raw); w != nil {
			if w.Active() {
				return w
			}
			if expired == nil {
				expired = w
			}
		}
	}
	return expired
}

// Summary is one recommendation over the scopes read.
type Summary struct {
	// ControlID is the joined catalog control, or the engine's key when the
	// recommendation is outside the catalog (InCatalog false).
	ControlID   string
	Key         string
	Join        string
	InCatalog   bool
	DisplayName string
	// Title is the control's: the catalog's, or the outside control's.
	Title    string
	Severity engine.Severity
	// Status is the worst per-scope status: fail, unknown, waived or pass.
	Status                                         engine.Status
	Unhealthy, Healthy, NotApplicable, Unavailable int
	Waived                                         int
	FailingResources                               []string
	ResourceTypes                                  []string
	Scopes                                         []ScopeSummary
}

// ScopeSummary is one recommendation in one scope.
type ScopeSummary struct {
	Scope                                          string
	Status                                         engine.Status
	Unhealthy, Healthy, NotApplicable, Unavailable int
	Waived                                         int
	FailingResources                               []string
}

func (a *Aggregator) catalogControl(join string) *engine.Control {
	cs := a.Joined(join)
	for _, c := range cs {
		if a.eng.SelectedExternal(c, a.opts) {
			return c
		}
	}
	if len(cs) > 0 {
		return cs[0]
	}
	return nil
}

func (a *Aggregator) externalControl(k *keyTally) *engine.Control {
	if a.src.External != nil {
		return a.src.External(k.key, k.title)
	}
	title := k.title
	if title == "" {
		title = a.src.Name + " recommendation " + k.key
	}
	frameworks := []string{a.src.KeyFramework + k.key}
	if k.join != "" && !strings.EqualFold(a.src.JoinPrefix+k.join, frameworks[0]) {
		frameworks = append(frameworks, a.src.JoinPrefix+k.join)
	}
	c := engine.ExternalControl(k.key, title, k.severity, engine.Customer, "", frameworks, a.src.Remediation)
	c.Cloud = a.src.Cloud
	return c
}

// Results returns one external result per recommendation and scope, in key
// then scope order, and the summaries of the selected recommendations.
func (a *Aggregator) Results() ([]engine.ExternalResult, []Summary) {
	keys := make([]string, 0, len(a.byKey))
	for k := range a.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var results []engine.ExternalResult
	sums := []Summary{}
	for _, key := range keys {
		k := a.byKey[key]
		ctl := a.catalogControl(k.join)
		inCatalog := ctl != nil
		if !inCatalog {
			ctl = a.externalControl(k)
		}
		if !a.eng.SelectedExternal(ctl, a.opts) {
			continue
		}
		sum := Summary{ControlID: ctl.ID, Key: k.key, Join: k.join, InCatalog: inCatalog, DisplayName: k.title, Title: ctl.Title, Severity: ctl.Severity,
			Status: engine.StatusPass, FailingResources: nonNil(k.failing), ResourceTypes: nonNil(k.resourceTypes), Scopes: []ScopeSummary{}}
		if sum.DisplayName == "" {
			sum.DisplayName = ctl.Title
		}
		scopes := make([]string, 0, len(k.scopes))
		for s := range k.scopes {
			scopes = append(scopes, s)
		}
		sort.Strings(scopes)
		for _, scope := range scopes {
			t := k.scopes[scope]
			r := engine.ExternalResult{Control: ctl, Outcome: a.outcome(k, inCatalog, scope, t)}
			switch {
			case t.unhealthy > 0:
				r.Waiver = t.expired
			case t.waived > 0:
				r.Waiver = t.waiver
			}
			results = append(results, r)
			st := r.Outcome.Status
			if st == engine.StatusFail && r.Waiver != nil && r.Waiver.Active() {
				st = engine.StatusWaived
			}
			sum.Scopes = append(sum.Scopes, ScopeSummary{Scope: scope, Status: st, Unhealthy: t.unhealthy, Healthy: t.healthy,
				NotApplicable: t.notApplicable, Unavailable: t.unavailable, Waived: t.waived, FailingResources: nonNil(t.failing)})
			sum.Unhealthy += t.unhealthy
			sum.Healthy += t.healthy
			sum.NotApplicable += t.notApplicable
			sum.Unavailable += t.unavailable
			sum.Waived += t.waived
			if rank(st) > rank(sum.Status) {
				sum.Status = st
			}
		}
		sums = append(sums, sum)
	}
	return results, sums
}

func rank(s engine.Status) int {
	switch s {
	case engine.StatusFail:
		return 3
	case engine.StatusUnknown:
		return 2
	case engine.StatusWaived:
		return 1
	}
	return 0
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// describe names a recommendation in messages.
func (a *Aggregator) describe(k *keyTally, inCatalog bool) string {
	if a.src.Describe != nil {
		return a.src.Describe(k.key, k.title, inCatalog)
	}
	source := fmt.Sprintf("%s %q (%s)", a.src.Name, k.title, k.key)
	if k.title == "" || k.title == k.key {
		source = a.src.Name + " " + k.key
	}
	if !inCatalog {
		source += fmt.Sprintf(", a %s recommendation outside the baseline catalog", a.src.Name)
	}
	return source
}

// outcome judges one recommendation in one scope: fail when a resource is
// unhealthy and not waived; unknown when the engine could evaluate none
// (unavailable only); pass otherwise (healthy or not applicable).
func (a *Aggregator) outcome(k *keyTally, inCatalog bool, scope string, t *scopeTally) engine.Outcome {
	source := a.describe(k, inCatalog)
	where := a.src.ScopeNoun + " " + scope
	if len(t.locations) > 0 {
		where += " (" + strings.Join(t.locations, ", ") + ")"
	}
	total := t.unhealthy + t.healthy + t.notApplicable + t.unavailable + t.waived
	switch {
	case t.unhealthy > 0:
		list := strings.Join(t.failing, ", ")
		if more := t.unhealthy - len(t.failing); more > 0 {
			list += fmt.Sprintf(" and %d more", more)
		}
		msg := fmt.Sprintf("%s: %d of %d resources fail %s: %s", where, t.unhealthy, total, source, list)
		if t.waived > 0 {
			msg += fmt.Sprintf(" (%d more waived)", t.waived)
		}
		return engine.Fail(a.src.Attribute, "%s", msg)
	case t.waived > 0:
		return engine.Fail(a.src.Attribute, "%s: %d of %d resources fail %s, all waived", where, t.waived, total, source)
	case t.unavailable > 0 && t.healthy+t.notApplicable == 0:
		msg := fmt.Sprintf("%s: %s could not evaluate %s on any of %d resources", where, a.src.Name, source, t.unavailable)
		if a.src.UnavailableLabel != "" {
			msg += " (" + a.src.UnavailableLabel + ")"
		}
		return engine.Undecided(a.src.Attribute, "%s", msg)
	}
	return engine.Pass()
}

// Scopes returns the scopes that had at least one tallied item.
func (a *Aggregator) Scopes() map[string]bool {
	out := map[string]bool{}
	for _, k := range a.byKey {
		for s := range k.scopes {
			out[s] = true
		}
	}
	return out
}
