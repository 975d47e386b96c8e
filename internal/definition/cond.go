package definition

import (
	"fmt"
	"math/big"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// Compilation of a condition: each test's path is checked against the
// provider schema, its operator against the attribute's kind and its value
// against what the operator takes. Evaluation is in eval.go, the operator
// table in operators.go.

type state uint8

const (
	pass state = iota
	fail
	unknown
	errored
)

type result struct {
	state state
	attr  string
	msg   string
}

// cond is a compiled condition for one resource type.
type cond struct {
	kind string // "test", "all", "any", "none"
	subs []*cond
	when *cond

	path  []step
	text  string // the path as written
	key   string // the path with its map marks: where leaves are shared
	op    string
	code  opcode
	want  any // bool, *big.Float or string
	set   []any
	re    *regexp.Regexp
	num   *big.Float
	cidrs []netip.Prefix
	shown string // the operand as the message shows it
}

// compileCond checks c and compiles it for a resource type whose schemas are
// blocks (none for types without a provider schema, such as postures).
func compileCond(c *Cond, id, field, rt string, blocks []target) (*cond, Problems) {
	prob := func(f, reason string) Problems {
		return Problems{{Where: c.at, Control: id, Field: f, Reason: reason}}
	}
	out := &cond{}
	var probs Problems
	isTest := c.Attribute != "" || c.Op != "" || c.hasValue
	combs := 0
	for _, l := range [][]*Cond{c.All, c.Any, c.None} {
		if l != nil {
			combs++
		}
	}
	switch {
	case isTest && combs > 0:
		return nil, prob(field, "give either a test (attribute, op, value) or one of all, any, none, not both")
	case combs > 1:
		return nil, prob(field, "give one of all, any, none; nest them to combine")
	case !isTest && combs == 0:
		return nil, prob(field, "empty condition: give a test (attribute, op, value) or one of all, any, none")
	case combs == 1:
		for _, k := range []struct {
			name string
			l    []*Cond
		}{{"all", c.All}, {"any", c.Any}, {"none", c.None}} {
			if k.l == nil {
				continue
			}
			out.kind = k.name
			if len(k.l) == 0 {
				probs = append(probs, prob(field+"."+k.name, "is empty: give at least one condition")...)
			}
			for i, sub := range k.l {
				sc, ps := compileCond(sub, id, fmt.Sprintf("%s.%s[%d]", field, k.name, i), rt, blocks)
				probs = append(probs, ps...)
				out.subs = append(out.subs, sc)
			}
		}
	default:
		out.kind = "test"
		probs = append(probs, out.compileTest(c, id, field, rt, blocks)...)
	}
	if c.When != nil {
		var ps Problems
		out.when, ps = compileCond(c.When, id, field+".when", rt, blocks)
		probs = append(probs, ps...)
	}
	return out, probs
}

// problemAt reports a problem with the field f of a condition.
type problemAt func(f, format string, args ...any) Problems

func (out *cond) compileTest(c *Cond, id, field, rt string, blocks []target) Problems {
	prob := func(f, format string, args ...any) Problems {
		return Problems{{Where: c.at, Control: id, Field: f, Reason: fmt.Sprintf(format, args...)}}
	}
	if c.Attribute == "" {
		return prob(field+".attribute", "is missing: give the attribute path to test, such as `deletion_protection` or `ingress[*].description`")
	}
	spec, ok := operators[c.Op]
	if !ok {
		if c.Op == "" {
			return prob(field+".op", "is missing: use one of %s", strings.Join(OperatorNames, ", "))
		}
		return prob(field+".op", "unknown operator %q: use one of %s", c.Op, strings.Join(OperatorNames, ", "))
	}
	out.op, out.code, out.text = c.Op, opcodes[c.Op], c.Attribute
	steps, err := parsePath(c.Attribute)
	if err != nil {
		return prob(field+".attribute", "%s", err)
	}
	out.path = steps
	probs, ok := out.resolve(c, field, rt, spec.on, blocks, steps, prob)
	if !ok {
		return probs
	}
	out.key = pathKey(out.path)
	return append(probs, out.compileValue(c, field, spec.value, prob)...)
}

// resolve marks steps against the schema of every block the control reads
// (none: no schema, the path stands as written). ok is false when the
// attribute exists in none of them; probs also holds an operator that does
// not apply to the attribute's kind.
func (out *cond) resolve(c *Cond, field, rt string, on []leafKind, blocks []target, steps []step, prob problemAt) (probs Problems, ok bool) {
	if len(blocks) == 0 {
		return nil, true
	}
	var kinds []leafKind
	var firstErr error
	for _, b := range blocks {
		marked, kind, err := lookup(b.block, b.lossy, steps)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		out.path = marked
		kinds = append(kinds, kind)
	}
	if len(kinds) == 0 {
		return prob(field+".attribute", "%q does not exist in the schema of %s: %s", c.Attribute, rt, firstErr), false
	}
	if on != nil && !anyKind(kinds, on) {
		probs = append(probs, prob(field+".op", "%q does not apply to %s, which is a %s in %s", c.Op, c.Attribute, kinds[0], rt)...)
	}
	return probs, true
}

// compileValue checks and compiles the value of c for an operator whose value
// is of kind ("" takes none, "scalar", "scalars", "regexp", "number", "cidrs").
func (out *cond) compileValue(c *Cond, field, kind string, prob problemAt) Problems {
	if kind == "" {
		if c.hasValue {
			return prob(field+".value", "%q takes no value", c.Op)
		}
		return nil
	}
	if !c.hasValue || c.Value == nil {
		return prob(field+".value", "is missing: %q needs a value", c.Op)
	}
	switch kind {
	case "scalar":
		w, ok := scalarOf(c.Value)
		if !ok {
			return prob(field+".value", "%q needs a string, number or bool, not %s", c.Op, goKind(c.Value))
		}
		out.want = w
		out.shown = show(w)
	case "scalars":
		list, ok := c.Value.([]any)
		if !ok || len(list) == 0 {
			return prob(field+".value", "%q needs a non-empty list of strings, numbers or bools", c.Op)
		}
		var shown []string
		for i, e := range list {
			w, ok := scalarOf(e)
			if !ok {
				return prob(fmt.Sprintf("%s.value[%d]", field, i), "must be a string, number or bool, not %s", goKind(e))
			}
			out.set = append(out.set, w)
			shown = append(shown, show(w))
		}
		out.shown = "[" + strings.Join(shown, ", ") + "]"
	case "regexp":
		s, ok := c.Value.(string)
		if !ok {
			return prob(field+".value", "%q needs a regular expression string, not %s", c.Op, goKind(c.Value))
		}
		re, err := regexp.Compile(`^(?:` + s + `)$`)
		if err != nil {
			return prob(field+".value", "bad regular expression %q: %s", s, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		out.re, out.shown = re, "/"+s+"/"
	case "number":
		w, ok := scalarOf(c.Value)
		f, isNum := w.(*big.Float)
		if s, isStr := w.(string); ok && isStr {
			f, isNum = new(big.Float).SetString(strings.TrimSpace(s))
		}
		if !ok || !isNum || f == nil {
			return prob(field+".value", "%q needs a number, not %s", c.Op, goKind(c.Value))
		}
		out.num, out.shown = f, f.Text('g', -1)
	case "cidrs":
		var list []any
		switch t := c.Value.(type) {
		case string:
			list = []any{t}
		case []any:
			list = t
		}
		if len(list) == 0 {
			return prob(field+".value", "%q needs a CIDR block or a non-empty list of them", c.Op)
		}
		var shown []string
		for i, e := range list {
			s, _ := e.(string)
			p, err := netip.ParsePrefix(strings.TrimSpace(s))
			if err != nil {
				return prob(fmt.Sprintf("%s.value[%d]", field, i), "%q is not a CIDR block such as 10.0.0.0/8", fmt.Sprint(e))
			}
			out.cidrs = append(out.cidrs, p.Masked())
			shown = append(shown, p.Masked().String())
		}
		out.shown = "[" + strings.Join(shown, ", ") + "]"
	}
	return nil
}

func anyKind(have, allowed []leafKind) bool {
	for _, h := range have {
		for _, a := range allowed {
			if h == a {
				return true
			}
		}
	}
	return false
}

func goKind(x any) string {
	switch x.(type) {
	case nil:
		return "null"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	case bool:
		return "a bool"
	case float64:
		return "a number"
	case string:
		return "a string"
	}
	return fmt.Sprintf("%T", x)
}

// scalarOf normalises a value operand: bool, *big.Float or string.
func scalarOf(x any) (any, bool) {
	switch t := x.(type) {
	case bool:
		return t, true
	case float64:
		return big.NewFloat(t), true
	case string:
		return t, true
	}
	return nil, false
}

func show(w any) string {
	switch t := w.(type) {
	case string:
		return strconv.Quote(t)
	case *big.Float:
		return t.Text('g', -1)
	}
	return fmt.Sprint(w)
}

// describe renders a condition for messages.
func (c *cond) describe() string {
	if c.kind != "test" {
		parts := make([]string, len(c.subs))
		for i, s := range c.subs {
			parts[i] = s.describe()
		}
		return c.kind + "(" + strings.Join(parts, "; ") + ")"
	}
	if c.shown == "" {
		return c.text + " " + c.op
	}
	return c.text + " " + c.op + " " + c.shown
}

// eval judges the condition on a resource's values.
