// Package definition reads an organisation's own baseline: controls written
// as data (a condition over attribute paths, with the metadata of a built-in
// control), a selection of built-in controls, severities and waivers. It
// checks a definition against the provider schemas and compiles it into an
// engine that judges the custom controls with the built-in ones. It knows
// nothing of the plugin framework.
package definition

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Spec is one organisation's baseline.
type Spec struct {
	// Select chooses the built-in controls that stay; nil keeps every one.
	Select     *Selection        `json:"select,omitempty"`
	Severities map[string]string `json:"severities,omitempty"`
	Waivers    []Waiver          `json:"waivers,omitempty"`
	Controls   []Control         `json:"controls,omitempty"`
}

// Selection chooses built-in controls: those of Baseline (every one when
// empty and Controls is empty) plus Controls, minus ExcludeControls.
type Selection struct {
	Baseline        string   `json:"baseline,omitempty"`
	Controls        []string `json:"controls,omitempty"`
	ExcludeControls []string `json:"exclude_controls,omitempty"`
}

// Waiver accepts a control's failure, as the waiver blocks and options do.
type Waiver struct {
	ControlID string            `json:"control_id"`
	Reason    string            `json:"reason"`
	Owner     string            `json:"owner"`
	Expires   string            `json:"expires"`
	Match     map[string]string `json:"match,omitempty"`
	at        string
}

// Control is one custom control.
type Control struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Description    string   `json:"description,omitempty"`
	Severity       string   `json:"severity"`
	Area           string   `json:"area,omitempty"`
	ResourceTypes  []string `json:"resource_types"`
	ServiceModel   string   `json:"service_model,omitempty"`
	Responsibility string   `json:"responsibility,omitempty"`
	Frameworks     []string `json:"frameworks,omitempty"`
	Remediation    string   `json:"remediation,omitempty"`
	Condition      *Cond    `json:"condition"`
	at             string
}

// Cond is a condition: one test (Attribute, Op, Value) or a combinator (All,
// Any, None), optionally guarded by When.
type Cond struct {
	Attribute string  `json:"attribute,omitempty"`
	Op        string  `json:"op,omitempty"`
	Value     any     `json:"value,omitempty"`
	All       []*Cond `json:"all,omitempty"`
	Any       []*Cond `json:"any,omitempty"`
	None      []*Cond `json:"none,omitempty"`
	When      *Cond   `json:"when,omitempty"`
	hasValue  bool
	at        string
}

// Problem is one thing wrong with a definition: where (a file and line, or
// a block), which control, which field, and why.
type Problem struct {
	Where   string
	Control string
	Field   string
	Reason  string
}

func (p Problem) Error() string {
	var b strings.Builder
	if p.Where != "" {
		b.WriteString(p.Where)
		b.WriteString(": ")
	}
	if p.Control != "" {
		fmt.Fprintf(&b, "control %q: ", p.Control)
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Problems is every problem found; a definition with any is not compiled.
type Problems []Problem

func (ps Problems) Error() string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "\n")
}

// raw is a parsed document node: YAML (with its line) or a Terraform value.
type raw struct {
	kind  subject.Kind
	b     bool
	num   *big.Float
	s     string
	list  []*raw
	keys  []string
	attrs map[string]*raw
	// where locates the node: "baseline.yaml:12" or "control[0].condition".
	where string
}

func (r *raw) get(name string) *raw {
	if r == nil || r.kind != subject.KindObject {
		return nil
	}
	return r.attrs[name]
}

func (r *raw) describe() string {
	if r == nil {
		return "nothing"
	}
	switch r.kind {
	case subject.KindNull:
		return "null"
	case subject.KindBool:
		return "a bool"
	case subject.KindNumber:
		return "a number"
	case subject.KindString:
		return "a string"
	case subject.KindList:
		return "a list"
	case subject.KindObject:
		return "an object"
	}
	return "an unknown value"
}

