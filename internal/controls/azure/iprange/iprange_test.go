package iprange

import (
	"net/netip"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func str(path, v string) subject.Field[string] { return subject.Field[string]{Path: path, V: v} }

func TestPrefixes(t *testing.T) {
	for _, c := range []struct {
		start, end string
		want       []string
	}{
		{"0.0.0.0", "255.255.255.255", []string{"0.0.0.0/0"}},
		{"10.0.0.0", "10.255.255.255", []string{"10.0.0.0/8"}},
		{"10.0.0.1", "10.0.0.1", []string{"10.0.0.1/32"}},
		{"10.0.0.1", "10.0.0.6", []string{"10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"}},
		{"255.255.255.255", "255.255.255.255", []string{"255.255.255.255/32"}},
	} {
		got, ok := prefixes(netip.MustParseAddr(c.start), netip.MustParseAddr(c.end))
		if !ok || len(got) != len(c.want) {
			t.Fatalf("%s-%s: got %v %v, want %v", c.start, c.end, got, ok, c.want)
		}
		for i := range got {
			if got[i].String() != c.want[i] {
				t.Errorf("%s-%s: got %v, want %v", c.start, c.end, got, c.want)
			}
		}
	}
	if _, ok := prefixes(netip.MustParseAddr("10.0.0.2"), netip.MustParseAddr("10.0.0.1")); ok {
		t.Error("a reversed range must not be ok")
	}
}

func TestStartEnd(t *testing.T) {
	for _, c := range []struct {
		start, end string
		want       engine.Status
	}{
		{"0.0.0.0", "0.0.0.0", engine.StatusFail},
		{"0.0.0.0", "255.255.255.255", engine.StatusFail},
		{"1.0.0.0", "254.255.255.255", engine.StatusFail},    // wider than /8 of public space
		{"0.0.0.0", "127.255.255.255", engine.StatusFail},    // 0.0.0.0/1
		{"10.0.0.0", "10.255.255.255", engine.StatusPass},    // private
		{"172.16.0.0", "192.168.255.255", engine.StatusFail}, // spans public space wider than /8
		{"203.0.113.4", "203.0.113.4", engine.StatusPass},
		{"198.51.100.0", "198.51.100.255", engine.StatusPass},
		{"not-an-ip", "1.2.3.4", engine.StatusError},
		{"1.2.3.5", "1.2.3.4", engine.StatusError},
	} {
		got := StartEnd(str("start_ip_address", c.start), str("end_ip_address", c.end), "server")
		if got.Status != c.want {
			t.Errorf("%s-%s: got %s (%s), want %s", c.start, c.end, got.Status, got.Message, c.want)
		}
	}
	if got := StartEnd(subject.Field[string]{Path: "start_ip_address", Unknown: true}, str("end_ip_address", "1.2.3.4"), "server"); got.Status != engine.StatusUnknown {
		t.Errorf("unknown start: got %s", got.Status)
	}
}

func seq(vs ...string) subject.StringSeq {
	s := subject.StringSeq{Path: "ranges"}
	for _, v := range vs {
		s.Items = append(s.Items, str("ranges[x]", v))
	}
	return s
}

func TestInternet(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want engine.Status
	}{
		{nil, engine.StatusPass},
		{[]string{"203.0.113.0/24", "10.0.0.0/8"}, engine.StatusPass},
		{[]string{"0.0.0.0/0"}, engine.StatusFail},
		{[]string{"0.0.0.0"}, engine.StatusPass}, // one address
		{[]string{"0.0.0.0/1", "128.0.0.0/1"}, engine.StatusFail},
		{[]string{"52.0.0.0/6"}, engine.StatusFail},
		{[]string{"::/0"}, engine.StatusFail},
		{[]string{"2001:db8::/32"}, engine.StatusPass},
		{[]string{"::ffff:0.0.0.0/96"}, engine.StatusFail},
		{[]string{"bogus"}, engine.StatusError},
	} {
		if got := Internet(seq(c.in...), "cluster"); got.Status != c.want {
			t.Errorf("%v: got %s (%s), want %s", c.in, got.Status, got.Message, c.want)
		}
	}
	unk := seq("203.0.113.0/24")
	unk.Items = append(unk.Items, subject.Field[string]{Path: "ranges[1]", Unknown: true})
	if got := Internet(unk, "cluster"); got.Status != engine.StatusUnknown {
		t.Errorf("unknown entry: got %s", got.Status)
	}
	unk.Items = append(unk.Items, str("ranges[2]", "0.0.0.0/0"))
	if got := Internet(unk, "cluster"); got.Status != engine.StatusFail {
		t.Errorf("unknown entry beside the world: got %s", got.Status)
	}
}

// FuzzStartEnd: no input panics, and a pass never holds the whole range.
func FuzzStartEnd(f *testing.F) {
	f.Add("0.0.0.0", "255.255.255.255")
	f.Add("10.0.0.1", "10.0.0.6")
	f.Add("1.2.3.4", "bogus")
	f.Fuzz(func(t *testing.T, start, end string) {
		out := StartEnd(str("s", start), str("e", end), "server")
		s, err1 := netip.ParseAddr(start)
		e, err2 := netip.ParseAddr(end)
		if err1 == nil && err2 == nil && s.Is4() && e.Is4() && !e.Less(s) {
			ps, ok := prefixes(s, e)
			if !ok || ps[0].Addr() != s {
				t.Fatalf("prefixes of %s-%s: %v", start, end, ps)
			}
			last := ps[len(ps)-1]
			if u32(last.Addr())+uint32((uint64(1)<<(32-last.Bits()))-1) != u32(e) {
				t.Fatalf("prefixes of %s-%s end at %v", start, end, last)
			}
			if out.Status == engine.StatusError {
				t.Fatalf("valid range %s-%s errored", start, end)
			}
		}
	})
}

// FuzzInternet: no list panics.
func FuzzInternet(f *testing.F) {
	f.Add("0.0.0.0/0", "10.0.0.0/8")
	f.Add("::/1", "8000::/1")
	f.Fuzz(func(t *testing.T, a, b string) {
		_ = Internet(seq(a, b), "x")
	})
}
