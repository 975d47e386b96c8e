package definition

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// step is one step of an attribute path: an attribute or map key, or [*],
// every element of a list or set.
type step struct {
	name string
	each bool
	// overMap marks a [*] over a map: an object there is a map of
	// elements, not one block written as an object.
	overMap bool
}

// parsePath reads "a.b", "ingress[*].description", "tags.data-classification"
// and `tags["kubernetes.io/role"]` (a key holding dots or other marks).
func parsePath(p string) ([]step, error) {
	if strings.TrimSpace(p) == "" {
		return nil, fmt.Errorf("the attribute path is empty")
	}
	var steps []step
	i := 0
	expectName := true
	for i < len(p) {
		switch {
		case strings.HasPrefix(p[i:], "[*]"):
			if len(steps) == 0 {
				return nil, fmt.Errorf("%q: [*] must follow an attribute name", p)
			}
			steps = append(steps, step{each: true})
			i += 3
			expectName = false
		case strings.HasPrefix(p[i:], `["`):
			end := strings.Index(p[i+2:], `"]`)
			if end < 0 {
				return nil, fmt.Errorf("%q: unterminated [\"key\"]", p)
			}
			key := p[i+2 : i+2+end]
			if key == "" {
				return nil, fmt.Errorf("%q: empty [\"key\"]", p)
			}
			steps = append(steps, step{name: key})
			i += end + 4
			expectName = false
		case p[i] == '.':
			if expectName {
				return nil, fmt.Errorf("%q: empty name before '.'", p)
			}
			i++
			expectName = true
			if i == len(p) {
				return nil, fmt.Errorf("%q: ends with '.'", p)
			}
		default:
			if !expectName {
				return nil, fmt.Errorf("%q: expected '.', [*] or [\"key\"] at offset %d", p, i)
			}
			j := i
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			name := p[i:j]
			if strings.ContainsAny(name, " \t\n]\"") {
				return nil, fmt.Errorf("%q: %q is not a name; quote keys with marks as [\"key\"]", p, name)
			}
			if name == "" {
				return nil, fmt.Errorf("%q: expected a name at offset %d", p, i)
			}
			steps = append(steps, step{name: name})
			i = j
			expectName = false
		}
	}
	return steps, nil
}

// leafKind is what a path names in a schema, for checking operators.
type leafKind string

const (
	leafString  leafKind = "string"
	leafNumber  leafKind = "number"
	leafBool    leafKind = "bool"
	leafList    leafKind = "list"
	leafMap     leafKind = "map"
	leafObject  leafKind = "object"
	leafDynamic leafKind = "dynamic"
)

// lookup resolves steps in a resource schema. It returns the steps with each
// [*] over a map marked (so that an object there is read as a map of
// elements, not as one block written as an object) and what the path names.
//
// A lossy schema (schema.Provider.Lossy) lacks attributes named
// "description": there, a missing description is taken as a string.
func lookup(b *schema.Block, lossy bool, in []step) ([]step, leafKind, error) {
	steps := append([]step(nil), in...)
	cur := lookupState{block: b}
	for i := 0; i < len(steps); i++ {
		s := steps[i]
		at := joinSteps(steps[:i])
		if cur.blocks != nil {
			nb := cur.blocks
			switch {
			case s.each:
				steps[i].overMap = nb.NestingMode == "map"
				cur = lookupState{block: nb.Block}
				continue
			case nb.NestingMode == "map":
				cur = lookupState{block: nb.Block} // s is a key
				continue
			case nb.MaxItems == 1:
				// A block of at most one element reads through, as in
				// versioning.enabled.
				cur = lookupState{block: nb.Block}
			default:
				return nil, "", fmt.Errorf("%s is a list of blocks: write %s[*].%s", at, at, s.name)
			}
		}
		var err error
		if cur.block != nil {
			if cur, err = stepBlock(cur.block, s, at, lossy); err != nil {
				return nil, "", err
			}
			continue
		}
		t := cur.typ
		if t.Kind == "dynamic" {
			return steps, leafDynamic, nil
		}
		if cur, err = stepType(t, s, at, lossy); err != nil {
			return nil, "", err
		}
		if s.each {
			steps[i].overMap = t.Kind == "map"
		}
	}
	return steps, leafOf(cur), nil
}

