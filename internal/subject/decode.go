package subject

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unsafe"
)

// TypeError reports a value of the wrong shape at an attribute path.
type TypeError struct {
	Path string
	Want string
	Got  string
}

func (e *TypeError) Error() string {
	return fmt.Sprintf("%s: expected %s, got %s", orRoot(e.Path), e.Want, e.Got)
}

// Decoder walks a Value tree and records the first type error it meets, so an
// evaluator's decode function can read many attributes and check once.
type Decoder struct {
	err error
	// arena backs the attribute paths of the decoded tree: one allocation per
	// few kilobytes of paths instead of one per attribute. Bytes once written
	// are never changed, so the strings sliced from it stay valid.
	arena []byte
}

// concat joins a, b and c into a string backed by the arena.
func (d *Decoder) concat(a, b, c string) string {
	n := len(a) + len(b) + len(c)
	if n == 0 {
		return ""
	}
	if cap(d.arena)-len(d.arena) < n {
		d.arena = make([]byte, 0, max(4096, n))
	}
	start := len(d.arena)
	d.arena = append(append(append(d.arena, a...), b...), c...)
	return unsafe.String(&d.arena[start], n)
}

// child returns the path of attribute name below path.
func (d *Decoder) child(path, name string) string {
	if path == "" {
		return name
	}
	return d.concat(path, ".", name)
}

// index returns the path of element i below path.
func (d *Decoder) index(path string, i int) string {
	var buf [24]byte
	b := strconv.AppendInt(append(buf[:0], '['), int64(i), 10)
	b = append(b, ']')
	return d.concat(path, string(b), "")
}

// Err returns the first type error met, if any.
func (d *Decoder) Err() error { return d.err }

