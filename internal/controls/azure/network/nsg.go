// Package network judges network security groups and their rules, and NSG
// flow logs.
package network

import (
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Rule is one NSG security rule: an entry of security_rule or an
// azurerm_network_security_rule.
type Rule struct {
	Path      string
	Name      string
	Priority  subject.Field[int64]
	Direction subject.Field[string]
	Access    subject.Field[string]
	Protocol  subject.Field[string]
	Sources   []subject.Field[string] // source_address_prefix and _prefixes, "" dropped
	Ports     []subject.Field[string] // destination_port_range and _ranges, "" dropped
	Dests     []subject.Field[string] // destination_address_prefix and _prefixes
	// unknownAt is the path of a wholly unknown prefix or port set.
	unknownAt string
}

// Group is the subject of the NSG controls: the rules judged together, so a
// higher-priority deny shadows a later allow.
type Group struct{ Rules []Rule }

// DecodeGroup reads azurerm_network_security_group values.
func DecodeGroup(n subject.Node) Group {
	seq := n.Get("security_rule").Items()
	g := Group{Rules: make([]Rule, 0, len(seq.Items))}
	for _, it := range seq.Items {
		g.Rules = append(g.Rules, decodeRule(it))
	}
	return g
}

// DecodeRule reads azurerm_network_security_rule values.
func DecodeRule(n subject.Node) Group {
	return Group{Rules: []Rule{decodeRule(n)}}
}

func decodeRule(n subject.Node) Rule {
	r := Rule{
		Path:      n.Path(),
		Name:      n.Get("name").String("").V,
		Priority:  n.Get("priority").Int(0),
		Direction: n.Get("direction").String(""),
		Access:    n.Get("access").String(""),
		Protocol:  n.Get("protocol").String(""),
	}
	r.Sources = r.collect(n, "source_address_prefix", "source_address_prefixes")
	r.Ports = r.collect(n, "destination_port_range", "destination_port_ranges")
	r.Dests = r.collect(n, "destination_address_prefix", "destination_address_prefixes")
	return r
}

func (r *Rule) collect(n subject.Node, one, many string) []subject.Field[string] {
	var out []subject.Field[string]
	keep := func(f subject.Field[string]) {
		if f.Unknown || (!f.Null && strings.TrimSpace(f.V) != "") {
			out = append(out, f)
		}
	}
	keep(n.Get(one).String(""))
	seq := n.Get(many).Strings()
	if seq.Unknown && r.unknownAt == "" {
		r.unknownAt = seq.Path
	}
	for _, it := range seq.Items {
		keep(it)
	}
	return out
}

// World reports whether an NSG address prefix is the whole internet: the
// tags *, Internet and Any, and 0.0.0.0/0, ::/0 or a bare 0.0.0.0.
func World(prefix string) bool {
	s := strings.TrimSpace(prefix)
	switch strings.ToLower(s) {
	case "*", "internet", "any", "0.0.0.0", "::":
		return true
	}
	w, _, ok := netrange.WorldCIDR(s)
	return ok && w
}

func is(f subject.Field[string], v string) subject.Tri {
	return f.Test(func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), v) })
}

// world reports whether a source of r is the internet, and its path.
func (r Rule) world() (subject.Tri, string) {
	res, at := subject.False, ""
	for _, s := range r.Sources {
		if s.Unknown {
			res, at = subject.Unknown, s.Path
			continue
		}
		if World(s.V) {
			return subject.True, s.Path
		}
	}
	if res == subject.False && r.unknownAt != "" {
		return subject.Unknown, r.unknownAt
	}
	return res, at
}

// covers reports whether r's destination ports include port. bad is a
// malformed spec.
func (r Rule) covers(port int64) (t subject.Tri, bad *subject.Field[string]) {
	t = subject.False
	for i, p := range r.Ports {
		if p.Unknown {
			t = subject.Unknown
			continue
		}
		c, ok := netrange.PortSpecCovers(p.V, port)
		if !ok {
			return subject.Unknown, &r.Ports[i]
		}
		if c {
			return subject.True, nil
		}
	}
	if t == subject.False && r.unknownAt != "" {
		t = subject.Unknown
	}
	return t, nil
}

// protocol reports whether r's protocol is * or one of protos.
func (r Rule) protocol(protos []string) subject.Tri {
	return r.Protocol.Test(func(s string) bool {
		s = strings.TrimSpace(s)
		if s == "*" {
			return true
		}
		for _, p := range protos {
			if strings.EqualFold(s, p) {
				return true
			}
		}
		return false
	})
}

// known reports whether every field of r that shadowing depends on is known.
func (r Rule) known() bool {
	if r.Priority.Unknown || r.Direction.Unknown || r.Access.Unknown || r.Protocol.Unknown || r.unknownAt != "" {
		return false
	}
	for _, fs := range [][]subject.Field[string]{r.Sources, r.Ports, r.Dests} {
		for _, f := range fs {
			if f.Unknown {
				return false
			}
		}
	}
	return true
}