// fromYAML converts a YAML document (JSON is YAML too) naming locations
// "source:line".
func fromYAML(n *yaml.Node, source string, depth int) (*raw, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%s:%d: nested too deeply (more than %d levels)", source, n.Line, maxDepth)
	}
	r := &raw{where: source + ":" + strconv.Itoa(n.Line)}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			r.kind = subject.KindNull
			return r, nil
		}
		return fromYAML(n.Content[0], source, depth+1)
	case yaml.AliasNode:
		return nil, fmt.Errorf("%s: YAML aliases are not supported; write the value out", r.where)
	case yaml.SequenceNode:
		r.kind = subject.KindList
		for _, c := range n.Content {
			e, err := fromYAML(c, source, depth+1)
			if err != nil {
				return nil, err
			}
			r.list = append(r.list, e)
		}
	case yaml.MappingNode:
		r.kind = subject.KindObject
		r.attrs = map[string]*raw{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s:%d: a key must be a plain string", source, k.Line)
			}
			if _, dup := r.attrs[k.Value]; dup {
				return nil, fmt.Errorf("%s:%d: key %q appears twice", source, k.Line, k.Value)
			}
			v, err := fromYAML(n.Content[i+1], source, depth+1)
			if err != nil {
				return nil, err
			}
			r.keys = append(r.keys, k.Value)
			r.attrs[k.Value] = v
		}
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			r.kind = subject.KindNull
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, fmt.Errorf("%s: %v", r.where, err)
			}
			r.kind, r.b = subject.KindBool, b
		case "!!int", "!!float":
			f, ok := new(big.Float).SetString(strings.ReplaceAll(n.Value, "_", ""))
			if !ok {
				return nil, fmt.Errorf("%s: %q is not a number", r.where, n.Value)
			}
			r.kind, r.num = subject.KindNumber, f
		default:
			r.kind, r.s = subject.KindString, n.Value
		}
	default:
		return nil, fmt.Errorf("%s: unsupported YAML node", r.where)
	}
	return r, nil
}

// fromValue converts a Terraform value (control blocks of the provider or
// of baseline_definition) naming locations by attribute path.
func fromValue(v subject.Value, where string, depth int) (*raw, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%s: nested too deeply (more than %d levels)", where, maxDepth)
	}
	r := &raw{kind: v.Kind(), where: where}
	switch v.Kind() {
	case subject.KindUnknown:
		return nil, fmt.Errorf("%s: must be known at plan time", where)
	case subject.KindList:
		for i, e := range v.Elems() {
			c, err := fromValue(e, fmt.Sprintf("%s[%d]", where, i), depth+1)
			if err != nil {
				return nil, err
			}
			r.list = append(r.list, c)
		}
	case subject.KindObject:
		r.attrs = map[string]*raw{}
		for _, k := range v.AttrNames() {
			a, _ := v.Attr(k)
			if a.IsNull() {
				continue // an unset optional block attribute
			}
			c, err := fromValue(a, where+"."+k, depth+1)
			if err != nil {
				return nil, err
			}
			r.keys = append(r.keys, k)
			r.attrs[k] = c
		}
	default:
		x, _ := v.Scalar()
		switch t := x.(type) {
		case bool:
			r.b = t
		case *big.Float:
			r.num = t
		case string:
			r.s = t
		}
	}
	return r, nil
}

func relocate(r *raw, where string) {
	r.where = where
	for _, e := range r.list {
		relocate(e, where)
	}
	for _, a := range r.attrs {
		relocate(a, where)
	}
}

// maxDepth bounds nesting, so a hostile document cannot exhaust the stack.
const maxDepth = 64

// Source is one place definitions come from.
type Source struct {
	// Name locates problems: a file name, or "control" for blocks.
	Name string
	// Document is a YAML (or JSON) document: a map with `controls` and
	// optionally `select`, `severities` and `waivers`.
	Document []byte
	// Blocks are control blocks as Terraform values (a list of objects).
	Blocks *subject.Value
}

// Parse reads sources into one Spec. Every problem is returned, each naming
// its line or block.
func Parse(sources ...Source) (*Spec, Problems) {
	spec := &Spec{}
	var probs Problems
	for _, src := range sources {
		switch {
		case src.Blocks != nil:
			r, err := fromValue(*src.Blocks, src.Name, 0)
			if err != nil {
				probs = append(probs, Problem{Reason: err.Error()})
				continue
			}
			for _, item := range r.list {
				// A problem inside a block is located by the block; the
				// field names the rest.
				relocate(item, item.where)
				c, ps := parseControl(item)
				probs = append(probs, ps...)
				spec.Controls = append(spec.Controls, c)
			}
		default:
			var doc yaml.Node
			if err := yaml.Unmarshal(src.Document, &doc); err != nil {
				probs = append(probs, Problem{Where: src.Name, Reason: yamlReason(err)})
				continue
			}
			r, err := fromYAML(&doc, src.Name, 0)
			if err != nil {
				probs = append(probs, Problem{Reason: err.Error()})
				continue
			}
			probs = append(probs, parseDocument(r, spec)...)
		}
	}
	return spec, probs
}

