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