// lookupState is where lookup stands in a schema: in a block, in a value of a
// type, or before a list, set or map of blocks not yet entered.
type lookupState struct {
	block  *schema.Block
	typ    *schema.Type
	blocks *schema.NestedBlock
}

// stepBlock takes step s into block b, at the path at.
func stepBlock(b *schema.Block, s step, at string, lossy bool) (lookupState, error) {
	if s.each {
		return lookupState{}, fmt.Errorf("%s is not a list: [*] does not apply", orTop(at))
	}
	if a, ok := b.Attributes[s.name]; ok {
		t := a.Type
		return lookupState{typ: &t}, nil
	}
	nb, ok := b.BlockTypes[s.name]
	if !ok && lossy && s.name == "description" {
		return lookupState{typ: &schema.Type{Kind: "string"}}, nil
	}
	if !ok {
		return lookupState{}, fmt.Errorf("no attribute or block %q in %s", s.name, orTop(at))
	}
	if nb.NestingMode == "single" || nb.NestingMode == "group" {
		return lookupState{block: nb.Block}, nil
	}
	return lookupState{blocks: nb}, nil
}

// stepType takes step s into a value of type t (not dynamic), at the path at.
func stepType(t *schema.Type, s step, at string, lossy bool) (lookupState, error) {
	switch {
	case s.each:
		if !t.IsCollection() {
			return lookupState{}, fmt.Errorf("%s is a %s, not a list, set or map: [*] does not apply", at, t.Kind)
		}
		return lookupState{typ: t.Elem}, nil
	case t.Kind == "map":
		return lookupState{typ: t.Elem}, nil // s is a key
	case t.Kind == "object":
		a, ok := t.Attrs[s.name]
		if !ok && lossy && s.name == "description" {
			a, ok = schema.Type{Kind: "string"}, true
		}
		if !ok {
			return lookupState{}, fmt.Errorf("%s has no attribute %q", at, s.name)
		}
		return lookupState{typ: &a}, nil
	case t.Kind == "list" || t.Kind == "set":
		return lookupState{}, fmt.Errorf("%s is a %s: write %s[*].%s", at, t.Kind, at, s.name)
	default:
		return lookupState{}, fmt.Errorf("%s is a %s: it has no attribute %q", at, t.Kind, s.name)
	}
}

// leafOf is the kind of what lookup ends on.
func leafOf(cur lookupState) leafKind {
	switch {
	case cur.blocks != nil:
		if cur.blocks.NestingMode == "map" {
			return leafMap
		}
		return leafList
	case cur.block != nil:
		return leafObject
	}
	switch cur.typ.Kind {
	case "string":
		return leafString
	case "number":
		return leafNumber
	case "bool":
		return leafBool
	case "list", "set":
		return leafList
	case "map":
		return leafMap
	case "object":
		return leafObject
	}
	return leafDynamic
}

func orTop(s string) string {
	if s == "" {
		return "the resource"
	}
	return s
}

func joinSteps(steps []step) string {
	var b strings.Builder
	for _, s := range steps {
		switch {
		case s.each:
			b.WriteString("[*]")
		case strings.ContainsAny(s.name, ".[]\" "):
			fmt.Fprintf(&b, "[%q]", s.name)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.name)
		}
	}
	return b.String()
}

// evaluation is one judgement of a resource's values: the values each path
// names are found once and shared by every control that reads the path.
type evaluation struct {
	root  subject.Node
	found map[string]*leaves
}

func newEvaluation(root subject.Node) *evaluation {
	return &evaluation{root: root, found: map[string]*leaves{}}
}

// leaves are the values a path names, each with the elements its [*] steps
// stand at (trail[from:to]), so that a path is built only when reported.
type leaves struct {
	steps []step
	list  []leaf
	trail []seg
	// cidrs caches each leaf's value read as a CIDR block, for the
	// controls that test the same addresses (made on first use).
	cidrs []cidrMemo
}

