// Package network judges network security groups and their rules, and NSG
// flow logs.
package network

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// rule is one NSG security rule: an entry of security_rule or an
// azurerm_network_security_rule.
type rule struct {
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

// group is the subject of the NSG controls: the rules judged together.
// Ordered is true when they are the whole NSG (inline security_rule), so
// Azure's first match by priority decides and a Deny shadows later Allows;
// a standalone azurerm_network_security_rule is judged on its own.
type group struct {
	Rules   []rule
	Ordered bool
}

// decodeGroup reads azurerm_network_security_group values.
func decodeGroup(n subject.Node) group {
	seq := n.Get("security_rule").Items()
	g := group{Rules: make([]rule, 0, len(seq.Items)), Ordered: true}
	for _, it := range seq.Items {
		g.Rules = append(g.Rules, decodeRule(it))
	}
	return g
}

// DecodeRule reads azurerm_network_security_rule values.
func DecodeRule(n subject.Node) group {
	return group{Rules: []rule{decodeRule(n)}}
}

func decodeRule(n subject.Node) rule {
	r := rule{
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

func (r *rule) collect(n subject.Node, one, many string) []subject.Field[string] {
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

// world reports whether an NSG address prefix is the whole internet on its
// own: the tags *, Internet and Any, a bare 0.0.0.0 or ::, and any CIDR that
// netrange counts as the internet (a /0, or a block wider than /8 or /16
// holding public addresses).
func world(prefix string) bool {
	s := strings.TrimSpace(prefix)
	switch s {
	case "0.0.0.0", "::":
		return true
	}
	switch netrange.ClassifyNSGPrefix(s) {
	case netrange.NSGPrefixInternet:
		return true
	case netrange.NSGPrefixCIDR:
		w, _, _ := netrange.InternetCIDR(s)
		return w
	}
	return false
}

func is(f subject.Field[string], v string) subject.Tri {
	return f.Test(func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), v) })
}

// destKey names the destinations a rule protects: "" for every address (no
// destination, *, Any, Internet, a world CIDR), else the sorted prefixes.
// known is false when a destination is unknown until apply.
func (r rule) destKey() (key string, known bool) {
	var parts []string
	for _, d := range r.Dests {
		if d.Unknown {
			return "", false
		}
		if world(d.V) {
			return "", true
		}
		parts = append(parts, strings.ToLower(strings.TrimSpace(d.V)))
	}
	if r.unknownAt != "" && len(parts) == 0 && len(r.Dests) == 0 {
		return "", true
	}
	slices.Sort(parts)
	return strings.Join(parts, ","), true
}

// malformed returns the first known protocol, port or source of r that is not
// of a form Azure accepts.
func (r rule) malformed() (at, what, val string) {
	if !r.Protocol.Unknown {
		if _, ok := netrange.NSGProtocol(r.Protocol.V); !ok {
			return r.Protocol.Path, "a protocol (Tcp, Udp, Icmp, Esp, Ah or *)", r.Protocol.V
		}
	}
	for _, p := range r.Ports {
		if p.Unknown {
			continue
		}
		if _, _, ok := netrange.NSGPortRange(p.V); !ok {
			return p.Path, "a port, a port range or *", p.V
		}
	}
	for _, s := range r.Sources {
		if !s.Unknown && netrange.ClassifyNSGPrefix(s.V) == netrange.NSGPrefixMalformed {
			return s.Path, "a CIDR, an address or a service tag", s.V
		}
	}
	return "", "", ""
}

// entries expands r into ordered-walk entries for one protocol: one per
// destination port range (one with unknown ports when they are unknown).
// ok is false when r's protocol cannot carry proto.
func (r rule) entries(proto string) []netrange.Entry {
	p := subject.Field[string]{Unknown: r.Protocol.Unknown, Path: r.Protocol.Path}
	if !r.Protocol.Unknown {
		c, _ := netrange.NSGProtocol(r.Protocol.V)
		if c != "-1" && c != proto {
			return nil
		}
		// An NSG rule of protocol * still names its ports: for the tcp or
		// udp traffic judged here it is that protocol on those ports (not
		// AWS's -1, which is every port).
		p.V = proto
	}
	ingress := subject.Field[bool]{Path: r.Direction.Path, Unknown: r.Direction.Unknown}
	if !r.Direction.Unknown {
		if is(r.Direction, "Inbound") != subject.True {
			return nil
		}
		ingress.V = true
	}
	var v4, v6 subject.StringSeq
	for _, s := range r.Sources {
		if s.Unknown {
			v4.Items = append(v4.Items, s)
			continue
		}
		a, b := netrange.NSGSources(s.V)
		for _, c := range a {
			v4.Items = append(v4.Items, subject.Field[string]{V: c, Path: s.Path})
		}
		for _, c := range b {
			v6.Items = append(v6.Items, subject.Field[string]{V: c, Path: s.Path})
		}
	}
	if r.unknownAt != "" {
		v4.Items = append(v4.Items, subject.Field[string]{Unknown: true, Path: r.unknownAt})
	}
	base := netrange.Entry{
		Permission: netrange.Permission{Path: r.sourcesAt(), Ingress: ingress, Protocol: p, IPv4: v4, IPv6: v6},
		Order:      r.Priority,
		Action:     r.Access,
		OrderName:  "priority",
	}
	var out []netrange.Entry
	ports := r.Ports
	if len(ports) == 0 && r.unknownAt != "" {
		ports = []subject.Field[string]{{Unknown: true, Path: r.unknownAt}}
	}
	for _, port := range ports {
		e := base
		if port.Unknown {
			e.FromPort = subject.Field[int64]{Unknown: true, Path: port.Path}
			e.ToPort = e.FromPort
		} else {
			from, to, _ := netrange.NSGPortRange(port.V)
			e.FromPort, e.ToPort = subject.Field[int64]{V: from, Path: port.Path}, subject.Field[int64]{V: to, Path: port.Path}
		}
		out = append(out, e)
	}
	return out
}

// sourcesAt is where a failure of r's sources as a whole is reported: the
// rule's entry in an NSG, or source_address_prefixes of a standalone rule.
func (r rule) sourcesAt() string {
	if r.Path == "" {
		return "source_address_prefixes"
	}
	return r.Path
}

// exposure builds a check failing when the internet reaches one of ports over
// one of protos (netrange names: "tcp", "udp") through the group's inbound
// rules. Rules are walked by priority as Azure evaluates them (first match
// decides, netrange.WalkOrdered): a Deny shadows later Allows for the sources
// it names, and only for Allows of the destinations it covers (a Deny of
// every destination, or of the same destinations). Sources count as the
// internet when one of them is (*, Any, Internet, a /0 or a very wide block)
// or when the sources the Allows decide together cover every public address;
// reserved ranges never count.
func exposure(what string, protos []string, ports ...int64) func(group) engine.Outcome {
	return func(g group) engine.Outcome {
		orderUnknown := ""
		for _, r := range g.Rules {
			if at, form, val := r.malformed(); at != "" {
				return engine.Errored(at, "%q is not %s, so the rule's exposure cannot be judged", val, form)
			}
			if g.Ordered && r.Priority.Unknown && orderUnknown == "" {
				orderUnknown = r.Priority.Path
			}
		}
		keys, groups, denyAll, denyBy := byDestination(g.Rules)
		var undecided *engine.Outcome
		for _, key := range keys {
			rules := append(append(append([]rule(nil), groups[key]...), denyAll...), denyBy[key]...)
			sort.SliceStable(rules, func(i, j int) bool { return rules[i].Priority.V < rules[j].Priority.V })
			if o, failed := walkExposure(what, rules, protos, ports, g.Ordered, orderUnknown, &undecided); failed {
				return o
			}
		}
		if undecided != nil {
			return *undecided
		}
		return engine.Pass()
	}
}

// byDestination sorts a group's rules by destination key: the Allow rules
// of each key (in order of first appearance), the Deny rules that cover
// every destination, and the Deny rules of each key, which shadow only the
// Allows of that key.
func byDestination(all []rule) (keys []string, groups map[string][]rule, denyAll []rule, denyBy map[string][]rule) {
	groups, denyBy = map[string][]rule{}, map[string][]rule{}
	for i, r := range all {
		key, known := r.destKey()
		switch is(r.Access, "Deny") {
		case subject.True:
			switch {
			case !known:
				// A Deny whose destinations are unknown shadows nothing.
			case key == "":
				denyAll = append(denyAll, r)
			default:
				denyBy[key] = append(denyBy[key], r)
			}
			continue
		case subject.False:
			if is(r.Access, "Allow") != subject.True {
				continue
			}
		}
		if !known {
			key = fmt.Sprintf("\x00unknown-%d", i)
		}
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], r)
	}
	return keys, groups, denyAll, denyBy
}