func yamlReason(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

func parseDocument(r *raw, spec *Spec) Problems {
	if r.kind == subject.KindNull {
		return Problems{{Where: r.where, Reason: "the document is empty: give `controls:` and optionally `select:`, `severities:` and `waivers:`"}}
	}
	if r.kind != subject.KindObject {
		return Problems{{Where: r.where, Reason: "the document must be a map with `controls:` and optionally `select:`, `severities:` and `waivers:`, not " + r.describe()}}
	}
	var probs Problems
	probs = append(probs, unknownKeys(r, "", "", "controls", "select", "severities", "waivers")...)
	if s := r.get("select"); s != nil {
		sel := &Selection{}
		probs = append(probs, unknownKeys(s, "", "select", "baseline", "controls", "exclude_controls")...)
		probs = append(probs, str(s.get("baseline"), "", "select.baseline", &sel.Baseline)...)
		probs = append(probs, strs(s.get("controls"), "", "select.controls", &sel.Controls)...)
		probs = append(probs, strs(s.get("exclude_controls"), "", "select.exclude_controls", &sel.ExcludeControls)...)
		if s.kind != subject.KindObject {
			probs = append(probs, Problem{Where: s.where, Field: "select", Reason: "must be a map, not " + s.describe()})
		}
		spec.Select = sel
	}
	if s := r.get("severities"); s != nil {
		if s.kind != subject.KindObject {
			probs = append(probs, Problem{Where: s.where, Field: "severities", Reason: "must be a map of control id to severity, not " + s.describe()})
		}
		for _, id := range s.keys {
			var sev string
			probs = append(probs, str(s.attrs[id], "", "severities."+id, &sev)...)
			if spec.Severities == nil {
				spec.Severities = map[string]string{}
			}
			spec.Severities[id] = sev
		}
	}
	if w := r.get("waivers"); w != nil {
		if w.kind != subject.KindList {
			probs = append(probs, Problem{Where: w.where, Field: "waivers", Reason: "must be a list of waivers, not " + w.describe()})
		}
		for i, item := range w.list {
			field := fmt.Sprintf("waivers[%d]", i)
			wv := Waiver{at: item.where}
			if item.kind != subject.KindObject {
				probs = append(probs, Problem{Where: item.where, Field: field, Reason: "must be a map with control_id, reason, owner, expires and optionally match, not " + item.describe()})
				continue
			}
			probs = append(probs, unknownKeys(item, "", field, "control_id", "reason", "owner", "expires", "match")...)
			probs = append(probs, str(item.get("control_id"), "", field+".control_id", &wv.ControlID)...)
			probs = append(probs, str(item.get("reason"), "", field+".reason", &wv.Reason)...)
			probs = append(probs, str(item.get("owner"), "", field+".owner", &wv.Owner)...)
			probs = append(probs, str(item.get("expires"), "", field+".expires", &wv.Expires)...)
			if m := item.get("match"); m != nil {
				if m.kind != subject.KindObject {
					probs = append(probs, Problem{Where: m.where, Field: field + ".match", Reason: "must be a map of attribute path to glob, not " + m.describe()})
				}
				wv.Match = map[string]string{}
				for _, k := range m.keys {
					var g string
					probs = append(probs, str(m.attrs[k], "", field+".match."+k, &g)...)
					wv.Match[k] = g
				}
			}
			spec.Waivers = append(spec.Waivers, wv)
		}
	}
	if c := r.get("controls"); c != nil {
		if c.kind != subject.KindList {
			probs = append(probs, Problem{Where: c.where, Field: "controls", Reason: "must be a list of controls, not " + c.describe()})
		}
		for _, item := range c.list {
			ctl, ps := parseControl(item)
			probs = append(probs, ps...)
			spec.Controls = append(spec.Controls, ctl)
		}
	}
	return probs
}

var controlFields = []string{"id", "title", "description", "severity", "area", "resource_types", "service_model",
	"responsibility", "frameworks", "remediation", "condition"}

func parseControl(r *raw) (Control, Problems) {
	c := Control{at: r.where}
	if r.kind != subject.KindObject {
		return c, Problems{{Where: r.where, Reason: "a control must be a map with " + strings.Join(controlFields, ", ") + ", not " + r.describe()}}
	}
	var probs Problems
	probs = append(probs, str(r.get("id"), "", "id", &c.ID)...)
	id := c.ID
	probs = append(probs, unknownKeys(r, id, "", controlFields...)...)
	probs = append(probs, str(r.get("title"), id, "title", &c.Title)...)
	probs = append(probs, str(r.get("description"), id, "description", &c.Description)...)
	probs = append(probs, str(r.get("severity"), id, "severity", &c.Severity)...)
	probs = append(probs, str(r.get("area"), id, "area", &c.Area)...)
	probs = append(probs, strs(r.get("resource_types"), id, "resource_types", &c.ResourceTypes)...)
	probs = append(probs, str(r.get("service_model"), id, "service_model", &c.ServiceModel)...)
	probs = append(probs, str(r.get("responsibility"), id, "responsibility", &c.Responsibility)...)
	probs = append(probs, strs(r.get("frameworks"), id, "frameworks", &c.Frameworks)...)
	probs = append(probs, str(r.get("remediation"), id, "remediation", &c.Remediation)...)
	if cond := r.get("condition"); cond != nil {
		var ps Problems
		c.Condition, ps = parseCond(cond, id, "condition")
		probs = append(probs, ps...)
	}
	for i := range probs {
		if probs[i].Where == "" {
			probs[i].Where = r.where
		}
	}
	return c, probs
}

var condFields = []string{"attribute", "op", "value", "all", "any", "none", "when"}

func parseCond(r *raw, id, field string) (*Cond, Problems) {
	c := &Cond{at: r.where}
	if r.kind != subject.KindObject {
		return c, Problems{{Where: r.where, Control: id, Field: field,
			Reason: "a condition must be an object: { attribute, op, value } or { all | any | none = [...] }, optionally with when, not " + r.describe()}}
	}
	probs := unknownKeys(r, id, field, condFields...)
	probs = append(probs, str(r.get("attribute"), id, field+".attribute", &c.Attribute)...)
	probs = append(probs, str(r.get("op"), id, field+".op", &c.Op)...)
	if v := r.get("value"); v != nil {
		c.hasValue = true
		c.Value = v.goValue()
	}
	for _, comb := range []struct {
		name string
		dst  *[]*Cond
	}{{"all", &c.All}, {"any", &c.Any}, {"none", &c.None}} {
		list := r.get(comb.name)
		if list == nil {
			continue
		}
		if list.kind != subject.KindList {
			probs = append(probs, Problem{Where: list.where, Control: id, Field: field + "." + comb.name, Reason: "must be a list of conditions, not " + list.describe()})
			continue
		}
		*comb.dst = []*Cond{}
		for i, item := range list.list {
			sub, ps := parseCond(item, id, fmt.Sprintf("%s.%s[%d]", field, comb.name, i))
			probs = append(probs, ps...)
			*comb.dst = append(*comb.dst, sub)
		}
	}
	if w := r.get("when"); w != nil {
		var ps Problems
		c.When, ps = parseCond(w, id, field+".when")
		probs = append(probs, ps...)
	}
	return c, probs
}

// goValue converts a value operand to Go: nil, bool, float64, string, []any
// or map[string]any.
func (r *raw) goValue() any {
	switch r.kind {
	case subject.KindBool:
		return r.b
	case subject.KindNumber:
		f, _ := r.num.Float64()
		return f
	case subject.KindString:
		return r.s
	case subject.KindList:
		out := make([]any, len(r.list))
		for i, e := range r.list {
			out[i] = e.goValue()
		}
		return out
	case subject.KindObject:
		out := make(map[string]any, len(r.attrs))
		for k, e := range r.attrs {
			out[k] = e.goValue()
		}
		return out
	}
	return nil
}

func unknownKeys(r *raw, id, field string, allowed ...string) Problems {
	if r == nil || r.kind != subject.KindObject {
		return nil
	}
	var probs Problems
	keys := append([]string(nil), r.keys...)
	sort.Strings(keys)
	for _, k := range keys {
		known := false
		for _, a := range allowed {
			if k == a {
				known = true
				break
			}
		}
		if !known {
			f := k
			if field != "" {
				f = field + "." + k
			}
			probs = append(probs, Problem{Where: r.attrs[k].where, Control: id, Field: f,
				Reason: "unknown field; use " + strings.Join(allowed, ", ")})
		}
	}
	return probs
}

func str(r *raw, id, field string, dst *string) Problems {
	if r == nil || r.kind == subject.KindNull {
		return nil
	}
	switch r.kind {
	case subject.KindString:
		*dst = r.s
	case subject.KindNumber:
		*dst = r.num.Text('f', -1)
	case subject.KindBool:
		*dst = strconv.FormatBool(r.b)
	default:
		return Problems{{Where: r.where, Control: id, Field: field, Reason: "must be a string, not " + r.describe()}}
	}
	return nil
}

func strs(r *raw, id, field string, dst *[]string) Problems {
	if r == nil || r.kind == subject.KindNull {
		return nil
	}
	if r.kind != subject.KindList {
		return Problems{{Where: r.where, Control: id, Field: field, Reason: "must be a list of strings, not " + r.describe()}}
	}
	var probs Problems
	for i, e := range r.list {
		var s string
		probs = append(probs, str(e, id, fmt.Sprintf("%s[%d]", field, i), &s)...)
		*dst = append(*dst, s)
	}
	return probs
}