func (d *Decoder) fail(path, want string, got Value) {
	if d.err == nil {
		gotDesc := got.kind.String()
		if got.kind == KindString {
			gotDesc = "string " + strconv.Quote(truncate(got.s, 40))
		}
		d.err = &TypeError{Path: path, Want: want, Got: gotDesc}
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Node is a position in a Value tree being decoded. shape, if not nil, says
// how the plan-time values at and below n are read.
type Node struct {
	d     *Decoder
	v     *Value // never written through
	path  string
	shape *Shape
	// absent is set when the parent object lacks the key (not a null value).
	absent bool
}

// Shared values for nodes below null and unknown parents; never written.
var (
	nullValue    = Value{}
	unknownValue = Value{kind: KindUnknown}
)

// Decode starts decoding v; the returned Decoder collects type errors.
func Decode(v Value) (*Decoder, Node) {
	return DecodeShaped(v, nil)
}

// DecodeShaped starts decoding v of a resource type whose attribute meanings
// are s (nil for none).
func DecodeShaped(v Value, s *Shape) (*Decoder, Node) {
	d := &Decoder{}
	return d, Node{d: d, v: s.read(&v), shape: s}
}

// readHook, when set, is told the path of every attribute a decoder reads
// and how: "" (looked up), "bool", "string", "number", "strings" (a sequence
// of strings), "sequence" or "block".
var readHook func(path, as string)

// RecordReads calls fn with the path of every attribute decoders read, and
// how they read it, until the returned stop is called. For tests that check
// evaluators read only attributes the provider schema has, with compatible
// types; not safe for concurrent decoders.
func RecordReads(fn func(path, as string)) (stop func()) {
	readHook = fn
	return func() { readHook = nil }
}

func (n Node) record(as string) {
	if readHook != nil && n.path != "" {
		readHook(n.path, as)
	}
}

// elemAt returns element i of the sequence at n, read through n's shape.
func (n Node) elemAt(i int, withPath bool) Node {
	es := n.shape.element()
	e := Node{d: n.d, v: es.read(&n.v.elems[i]), shape: es}
	if withPath {
		e.path = n.d.index(n.path, i)
	}
	return e
}

// Value returns the raw value at n.
func (n Node) Value() Value { return *n.v }

// Path returns the attribute path of n, e.g. "ingress[0].cidr_blocks".
func (n Node) Path() string { return n.path }

// IsNull reports whether n is null.
func (n Node) IsNull() bool { return n.v.kind == KindNull }

// IsUnknown reports whether n is unknown.
func (n Node) IsUnknown() bool { return n.v.kind == KindUnknown }

// Has reports whether n is an object with attribute name present and not null.
func (n Node) Has(name string) bool {
	a, ok := n.v.attrs[name]
	if readHook != nil {
		readHook(n.d.child(n.path, name), "")
	}
	return ok && n.shape.child(name).read(a).kind != KindNull
}

// Get returns attribute name of an object node. A missing attribute and any
// attribute of a null node are null; any attribute of an unknown node is unknown.
// A node of another shape is a type error.
func (n Node) Get(name string) Node {
	return n.get(name, true)
}

// Step is Get without the attribute path (Path is ""): for walks over many
// values that name a path only for the few they report.
func (n Node) Step(name string) Node {
	return n.get(name, false)
}

func (n Node) get(name string, withPath bool) Node {
	child := Node{d: n.d, v: &nullValue, shape: n.shape.child(name)}
	if withPath {
		child.path = n.d.child(n.path, name)
	}
	switch n.v.kind {
	case KindObject:
		if a, ok := n.v.attrs[name]; ok {
			child.v = a
		} else {
			child.absent = true
		}
	case KindUnknown:
		child.v = &unknownValue
	case KindNull:
	case KindList:
		// A nested block with at most one element (metadata_options, versioning…)
		// arrives from `self` as a one-element list; read through it.
		if len(n.v.elems) == 0 {
			break
		}
		if len(n.v.elems) == 1 {
			return n.elemAt(0, withPath).get(name, withPath)
		}
		n.d.fail(n.path, "an object", *n.v)
	default:
		n.d.fail(n.path, "an object", *n.v)
	}
	if withPath {
		child.record("")
	}
	if child.absent && child.shape != nil && child.shape.meaning.AbsentIsUnknown {
		// Not today's default: the values may describe a resource older
		// than it (see Meaning.AbsentIsUnknown).
		child.v = &unknownValue
		return child
	}
	child.v = child.shape.read(child.v)
	return child
}

// Absent reports whether n is an attribute its parent object lacks altogether
// (as opposed to one present with a null value): values written by a
// provider version that predates the attribute, or written by hand.
func (n Node) Absent() bool { return n.absent }

// Seq is a decoded sequence attribute (list, set or tuple of anything).
type Seq struct {
	Items   []Node
	Unknown bool // the sequence itself is unknown: its elements cannot be enumerated
	Null    bool
	Path    string
}

// Items returns the elements of a sequence node. An object is read as a
// one-element sequence (a single nested block written as an object literal).
func (n Node) Items() Seq {
	n.record("sequence")
	s := Seq{Path: n.path}
	switch n.v.kind {
	case KindNull:
		s.Null = true
	case KindUnknown:
		s.Unknown = true
	case KindObject:
		s.Items = []Node{n}
	case KindList:
		s.Items = make([]Node, len(n.v.elems))
		for i := range n.v.elems {
			s.Items[i] = n.elemAt(i, true)
		}
	default:
		n.d.fail(n.path, "a list, set or tuple", *n.v)
	}
	return s
}

// Len returns the number of elements of a sequence node (0 for anything else).
func (n Node) Len() int {
	if n.v.kind != KindList {
		return 0
	}
	return len(n.v.elems)
}

// Index returns element i of a sequence node, without building the slice
// Items builds; for hot decoders of long sequences.
func (n Node) Index(i int) Node {
	return n.elemAt(i, true)
}

// StepIndex is Index without the path, as Step is Get without it.
func (n Node) StepIndex(i int) Node {
	return n.elemAt(i, false)
}

// Block returns the single nested block at n: the object itself, or the first
// element of a list. A null or empty block is null.
func (n Node) Block() Node {
	n.record("block")
	if n.v.kind == KindList {
		if len(n.v.elems) == 0 {
			return Node{d: n.d, v: &nullValue, path: n.path}
		}
		if len(n.v.elems) > 1 {
			n.d.fail(n.path, "at most one block", *n.v)
		}
		return n.elemAt(0, true)
	}
	if n.v.kind != KindObject && n.v.kind != KindNull && n.v.kind != KindUnknown {
		n.d.fail(n.path, "an object", *n.v)
	}
	return n
}

// Field is a decoded scalar: its value, whether it is unknown or was null
// (in which case V holds the default), and the attribute path it came from.
type Field[T any] struct {
	V       T
	Unknown bool
	Null    bool
	// Absent is set when the key was missing from its object (see
	// Node.Absent); Null or Unknown is set too, by the attribute's meaning.
	Absent bool
	Path   string
}

// Known reports whether the field's value is known.
func (f Field[T]) Known() bool { return !f.Unknown }

// Of returns a known, non-null field; for subjects built by live loaders.
func Of[T any](v T, path string) Field[T] { return Field[T]{V: v, Path: path} }

// Bool decodes a boolean; null takes def. The strings "true" and "false" are
// accepted as Terraform converts them.
func (n Node) Bool(def bool) Field[bool] {
	n.record("bool")
	f := Field[bool]{V: def, Path: n.path, Absent: n.absent}
	switch n.v.kind {
	case KindNull:
		f.Null = true
	case KindUnknown:
		f.Unknown = true
	case KindBool:
		f.V = n.v.b
	case KindString:
		switch n.v.s {
		case "true":
			f.V = true
		case "false":
			f.V = false
		default:
			n.d.fail(n.path, "bool", *n.v)
		}
	default:
		n.d.fail(n.path, "bool", *n.v)
	}
	return f
}

// String decodes a string; null takes def. Numbers and bools are converted as
// Terraform converts them.
func (n Node) String(def string) Field[string] {
	n.record("string")
	f := Field[string]{V: def, Path: n.path, Absent: n.absent}
	switch n.v.kind {
	case KindNull:
		f.Null = true
	case KindUnknown:
		f.Unknown = true
	case KindString:
		f.V = n.v.s
	case KindNumber:
		f.V = n.v.num.Text('f', -1)
	case KindBool:
		f.V = strconv.FormatBool(n.v.b)
	default:
		n.d.fail(n.path, "string", *n.v)
	}
	return f
}

// Int decodes a whole number; null takes def. Numeric strings are accepted.
func (n Node) Int(def int64) Field[int64] {
	n.record("number")
	f := Field[int64]{V: def, Path: n.path, Absent: n.absent}
	switch n.v.kind {
	case KindNull:
		f.Null = true
	case KindUnknown:
		f.Unknown = true
	case KindNumber:
		if n.v.isInt {
			f.V = n.v.i
			break
		}
		i, ok := bigToInt(n.v.num)
		if !ok {
			n.d.fail(n.path, "a whole number", *n.v)
		}
		f.V = i
	case KindString:
		s := strings.TrimSpace(n.v.s)
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			n.d.fail(n.path, "number", *n.v)
		}
		f.V = i
	default:
		n.d.fail(n.path, "number", *n.v)
	}
	return f
}

func bigToInt(f *big.Float) (int64, bool) {
	if f.IsInf() {
		return 0, false
	}
	i, acc := f.Int64()
	if acc != big.Exact {
		// Accept only integral values that fit.
		if fl, _ := f.Float64(); fl == math.Trunc(fl) && fl <= math.MaxInt64 && fl >= math.MinInt64 {
			return int64(fl), acc == big.Exact
		}
		return 0, false
	}
	return i, true
}

// Strings decodes a sequence of strings (a list or set attribute such as
// cidr_blocks). The sequence may be unknown or hold unknown elements.
func (n Node) Strings() StringSeq {
	n.record("strings")
	out := StringSeq{Path: n.path}
	switch n.v.kind {
	case KindNull:
		out.Null = true
	case KindUnknown:
		out.Unknown = true
	case KindList:
		out.Items = make([]Field[string], len(n.v.elems))
		for i := range n.v.elems {
			out.Items[i] = n.elemAt(i, true).String("")
		}
	default:
		n.d.fail(n.path, "a list of strings", *n.v)
	}
	return out
}

// StringSeq is a decoded list or set of strings.
type StringSeq struct {
	Items   []Field[string]
	Unknown bool
	Null    bool
	Path    string
}

// Any reports, in three-valued logic, whether pred holds for some element.
// An unknown sequence or an unknown element that could match gives Unknown
// unless a known element already matches.
func (s StringSeq) Any(pred func(string) bool) Tri {
	if s.Unknown {
		return Unknown
	}
	res := False
	for _, it := range s.Items {
		if it.Unknown {
			res = Unknown
			continue
		}
		if pred(it.V) {
			return True
		}
	}
	return res
}

// First returns the path of the first known element satisfying pred, or of
// the first unknown element, or of the sequence itself.
func (s StringSeq) First(pred func(string) bool) string {
	for _, it := range s.Items {
		if !it.Unknown && pred(it.V) {
			return it.Path
		}
	}
	for _, it := range s.Items {
		if it.Unknown {
			return it.Path
		}
	}
	return s.Path
}

// Kind reports the kind of the value at n without copying it.
func (n Node) Kind() Kind { return n.v.kind }

// Text returns the string at n, if it holds one.
func (n Node) Text() (string, bool) { return n.v.s, n.v.kind == KindString }

// Ref returns the value at n without copying it; callers must not change it.
func (n Node) Ref() *Value { return n.v }
