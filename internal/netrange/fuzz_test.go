package netrange

import (
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

// FuzzWorldCIDR checks WorldCIDR against net/netip: it never panics, anything
// netip parses as a prefix or address is ok, a /0 prefix is the world of a
// family, and "ok" always comes with a family.
func FuzzWorldCIDR(f *testing.F) {
	for _, s := range []string{"0.0.0.0/0", "::/0", "10.0.0.0/8", " 0.0.0.0/0 ", "192.168.1.1", "2001:db8::/32", "::ffff:0.0.0.0/96", "not-a-cidr", "", "0.0.0.0/33"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		world, fam, ok := WorldCIDR(s)
		if !ok {
			if world || fam != 0 {
				t.Fatalf("WorldCIDR(%q) = %v, %v, false: world or family without ok", s, world, fam)
			}
			trimmed := strings.TrimSpace(s)
			if _, err := netip.ParsePrefix(trimmed); err == nil {
				t.Fatalf("WorldCIDR(%q) rejects a prefix netip parses", s)
			}
			if _, err := netip.ParseAddr(trimmed); err == nil {
				t.Fatalf("WorldCIDR(%q) rejects an address netip parses", s)
			}
			return
		}
		if fam != IPv4 && fam != IPv6 {
			t.Fatalf("WorldCIDR(%q): family %v is neither IPv4 nor IPv6", s, fam)
		}
		p, err := netip.ParsePrefix(strings.TrimSpace(s))
		if err != nil {
			if world {
				t.Fatalf("WorldCIDR(%q): a bare address is the world", s)
			}
			return
		}
		if world != (p.Bits() == 0) {
			t.Fatalf("WorldCIDR(%q) world = %v, prefix bits %d", s, world, p.Bits())
		}
	})
}

// FuzzClassifyProtocol checks ClassifyProtocol: it never panics, only
// tcp/udp (by name or number) have ports, only tcp/6 is TCP, and accepted
// numbers are 0-255 written canonically.
func FuzzClassifyProtocol(f *testing.F) {
	for _, s := range []string{"-1", "all", "ALL", "tcp", " TCP ", "6", "udp", "17", "icmp", "1", "icmpv6", "58", "50", "255", "256", "+6", "06", "", "gre"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		class, tcp, ok := ClassifyProtocol(s)
		norm := strings.ToLower(strings.TrimSpace(s))
		if tcp && (class != ProtoPorts || !ok) {
			t.Fatalf("ClassifyProtocol(%q): tcp but class %v ok %v", s, class, ok)
		}
		if class == ProtoPorts {
			switch norm {
			case "tcp", "6", "udp", "17":
			default:
				t.Fatalf("ClassifyProtocol(%q): ports for a protocol other than tcp or udp", s)
			}
			if tcp != (norm == "tcp" || norm == "6") {
				t.Fatalf("ClassifyProtocol(%q): tcp = %v", s, tcp)
			}
		}
		if class == ProtoAll && norm != "-1" && norm != "all" {
			t.Fatalf("ClassifyProtocol(%q): all protocols for %q", s, norm)
		}
		if !ok && class != ProtoOther {
			t.Fatalf("ClassifyProtocol(%q): class %v without ok", s, class)
		}
		if ok && class == ProtoOther {
			switch norm {
			case "icmp", "icmpv6":
				return
			}
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 0 || n > 255 || strconv.Itoa(n) != strings.TrimSpace(s) {
				t.Fatalf("ClassifyProtocol(%q): accepted as a protocol number", s)
			}
		}
	})
}

// FuzzPortSpecCovers checks the NSG and firewall port spec parser: it never
// panics, "*" covers every port, and a spec it accepts covers a port exactly
// when the port lies between the bounds it reads.
func FuzzPortSpecCovers(f *testing.F) {
	for _, s := range []string{"22", "20-30", "*", " 3389 ", "30-20", "-1", "22-", "a-b", "", "1-65535", "9223372036854775807"} {
		f.Add(s, int64(22))
	}
	f.Fuzz(func(t *testing.T, spec string, port int64) {
		covers, ok := PortSpecCovers(spec, port)
		s := strings.TrimSpace(spec)
		switch {
		case s == "*":
			if !covers || !ok {
				t.Fatalf("PortSpecCovers(%q, %d) = %v, %v: * covers every port", spec, port, covers, ok)
			}
		case !ok:
			if covers {
				t.Fatalf("PortSpecCovers(%q, %d) covers without ok", spec, port)
			}
		default:
			lo, hi, isRange := strings.Cut(s, "-")
			from, _ := strconv.ParseInt(strings.TrimSpace(lo), 10, 64)
			to := from
			if isRange {
				to, _ = strconv.ParseInt(strings.TrimSpace(hi), 10, 64)
			}
			if covers != (from <= port && port <= to) {
				t.Fatalf("PortSpecCovers(%q, %d) = %v, want %v", spec, port, covers, from <= port && port <= to)
			}
		}
	})
}