// cidrMemo is a leaf's string read as a CIDR block once: the block (an
// address as a host block), whether it is the internet, and whether it
// parsed at all.
type cidrMemo struct {
	done, ok, internet bool
	prefix             netip.Prefix
}

// cidr returns leaf i read as a CIDR block, parsing it on first use.
func (l *leaves) cidr(i int, s string) *cidrMemo {
	if l.cidrs == nil {
		l.cidrs = make([]cidrMemo, len(l.list))
	}
	m := &l.cidrs[i]
	if m.done {
		return m
	}
	m.done = true
	t := strings.TrimSpace(s)
	p, err := netip.ParsePrefix(t)
	if err != nil {
		a, aerr := netip.ParseAddr(t)
		if aerr != nil {
			return m
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	internet, _, ok := netrange.InternetCIDR(t)
	m.ok, m.internet, m.prefix = ok, internet, p
	return m
}

type leaf struct {
	node     subject.Node
	consumed int // steps taken to reach node
	from, to int // its segments in trail
}

// seg is the element a [*] stands at: an index, a map key, or the one block
// written as an object.
type seg struct {
	i      int
	key    string
	single bool
}

// of returns the values path names, finding them on first use.
func (e *evaluation) of(key string, steps []step) *leaves {
	if l, ok := e.found[key]; ok {
		return l
	}
	l := &leaves{steps: steps}
	var trail []seg
	var walk func(n subject.Node, i int)
	add := func(n subject.Node, i int) {
		from := len(l.trail)
		l.trail = append(l.trail, trail...)
		l.list = append(l.list, leaf{node: n, consumed: i, from: from, to: len(l.trail)})
	}
	each := func(n subject.Node, i int) {
		depth := len(trail)
		switch n.Kind() {
		case subject.KindNull:
		case subject.KindObject:
			if !steps[i].overMap {
				// One block written as an object.
				trail = append(trail, seg{single: true})
				walk(n, i+1)
				break
			}
			for _, k := range n.Value().AttrNames() {
				trail = append(trail[:depth], seg{key: k})
				walk(n.Step(k), i+1)
			}
		case subject.KindList:
			for j, m := 0, n.Len(); j < m; j++ {
				trail = append(trail[:depth], seg{i: j})
				walk(n.StepIndex(j), i+1)
			}
		default:
			// Unknown: its elements cannot be enumerated. A scalar where a
			// collection was expected is left to the operator to report.
			add(n, i)
		}
		trail = trail[:depth]
	}
	walk = func(n subject.Node, i int) {
		for ; i < len(steps); i++ {
			s := steps[i]
			if s.each {
				each(n, i)
				return
			}
			switch n.Kind() {
			case subject.KindObject, subject.KindNull, subject.KindUnknown:
				n = n.Step(s.name)
			case subject.KindList:
				if n.Len() > 1 {
					add(n, i) // several blocks where one was expected
					return
				}
				n = n.Step(s.name)
			default:
				add(n, i)
				return
			}
		}
		add(n, len(steps))
	}
	walk(e.root, 0)
	e.found[key] = l
	return l
}

// at renders the path of leaf x, such as "ingress[3].cidr_blocks[0]" or
// "tags.data-classification".
func (l *leaves) at(x leaf) string {
	var b strings.Builder
	trail := l.trail[x.from:x.to]
	t := 0
	for _, s := range l.steps[:x.consumed] {
		if !s.each {
			writeName(&b, s.name)
			continue
		}
		if t >= len(trail) {
			break
		}
		g := trail[t]
		t++
		switch {
		case g.single:
		case g.key != "":
			writeName(&b, g.key)
		default:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(g.i))
			b.WriteByte(']')
		}
	}
	return b.String()
}

func writeName(b *strings.Builder, name string) {
	if strings.ContainsAny(name, ".[]\" \t") {
		fmt.Fprintf(b, "[%q]", name)
		return
	}
	if b.Len() > 0 {
		b.WriteByte('.')
	}
	b.WriteString(name)
}
