package netrange

import (
	"net/netip"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Allow lists: the IP rules of a PaaS firewall (Storage and Key Vault
// network ACL ip_rules, Event Hubs and Service Bus ip rules, SQL firewall
// rules as start/end ranges). Each entry admits its addresses; the list
// is the internet when one entry is (InternetCIDR) or when the entries
// together cover every public address of a family (CoversInternet).
// Reserved ranges never count.

// AllowListWorld judges a list of allowed sources. Each entry is a CIDR or a
// bare address; Azure also writes an IPv4 address range as "a.b.c.d-e.f.g.h"
// in a few services, which is read as the range. It returns True with the
// path of the deciding entry (or the list) when the list is the internet,
// Unknown when an unknown entry could make it so, and False otherwise. bad is
// the first known entry that is none of those forms.
func AllowListWorld(entries []subject.Field[string]) (world subject.Tri, at string, bad *subject.Field[string]) {
	var sets [2]rangeSet
	unknownAt := ""
	firstAt := ""
	for i := range entries {
		e := entries[i]
		if e.Unknown {
			if unknownAt == "" {
				unknownAt = e.Path
			}
			continue
		}
		if e.Null || strings.TrimSpace(e.V) == "" {
			continue
		}
		r, fam, ok := parseAllowed(e.V)
		if !ok {
			if bad == nil {
				bad = &entries[i]
			}
			continue
		}
		if firstAt == "" {
			firstAt = e.Path
		}
		fi := famIndex(fam)
		if wideRange(r, fam) {
			return subject.True, e.Path, bad
		}
		sets[fi] = append(sets[fi], r)
	}
	for fi := range sets {
		if len(sets[fi]) > 1 && normalize(sets[fi]).contains(publicSpace[fi]) {
			return subject.True, firstAt, bad
		}
	}
	if unknownAt != "" {
		return subject.Unknown, unknownAt, bad
	}
	return subject.False, "", bad
}

// RangeWorld reports whether the inclusive address range start-end (an Azure
// SQL or PostgreSQL/MySQL firewall rule) is the internet: it holds every
// public address of its family, or it is wider than a /8 (IPv4) and holds
// public addresses. 0.0.0.0-0.0.0.0 is Azure's "allow Azure services" rule,
// which is not the internet. ok is false when start or end is not an address
// or they are of different families.
func RangeWorld(start, end string) (world, ok bool) {
	a, err1 := netip.ParseAddr(strings.TrimSpace(start))
	b, err2 := netip.ParseAddr(strings.TrimSpace(end))
	if err1 != nil || err2 != nil {
		return false, false
	}
	a, b = a.Unmap(), b.Unmap()
	if a.Is4() != b.Is4() {
		return false, false
	}
	fam := IPv4
	if !a.Is4() {
		fam = IPv6
	}
	lo, hi := addrU128(a), addrU128(b)
	if hi.less(lo) {
		return false, true // an empty range admits nothing
	}
	return wideRange(ipRange{lo, hi}, fam), true
}

// parseAllowed reads one allow-list entry as an address range.
func parseAllowed(s string) (ipRange, Family, bool) {
	s = strings.TrimSpace(s)
	if lo, hi, isRange := strings.Cut(s, "-"); isRange {
		a, err1 := netip.ParseAddr(strings.TrimSpace(lo))
		b, err2 := netip.ParseAddr(strings.TrimSpace(hi))
		if err1 != nil || err2 != nil {
			return ipRange{}, 0, false
		}
		a, b = a.Unmap(), b.Unmap()
		if a.Is4() != b.Is4() || addrU128(b).less(addrU128(a)) {
			return ipRange{}, 0, false
		}
		fam := IPv4
		if !a.Is4() {
			fam = IPv6
		}
		return ipRange{addrU128(a), addrU128(b)}, fam, true
	}
	p, fam, ok := parseSource(s)
	if !ok {
		return ipRange{}, 0, false
	}
	return prefixRange(p), fam, true
}

// wideRange reports whether r is the internet on its own: it holds every
// public address of fam, or it spans more addresses than a /8 (IPv4) or /16
// (IPv6) block and holds public addresses.
func wideRange(r ipRange, fam Family) bool {
	fi := famIndex(fam)
	set := rangeSet{r}
	if set.contains(publicSpace[fi]) {
		return true
	}
	if len(set.intersect(publicSpace[fi])) == 0 {
		return false
	}
	limit := maxWideV4
	width := 32
	if fam == IPv6 {
		limit, width = maxWideV6, 128
	}
	// More addresses than a /limit block: hi-lo >= 2^(width-limit).
	span := u128{r.hi.hi - r.lo.hi, r.hi.lo - r.lo.lo}
	if r.hi.lo < r.lo.lo {
		span.hi--
	}
	shift := width - limit
	var block u128
	if shift >= 64 {
		block = u128{1 << (shift - 64), 0}
	} else {
		block = u128{0, 1 << shift}
	}
	return !span.less(block)
}

// PublicSource reports whether a source (a CIDR or bare address) holds any
// public address: a block of only reserved ranges (RFC 1918, shared,
// loopback, documentation, …) can never be the internet, alone or in a
// union. ok is false for a string that is neither form.
func PublicSource(s string) (public, ok bool) {
	p, fam, ok := parseSource(s)
	if !ok {
		return false, false
	}
	return len(rangeSet{prefixRange(p)}.intersect(publicSpace[famIndex(fam)])) > 0, true
}
