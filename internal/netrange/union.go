package netrange

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Target is one kind of traffic a union of rules is judged for: an IANA
// protocol number ("6" tcp, "17" udp, "1" icmp…) and, for tcp and udp, a port
// (-1 for protocols without ports).
type Target struct {
	Proto string
	Port  int64
}

func (t Target) String() string {
	switch t.Proto {
	case "6":
		return fmt.Sprintf("tcp port %d", t.Port)
	case "17":
		return fmt.Sprintf("udp port %d", t.Port)
	}
	return "protocol " + t.Proto
}

// canonProto returns the IANA number of a protocol as hashicorp/aws writes it
// ("-1" for all), and whether it is one.
func canonProto(p string) (string, bool) {
	switch s := strings.ToLower(strings.TrimSpace(p)); s {
	case "-1", "all":
		return "-1", true
	case "tcp":
		return "6", true
	case "udp":
		return "17", true
	case "icmp":
		return "1", true
	case "icmpv6":
		return "58", true
	default:
		if _, _, ok := ClassifyProtocol(p); ok {
			n, _ := strconv.Atoi(s)
			return strconv.Itoa(n), true
		}
	}
	return "", false
}

// Reaches reports whether the permission's protocol and ports admit t.
func (p *Permission) Reaches(t Target) subject.Tri {
	if p.Protocol.Unknown {
		return subject.Unknown
	}
	c, ok := canonProto(p.Protocol.V)
	switch {
	case !ok:
		return subject.Unknown
	case c == "-1":
		return subject.True
	case c != t.Proto:
		return subject.False
	case t.Port < 0 || (c != "6" && c != "17"):
		return subject.True
	case p.FromPort.Unknown || p.ToPort.Unknown:
		return subject.Unknown
	}
	return subject.TriOf(p.FromPort.V <= t.Port && t.Port <= p.ToPort.V)
}

// PortTargets are tcp and udp on each port.
func PortTargets(ports []int64) []Target {
	out := make([]Target, 0, 2*len(ports))
	for _, p := range ports {
		out = append(out, Target{"6", p}, Target{"17", p})
	}
	return out
}

// UnionWorld judges the union of the ingress sources that reach each target,
// family by family: when the sources of the rules that certainly admit a
// target together cover the internet (CoversInternet) it fails; when they
// could once rules whose direction, protocol or ports are unknown are added,
// it is undecided. Sources unknown until apply are left to the per-rule
// judgement (World), which is undecided for them already.
// UnionMemo holds the prefilter of UnionWorld per family (0 unknown, 1 no,
// 2 yes), shared by the controls that judge one value; nil computes it anew.
type UnionMemo struct {
	mayCover [2]uint8
}

// mayCover is the prefilter: without every ingress source of the family
// together covering the internet, no target can.
func mayCover(perms []Permission, fi int, fam Family, memo *UnionMemo) bool {
	if memo != nil && memo.mayCover[fi] != 0 {
		return memo.mayCover[fi] == 2
	}
	var all []netip.Prefix
	for i := range perms {
		p := &perms[i]
		if !p.classified {
			p.Classify()
		}
		if p.Ingress.Test(func(b bool) bool { return b }) == subject.False {
			continue
		}
		all = append(all, p.prefixes[fi]...)
	}
	covers := len(all) >= 2 && CoversInternet(fam, all...)
	if memo != nil {
		memo.mayCover[fi] = 1
		if covers {
			memo.mayCover[fi] = 2
		}
	}
	return covers
}

func UnionWorld(perms []Permission, fams Family, targets func() []Target, memo *UnionMemo) engine.Outcome {
	var undecided *engine.Outcome
	for fi, fam := range []Family{IPv4, IPv6} {
		if fams&fam == 0 {
			continue
		}
		if !mayCover(perms, fi, fam, memo) {
			continue
		}
		for _, t := range targets() {
			var sure, maybe []netip.Prefix
			var sureAt, maybeAt string
			for i := range perms {
				p := &perms[i]
				if len(p.prefixes[fi]) == 0 {
					continue
				}
				in := p.Ingress.Test(func(b bool) bool { return b })
				r := p.Reaches(t)
				switch {
				case in == subject.False || r == subject.False:
					continue
				case in == subject.True && r == subject.True:
					sure = append(sure, p.prefixes[fi]...)
					if sureAt == "" {
						sureAt = p.RulePath()
					}
				default:
					maybe = append(maybe, p.prefixes[fi]...)
					if maybeAt == "" {
						maybeAt = p.UnknownAt(p.RulePath())
					}
				}
			}
			if len(sure) > 1 && CoversInternet(fam, sure...) {
				return engine.Fail(sureAt, "the ingress rules together allow %s from %s, which covers every public %s address: %s", t, plural(len(sure), "source"), famName(fam), prefixList(sure))
			}
			if undecided == nil && len(maybe) > 0 && CoversInternet(fam, append(sure, maybe...)...) {
				o := engine.Undecided(maybeAt, "the ingress rules may together allow %s from every public %s address; the direction, protocol or ports of some are unknown until apply", t, famName(fam))
				undecided = &o
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	return engine.Pass()
}

func famName(f Family) string {
	if f == IPv6 {
		return "IPv6"
	}
	return "IPv4"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func prefixList(ps []netip.Prefix) string {
	const shown = 6
	parts := make([]string, 0, shown+1)
	for i, p := range ps {
		if i == shown {
			parts = append(parts, fmt.Sprintf("and %d more", len(ps)-shown))
			break
		}
		parts = append(parts, p.String())
	}
	return strings.Join(parts, ", ")
}

// UnauthorizedTargets are the kinds of traffic EC2.18 forbids from the internet
// that the rules could admit: for tcp and udp every port at which the set of
// rules covering it can change (each range's ends and the ports just outside
// them, and the ports around 80 and 443), for other protocols the protocol
// itself; tcp 80 and 443 are left out.
func UnauthorizedTargets(perms []Permission) func() []Target {
	return func() []Target {
		seen := map[Target]bool{}
		var out []Target
		add := func(t Target) {
			if t.Proto == "6" && (t.Port == 80 || t.Port == 443) {
				return
			}
			if (t.Proto == "6" || t.Proto == "17") && (t.Port < 0 || t.Port > 65535) {
				return
			}
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
		for i := range perms {
			p := &perms[i]
			if p.Protocol.Unknown {
				continue
			}
			c, ok := canonProto(p.Protocol.V)
			if !ok {
				continue
			}
			switch c {
			case "-1":
				add(Target{"6", 0})
				add(Target{"17", 0})
			case "6", "17":
				for _, port := range []int64{79, 81, 442, 444} {
					add(Target{c, port})
				}
				if !p.FromPort.Unknown && !p.ToPort.Unknown {
					for _, port := range []int64{p.FromPort.V, p.ToPort.V, p.FromPort.V - 1, p.ToPort.V + 1} {
						add(Target{c, port})
					}
				}
			default:
				add(Target{c, -1})
			}
		}
		return out
	}
}

// RulePath is where p was read ("the rule" when it has no path), for messages.
func (p Permission) RulePath() string {
	if p.Path == "" {
		return "the rule"
	}
	return p.Path
}

// UnknownAt is the path of p's first setting that is unknown until apply
// (direction, protocol, ports), or at when none is.
func (p Permission) UnknownAt(at string) string {
	switch {
	case p.Ingress.Unknown:
		return p.Ingress.Path
	case p.Protocol.Unknown:
		return p.Protocol.Path
	case p.FromPort.Unknown:
		return p.FromPort.Path
	case p.ToPort.Unknown:
		return p.ToPort.Path
	}
	return at
}
