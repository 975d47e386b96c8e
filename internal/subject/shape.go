package subject

import (
	"fmt"
	"sort"
	"strings"
)

// Meaning says how a plan-time value of one attribute is read, as the catalog
// decides it from the provider's schema ("Real shapes" in DESIGN.md).
type Meaning struct {
	// Unknown is what a value unknown at plan means.
	Unknown UnknownMeaning
	// ZeroIsUnset reads the zero value of the attribute's type ("", 0, false,
	// an empty collection) as not set: SDKv2 fills every key of an object
	// type, so an IPv4 network ACL entry carries ipv6_cidr_block = "".
	ZeroIsUnset bool
	// AbsentIsUnknown reads an object that lacks the attribute's key
	// altogether as unknown, not as not set. Values planned by the current
	// provider carry every key; a state written by a provider version that
	// predates the attribute does not, and the resource it describes may
	// predate the cloud default the attribute's absence would otherwise take
	// (the catalog sets it for every dated default, see catalog.Attribute).
	AbsentIsUnknown bool
}

// UnknownMeaning is what an unknown value of an attribute means.
type UnknownMeaning uint8

const (
	// UnknownIsUnknown (the default): a configured value not known until
	// apply. The controls it decides are unknown.
	UnknownIsUnknown UnknownMeaning = iota
	// UnknownIsUnset: a computed attribute that the configuration leaves
	// unset is unknown at create; it is read as not set, so the provider
	// default decides (and an unset non-compliant default fails, naming the
	// argument). snapshot_identifier is one: it only might carry a value.
	UnknownIsUnset
	// UnknownIsElsewhere: an Optional+Computed collection left unset (the
	// inline rules of a security group whose rules are separate resources) is
	// wholly unknown at create. It was not declared here and is read as empty;
	// what is declared elsewhere is judged on its own resources.
	UnknownIsElsewhere
)

var unknownMeaningNames = map[string]UnknownMeaning{"unknown": UnknownIsUnknown, "unset": UnknownIsUnset, "elsewhere": UnknownIsElsewhere}

// ParseUnknownMeaning reads "unknown" (or ""), "unset" or "elsewhere".
func ParseUnknownMeaning(s string) (UnknownMeaning, error) {
	if s == "" {
		return UnknownIsUnknown, nil
	}
	m, ok := unknownMeaningNames[s]
	if !ok {
		return 0, fmt.Errorf("unknown %q is not one of unknown, unset, elsewhere", s)
	}
	return m, nil
}

func (m UnknownMeaning) String() string {
	for k, v := range unknownMeaningNames {
		if v == m {
			return k
		}
	}
	return "invalid"
}

// Shape is the compiled set of attribute meanings of one resource type: a
// tree of attribute names, with "[*]" for the elements of a sequence.
type Shape struct {
	meaning  Meaning
	attrs    map[string]*Shape
	elem     *Shape
	hasRules bool // some node at or below carries a non-default meaning
}

// NewShape compiles meanings keyed by attribute path ("ingress",
// "ingress[*].cidr_block", "metadata_options[*].http_tokens").
func NewShape(meanings map[string]Meaning) (*Shape, error) {
	root := &Shape{}
	paths := make([]string, 0, len(meanings))
	for p := range meanings {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		steps, err := SplitPath(p)
		if err != nil {
			return nil, err
		}
		node := root
		for _, s := range steps {
			if s == "[*]" {
				if node.elem == nil {
					node.elem = &Shape{}
				}
				node = node.elem
				continue
			}
			if node.attrs == nil {
				node.attrs = map[string]*Shape{}
			}
			next, ok := node.attrs[s]
			if !ok {
				next = &Shape{}
				node.attrs[s] = next
			}
			node = next
		}
		node.meaning = meanings[p]
	}
	root.mark()
	return root, nil
}

func (s *Shape) mark() bool {
	s.hasRules = s.meaning != Meaning{}
	for _, c := range s.attrs {
		if c.mark() {
			s.hasRules = true
		}
	}
	if s.elem != nil && s.elem.mark() {
		s.hasRules = true
	}
	return s.hasRules
}

// SplitPath splits "a[*].b" into "a", "[*]", "b". Indices other than [*]
// are not allowed in a shape path.
func SplitPath(p string) ([]string, error) {
	if p == "" {
		return nil, fmt.Errorf("empty attribute path")
	}
	var out []string
	for _, part := range strings.Split(p, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name == "" {
			return nil, fmt.Errorf("attribute path %q has an empty name", p)
		}
		out = append(out, name)
		for rest != "" {
			if !strings.HasPrefix(rest, "*]") {
				return nil, fmt.Errorf("attribute path %q: only [*] may index a sequence", p)
			}
			out = append(out, "[*]")
			rest = strings.TrimPrefix(rest[2:], "[")
		}
	}
	return out, nil
}

// Pattern turns a concrete path ("ingress[3].cidr_blocks[0]") into its shape
// pattern ("ingress[*].cidr_blocks[*]").
func Pattern(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(path, '[')
		if i < 0 {
			b.WriteString(path)
			return b.String()
		}
		j := strings.IndexByte(path[i:], ']')
		if j < 0 {
			b.WriteString(path)
			return b.String()
		}
		b.WriteString(path[:i])
		b.WriteString("[*]")
		path = path[i+j+1:]
	}
}

// child returns the shape of attribute name, or nil. A block written as one
// object (not the one-element list the provider plans) reads its attributes
// through the element shape.
func (s *Shape) child(name string) *Shape {
	if s == nil || !s.hasRules {
		return nil
	}
	if c, ok := s.attrs[name]; ok {
		return c
	}
	return s.elem.child(name)
}

// element returns the shape of a sequence's elements, or nil.
func (s *Shape) element() *Shape {
	if s == nil || !s.hasRules {
		return nil
	}
	return s.elem
}

var emptyList = Value{kind: KindList, elems: []Value{}}

// read applies the meaning of s to v: the value an evaluator sees.
func (s *Shape) read(v *Value) *Value {
	if s == nil {
		return v
	}
	switch {
	case v.kind == KindUnknown && s.meaning.Unknown == UnknownIsUnset:
		return &nullValue
	case v.kind == KindUnknown && s.meaning.Unknown == UnknownIsElsewhere:
		return &emptyList
	case s.meaning.ZeroIsUnset && v.isZero():
		return &nullValue
	}
	return v
}

// isZero reports whether v is the zero value of its type.
func (v *Value) isZero() bool {
	switch v.kind {
	case KindString:
		return v.s == ""
	case KindBool:
		return !v.b
	case KindNumber:
		return v.num.Sign() == 0
	case KindList:
		return len(v.elems) == 0
	}
	return false
}