// walkExposure walks the rules of one destination key, sorted by priority,
// for every protocol, port and address family: it returns the first failing
// outcome (failed true), and records in *undecided the first outcome that
// cannot be decided before apply (an unknown priority or value).
func walkExposure(what string, rules []rule, protos []string, ports []int64, ordered bool, orderUnknown string, undecided **engine.Outcome) (engine.Outcome, bool) {
	for _, proto := range protos {
		var entries []netrange.Entry
		for _, r := range rules {
			entries = append(entries, r.entries(proto)...)
		}
		public := make([][2]bool, len(entries))
		for i := range entries {
			public[i] = [2]bool{mayBePublic(entries[i].IPv4), mayBePublic(entries[i].IPv6)}
		}
		for _, port := range ports {
			for _, fam := range []netrange.Family{netrange.IPv4, netrange.IPv6} {
				walk := relevant(entries, public, fam, port)
				if walk == nil {
					continue
				}
				o := netrange.WalkOrdered(walk, fam, port, ordered && orderUnknown == "")
				switch {
				case o.Status == engine.StatusFail && orderUnknown != "":
					if *undecided == nil {
						u := engine.Undecided(orderUnknown, "a priority is unknown until apply, so whether a Deny shadows the rule that lets the internet reach %s (%s port %d) is not known", what, proto, port)
						*undecided = &u
					}
				case o.Status == engine.StatusFail:
					o.Message = fmt.Sprintf("%s; %s (%s port %d) is reachable from the internet", o.Message, what, proto, port)
					return o, true
				case o.Status == engine.StatusUnknown && *undecided == nil:
					*undecided = &o
				}
			}
		}
	}
	return engine.Outcome{}, false
}

