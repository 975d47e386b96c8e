package definition

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Compiled is a checked definition: an engine with the organisation's
// baseline, the ids of its own controls, its waivers and its canonical form.
type Compiled struct {
	Engine *engine.Engine
	// Custom lists the ids of the custom controls, sorted.
	Custom  []string
	waivers []Waiver
	// Spec is the canonical JSON of the definition; Load reads it back.
	Spec string
}

// Waivers builds the definition's waivers, judging expiry on asOf.
func (c *Compiled) Waivers(asOf time.Time) (engine.Waivers, error) {
	var out engine.Waivers
	for _, w := range c.waivers {
		wv, err := engine.NewWaiver(w.ControlID, w.Reason, w.Owner, w.Expires, w.Match, asOf)
		if err != nil {
			return nil, err
		}
		out = append(out, wv)
	}
	return out, nil
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,62}$`)
	areaPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	refPattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*:\S+$`)
	// reserved are the prefixes of built-in control ids.
	reserved = []string{"aws-", "azure-", "google-", "azuread-", "github-"}
)

// Compile checks spec against the built-in engine base and the provider
// schemas and builds the engine that judges the organisation's baseline.
func Compile(base *engine.Engine, spec *Spec) (*Compiled, Problems) {
	var probs Problems
	x := engine.Extension{Decode: func(n subject.Node) any { return newEvaluation(n) }}
	custom := map[string]bool{}
	var ids []string
	for _, c := range spec.Controls {
		ctl, checks, ps := compileControl(base, c, custom)
		probs = append(probs, ps...)
		if len(ps) == 0 {
			x.Controls = append(x.Controls, ctl)
			x.Checks = append(x.Checks, checks...)
		}
		if c.ID != "" {
			custom[c.ID] = true
			ids = append(ids, c.ID)
		}
	}
	if s := spec.Select; s != nil {
		var ps Problems
		x.Keep, ps = compileSelect(base, s)
		probs = append(probs, ps...)
	}
	var ps Problems
	x.Severities, ps = compileSeverities(base, spec.Severities, custom)
	probs = append(probs, ps...)
	if len(probs) > 0 {
		return nil, probs
	}
	eng, err := base.Extend(x)
	if err != nil {
		return nil, Problems{{Reason: err.Error()}}
	}
	probs = checkWaivers(base, eng, spec.Waivers)
	if len(probs) > 0 {
		return nil, probs
	}
	canon, err := json.Marshal(spec)
	if err != nil {
		return nil, Problems{{Reason: "encoding the definition: " + err.Error()}}
	}
	slices.Sort(ids)
	return &Compiled{Engine: eng, Custom: ids, waivers: spec.Waivers, Spec: string(canon)}, nil
}

// compileSelect checks the built-in control ids of select s and returns
// which built-in controls the baseline keeps.
func compileSelect(base *engine.Engine, s *Selection) (keep func(*engine.Control) bool, probs Problems) {
	if err := base.ValidateBaseline(s.Baseline); err != nil {
		probs = append(probs, Problem{Field: "select.baseline", Reason: err.Error()})
	}
	for _, list := range []struct {
		field string
		ids   []string
	}{{"select.controls", s.Controls}, {"select.exclude_controls", s.ExcludeControls}} {
		for _, id := range list.ids {
			if _, ok := base.Control(id); !ok {
				probs = append(probs, Problem{Field: list.field, Reason: fmt.Sprintf("%q is not a built-in control id", id)})
			}
		}
	}
	keep = func(c *engine.Control) bool {
		if slices.Contains(s.ExcludeControls, c.ID) {
			return false
		}
		if slices.Contains(s.Controls, c.ID) {
			return true
		}
		if s.Baseline == "" {
			return len(s.Controls) == 0
		}
		return engine.InBaseline(c, s.Baseline)
	}
	return keep, probs
}

