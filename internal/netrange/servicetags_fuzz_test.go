package netrange

import (
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// FuzzNSGPrefix checks the NSG readers: they never panic; the internet tags
// yield the world blocks of both families; a CIDR yields itself in its own
// family; any other tag yields nothing; a port range that reads is within
// 0-65535 and agrees with PortSpecCovers.
func FuzzNSGPrefix(f *testing.F) {
	for _, s := range []string{"*", "Internet", "any", "10.0.0.0/8", "0.0.0.0/0", "::/0", "2001:db8::/32", "VirtualNetwork", "AzureFrontDoor.Backend", "1.2.3", "300.1.1.1/8", "22", "20-30", "*", "65536", "30-20", ""} {
		f.Add(s, int64(22))
	}
	f.Fuzz(func(t *testing.T, s string, port int64) {
		v4, v6 := NSGSources(s)
		switch kind := ClassifyNSGPrefix(s); kind {
		case NSGPrefixInternet:
			if len(v4) != 1 || v4[0] != "0.0.0.0/0" || len(v6) != 1 || v6[0] != "::/0" {
				t.Fatalf("NSGSources(%q) = %v %v for an internet tag", s, v4, v6)
			}
		case NSGPrefixTag:
			if len(v4)+len(v6) != 0 {
				t.Fatalf("NSGSources(%q) = %v %v for a service tag", s, v4, v6)
			}
		case NSGPrefixCIDR:
			if len(v4)+len(v6) != 1 {
				t.Fatalf("NSGSources(%q) = %v %v for a CIDR", s, v4, v6)
			}
			for _, c := range v4 {
				if _, fam, ok := parseSource(c); !ok || fam != IPv4 {
					t.Fatalf("NSGSources(%q): %q is not IPv4", s, c)
				}
			}
			for _, c := range v6 {
				if _, fam, ok := parseSource(c); !ok || fam != IPv6 {
					t.Fatalf("NSGSources(%q): %q is not IPv6", s, c)
				}
			}
		}
		from, to, ok := NSGPortRange(s)
		if !ok {
			return
		}
		if from < 0 || to > 65535 || from > to {
			t.Fatalf("NSGPortRange(%q) = %d-%d", s, from, to)
		}
		if port < 0 || port > 65535 {
			return
		}
		covers, pok := PortSpecCovers(s, port)
		if !pok || covers != (from <= port && port <= to) {
			t.Fatalf("NSGPortRange(%q) = %d-%d but PortSpecCovers(%d) = %v, %v", s, from, to, port, covers, pok)
		}
		if _, ok := NSGProtocol(strings.ToLower(s)); ok != func() bool { _, ok := NSGProtocol(s); return ok }() {
			t.Fatalf("NSGProtocol(%q) depends on case", s)
		}
	})
}

// FuzzAllowListWorld checks the allow-list judgement: it never panics; a
// single entry that InternetCIDR counts as the internet makes the list the
// internet; adding entries never takes the internet away; an unknown entry
// never makes a list that is the internet less so.
func FuzzAllowListWorld(f *testing.F) {
	for _, s := range [][2]string{{"0.0.0.0/0", ""}, {"0.0.0.0/1", "128.0.0.0/1"}, {"10.0.0.0/8", "192.168.0.0/16"}, {"1.0.0.0-255.255.255.255", ""}, {"203.0.113.7", "bad"}, {"::/1", "8000::/1"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		fa := subject.Field[string]{V: a, Path: "a"}
		fb := subject.Field[string]{V: b, Path: "b"}
		one, _, _ := AllowListWorld([]subject.Field[string]{fa})
		two, _, _ := AllowListWorld([]subject.Field[string]{fa, fb})
		if w, _, ok := InternetCIDR(a); ok && w && one != subject.True {
			t.Fatalf("AllowListWorld([%q]) = %v, but InternetCIDR says the internet", a, one)
		}
		if one == subject.True && two != subject.True {
			t.Fatalf("adding %q to [%q] took the internet away: %v", b, a, two)
		}
		withUnknown, _, _ := AllowListWorld([]subject.Field[string]{fa, {Unknown: true, Path: "u"}})
		if one == subject.True && withUnknown != subject.True {
			t.Fatalf("an unknown entry made [%q] not the internet: %v", a, withUnknown)
		}
		if one == subject.False && withUnknown != subject.Unknown {
			t.Fatalf("[%q, unknown] = %v, want unknown", a, withUnknown)
		}
		if lo, hi, ok := strings.Cut(a, "-"); ok {
			w, rok := RangeWorld(lo, hi)
			if rok && w && one != subject.True {
				t.Fatalf("RangeWorld(%q, %q) is the internet but AllowListWorld([%q]) = %v", lo, hi, a, one)
			}
		}
	})
}
