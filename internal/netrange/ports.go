// Package netrange reads network exposure the way the internet sees it, for
// every cloud: address families, world and internet-equivalent CIDRs (the
// reserved ranges never count), unions of sources that together cover the
// internet, protocols and port specs. AWS security groups and NACLs, Azure
// NSG rules, Google firewalls, SQL firewall rules and the own-control
// operator not_world all judge exposure with it.
package netrange

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Family is an address family of a world-open source.
type Family uint8

const (
	IPv4 Family = 1 << iota
	IPv6
	AnyFamily = IPv4 | IPv6
)

// WorldCIDR reports whether cidr is the whole address space of its family
// (0.0.0.0/0, ::/0 or any /0 spelling of them) and which family it is.
// A string that is not a CIDR (or a bare address) returns ok == false.
func WorldCIDR(cidr string) (world bool, fam Family, ok bool) {
	s := strings.TrimSpace(cidr)
	if p, err := netip.ParsePrefix(s); err == nil {
		fam = IPv4
		if p.Addr().Is6() && !p.Addr().Is4In6() {
			fam = IPv6
		}
		return p.Bits() == 0, fam, true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		if a.Is4() {
			return false, IPv4, true
		}
		return false, IPv6, true
	}
	return false, 0, false
}

// ProtoClass is how a protocol relates to ports.
type ProtoClass uint8

const (
	ProtoAll   ProtoClass = iota // -1 / all: every protocol and port
	ProtoPorts                   // tcp, udp: the from/to range applies
	ProtoOther                   // icmp, icmpv6 and other protocol numbers: no TCP/UDP ports
)

// ClassifyProtocol classifies a protocol as written in hashicorp/aws (names or
// IANA numbers, any case). ok is false for a value that is neither.
func ClassifyProtocol(p string) (class ProtoClass, tcp bool, ok bool) {
	switch strings.ToLower(strings.TrimSpace(p)) {
	case "-1", "all":
		return ProtoAll, false, true
	case "tcp", "6":
		return ProtoPorts, true, true
	case "udp", "17":
		return ProtoPorts, false, true
	case "icmp", "1", "icmpv6", "58":
		return ProtoOther, false, true
	}
	var n int
	if _, err := fmt.Sscanf(p, "%d", &n); err == nil && fmt.Sprint(n) == strings.TrimSpace(p) && n >= 0 && n <= 255 {
		return ProtoOther, false, true
	}
	return ProtoOther, false, false
}

// Permission is one traffic rule as judged: a security group ingress or egress
// block, a standalone rule resource, or a live IpPermission.
type Permission struct {
	Path     string
	Ingress  subject.Field[bool]
	Protocol subject.Field[string]
	FromPort subject.Field[int64]
	ToPort   subject.Field[int64]
	IPv4     subject.StringSeq
	IPv6     subject.StringSeq

	classified bool
	world      [2]subject.Tri // by family: IPv4, IPv6
	worldAt    [2]string
	badAt, bad string
	// prefixes are the known sources by family, for unions across rules;
	// partial marks a family that may have unknown sources too.
	prefixes [2][]netip.Prefix
	partial  [2]bool
}

// Classify precomputes, in place, which sources are the internet (InternetCIDR:
// a /0, or a block wider than /8 or /16 that holds public addresses) and which
// are not CIDRs, so World and Malformed answer without parsing again for each
// control. It also keeps the known sources by family for the unions of
// UnionWorld.
func (p *Permission) Classify() {
	p.classified = true
	p.world = [2]subject.Tri{subject.False, subject.False}
	p.prefixes = [2][]netip.Prefix{}
	p.partial = [2]bool{}
	unknownAt := func(at string) {
		for i := range p.world {
			p.partial[i] = true
			if p.world[i] == subject.False {
				p.world[i], p.worldAt[i] = subject.Unknown, at
			}
		}
	}
	for _, seq := range []subject.StringSeq{p.IPv4, p.IPv6} {
		if seq.Unknown {
			unknownAt(seq.Path)
			continue
		}
		for _, it := range seq.Items {
			if it.Unknown {
				unknownAt(it.Path)
				continue
			}
			pfx, fam, ok := parseSource(it.V)
			if !ok {
				if p.badAt == "" {
					p.badAt, p.bad = it.Path, it.V
				}
				continue
			}
			i := famIndex(fam)
			p.prefixes[i] = append(p.prefixes[i], pfx)
			if p.world[i] != subject.True && internetPrefix(pfx, fam) {
				p.world[i], p.worldAt[i] = subject.True, it.Path
			}
		}
	}
}

func famIndex(f Family) int {
	if f == IPv6 {
		return 1
	}
	return 0
}

// Covers reports whether the permission's protocol and port range include port.
func (p *Permission) Covers(port int64) subject.Tri {
	if p.Protocol.Unknown {
		return subject.Unknown
	}
	class, _, ok := ClassifyProtocol(p.Protocol.V)
	if !ok {
		return subject.Unknown
	}
	switch class {
	case ProtoAll:
		return subject.True
	case ProtoOther:
		return subject.False
	}
	if p.FromPort.Unknown || p.ToPort.Unknown {
		return subject.Unknown
	}
	return subject.TriOf(p.FromPort.V <= port && port <= p.ToPort.V)
}

// World reports whether a source of the permission is the internet (see
// InternetCIDR) for one of fams, and the path of that source.
func (p *Permission) World(fams Family) (subject.Tri, string) {
	if !p.classified {
		p.Classify()
	}
	res, at := subject.False, ""
	for i, fam := range []Family{IPv4, IPv6} {
		if fams&fam == 0 {
			continue
		}
		switch p.world[i] {
		case subject.True:
			return subject.True, p.worldAt[i]
		case subject.Unknown:
			if res == subject.False {
				res, at = subject.Unknown, p.worldAt[i]
			}
		}
	}
	return res, at
}

// Malformed returns the path and text of a known source that is not a CIDR.
func (p *Permission) Malformed() (string, string) {
	if !p.classified {
		p.Classify()
	}
	return p.badAt, p.bad
}

// describe renders the protocol and ports of a permission for messages.
// Describe says what p admits ("TCP port 22", "all traffic"), for messages.
func (p Permission) Describe() string {
	class, _, _ := ClassifyProtocol(p.Protocol.V)
	switch class {
	case ProtoAll:
		return "all traffic (protocol " + p.Protocol.V + ")"
	case ProtoPorts:
		if p.FromPort.V == p.ToPort.V {
			return fmt.Sprintf("%s port %d", strings.ToLower(p.Protocol.V), p.FromPort.V)
		}
		return fmt.Sprintf("%s ports %d-%d", strings.ToLower(p.Protocol.V), p.FromPort.V, p.ToPort.V)
	}
	return "protocol " + p.Protocol.V
}

// PortSpecCovers reports whether a port spec as Azure NSG rules and Google
// Cloud firewall rules write them ("22", "20-30", "*") covers port; ok is
// false for a spec that is none of those.
func PortSpecCovers(spec string, port int64) (covers, ok bool) {
	s := strings.TrimSpace(spec)
	if s == "*" {
		return true, true
	}
	lo, hi, isRange := strings.Cut(s, "-")
	from, err := strconv.ParseInt(strings.TrimSpace(lo), 10, 64)
	if err != nil {
		return false, false
	}
	to := from
	if isRange {
		if to, err = strconv.ParseInt(strings.TrimSpace(hi), 10, 64); err != nil {
			return false, false
		}
	}
	return from <= port && port <= to, true
}
