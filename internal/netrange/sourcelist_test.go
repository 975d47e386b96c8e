package netrange

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func seq(items ...string) subject.StringSeq {
	s := subject.StringSeq{Path: "src"}
	for i, v := range items {
		f := subject.Field[string]{V: v, Path: fmt.Sprintf("src[%d]", i)}
		if v == "?" {
			f = subject.Field[string]{Unknown: true, Path: f.Path}
		}
		s.Items = append(s.Items, f)
	}
	return s
}

func TestJudgeSources(t *testing.T) {
	for _, c := range []struct {
		items []string
		world subject.Tri
		at    string
		bad   bool
	}{
		{[]string{"10.0.0.0/8"}, subject.False, "", false},
		{[]string{"0.0.0.0/0"}, subject.True, "src[0]", false},
		{[]string{"10.0.0.0/8", "::/0"}, subject.True, "src[1]", false},
		{[]string{"0.0.0.0/1", "128.0.0.0/1"}, subject.True, "src[0]", false},
		{eights(-1), subject.True, "src[255]", false},
		{eights(52), subject.False, "", false},
		{eights(10), subject.True, "src[254]", false}, // 10.0.0.0/8 is private: not needed
		{[]string{"52.0.0.0/6"}, subject.True, "src[0]", false},
		{[]string{"10.0.0.0/7"}, subject.True, "src[0]", false}, // 11.0.0.0/8 is public
		{[]string{"192.168.0.0/16", "172.16.0.0/12", "10.0.0.0/8"}, subject.False, "", false},
		{[]string{"10.0.0.0/8", "?"}, subject.Unknown, "src[1]", false},
		{[]string{"?", "0.0.0.0/0"}, subject.True, "src[1]", false},
		{[]string{"not-a-cidr"}, subject.False, "src[0]", true},
		{nil, subject.False, "", false},
	} {
		got := JudgeSources(seq(c.items...))
		if got.World != c.world || got.At != c.at || got.Malformed != c.bad {
			t.Errorf("JudgeSources(%q) = %+v, want world %v at %q bad %v", c.items, got, c.world, c.at, c.bad)
		}
	}
	if got := JudgeSources(subject.StringSeq{Path: "src", Unknown: true}); got.World != subject.Unknown || got.At != "src" {
		t.Errorf("unknown list: %+v", got)
	}
	u := JudgeSources(seq(eights(-1)...))
	if !u.Union() || !strings.HasPrefix(u.Describe(), `the union of "0.0.0.0/8", "1.0.0.0/8", `) {
		t.Errorf("Describe = %q", u.Describe())
	}
	if w := JudgeSources(seq("0.0.0.0/0")); w.Union() || w.Describe() != `"0.0.0.0/0"` {
		t.Errorf("Describe = %q", w.Describe())
	}
}

// eights returns every IPv4 /8 but the one starting at skip (-1: none).
func eights(skip int) []string {
	var out []string
	for i := 0; i < 256; i++ {
		if i != skip {
			out = append(out, fmt.Sprintf("%d.0.0.0/8", i))
		}
	}
	return out
}

// FuzzJudgeSources checks JudgeSources against its definition on lists of
// up to four entries split from the input by commas: never a panic; a list
// with an internet-wide entry is the world; a list of reserved-only ranges
// never is; a world verdict from a union names entries that together
// cover the public space of their family.
func FuzzJudgeSources(f *testing.F) {
	for _, s := range []string{"0.0.0.0/0", "0.0.0.0/1,128.0.0.0/1", "10.0.0.0/8,192.168.0.0/16", "::/1,8000::/1", "2000::/4,3000::/4", "a,b", "?,10.0.0.0/8", "", "1.2.3.4", "fc00::/7,::1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := strings.Split(s, ",")
		if len(parts) > 4 {
			parts = parts[:4]
		}
		got := JudgeSources(seq(parts...))
		anyWide, allReserved, anyBad := false, true, false
		for _, p := range parts {
			if p == "?" {
				continue
			}
			pfx, fam, ok := parseSource(p)
			if !ok {
				anyBad = true
				continue
			}
			anyWide = anyWide || internetPrefix(pfx, fam)
			if len(rangeSet{prefixRange(pfx)}.intersect(publicSpace[famIndex(fam)])) > 0 {
				allReserved = false
			}
		}
		switch {
		case got.Malformed && got.World != subject.False:
			t.Fatalf("%q: a malformed entry with world %v", s, got.World)
		case got.Malformed && !anyBad:
			t.Fatalf("%q: malformed %q but every entry parses", s, got.Bad)
		case anyWide && !got.Malformed && got.World != subject.True:
			t.Fatalf("%q: an internet-wide entry is not the world: %+v", s, got)
		case allReserved && got.World == subject.True:
			t.Fatalf("%q: reserved ranges only are the world: %+v", s, got)
		}
		if got.World == subject.True && got.Union() {
			var ps []netip.Prefix
			var fam Family
			for _, e := range got.Entries {
				p, f2, _ := parseSource(e)
				ps, fam = append(ps, p), f2
			}
			if !CoversInternet(fam, ps...) {
				t.Fatalf("%q: union %v does not cover the internet", s, got.Entries)
			}
		}
	})
}
