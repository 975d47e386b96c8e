package netrange

import (
	"encoding/binary"
	"net/netip"
	"sort"
	"strings"
)

// Internet-equivalent sources. FSBP and CIS judge a source as the internet
// only when it is 0.0.0.0/0 or ::/0. A rule set can reach the same exposure
// with other spellings: 0.0.0.0/1 plus 128.0.0.0/1, or a single very wide
// block. Beyond FSBP's literal definition, the baseline counts as the world:
//
//   - a set of CIDRs that together cover every public address of their family
//     (the union of the sources that reach one port, across the rules of one
//     value), and
//   - any single CIDR wider than /8 (IPv4) or /16 (IPv6) that contains public
//     addresses.
//
// Private (RFC 1918, fc00::/7), shared (100.64.0.0/10), loopback, link-local,
// multicast, documentation and other reserved ranges are never public, so a
// block that holds only them is never the world, and the public space a union
// must cover leaves them out.

// Widest CIDR lengths that are still not the world on their own.
const (
	maxWideV4 = 8
	maxWideV6 = 16
)

// notPublicV4 and notPublicV6 are the special-purpose ranges that are not
// reachable from the internet (IANA special-purpose registries). For IPv6 the
// public space is global unicast 2000::/3 without its documentation and
// benchmarking blocks; everything outside 2000::/3 (fc00::/7, fe80::/10,
// ff00::/8, ::1, mapped and translated addresses) is not public.
var (
	notPublicV4 = []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
		"172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
		"198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
	}
	notPublicV6 = []string{"2001:2::/48", "2001:db8::/32", "3fff::/20"}

	publicSpace = [2]rangeSet{buildPublic(IPv4), buildPublic(IPv6)}
)

func buildPublic(fam Family) rangeSet {
	var all rangeSet
	var reserved []string
	if fam == IPv4 {
		all = rangeSet{prefixRange(netip.MustParsePrefix("0.0.0.0/0"))}
		reserved = notPublicV4
	} else {
		all = rangeSet{prefixRange(netip.MustParsePrefix("2000::/3"))}
		reserved = notPublicV6
	}
	for _, r := range reserved {
		all = all.subtract(rangeSet{prefixRange(netip.MustParsePrefix(r))})
	}
	return all
}

// u128 is an address as a 128-bit number (IPv4 addresses in lo).
type u128 struct{ hi, lo uint64 }

func (a u128) less(b u128) bool { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo) }

func (a u128) next() (u128, bool) {
	if a.lo == ^uint64(0) {
		if a.hi == ^uint64(0) {
			return a, false
		}
		return u128{a.hi + 1, 0}, true
	}
	return u128{a.hi, a.lo + 1}, true
}

func (a u128) prev() (u128, bool) {
	if a.lo == 0 {
		if a.hi == 0 {
			return a, false
		}
		return u128{a.hi - 1, ^uint64(0)}, true
	}
	return u128{a.hi, a.lo - 1}, true
}

