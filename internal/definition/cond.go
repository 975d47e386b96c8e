package definition

import (
	"fmt"
	"math/big"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/ec2"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Operators, with what their value must be and which attributes they apply to.
var operators = map[string]struct {
	value string     // "", "scalar", "scalars", "regexp", "number", "cidrs"
	on    []leafKind // nil: any
}{
	"equals":      {"scalar", scalars},
	"not_equals":  {"scalar", scalars},
	"in":          {"scalars", scalars},
	"not_in":      {"scalars", scalars},
	"exists":      {"", nil},
	"absent":      {"", nil},
	"matches":     {"regexp", []leafKind{leafString, leafNumber, leafDynamic}},
	">=":          {"number", numbers},
	"<=":          {"number", numbers},
	">":           {"number", numbers},
	"<":           {"number", numbers},
	"contains":    {"scalar", []leafKind{leafList, leafMap, leafObject, leafString, leafDynamic}},
	"cidr_within": {"cidrs", []leafKind{leafString, leafList, leafDynamic}},
	"not_world":   {"", []leafKind{leafString, leafList, leafDynamic}},
}

var (
	scalars = []leafKind{leafString, leafNumber, leafBool, leafDynamic}
	numbers = []leafKind{leafNumber, leafDynamic}
)

// OperatorNames lists the operators in the order the docs give them.
var OperatorNames = []string{"equals", "not_equals", "in", "not_in", "exists", "absent", "matches", ">=", "<=", ">", "<", "contains", "cidr_within", "not_world"}

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
	op    string
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
	prob := func(f, format string, args ...any) Problems {
		return Problems{{Where: c.at, Control: id, Field: f, Reason: fmt.Sprintf(format, args...)}}
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
	out.op, out.text = c.Op, c.Attribute
	steps, err := parsePath(c.Attribute)
	if err != nil {
		return prob(field+".attribute", "%s", err)
	}
	out.path = steps
	var probs Problems
	if len(blocks) > 0 {
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
			return prob(field+".attribute", "%q does not exist in the schema of %s: %s", c.Attribute, rt, firstErr)
		}
		if spec.on != nil && !anyKind(kinds, spec.on) {
			probs = append(probs, prob(field+".op", "%q does not apply to %s, which is a %s in %s", c.Op, c.Attribute, kinds[0], rt)...)
		}
	}
	if spec.value == "" {
		if c.hasValue {
			probs = append(probs, prob(field+".value", "%q takes no value", c.Op)...)
		}
		return probs
	}
	if !c.hasValue || c.Value == nil {
		return append(probs, prob(field+".value", "is missing: %q needs a value", c.Op)...)
	}
	switch spec.value {
	case "scalar":
		w, ok := scalarOf(c.Value)
		if !ok {
			return append(probs, prob(field+".value", "%q needs a string, number or bool, not %s", c.Op, goKind(c.Value))...)
		}
		out.want = w
		out.shown = show(w)
	case "scalars":
		list, ok := c.Value.([]any)
		if !ok || len(list) == 0 {
			return append(probs, prob(field+".value", "%q needs a non-empty list of strings, numbers or bools", c.Op)...)
		}
		var shown []string
		for i, e := range list {
			w, ok := scalarOf(e)
			if !ok {
				return append(probs, prob(fmt.Sprintf("%s.value[%d]", field, i), "must be a string, number or bool, not %s", goKind(e))...)
			}
			out.set = append(out.set, w)
			shown = append(shown, show(w))
		}
		out.shown = "[" + strings.Join(shown, ", ") + "]"
	case "regexp":
		s, ok := c.Value.(string)
		if !ok {
			return append(probs, prob(field+".value", "%q needs a regular expression string, not %s", c.Op, goKind(c.Value))...)
		}
		re, err := regexp.Compile(`^(?:` + s + `)$`)
		if err != nil {
			return append(probs, prob(field+".value", "bad regular expression %q: %s", s, strings.TrimPrefix(err.Error(), "error parsing regexp: "))...)
		}
		out.re, out.shown = re, strconv.Quote(s)
	case "number":
		w, ok := scalarOf(c.Value)
		f, isNum := w.(*big.Float)
		if s, isStr := w.(string); ok && isStr {
			f, isNum = new(big.Float).SetString(strings.TrimSpace(s))
		}
		if !ok || !isNum || f == nil {
			return append(probs, prob(field+".value", "%q needs a number, not %s", c.Op, goKind(c.Value))...)
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
			return append(probs, prob(field+".value", "%q needs a CIDR block or a non-empty list of them", c.Op)...)
		}
		var shown []string
		for i, e := range list {
			s, _ := e.(string)
			p, err := netip.ParsePrefix(strings.TrimSpace(s))
			if err != nil {
				return append(probs, prob(fmt.Sprintf("%s.value[%d]", field, i), "%q is not a CIDR block such as 10.0.0.0/8", fmt.Sprint(e))...)
			}
			out.cidrs = append(out.cidrs, p.Masked())
			shown = append(shown, p.Masked().String())
		}
		out.shown = "[" + strings.Join(shown, ", ") + "]"
	}
	return probs
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

// eval judges the condition on a resource's shaped value.
func (c *cond) eval(n subject.Node) result {
	if c.when != nil {
		switch w := c.when.eval(n); w.state {
		case fail:
			return result{state: pass} // the control does not apply
		case unknown:
			w.msg = "whether the control applies is unknown until apply: " + w.msg
			return w
		case errored:
			return w
		}
	}
	switch c.kind {
	case "all":
		res := result{state: pass}
		for _, s := range c.subs {
			r := s.eval(n)
			if r.state == fail {
				return r
			}
			res = worse(res, r)
		}
		return res
	case "any":
		var fails []string
		res := result{state: fail}
		for _, s := range c.subs {
			r := s.eval(n)
			switch r.state {
			case pass:
				return r
			case fail:
				if res.attr == "" {
					res.attr = r.attr
				}
				fails = append(fails, r.msg)
			default:
				if res.state == fail || r.state == errored {
					res = r
				}
			}
		}
		if res.state == fail {
			res.msg = "none of these holds: " + strings.Join(fails, "; ")
		}
		return res
	case "none":
		res := result{state: pass}
		for _, s := range c.subs {
			r := s.eval(n)
			switch r.state {
			case pass:
				attr := ""
				if s.kind == "test" {
					attr = s.text
				}
				return result{state: fail, attr: attr, msg: "must not hold, but does: " + s.describe()}
			case unknown, errored:
				res = worse(res, r)
			}
		}
		return res
	}
	res := result{state: pass}
	resolve(n, c.path, func(leaf subject.Node) bool {
		r := c.test(leaf)
		if r.state == fail {
			res = r
			return false
		}
		res = worse(res, r)
		return true
	})
	return res
}

// worse keeps the graver of two non-failing results: errored, then unknown.
func worse(a, b result) result {
	if b.state == errored && a.state != errored || b.state == unknown && a.state == pass {
		return b
	}
	return a
}

func (c *cond) test(n subject.Node) result {
	attr := n.Path()
	if attr == "" {
		attr = c.text
	}
	v := n.Value()
	failf := func(format string, args ...any) result {
		return result{state: fail, attr: attr, msg: fmt.Sprintf(format, args...)}
	}
	errf := func(format string, args ...any) result {
		return result{state: errored, attr: attr, msg: fmt.Sprintf(format, args...)}
	}
	if v.IsUnknown() {
		return result{state: unknown, attr: attr, msg: fmt.Sprintf("is known only after apply; %s cannot be judged yet", c.describe())}
	}
	if !v.WhollyKnown() && c.op != "exists" && c.op != "absent" && c.op != "contains" {
		return result{state: unknown, attr: attr, msg: fmt.Sprintf("is partly known only after apply; %s cannot be judged yet", c.describe())}
	}
	ok := result{state: pass}
	switch c.op {
	case "exists":
		if isAbsent(v) {
			return failf("is not set; it must be")
		}
		return ok
	case "absent":
		if !isAbsent(v) {
			return failf("is set to %s; it must not be", v.GoString())
		}
		return ok
	case "not_equals", "not_in", "not_world":
		if v.IsNull() {
			return ok
		}
	default:
		if v.IsNull() {
			return failf("is not set; want %s %s", c.op, c.shown)
		}
	}
	switch c.op {
	case "equals", "not_equals", "in", "not_in":
		set := c.set
		if c.want != nil {
			set = []any{c.want}
		}
		found := false
		for _, w := range set {
			eq, comparable := equal(v, w)
			if !comparable {
				return errf("is %s, which %s cannot compare; use [*] or contains", kindOf(v), c.op)
			}
			found = found || eq
		}
		positive := c.op == "equals" || c.op == "in"
		if found != positive {
			return failf("is %s; want %s %s", v.GoString(), c.op, c.shown)
		}
		return ok
	case "matches":
		s, isStr := stringOf(v)
		if !isStr {
			return errf("is %s, not a string", kindOf(v))
		}
		if !c.re.MatchString(s) {
			return failf("is %s; want it to match %s", strconv.Quote(s), c.shown)
		}
		return ok
	case ">=", "<=", ">", "<":
		f, isNum := numberOf(v)
		if !isNum {
			return errf("is %s, not a number", v.GoString())
		}
		cmp := f.Cmp(c.num)
		holds := map[string]bool{">=": cmp >= 0, "<=": cmp <= 0, ">": cmp > 0, "<": cmp < 0}[c.op]
		if !holds {
			return failf("is %s; want %s %s", f.Text('g', -1), c.op, c.shown)
		}
		return ok
	case "contains":
		return c.contains(v, attr)
	case "cidr_within", "not_world":
		if v.Kind() == subject.KindList {
			for _, e := range v.Elems() {
				if r := c.cidr(e, attr); r.state != pass {
					return r
				}
			}
			return ok
		}
		return c.cidr(v, attr)
	}
	return errf("operator %q is not implemented", c.op)
}

func (c *cond) contains(v subject.Value, attr string) result {
	switch v.Kind() {
	case subject.KindList:
		sawUnknown := false
		for _, e := range v.Elems() {
			if !e.WhollyKnown() {
				sawUnknown = true
				continue
			}
			if eq, _ := equal(e, c.want); eq {
				return result{state: pass}
			}
		}
		if sawUnknown {
			return result{state: unknown, attr: attr, msg: "holds elements known only after apply; whether it contains " + c.shown + " is unknown"}
		}
	case subject.KindObject:
		if key, ok := c.want.(string); ok {
			if _, has := v.Attr(key); has {
				return result{state: pass}
			}
		}
	case subject.KindString:
		s, _ := stringOf(v)
		w, _ := stringOf(mustValue(c.want))
		if strings.Contains(s, w) {
			return result{state: pass}
		}
	case subject.KindUnknown:
		return result{state: unknown, attr: attr, msg: "is known only after apply"}
	default:
		return result{state: errored, attr: attr, msg: fmt.Sprintf("is %s, which contains cannot search", kindOf(v))}
	}
	return result{state: fail, attr: attr, msg: fmt.Sprintf("does not contain %s", c.shown)}
}

func (c *cond) cidr(v subject.Value, attr string) result {
	if v.IsUnknown() {
		return result{state: unknown, attr: attr, msg: "is known only after apply"}
	}
	s, isStr := stringOf(v)
	if v.IsNull() || isStr && strings.TrimSpace(s) == "" {
		if c.op == "not_world" {
			return result{state: pass}
		}
		return result{state: fail, attr: attr, msg: "is not set; want a CIDR block within " + c.shown}
	}
	if !isStr {
		return result{state: errored, attr: attr, msg: fmt.Sprintf("is %s, not a CIDR block", kindOf(v))}
	}
	if c.op == "not_world" {
		world, _, ok := ec2.WorldCIDR(s)
		if !ok {
			return result{state: errored, attr: attr, msg: fmt.Sprintf("%q is not a CIDR block", s)}
		}
		if world {
			return result{state: fail, attr: attr, msg: fmt.Sprintf("is %q, open to the whole internet", s)}
		}
		return result{state: pass}
	}
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	if err != nil {
		a, aerr := netip.ParseAddr(strings.TrimSpace(s))
		if aerr != nil {
			return result{state: errored, attr: attr, msg: fmt.Sprintf("%q is not a CIDR block", s)}
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	for _, w := range c.cidrs {
		if p.Addr().Is4() == w.Addr().Is4() && p.Bits() >= w.Bits() && w.Contains(p.Addr()) {
			return result{state: pass}
		}
	}
	return result{state: fail, attr: attr, msg: fmt.Sprintf("is %q, not within %s", s, c.shown)}
}

func mustValue(w any) subject.Value {
	v, _ := subject.FromGo(w)
	if f, ok := w.(*big.Float); ok {
		v = subject.Number(f)
	}
	return v
}

// isAbsent: null, or a zero value a provider plans for an unset attribute
// ("", an empty list or map).
func isAbsent(v subject.Value) bool {
	switch v.Kind() {
	case subject.KindNull:
		return true
	case subject.KindString:
		s, _ := stringOf(v)
		return s == ""
	case subject.KindList:
		return len(v.Elems()) == 0
	case subject.KindObject:
		return len(v.AttrNames()) == 0
	}
	return false
}

func kindOf(v subject.Value) string {
	switch v.Kind() {
	case subject.KindList:
		return "a list"
	case subject.KindObject:
		return "an object"
	}
	return v.GoString()
}

func stringOf(v subject.Value) (string, bool) {
	x, ok := v.Scalar()
	if !ok {
		return "", false
	}
	switch t := x.(type) {
	case string:
		return t, true
	case *big.Float:
		return t.Text('f', -1), true
	case bool:
		return strconv.FormatBool(t), true
	}
	return "", false
}

func numberOf(v subject.Value) (*big.Float, bool) {
	x, _ := v.Scalar()
	switch t := x.(type) {
	case *big.Float:
		return t, true
	case string:
		f, ok := new(big.Float).SetString(strings.TrimSpace(t))
		return f, ok && f != nil
	}
	return nil, false
}

// equal compares a value with a scalar operand the way Terraform converts:
// "true" equals true, "7" equals 7. comparable is false for lists and objects.
func equal(v subject.Value, w any) (eq, comparable bool) {
	x, ok := v.Scalar()
	if !ok {
		return false, v.IsNull()
	}
	switch want := w.(type) {
	case bool:
		switch t := x.(type) {
		case bool:
			return t == want, true
		case string:
			return t == strconv.FormatBool(want), true
		}
		return false, true
	case *big.Float:
		f, isNum := numberOf(v)
		return isNum && f.Cmp(want) == 0, true
	case string:
		if f, isNum := x.(*big.Float); isNum {
			wf, ok := new(big.Float).SetString(strings.TrimSpace(want))
			return ok && wf != nil && wf.Cmp(f) == 0, true
		}
		s, _ := stringOf(v)
		return s == want, true
	}
	return false, true
}

// outcome converts a result for the engine.
func (r result) outcome() engine.Outcome {
	switch r.state {
	case pass:
		return engine.Pass()
	case fail:
		return engine.Fail(r.attr, "%s", r.msg)
	case unknown:
		return engine.Undecided(r.attr, "%s", r.msg)
	}
	return engine.Errored(r.attr, "%s", r.msg)
}
