package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/suggest"
)

// Unknown is an attribute of given values, or a path, that no embedded schema
// of the resource type has.
type Unknown struct {
	// Path is where the name is, such as "network_rules.bypas".
	Path string
	// Closest is the known attribute nearest to it at that level ("" when none is close).
	Closest string
	// Set is true when the values give the attribute a value other than null,
	// unknown or a zero value ("", 0, false, empty collection).
	Set bool
	// Versions names the schemas checked, such as "azurerm 4.79.0".
	Versions string
	// Renamed is true when Closest has the same words in another order (a
	// provider's rename between major versions, such as
	// enable_https_traffic_only → https_traffic_only_enabled).
	Renamed bool
}

// Message is "attribute X is not in the schema of azurerm 4.79.0 (did you mean Y?)".
func (u Unknown) Message(resourceType string) string {
	msg := fmt.Sprintf("%s has no attribute %s in the %s schema the baseline judges", resourceType, u.Path, u.Versions)
	if u.Closest != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", u.Closest)
	}
	return msg
}

// blocks are the embedded schemas of rt that have it, and their names.
func blocks(rt string) ([]*Block, string) {
	schemas, err := For(rt)
	if err != nil {
		return nil, ""
	}
	var out []*Block
	var names []string
	for _, s := range schemas {
		if b, ok, err := s.Resource(rt); ok && err == nil && b != nil {
			out = append(out, b)
			names = append(names, s.Name+" "+s.Version)
		}
	}
	return out, strings.Join(names, " and ")
}

