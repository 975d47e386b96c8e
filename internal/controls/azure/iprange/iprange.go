// Package iprange judges the address ranges Azure firewalls take: the
// start-end pairs of SQL, PostgreSQL and MySQL server firewall rules, and the
// CIDR lists of Cosmos DB IP filters and AKS authorized API server ranges.
// A range counts as the internet as internal/netrange judges it: a /0, any
// block wider than /8 that holds public addresses, or ranges that together
// cover every public address. Reserved ranges never count.
package iprange

import (
	"fmt"
	"math/bits"
	"net/netip"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// prefixes returns the smallest list of CIDR blocks covering the IPv4
// addresses from start to end, inclusive. ok is false unless both are IPv4
// addresses and start is not after end.
func prefixes(start, end netip.Addr) (out []netip.Prefix, ok bool) {
	if !start.Is4() || !end.Is4() || end.Less(start) {
		return nil, false
	}
	lo, hi := u32(start), u32(end)
	for {
		// the largest block aligned at lo that does not pass hi
		size := 32
		if lo != 0 {
			size = bits.TrailingZeros32(lo)
		}
		for size > 0 && uint64(lo)+(uint64(1)<<size)-1 > uint64(hi) {
			size--
		}
		out = append(out, netip.PrefixFrom(addr(lo), 32-size))
		next := uint64(lo) + uint64(1)<<size
		if next > uint64(hi) {
			return out, true
		}
		lo = uint32(next)
	}
}

func u32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func addr(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// FirewallRule is the subject of a database server's firewall rule
// (azurerm_mssql_firewall_rule and the MySQL and PostgreSQL flexible
// servers' firewall rules): the addresses start_ip_address to
// end_ip_address may reach the server.
type FirewallRule struct{ Start, End subject.Field[string] }

// DecodeFirewallRule reads a firewall rule's values.
func DecodeFirewallRule(n subject.Node) FirewallRule {
	return FirewallRule{Start: n.Get("start_ip_address").String(""), End: n.Get("end_ip_address").String("")}
}

// Firewall fails a firewall rule that lets the internet reach the server.
func Firewall(r FirewallRule) engine.Outcome { return StartEnd(r.Start, r.End, "server") }

// StartEnd judges a firewall rule allowing start_ip_address to
// end_ip_address. 0.0.0.0-0.0.0.0 is Azure's "allow Azure services" rule,
// which admits every Azure customer's resources; a range that is the
// internet (netrange) fails; an unparsable range is an error.
func StartEnd(start, end subject.Field[string], server string) engine.Outcome {
	for _, f := range []subject.Field[string]{start, end} {
		if f.Unknown {
			return judge.Unknown(f.Path)
		}
	}
	s, err1 := netip.ParseAddr(strings.TrimSpace(start.V))
	e, err2 := netip.ParseAddr(strings.TrimSpace(end.V))
	switch {
	case err1 != nil || !s.Is4():
		return engine.Errored(start.Path, "%q is not an IPv4 address", start.V)
	case err2 != nil || !e.Is4():
		return engine.Errored(end.Path, "%q is not an IPv4 address", end.V)
	}
	zero := netip.IPv4Unspecified()
	if s == zero && e == zero {
		return engine.Fail(start.Path, "the rule 0.0.0.0-0.0.0.0 allows every Azure service, including other customers' resources, to reach the %s", server)
	}
	ps, ok := prefixes(s, e)
	if !ok {
		return engine.Errored(start.Path, "the range %s-%s ends before it starts", start.V, end.V)
	}
	if netrange.CoversInternet(netrange.IPv4, ps...) {
		return engine.Fail(start.Path, "the rule %s-%s spans the internet (a block wider than /8 of public addresses), so anyone may reach the %s", start.V, end.V, server)
	}
	return engine.Pass()
}

// Internet judges a list of allowed sources (CIDRs or bare addresses): it
// fails when one entry, or all of them together, is the internet. Entries
// that are not addresses are an error; an unknown list or entry is
// undecided. An empty list passes (callers decide what empty means). what
// names the resource the sources reach.
func Internet(seq subject.StringSeq, what string) engine.Outcome {
	if seq.Unknown {
		return judge.Unknown(seq.Path)
	}
	var v4, v6 []netip.Prefix
	var at4, at6 []string
	var unknown string
	for _, it := range seq.Items {
		if it.Unknown {
			if unknown == "" {
				unknown = it.Path
			}
			continue
		}
		p, ok := parse(it.V)
		if !ok {
			return engine.Errored(it.Path, "%q is not an IP address or CIDR block", it.V)
		}
		if p.Addr().Is4() {
			v4, at4 = append(v4, p), append(at4, it.V)
		} else {
			v6, at6 = append(v6, p), append(at6, it.V)
		}
	}
	switch {
	case len(v4) > 0 && netrange.CoversInternet(netrange.IPv4, v4...):
		return engine.Fail(seq.Path, "%s %s the internet: anyone may reach the %s", describe(at4), verb(at4), what)
	case len(v6) > 0 && netrange.CoversInternet(netrange.IPv6, v6...):
		return engine.Fail(seq.Path, "%s %s the internet: anyone may reach the %s", describe(at6), verb(at6), what)
	case unknown != "":
		return judge.Unknown(unknown)
	}
	return engine.Pass()
}

func verb(entries []string) string {
	if len(entries) == 1 {
		return "is"
	}
	return "cover"
}

func describe(entries []string) string {
	if len(entries) == 1 {
		return fmt.Sprintf("%q", entries[0])
	}
	return fmt.Sprintf("%d ranges (%s) together", len(entries), strings.Join(entries, ", "))
}

// parse reads a CIDR block or a bare address; an IPv4-mapped IPv6 block is
// read as IPv4.
func parse(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		if a := p.Addr(); a.Is4In6() {
			return netip.PrefixFrom(a.Unmap(), max(p.Bits()-96, 0)).Masked(), true
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	a = a.WithZone("").Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}
