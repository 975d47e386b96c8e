package netrange

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func TestAllowListWorld(t *testing.T) {
	known := func(vs ...string) []subject.Field[string] {
		out := make([]subject.Field[string], len(vs))
		for i, v := range vs {
			out[i] = subject.Field[string]{V: v, Path: "ip_rules[" + string(rune('0'+i)) + "]"}
		}
		return out
	}
	for _, c := range []struct {
		name    string
		entries []subject.Field[string]
		want    subject.Tri
		at      string
		bad     bool
	}{
		{"empty", nil, subject.False, "", false},
		{"partner range", known("198.51.100.0/24", "203.0.113.7"), subject.False, "", false},
		{"world", known("10.0.0.0/8", "0.0.0.0/0"), subject.True, "ip_rules[1]", false},
		{"wider than a slash 8", known("64.0.0.0/7"), subject.True, "ip_rules[0]", false},
		{"a slash 8 is not the internet", known("11.0.0.0/8"), subject.False, "", false},
		{"private ranges never count", known("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"), subject.False, "", false},
		{"halves together", known("0.0.0.0/1", "128.0.0.0/1"), subject.True, "ip_rules[0]", false},
		{"azure range form", known("1.0.0.0-223.255.255.255"), subject.True, "ip_rules[0]", false},
		{"narrow range form", known("20.1.2.3-20.1.2.10"), subject.False, "", false},
		{"ipv6 global unicast", known("2000::/3"), subject.True, "ip_rules[0]", false},
		{"documentation ipv6", known("2001:db8::/32"), subject.False, "", false},
		{"malformed entry", known("not-an-ip", "10.0.0.0/8"), subject.False, "", true},
		{"unknown entry", append(known("10.0.0.0/8"), subject.Field[string]{Unknown: true, Path: "ip_rules[1]"}), subject.Unknown, "ip_rules[1]", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, at, bad := AllowListWorld(c.entries)
			if got != c.want || at != c.at || (bad != nil) != c.bad {
				t.Fatalf("AllowListWorld = %v, %q, bad %v; want %v, %q, bad %v", got, at, bad != nil, c.want, c.at, c.bad)
			}
		})
	}
}

func TestRangeWorld(t *testing.T) {
	for _, c := range []struct {
		start, end string
		world, ok  bool
	}{
		{"0.0.0.0", "255.255.255.255", true, true},
		{"0.0.0.0", "0.0.0.0", false, true}, // Azure's "allow Azure services" rule
		{"1.0.0.0", "2.255.255.255", true, true},
		{"10.0.0.0", "10.255.255.255", false, true},
		{"20.0.0.1", "20.0.0.200", false, true},
		{"20.0.0.0", "21.0.0.0", true, true}, // one address more than a /8
		{"20.0.0.0", "20.255.255.255", false, true},
		{"5.0.0.0", "4.0.0.0", false, true},
		{"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, true},
		{"1.2.3.4", "::1", false, false},
		{"x", "1.2.3.4", false, false},
	} {
		world, ok := RangeWorld(c.start, c.end)
		if world != c.world || ok != c.ok {
			t.Errorf("RangeWorld(%s, %s) = %v, %v; want %v, %v", c.start, c.end, world, ok, c.world, c.ok)
		}
	}
}

func TestNSGPrefixes(t *testing.T) {
	for prefix, want := range map[string]NSGPrefixKind{
		"*": NSGPrefixInternet, "Internet": NSGPrefixInternet, "any": NSGPrefixInternet,
		"10.0.0.0/8": NSGPrefixCIDR, "2001:db8::/32": NSGPrefixCIDR, "203.0.113.9": NSGPrefixCIDR,
		"VirtualNetwork": NSGPrefixTag, "AzureFrontDoor.Backend": NSGPrefixTag, "Storage.WestEurope": NSGPrefixTag,
		"10.0.0.0/33": NSGPrefixMalformed, "300.1.1.1": NSGPrefixMalformed,
	} {
		if got := ClassifyNSGPrefix(prefix); got != want {
			t.Errorf("ClassifyNSGPrefix(%q) = %v, want %v", prefix, got, want)
		}
	}
	for spec, want := range map[string][3]int64{"*": {0, 65535, 1}, "22": {22, 22, 1}, "1000-2000": {1000, 2000, 1}, "2000-1000": {0, 0, 0}, "70000": {0, 0, 0}, "ssh": {0, 0, 0}} {
		from, to, ok := NSGPortRange(spec)
		if ok != (want[2] == 1) || (ok && (from != want[0] || to != want[1])) {
			t.Errorf("NSGPortRange(%q) = %d-%d, %v", spec, from, to, ok)
		}
	}
}