// UnknownAttributes lists the attributes of v (the values of resource type
// rt) that none of the embedded schemas of rt has, at any depth of nested
// blocks and object-typed attributes; map keys are free. Nil when no embedded
// schema has rt (posture types, providers without a schema). Schemas are
// read newest first and an older one only when the newer leave something
// unknown.
func UnknownAttributes(rt string, v subject.Value) []Unknown {
	schemas, err := For(rt)
	if err != nil {
		return nil
	}
	var out []Unknown
	var names []string
	checked := false
	for i := len(schemas) - 1; i >= 0; i-- {
		b, ok, err := schemas[i].Resource(rt)
		if !ok || err != nil || b == nil {
			continue
		}
		names = append(names, schemas[i].Name+" "+schemas[i].Version)
		var here []Unknown
		walkBlock(b, v, "", &here)
		if !checked {
			out, checked = here, true
		} else {
			// Known in any version is known.
			var still []Unknown
			for _, u := range out {
				for _, h := range here {
					if h.Path == u.Path {
						still = append(still, u)
						break
					}
				}
			}
			out = still
		}
		if len(out) == 0 {
			return nil
		}
	}
	versions := strings.Join(names, " and ")
	for i := range out {
		out[i].Versions = versions
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func blockNames(b *Block) []string {
	var names []string
	for n := range b.Attributes {
		names = append(names, n)
	}
	for n := range b.BlockTypes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func walkBlock(b *Block, v subject.Value, prefix string, out *[]Unknown) {
	if v.Kind() != subject.KindObject {
		return
	}
	for _, name := range v.AttrNames() {
		val, _ := v.Attr(name)
		if a, ok := b.Attributes[name]; ok {
			walkType(a.Type, val, join(prefix, name), out)
			continue
		}
		if nb, ok := b.BlockTypes[name]; ok && nb.Block != nil {
			eachElem(val, func(e subject.Value) { walkBlock(nb.Block, e, join(prefix, name), out) })
			continue
		}
		var closest string
		if c := suggest.Closest(name, blockNames(b), 1); len(c) > 0 {
			closest = join(prefix, c[0])
		}
		*out = append(*out, unknown(prefix, name, closest, val))
	}
}

func unknown(prefix, name, closest string, val subject.Value) Unknown {
	last := closest
	if i := strings.LastIndexByte(closest, '.'); i >= 0 {
		last = closest[i+1:]
	}
	return Unknown{Path: join(prefix, name), Closest: closest, Set: isSet(val), Renamed: closest != "" && suggest.SameWords(name, last)}
}

func walkType(t Type, v subject.Value, prefix string, out *[]Unknown) {
	switch t.Kind {
	case "list", "set":
		if t.Elem != nil {
			eachElem(v, func(e subject.Value) { walkType(*t.Elem, e, prefix, out) })
		}
	case "object":
		if v.Kind() != subject.KindObject {
			return
		}
		names := make([]string, 0, len(t.Attrs))
		for n := range t.Attrs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range v.AttrNames() {
			val, _ := v.Attr(name)
			if at, ok := t.Attrs[name]; ok {
				walkType(at, val, join(prefix, name), out)
				continue
			}
			var closest string
			if c := suggest.Closest(name, names, 1); len(c) > 0 {
				closest = join(prefix, c[0])
			}
			*out = append(*out, unknown(prefix, name, closest, val))
		}
	}
}

func eachElem(v subject.Value, fn func(subject.Value)) {
	switch v.Kind() {
	case subject.KindList:
		for _, e := range v.Elems() {
			fn(e)
		}
	case subject.KindObject:
		fn(v) // one block given as an object literal
	}
}

// isSet reports a value other than null, unknown or a zero value.
func isSet(v subject.Value) bool {
	switch v.Kind() {
	case subject.KindNull, subject.KindUnknown:
		return false
	case subject.KindString:
		s, _ := v.Text()
		return s != ""
	case subject.KindBool:
		b, _ := v.Boolean()
		return b
	case subject.KindNumber:
		n, _ := v.Num()
		return n != nil && n.Sign() != 0
	case subject.KindList:
		return len(v.Elems()) > 0
	case subject.KindObject:
		return len(v.AttrNames()) > 0
	}
	return true
}

// CheckPath reports whether steps (names, "[*]" for a list index; as
// engine.SplitMatchPath gives them) can name a value of resource type rt in
// some embedded schema. ok is true when no embedded schema has rt. closest is
// the nearest known path when the path cannot exist.
func CheckPath(rt string, steps []string) (ok bool, closest string, versions string) {
	bs, versions := blocks(rt)
	if len(bs) == 0 {
		return true, "", ""
	}
	for _, b := range bs {
		good, near := pathIn(b, steps)
		if good {
			return true, "", versions
		}
		if closest == "" {
			closest = near
		}
	}
	return false, closest, versions
}

// pathIn walks steps through b; on a miss it returns the path up to there
// with the closest name in place of the missing one ("" when none is close).
func pathIn(b *Block, steps []string) (bool, string) {
	var done []string
	miss := func(name string, candidates []string) (bool, string) {
		c := suggest.Closest(name, candidates, 1)
		if len(c) == 0 {
			return false, ""
		}
		return false, strings.Join(append(done, c[0]), ".")
	}
	cur := b
	for i := 0; i < len(steps); i++ {
		name := steps[i]
		if name == "[*]" {
			continue
		}
		if a, ok := cur.Attributes[name]; ok {
			t := a.Type
			done = append(done, name)
			for _, inner := range steps[i+1:] {
				switch {
				case inner == "[*]" && (t.Kind == "list" || t.Kind == "set" || t.Kind == "tuple"):
					if t.Elem != nil {
						t = *t.Elem
					}
				case t.Kind == "map":
					if t.Elem != nil {
						t = *t.Elem
					}
					done = append(done, inner)
				case t.Kind == "object":
					at, ok := t.Attrs[inner]
					if !ok {
						names := make([]string, 0, len(t.Attrs))
						for n := range t.Attrs {
							names = append(names, n)
						}
						return miss(inner, names)
					}
					t = at
					done = append(done, inner)
				case t.Kind == "dynamic":
					return true, ""
				default:
					return false, ""
				}
			}
			return true, ""
		}
		nb, ok := cur.BlockTypes[name]
		if !ok || nb.Block == nil {
			return miss(name, blockNames(cur))
		}
		done = append(done, name)
		cur = nb.Block
	}
	return true, ""
}