// compileSeverities reads the severities that override built-in controls';
// custom holds the ids of the definition's own controls.
func compileSeverities(base *engine.Engine, severities map[string]string, custom map[string]bool) (out map[string]engine.Severity, probs Problems) {
	for _, id := range sortedKeys(severities) {
		field := "severities." + id
		if custom[id] {
			probs = append(probs, Problem{Field: field, Reason: "give a custom control its severity in its own definition"})
			continue
		}
		if _, ok := base.Control(id); !ok {
			probs = append(probs, Problem{Field: field, Reason: fmt.Sprintf("%q is not a built-in control id", id)})
			continue
		}
		sev, err := engine.ParseSeverity(severities[id])
		if err != nil {
			probs = append(probs, Problem{Field: field, Reason: err.Error()})
			continue
		}
		if out == nil {
			out = map[string]engine.Severity{}
		}
		out[id] = sev
	}
	return out, probs
}

// checkWaivers checks that every waiver names a control of eng (base
// extended by the definition) and is well formed.
func checkWaivers(base, eng *engine.Engine, waivers []Waiver) (probs Problems) {
	for i, w := range waivers {
		field := fmt.Sprintf("waivers[%d]", i)
		if _, ok := eng.Control(w.ControlID); !ok {
			reason := fmt.Sprintf("control_id %q is not a control of this baseline", w.ControlID)
			if _, builtin := base.Control(w.ControlID); builtin {
				reason = fmt.Sprintf("control_id %q is left out by select", w.ControlID)
			}
			probs = append(probs, Problem{Where: w.at, Field: field, Reason: reason})
			continue
		}
		if _, err := engine.NewWaiver(w.ControlID, w.Reason, w.Owner, w.Expires, w.Match, time.Now().UTC()); err != nil {
			probs = append(probs, Problem{Where: w.at, Field: field, Reason: err.Error()})
		}
	}
	return probs
}

func compileControl(base *engine.Engine, c Control, seen map[string]bool) (engine.Control, []engine.NodeCheck, Problems) {
	var probs Problems
	id := c.ID
	add := func(field, format string, args ...any) {
		probs = append(probs, Problem{Where: c.at, Control: id, Field: field, Reason: fmt.Sprintf(format, args...)})
	}
	checkID(base, id, seen, add)
	if strings.TrimSpace(c.Title) == "" {
		add("title", "is missing")
	}
	sev, err := engine.ParseSeverity(c.Severity)
	if c.Severity == "" {
		add("severity", "is missing: use one of critical, high, medium, low, info")
	} else if err != nil {
		add("severity", "%s", err)
	}
	area := c.Area
	if area == "" {
		area = "custom"
	} else if !areaPattern.MatchString(area) {
		add("area", "%q is not a word: use lower-case letters, digits, '-' and '_'", area)
	}
	resp := engine.Responsibility(c.Responsibility)
	if resp == "" {
		resp = engine.Customer
	}
	if resp != engine.Customer && resp != engine.Shared && resp != engine.Provider {
		add("responsibility", "%q is not one of customer, shared, provider", c.Responsibility)
	}
	if c.ServiceModel != "" && !slices.Contains([]string{"IaaS", "PaaS", "SaaS"}, c.ServiceModel) {
		add("service_model", "%q is not one of IaaS, PaaS, SaaS", c.ServiceModel)
	}
	for i, f := range c.Frameworks {
		if !refPattern.MatchString(f) {
			add(fmt.Sprintf("frameworks[%d]", i), "%q is not a framework item: write framework:item, such as acme-standard:RDS-1", f)
		}
	}
	if len(c.ResourceTypes) == 0 {
		add("resource_types", "is missing: give the resource types the control judges, such as [\"aws_db_instance\"]")
	}
	if c.Condition == nil {
		add("condition", "is missing: give a test { attribute, op, value } or a combinator { all | any | none = [...] }")
	}
	checks := compileChecks(base, c, add, func(ps Problems) { probs = append(probs, ps...) })
	ctl := engine.Control{
		ID: id, Title: c.Title, Description: c.Description, Severity: sev, Area: area,
		Cloud: cloudOf(c.ResourceTypes), Service: "custom", ServiceModel: c.ServiceModel, Responsibility: resp,
		Frameworks: c.Frameworks, ResourceTypes: c.ResourceTypes, Modes: []string{"planned"},
		Fix: c.Remediation, Remediation: c.Remediation,
	}
	return ctl, checks, dedupe(probs)
}

