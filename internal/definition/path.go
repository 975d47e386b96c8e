package definition

import (
	"fmt"
	"strings"

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
	type state struct {
		block *schema.Block
		typ   *schema.Type
		// blocks is a list, set or map of blocks not yet entered.
		blocks *schema.NestedBlock
	}
	cur := state{block: b}
	for i := 0; i < len(steps); i++ {
		s := steps[i]
		at := joinSteps(steps[:i])
		if cur.blocks != nil {
			nb := cur.blocks
			switch {
			case s.each:
				steps[i].overMap = nb.NestingMode == "map"
				cur = state{block: nb.Block}
				continue
			case nb.NestingMode == "map":
				cur = state{block: nb.Block} // s is a key
				continue
			case nb.MaxItems == 1:
				// A block of at most one element reads through, as in
				// versioning.enabled.
				cur = state{block: nb.Block}
			default:
				return nil, "", fmt.Errorf("%s is a list of blocks: write %s[*].%s", at, at, s.name)
			}
		}
		if cur.block != nil {
			if s.each {
				return nil, "", fmt.Errorf("%s is not a list: [*] does not apply", orTop(at))
			}
			if a, ok := cur.block.Attributes[s.name]; ok {
				t := a.Type
				cur = state{typ: &t}
				continue
			}
			nb, ok := cur.block.BlockTypes[s.name]
			if !ok && lossy && s.name == "description" {
				cur = state{typ: &schema.Type{Kind: "string"}}
				continue
			}
			if !ok {
				return nil, "", fmt.Errorf("no attribute or block %q in %s", s.name, orTop(at))
			}
			if nb.NestingMode == "single" || nb.NestingMode == "group" {
				cur = state{block: nb.Block}
			} else {
				cur = state{blocks: nb}
			}
			continue
		}
		t := cur.typ
		switch {
		case t.Kind == "dynamic":
			return steps, leafDynamic, nil
		case s.each:
			if !t.IsCollection() {
				return nil, "", fmt.Errorf("%s is a %s, not a list, set or map: [*] does not apply", at, t.Kind)
			}
			steps[i].overMap = t.Kind == "map"
			cur = state{typ: t.Elem}
		case t.Kind == "map":
			cur = state{typ: t.Elem} // s is a key
		case t.Kind == "object":
			a, ok := t.Attrs[s.name]
			if !ok && lossy && s.name == "description" {
				a, ok = schema.Type{Kind: "string"}, true
			}
			if !ok {
				return nil, "", fmt.Errorf("%s has no attribute %q", at, s.name)
			}
			cur = state{typ: &a}
		case t.Kind == "list" || t.Kind == "set":
			return nil, "", fmt.Errorf("%s is a %s: write %s[*].%s", at, t.Kind, at, s.name)
		default:
			return nil, "", fmt.Errorf("%s is a %s: it has no attribute %q", at, t.Kind, s.name)
		}
	}
	switch {
	case cur.blocks != nil:
		if cur.blocks.NestingMode == "map" {
			return steps, leafMap, nil
		}
		return steps, leafList, nil
	case cur.block != nil:
		return steps, leafObject, nil
	}
	switch cur.typ.Kind {
	case "string":
		return steps, leafString, nil
	case "number":
		return steps, leafNumber, nil
	case "bool":
		return steps, leafBool, nil
	case "list", "set":
		return steps, leafList, nil
	case "map":
		return steps, leafMap, nil
	case "object":
		return steps, leafObject, nil
	}
	return steps, leafDynamic, nil
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

// resolve calls fn with every value the path names in n: one, or one per
// element for each [*]. A null or missing value is passed as such; the
// elements of an unknown or null collection cannot be enumerated, so an
// unknown collection is passed once as unknown and a null one is skipped.
func resolve(n subject.Node, steps []step, fn func(subject.Node) bool) bool {
	for i, s := range steps {
		if s.each {
			switch n.Value().Kind() {
			case subject.KindNull:
				return true
			case subject.KindUnknown:
				return fn(n)
			case subject.KindObject:
				// One block written as an object, unless the schema says a map.
				if !s.overMap {
					return resolve(n, steps[i+1:], fn)
				}
				for _, k := range n.Value().AttrNames() {
					if !resolve(n.Get(k), steps[i+1:], fn) {
						return false
					}
				}
				return true
			case subject.KindList:
				for j := 0; j < n.Len(); j++ {
					if !resolve(n.Index(j), steps[i+1:], fn) {
						return false
					}
				}
				return true
			}
			return fn(n) // a scalar where a collection was expected
		}
		switch n.Value().Kind() {
		case subject.KindObject, subject.KindNull, subject.KindUnknown:
			n = n.Get(s.name)
		case subject.KindList:
			if n.Len() > 1 {
				return fn(n) // several blocks where one was expected
			}
			n = n.Get(s.name)
		default:
			return fn(n)
		}
	}
	return fn(n)
}
