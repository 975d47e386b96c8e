package subject

import "testing"

func TestSplitPathAndPattern(t *testing.T) {
	steps, err := SplitPath("ingress[*].cidr_blocks[*]")
	if err != nil || len(steps) != 4 || steps[1] != "[*]" || steps[3] != "[*]" {
		t.Fatalf("SplitPath = %q, %v", steps, err)
	}
	for _, bad := range []string{"", "a[0]", ".a", "a..b", "a[*"} {
		if _, err := SplitPath(bad); err == nil {
			t.Errorf("SplitPath(%q) accepted", bad)
		}
	}
	if got := Pattern("ingress[12].cidr_blocks[0]"); got != "ingress[*].cidr_blocks[*]" {
		t.Errorf("Pattern = %q", got)
	}
	if got := Pattern("a[1"); got != "a[1" {
		t.Errorf("Pattern of a torn path = %q", got)
	}
}

// TestShape_read: each meaning changes only the values it names, wherever
// the decoder reaches them (a block as a list or as one object).
func TestShape_read(t *testing.T) {
	shape, err := NewShape(map[string]Meaning{
		"rules":                 {Unknown: UnknownIsElsewhere},
		"opts[*].mode":          {Unknown: UnknownIsUnset},
		"entries[*].cidr":       {ZeroIsUnset: true},
		"entries[*].untouched":  {},
		"restore":               {ZeroIsUnset: true},
		"snapshot":              {Unknown: UnknownIsUnset},
		"configured_reference":  {},
		"nested[*].inner[*].ok": {ZeroIsUnset: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	v := Object(map[string]Value{
		"rules":                UnknownValue(),
		"opts":                 List(Object(map[string]Value{"mode": UnknownValue()})),
		"entries":              List(Object(map[string]Value{"cidr": String(""), "untouched": String("")})),
		"restore":              List(),
		"snapshot":             UnknownValue(),
		"configured_reference": UnknownValue(),
		"nested":               Object(map[string]Value{"inner": List(Object(map[string]Value{"ok": Bool(false)}))}),
	})
	d, n := DecodeShaped(v, shape)
	if s := n.Get("rules").Items(); s.Unknown || s.Null || len(s.Items) != 0 {
		t.Errorf("rules declared elsewhere: got %+v, want an empty sequence", s)
	}
	if f := n.Get("opts").Block().Get("mode").String("optional"); f.Unknown || !f.Null || f.V != "optional" {
		t.Errorf("opts.mode unknown at create: got %+v, want unset with the default", f)
	}
	e := n.Get("entries").Index(0)
	if f := e.Get("cidr").String(""); !f.Null {
		t.Errorf("empty cidr: got %+v, want unset", f)
	}
	if f := e.Get("untouched").String(""); f.Null {
		t.Errorf("a path without meaning changed: %+v", f)
	}
	if n.Has("restore") || n.Has("snapshot") {
		t.Error("an empty restore list or an unknown snapshot counts as set")
	}
	if !n.Get("configured_reference").IsUnknown() {
		t.Error("a configured unknown value lost its unknown")
	}
	if f := n.Get("nested").Get("inner").Index(0).Get("ok").Bool(true); !f.Null {
		t.Errorf("a block written as one object did not read through its element shape: %+v", f)
	}
	if d.Err() != nil {
		t.Fatal(d.Err())
	}
}

// TestShape_absent: a key missing from its object reads as unknown only for
// attributes whose meaning says so (a dated default); a null or a planned
// unknown is still read as not set, and Absent tells the cases apart.
func TestShape_absent(t *testing.T) {
	shape, err := NewShape(map[string]Meaning{
		"dated":        {Unknown: UnknownIsUnset, AbsentIsUnknown: true},
		"always":       {Unknown: UnknownIsUnset},
		"blk[*].dated": {Unknown: UnknownIsUnset, AbsentIsUnknown: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	read := func(v Value, get func(Node) Node) Field[bool] {
		_, root := DecodeShaped(v, shape)
		return get(root).Bool(true)
	}
	top := func(name string) func(Node) Node { return func(n Node) Node { return n.Get(name) } }
	nested := func(n Node) Node { return n.Get("blk").Get("dated") }
	empty := Object(map[string]Value{"other": String("x")})
	if f := read(empty, top("dated")); !f.Unknown || !f.Absent || f.Null {
		t.Errorf("absent dated = %+v, want unknown and absent", f)
	}
	if f := read(empty, top("always")); f.Unknown || !f.Absent || !f.Null || !f.V {
		t.Errorf("absent always = %+v, want null (the default) and absent", f)
	}
	if f := read(empty, top("undescribed")); f.Unknown || !f.Absent || !f.Null {
		t.Errorf("absent undescribed = %+v, want null and absent", f)
	}
	planned := Object(map[string]Value{"dated": UnknownValue(), "always": Null()})
	if f := read(planned, top("dated")); f.Unknown || f.Absent || !f.Null {
		t.Errorf("planned unknown dated = %+v, want not set", f)
	}
	if f := read(planned, top("always")); f.Unknown || f.Absent || !f.Null {
		t.Errorf("null always = %+v, want not set, not absent", f)
	}
	blk := Object(map[string]Value{"blk": List(Object(map[string]Value{"x": Bool(true)}))})
	if f := read(blk, nested); !f.Unknown || !f.Absent {
		t.Errorf("absent dated in a block = %+v, want unknown and absent", f)
	}
	noBlk := Object(map[string]Value{"blk": Null()})
	if f := read(noBlk, nested); f.Unknown || f.Absent || !f.Null {
		t.Errorf("attribute of a null block = %+v, want null, not absent", f)
	}
}