func addrU128(a netip.Addr) u128 {
	if a.Is4() {
		b := a.As4()
		return u128{0, uint64(binary.BigEndian.Uint32(b[:]))}
	}
	b := a.As16()
	return u128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

// ipRange is an inclusive range of addresses of one family.
type ipRange struct{ lo, hi u128 }

func prefixRange(p netip.Prefix) ipRange {
	p = p.Masked()
	lo := addrU128(p.Addr())
	host := 128 - p.Bits()
	if p.Addr().Is4() {
		host = 32 - p.Bits()
	}
	hi := lo
	switch {
	case host >= 128:
		hi = u128{^uint64(0), ^uint64(0)}
	case host >= 64:
		hi = u128{lo.hi | (uint64(1)<<(host-64) - 1), ^uint64(0)}
	case host > 0:
		hi = u128{lo.hi, lo.lo | (uint64(1)<<host - 1)}
	}
	return ipRange{lo, hi}
}

// rangeSet is a sorted list of disjoint, non-adjacent ranges.
type rangeSet []ipRange

func normalize(rs []ipRange) rangeSet {
	if len(rs) == 0 {
		return nil
	}
	s := append([]ipRange(nil), rs...)
	sort.Slice(s, func(i, j int) bool { return s[i].lo.less(s[j].lo) })
	out := rangeSet{s[0]}
	for _, r := range s[1:] {
		last := &out[len(out)-1]
		if n, ok := last.hi.next(); !ok || !n.less(r.lo) {
			if last.hi.less(r.hi) {
				last.hi = r.hi
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func (s rangeSet) union(o rangeSet) rangeSet {
	return normalize(append(append([]ipRange(nil), s...), o...))
}

func (s rangeSet) subtract(o rangeSet) rangeSet {
	var out rangeSet
	for _, r := range s {
		cur := []ipRange{r}
		for _, x := range o {
			var next []ipRange
			for _, c := range cur {
				if x.hi.less(c.lo) || c.hi.less(x.lo) {
					next = append(next, c)
					continue
				}
				if c.lo.less(x.lo) {
					p, _ := x.lo.prev()
					next = append(next, ipRange{c.lo, p})
				}
				if x.hi.less(c.hi) {
					n, _ := x.hi.next()
					next = append(next, ipRange{n, c.hi})
				}
			}
			cur = next
		}
		out = append(out, cur...)
	}
	return normalize(out)
}

func (s rangeSet) intersect(o rangeSet) rangeSet {
	return s.subtract(s.subtract(o))
}

// contains reports whether every address of o is in s.
func (s rangeSet) contains(o rangeSet) bool { return len(o.subtract(s)) == 0 }

// parseSource parses a CIDR or bare address (as WorldCIDR accepts them) into a
// prefix of its family; IPv4-mapped IPv6 prefixes of /96 or longer are IPv4,
// as WorldCIDR reads them.
func parseSource(s string) (netip.Prefix, Family, bool) {
	s = strings.TrimSpace(s)
	p, err := netip.ParsePrefix(s)
	if err != nil {
		// A bare address is a one-address block of its own family (as
		// WorldCIDR reads it, a mapped address stays IPv6).
		a, aerr := netip.ParseAddr(s)
		if aerr != nil {
			return netip.Prefix{}, 0, false
		}
		a = a.WithZone("")
		p = netip.PrefixFrom(a, a.BitLen())
		if a.Is4() {
			return p, IPv4, true
		}
		return p, IPv6, true
	}
	if a := p.Addr(); a.Is4In6() {
		// Read as IPv4 like WorldCIDR; a block wider than /96 holds every
		// mapped address, so it is 0.0.0.0/0.
		p = netip.PrefixFrom(a.Unmap(), max(p.Bits()-96, 0)).Masked()
	}
	if p.Addr().Is4() {
		return p, IPv4, true
	}
	return p, IPv6, true
}

// InternetCIDR reports whether one source is the internet as the baseline
// judges it: a /0, or a block wider than /8 (IPv4) or /16 (IPv6) that holds
// public addresses. ok is false for a string that is not a CIDR or address.
func InternetCIDR(cidr string) (world bool, fam Family, ok bool) {
	p, fam, ok := parseSource(cidr)
	if !ok {
		return false, 0, false
	}
	return internetPrefix(p, fam), fam, true
}

func internetPrefix(p netip.Prefix, fam Family) bool {
	if p.Bits() == 0 {
		return true
	}
	limit := maxWideV4
	if fam == IPv6 {
		limit = maxWideV6
	}
	return p.Bits() < limit && len(rangeSet{prefixRange(p)}.intersect(publicSpace[famIndex(fam)])) > 0
}

// CoversInternet reports whether prefixes of family fam together count as the
// internet: one of them does on its own (InternetCIDR), or their union holds
// every public address of the family.
func CoversInternet(fam Family, prefixes ...netip.Prefix) bool {
	var set rangeSet
	for _, p := range prefixes {
		if internetPrefix(p, fam) {
			return true
		}
		set = append(set, prefixRange(p))
	}
	return normalize(set).contains(publicSpace[famIndex(fam)])
}