// checkID reports through add what is wrong with the id of a custom control;
// seen holds the ids defined before it.
func checkID(base *engine.Engine, id string, seen map[string]bool, add func(field, format string, args ...any)) {
	switch {
	case id == "":
		add("id", "is missing: give the control an id of your own, such as acme-rds-backups")
	case !idPattern.MatchString(id):
		add("id", "%q is not a control id: use lower-case letters, digits, '-', '_' and '.', at most 63", id)
	case hasReservedPrefix(id):
		add("id", "%q starts with %s, which built-in controls use: give your own prefix, such as acme-", id, strings.Join(reserved, ", "))
	case seen[id]:
		add("id", "%q is defined twice", id)
	default:
		if _, builtin := base.Control(id); builtin {
			add("id", "%q is a built-in control id", id)
		}
	}
}

// compileChecks compiles the condition of c for each of its resource types,
// reporting through add and addAll what does not compile.
func compileChecks(base *engine.Engine, c Control, add func(field, format string, args ...any), addAll func(Problems)) []engine.NodeCheck {
	var checks []engine.NodeCheck
	for i, rt := range c.ResourceTypes {
		blocks, err := resourceSchemas(rt)
		if err != nil {
			add(fmt.Sprintf("resource_types[%d]", i), "reading the provider schemas: %s", err)
			continue
		}
		if len(blocks) == 0 && !slices.Contains(base.ResourceTypes(), rt) {
			add(fmt.Sprintf("resource_types[%d]", i), "%q is not a resource type of hashicorp/aws, azurerm, google, azuread or integrations/github (schemas: %s)", rt, schemaNames())
			continue
		}
		if c.Condition == nil {
			continue
		}
		cc, ps := compileCond(c.Condition, c.ID, "condition", rt, blocks)
		if len(ps) > 0 {
			addAll(ps)
			continue
		}
		checks = append(checks, engine.NodeCheck{ResourceType: rt, Control: c.ID, Eval: func(x any) engine.Outcome {
			return cc.eval(x.(*evaluation)).outcome()
		}})
	}
	return checks
}

// dedupe drops a problem repeated for several resource types of one control.
func dedupe(ps Problems) Problems {
	var out Problems
	for _, p := range ps {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func hasReservedPrefix(id string) bool {
	for _, p := range reserved {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

// target is a resource type's schema in one provider version.
type target struct {
	block *schema.Block
	lossy bool
}

// resourceSchemas returns the schemas of rt in every embedded provider
// version that has it.
func resourceSchemas(rt string) ([]target, error) {
	schemas, err := schema.For(rt)
	if err != nil {
		return nil, err
	}
	var out []target
	for _, s := range schemas {
		b, ok, err := s.Resource(rt)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, target{block: b, lossy: s.Lossy})
		}
	}
	return out, nil
}

func schemaNames() string {
	schemas, _ := schema.Embedded()
	names := make([]string, len(schemas))
	for i, s := range schemas {
		names[i] = s.Name + " " + s.Version
	}
	return strings.Join(names, ", ")
}

func cloudOf(types []string) string {
	for _, rt := range types {
		switch {
		case strings.HasPrefix(rt, "aws_"):
			return "aws"
		case strings.HasPrefix(rt, "azurerm_"):
			return "azure"
		case strings.HasPrefix(rt, "google_"):
			return "google"
		case strings.HasPrefix(rt, "azuread_"):
			return "azuread"
		case strings.HasPrefix(rt, "github_"):
			return "github"
		}
	}
	return ""
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// The functions receive the canonical spec with every call; Load compiles
// each distinct spec once per process.
var cache = struct {
	sync.Mutex
	m map[string]*Compiled
}{m: map[string]*Compiled{}}

const cacheSize = 32

// Load compiles a canonical spec (Compiled.Spec, as baseline_definition
// returns it), reusing the result for a spec seen before.
func Load(base *engine.Engine, spec string) (*Compiled, error) {
	cache.Lock()
	c, ok := cache.m[spec]
	cache.Unlock()
	if ok {
		return c, nil
	}
	parsed, probs := Parse(Source{Name: "definitions", Document: []byte(spec)})
	if len(probs) == 0 {
		c, probs = Compile(base, parsed)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	cache.Lock()
	if len(cache.m) >= cacheSize {
		clear(cache.m)
	}
	cache.m[spec] = c
	cache.Unlock()
	return c, nil
}