// relevant returns the entries that may match traffic of family fam to
// port, or nil when none of them may allow it (then nothing is exposed and
// the walk is skipped). Entries that cannot match do not change the walk.
func relevant(entries []netrange.Entry, public [][2]bool, fam netrange.Family, port int64) []netrange.Entry {
	var out []netrange.Entry
	allows := false
	for i := range entries {
		e := &entries[i]
		seq := e.IPv4
		if fam == netrange.IPv6 {
			seq = e.IPv6
		}
		if len(seq.Items) == 0 && !seq.Unknown {
			continue
		}
		if e.Covers(port) == subject.False {
			continue
		}
		if is(e.Action, "Deny") != subject.True && public[i][map[bool]int{false: 0, true: 1}[fam == netrange.IPv6]] {
			allows = true
		}
		out = append(out, *e)
	}
	if !allows {
		return nil
	}
	return out
}

// mayBePublic reports whether a source list holds a public address or an
// unknown or unreadable source.
func mayBePublic(seq subject.StringSeq) bool {
	if seq.Unknown {
		return true
	}
	for _, it := range seq.Items {
		if it.Unknown {
			return true
		}
		if public, ok := netrange.PublicSource(it.V); public || !ok {
			return true
		}
	}
	return false
}

// udpAmplificationPorts are the UDP services CIS 7.3 names as reflection and
// amplification risks: DNS, NTP, SNMP, CLDAP and SSDP.
var udpAmplificationPorts = []int64{53, 123, 161, 389, 1900}

// Checks are the exposure checks every NSG shape shares.
func Checks() []engine.Check[group] {
	return []engine.Check[group]{
		{Control: "azure-network-nsg-no-internet-rdp", Eval: exposure("RDP", []string{"tcp", "udp"}, 3389)},
		{Control: "azure-network-nsg-no-internet-ssh", Eval: exposure("SSH", []string{"tcp"}, 22)},
		{Control: "azure-network-nsg-no-internet-udp", Eval: exposure("a UDP service", []string{"udp"}, udpAmplificationPorts...)},
		{Control: "azure-network-nsg-no-internet-http", Eval: exposure("HTTP(S)", []string{"tcp"}, 80, 443)},
	}
}

// Register adds the network checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_network_security_group", decodeGroup, Checks()...)
	engine.Add(r, "azurerm_network_security_rule", DecodeRule, Checks()...)
	engine.Add(r, "azurerm_network_watcher_flow_log", decodeFlowLog, flowLogChecks()...)
}
