package definition

import (
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Evaluation of a compiled condition against a value: three-valued, like the
// built-in controls. all fails at its first failing part, any passes at its
// first passing part, none fails at its first holding part; an unknown value
// stays unknown (the unknown-value policy decides), a value that cannot be
// tested is an error.

func (c *cond) eval(e *evaluation) result {
	if c.when != nil {
		switch w := c.when.eval(e); w.state {
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
		return c.evalAll(e)
	case "any":
		return c.evalAny(e)
	case "none":
		return c.evalNone(e)
	}
	return c.evalLeaf(e)
}

// evalAll: every sub-condition holds; the first failure decides.
func (c *cond) evalAll(e *evaluation) result {
	res := result{state: pass}
	for _, s := range c.subs {
		r := s.eval(e)
		if r.state == fail {
			return r
		}
		res = worse(res, r)
	}
	return res
}

// evalAny: at least one sub-condition holds.
func (c *cond) evalAny(e *evaluation) result {
	var fails []string
	res := result{state: fail}
	for _, s := range c.subs {
		r := s.eval(e)
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
}

// evalNone: no sub-condition holds.
func (c *cond) evalNone(e *evaluation) result {
	res := result{state: pass}
	for _, s := range c.subs {
		r := s.eval(e)
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

// evalLeaf applies a test to every value its path finds; the first failure
// decides.
func (c *cond) evalLeaf(e *evaluation) result {
	res := result{state: pass}
	found := e.of(c.key, c.path)
	for i, x := range found.list {
		var r result
		if c.code == opCIDRWithin || c.code == opNotWorld {
			r = c.cidrLeaf(found, i, x.node)
		} else {
			r = c.test(x.node)
		}
		if r.state == pass {
			continue
		}
		if res.state == pass || r.state == fail || r.state == errored && res.state != errored {
			r.attr = found.at(x)
			res = r
		}
		if r.state == fail {
			break
		}
	}
	return res
}

// worse keeps the graver of two non-failing results: errored, then unknown.
func worse(a, b result) result {
	if b.state == errored && a.state != errored || b.state == unknown && a.state == pass {
		return b
	}
	return a
}

// does not pass.
func (c *cond) test(n subject.Node) result {
	switch c.code {
	case opExists:
		// The common cases without copying the value.
		if s, ok := n.Text(); ok && s != "" {
			return result{}
		}
	case opEquals, opIn:
		if s, ok := n.Text(); ok {
			for _, w := range c.set {
				if w == any(s) {
					return result{}
				}
			}
			if c.want == any(s) {
				return result{}
			}
		}
	}
	v := n.Ref()
	if v.IsUnknown() {
		return result{state: unknown, msg: "is known only after apply; " + c.describe() + " cannot be judged yet"}
	}
	switch c.code {
	case opExists:
		if isAbsent(v) {
			return result{state: fail, msg: "is not set; it must be"}
		}
		return result{}
	case opAbsent:
		if !isAbsent(v) {
			return result{state: fail, msg: "is set to " + v.GoString() + "; it must not be"}
		}
		return result{}
	case opContains:
		return c.contains(v)
	}
	if k := v.Kind(); (k == subject.KindList || k == subject.KindObject) && !v.WhollyKnown() {
		return result{state: unknown, msg: "is partly known only after apply; " + c.describe() + " cannot be judged yet"}
	}
	if v.IsNull() {
		switch c.code {
		case opNotEquals, opNotIn, opNotWorld:
			return result{}
		}
		return result{state: fail, msg: "is not set; want " + c.op + " " + c.shown}
	}
	switch c.code {
	case opEquals, opNotEquals, opIn, opNotIn:
		return c.equality(v)
	case opMatches:
		return c.matches(v)
	case opGE, opLE, opGT, opLT:
		return c.compare(v)
	case opCIDRWithin, opNotWorld:
		if v.Kind() == subject.KindList {
			for i := range v.Elems() {
				if r := c.cidr(&v.Elems()[i]); r.state != pass {
					return r
				}
			}
			return result{}
		}
		return c.cidr(v)
	}
	return result{state: errored, msg: fmt.Sprintf("operator %q is not implemented", c.op)}
}

// equality judges equals, not_equals, in and not_in on a known, non-null v.
func (c *cond) equality(v *subject.Value) result {
	found := false
	if c.want != nil {
		eq, ok := equal(v, c.want)
		if !ok {
			return result{state: errored, msg: fmt.Sprintf("is %s, which %s cannot compare; use [*] or contains", kindOf(v), c.op)}
		}
		found = eq
	}
	for _, w := range c.set {
		eq, ok := equal(v, w)
		if !ok {
			return result{state: errored, msg: fmt.Sprintf("is %s, which %s cannot compare; use [*] or contains", kindOf(v), c.op)}
		}
		if eq {
			found = true
			break
		}
	}
	if found != (c.code == opEquals || c.code == opIn) {
		return result{state: fail, msg: "is " + v.GoString() + "; want " + c.op + " " + c.shown}
	}
	return result{}
}

// matches judges matches on a known, non-null v.
func (c *cond) matches(v *subject.Value) result {
	s, isStr := stringOf(v)
	if !isStr {
		return result{state: errored, msg: fmt.Sprintf("is %s, not a string", kindOf(v))}
	}
	if !c.re.MatchString(s) {
		return result{state: fail, msg: "is " + strconv.Quote(s) + "; want it to match " + c.shown}
	}
	return result{}
}

// compare judges >=, <=, > and < on a known, non-null v.
func (c *cond) compare(v *subject.Value) result {
	f, isNum := numberOf(v)
	if !isNum {
		return result{state: errored, msg: fmt.Sprintf("is %s, not a number", v.GoString())}
	}
	cmp := f.Cmp(c.num)
	var holds bool
	switch c.code {
	case opGE:
		holds = cmp >= 0
	case opLE:
		holds = cmp <= 0
	case opGT:
		holds = cmp > 0
	default:
		holds = cmp < 0
	}
	if !holds {
		return result{state: fail, msg: "is " + f.Text('g', -1) + "; want " + c.op + " " + c.shown}
	}
	return result{}
}

func (c *cond) contains(v *subject.Value) result {
	switch v.Kind() {
	case subject.KindList:
		sawUnknown := false
		for i := range v.Elems() {
			e := &v.Elems()[i]
			if !e.WhollyKnown() {
				sawUnknown = true
				continue
			}
			if eq, _ := equal(e, c.want); eq {
				return result{state: pass}
			}
		}
		if sawUnknown {
			return result{state: unknown, msg: "holds elements known only after apply; whether it contains " + c.shown + " is unknown"}
		}
	case subject.KindObject:
		if key, ok := c.want.(string); ok {
			if _, has := v.Attr(key); has {
				return result{state: pass}
			}
		}
	case subject.KindString:
		s, _ := stringOf(v)
		wv := mustValue(c.want)
		w, _ := stringOf(&wv)
		if strings.Contains(s, w) {
			return result{state: pass}
		}
	case subject.KindUnknown:
		return result{state: unknown, msg: "is known only after apply"}
	default:
		return result{state: errored, msg: fmt.Sprintf("is %s, which contains cannot search", kindOf(v))}
	}
	return result{state: fail, msg: fmt.Sprintf("does not contain %s", c.shown)}
}

// cidrLeaf judges leaf i of found with a CIDR operator, reading a string
// leaf through the shared cache.
func (c *cond) cidrLeaf(found *leaves, i int, n subject.Node) result {
	s, isStr := n.Text()
	if !isStr || strings.TrimSpace(s) == "" {
		return c.test(n)
	}
	m := found.cidr(i, s)
	switch {
	case !m.ok:
		return result{state: errored, msg: fmt.Sprintf("%q is not a CIDR block", s)}
	case c.code == opNotWorld && m.internet:
		return result{state: fail, msg: fmt.Sprintf("is %q, open to the internet", s)}
	case c.code == opNotWorld:
		return result{state: pass}
	}
	return c.within(m.prefix, s)
}

// within reports whether p lies inside one of the control's blocks.
func (c *cond) within(p netip.Prefix, s string) result {
	for _, w := range c.cidrs {
		if p.Addr().Is4() == w.Addr().Is4() && p.Bits() >= w.Bits() && w.Contains(p.Addr()) {
			return result{state: pass}
		}
	}
	return result{state: fail, msg: fmt.Sprintf("is %q, not within %s", s, c.shown)}
}

func (c *cond) cidr(v *subject.Value) result {
	if v.IsUnknown() {
		return result{state: unknown, msg: "is known only after apply"}
	}
	s, isStr := stringOf(v)
	if v.IsNull() || isStr && strings.TrimSpace(s) == "" {
		if c.code == opNotWorld {
			return result{state: pass}
		}
		return result{state: fail, msg: "is not set; want a CIDR block within " + c.shown}
	}
	if !isStr {
		return result{state: errored, msg: fmt.Sprintf("is %s, not a CIDR block", kindOf(v))}
	}
	if c.code == opNotWorld {
		world, _, ok := netrange.InternetCIDR(s)
		if !ok {
			return result{state: errored, msg: fmt.Sprintf("%q is not a CIDR block", s)}
		}
		if world {
			return result{state: fail, msg: fmt.Sprintf("is %q, open to the internet", s)}
		}
		return result{state: pass}
	}
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	if err != nil {
		a, aerr := netip.ParseAddr(strings.TrimSpace(s))
		if aerr != nil {
			return result{state: errored, msg: fmt.Sprintf("%q is not a CIDR block", s)}
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	return c.within(p, s)
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
func isAbsent(v *subject.Value) bool {
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

func kindOf(v *subject.Value) string {
	switch v.Kind() {
	case subject.KindList:
		return "a list"
	case subject.KindObject:
		return "an object"
	}
	return v.GoString()
}

// stringOf reads a string, or a number or bool as Terraform converts it.
func stringOf(v *subject.Value) (string, bool) {
	if s, ok := v.Text(); ok {
		return s, true
	}
	if f, ok := v.Num(); ok {
		return f.Text('f', -1), true
	}
	if b, ok := v.Boolean(); ok {
		return strconv.FormatBool(b), true
	}
	return "", false
}

// numberOf reads a number, or a string holding one.
func numberOf(v *subject.Value) (*big.Float, bool) {
	if f, ok := v.Num(); ok {
		return f, true
	}
	if s, ok := v.Text(); ok {
		f, ok := new(big.Float).SetString(strings.TrimSpace(s))
		return f, ok && f != nil
	}
	return nil, false
}

// equal compares a value with a scalar operand the way Terraform converts:
// "true" equals true, "7" equals 7. ok is false for lists and objects.
func equal(v *subject.Value, w any) (eq, ok bool) {
	switch v.Kind() {
	case subject.KindBool, subject.KindNumber, subject.KindString:
	default:
		return false, v.IsNull()
	}
	switch want := w.(type) {
	case bool:
		if b, ok := v.Boolean(); ok {
			return b == want, true
		}
		s, isStr := v.Text()
		return isStr && s == strconv.FormatBool(want), true
	case *big.Float:
		f, isNum := numberOf(v)
		return isNum && f.Cmp(want) == 0, true
	case string:
		if s, ok := v.Text(); ok {
			return s == want, true
		}
		if f, ok := v.Num(); ok {
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

// pathKey names a compiled path: its text with the [*] steps over maps marked.
func pathKey(steps []step) string {
	var b strings.Builder
	for _, s := range steps {
		switch {
		case s.overMap:
			b.WriteString("{*}")
		case s.each:
			b.WriteString("[*]")
		default:
			b.WriteString(".")
			b.WriteString(strconv.Quote(s.name))
		}
	}
	return b.String()
}