func anyDest(r Rule) bool {
	for _, d := range r.Dests {
		if World(d.V) {
			return true
		}
	}
	return len(r.Dests) == 0
}

func sameDests(a, b Rule) bool {
	if len(a.Dests) != len(b.Dests) {
		return false
	}
	for i := range a.Dests {
		if !strings.EqualFold(strings.TrimSpace(a.Dests[i].V), strings.TrimSpace(b.Dests[i].V)) {
			return false
		}
	}
	return true
}

// shadowed reports whether a known inbound Deny rule of g with a lower
// priority number blocks the internet from port for allow rule a: Azure
// applies the first matching rule by priority.
func (g Group) shadowed(a Rule, port int64) bool {
	if a.Priority.Unknown || a.Protocol.Unknown {
		return false
	}
	for _, d := range g.Rules {
		if !d.known() || d.Priority.V >= a.Priority.V || is(d.Direction, "Inbound") != subject.True || is(d.Access, "Deny") != subject.True {
			continue
		}
		if w, _ := d.world(); w != subject.True {
			continue
		}
		if c, _ := d.covers(port); c != subject.True {
			continue
		}
		proto := strings.TrimSpace(d.Protocol.V) == "*" || strings.EqualFold(strings.TrimSpace(d.Protocol.V), strings.TrimSpace(a.Protocol.V))
		if proto && (anyDest(d) || sameDests(d, a)) {
			return true
		}
	}
	return false
}

func describe(r Rule) string {
	name := r.Path
	if name == "" {
		name = "the rule"
	}
	if r.Name != "" {
		name += fmt.Sprintf(" (%q, priority %d)", r.Name, r.Priority.V)
	}
	return name
}

// exposure builds a check failing when an inbound Allow rule from the
// internet, not shadowed by an earlier Deny, reaches one of ports over one
// of protos.
func exposure(what string, protos []string, ports ...int64) func(Group) engine.Outcome {
	return func(g Group) engine.Outcome {
		var undecided *engine.Outcome
		for _, r := range g.Rules {
			inbound, allow, proto := is(r.Direction, "Inbound"), is(r.Access, "Allow"), r.protocol(protos)
			world, at := r.world()
			base := inbound.And(allow).And(proto).And(world)
			if base == subject.False {
				continue
			}
			for _, port := range ports {
				c, bad := r.covers(port)
				if bad != nil {
					return engine.Errored(bad.Path, "%q is not a port, a port range or *, so the rule's exposure cannot be judged", bad.V)
				}
				switch base.And(c) {
				case subject.True:
					if g.shadowed(r, port) {
						continue
					}
					return engine.Fail(at, "%s allows %s (port %d, protocol %s) from the internet", describe(r), what, port, r.Protocol.V)
				case subject.Unknown:
					if undecided == nil {
						o := engine.Undecided(firstUnknown(r, at), "%s may allow %s from the internet; its direction, access, protocol, source or ports are unknown until apply", describe(r), what)
						undecided = &o
					}
				}
			}
		}
		if undecided != nil {
			return *undecided
		}
		return engine.Pass()
	}
}

func firstUnknown(r Rule, at string) string {
	for _, f := range []subject.Field[string]{r.Direction, r.Access, r.Protocol} {
		if f.Unknown {
			return f.Path
		}
	}
	for _, fs := range [][]subject.Field[string]{r.Ports} {
		for _, f := range fs {
			if f.Unknown {
				return f.Path
			}
		}
	}
	if r.unknownAt != "" {
		return r.unknownAt
	}
	return at
}

// UDPAmplificationPorts are the UDP services CIS 7.3 names as reflection and
// amplification risks: DNS, NTP, SNMP, CLDAP and SSDP.
var UDPAmplificationPorts = []int64{53, 123, 161, 389, 1900}

// Checks are the exposure checks every NSG shape shares.
func Checks() []engine.Check[Group] {
	return []engine.Check[Group]{
		{Control: "azure-network-nsg-no-internet-rdp", Eval: exposure("RDP", []string{"Tcp", "Udp"}, 3389)},
		{Control: "azure-network-nsg-no-internet-ssh", Eval: exposure("SSH", []string{"Tcp"}, 22)},
		{Control: "azure-network-nsg-no-internet-udp", Eval: exposure("a UDP service", []string{"Udp"}, UDPAmplificationPorts...)},
		{Control: "azure-network-nsg-no-internet-http", Eval: exposure("HTTP(S)", []string{"Tcp"}, 80, 443)},
	}
}

// Register adds the network checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_network_security_group", DecodeGroup, Checks()...)
	engine.Add(r, "azurerm_network_security_rule", DecodeRule, Checks()...)
	engine.Add(r, "azurerm_network_watcher_flow_log", DecodeFlowLog, FlowLogChecks()...)
}
