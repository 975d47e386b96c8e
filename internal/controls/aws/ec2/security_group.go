package ec2

import (
	"fmt"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"slices"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// SecurityGroup is the subject of the security group controls: its rules,
// whether the rule set is known, and whether it is a VPC's default group.
type SecurityGroup struct {
	Rules []netrange.Permission
	// RulesUnknown is set when a rule set (ingress or egress) cannot be enumerated.
	RulesUnknown bool
	RulesPath    string
	Default      bool
	// IngressCount and EgressCount count the declared blocks; -1 if unknown.
	IngressCount int
	EgressCount  int
	// union remembers, per address family, whether all ingress sources
	// together could cover the internet: every control asks, the answer is
	// the same. Nil for groups built elsewhere, which compute it per call.
	union *netrange.UnionMemo
}

// decodeSecurityGroup reads aws_security_group / aws_default_security_group values.
func decodeSecurityGroup(n subject.Node) SecurityGroup {
	return decodeGroup(n, false)
}

// decodeDefaultSecurityGroup reads aws_default_security_group values.
func decodeDefaultSecurityGroup(n subject.Node) SecurityGroup {
	return decodeGroup(n, true)
}

func decodeGroup(n subject.Node, isDefault bool) SecurityGroup {
	sg := SecurityGroup{Default: isDefault, Rules: make([]netrange.Permission, 0, n.Get("ingress").Len()+n.Get("egress").Len()), union: &netrange.UnionMemo{}}
	for _, dir := range []string{"ingress", "egress"} {
		rules := n.Get(dir)
		count := rules.Len()
		if rules.Value().Kind() == subject.KindObject {
			count = 1 // one block written as an object literal
		}
		switch {
		case rules.IsUnknown():
			sg.RulesUnknown = true
			if sg.RulesPath == "" {
				sg.RulesPath = dir
			}
			count = -1
		case rules.Value().Kind() != subject.KindList:
			rules.Items() // records a type error for anything but null or an object
		}
		if dir == "ingress" {
			sg.IngressCount = count
		} else {
			sg.EgressCount = count
		}
		for i := 0; i < count; i++ {
			it := rules
			if rules.Value().Kind() == subject.KindList {
				it = rules.Index(i)
			}
			sg.Rules = append(sg.Rules, netrange.Permission{})
			p := &sg.Rules[len(sg.Rules)-1]
			decodeBlock(p, it)
			p.Ingress = subject.Field[bool]{V: dir == "ingress", Path: it.Path()}
			p.Classify()
		}
	}
	return sg
}

// decodeBlock reads into p the fields shared by ingress/egress blocks and
// aws_security_group_rule.
func decodeBlock(p *netrange.Permission, n subject.Node) {
	p.Path = n.Path()
	p.Protocol = n.Get("protocol").String("")
	p.FromPort = n.Get("from_port").Int(0)
	p.ToPort = n.Get("to_port").Int(0)
	p.IPv4 = n.Get("cidr_blocks").Strings()
	p.IPv6 = n.Get("ipv6_cidr_blocks").Strings()
}

// decodeSecurityGroupRule reads aws_security_group_rule values.
func decodeSecurityGroupRule(n subject.Node) SecurityGroup {
	var p netrange.Permission
	decodeBlock(&p, n)
	t := n.Get("type").String("")
	p.Ingress = subject.Field[bool]{V: t.V == "ingress", Unknown: t.Unknown, Path: t.Path}
	p.Classify()
	return SecurityGroup{Rules: []netrange.Permission{p}, IngressCount: 1}
}

// decodeVPCIngressRule reads aws_vpc_security_group_ingress_rule values.
func decodeVPCIngressRule(n subject.Node) SecurityGroup {
	p := netrange.Permission{
		Path:     n.Path(),
		Ingress:  subject.Field[bool]{V: true},
		Protocol: n.Get("ip_protocol").String(""),
		IPv4:     single(n.Get("cidr_ipv4").String("")),
		IPv6:     single(n.Get("cidr_ipv6").String("")),
	}
	// With ip_protocol -1 the ports are null; netrange.ClassifyProtocol makes them moot.
	p.FromPort = n.Get("from_port").Int(0)
	p.ToPort = n.Get("to_port").Int(0)
	if p.ToPort.Null && !p.FromPort.Null {
		p.ToPort = p.FromPort
	}
	p.Classify()
	return SecurityGroup{Rules: []netrange.Permission{p}, IngressCount: 1}
}

func single(f subject.Field[string]) subject.StringSeq {
	s := subject.StringSeq{Path: f.Path}
	if f.Null {
		return s
	}
	s.Items = []subject.Field[string]{f}
	return s
}

// worldIngress judges every ingress permission with exposed(p): true means the
// permission exposes what the control forbids. It returns the first violation,
// or an undecided outcome if some permission cannot be decided.
//
// Then the union of the sources that reach each of targets is judged
// (netrange.UnionWorld): rules that are each narrower than the internet may together
// cover it.
func worldIngress(sg SecurityGroup, fams netrange.Family, what string, exposed func(*netrange.Permission) (subject.Tri, string), targets func() []netrange.Target) engine.Outcome {
	var undecided *engine.Outcome
	for i := range sg.Rules {
		p := &sg.Rules[i]
		if at, bad := p.Malformed(); at != "" {
			return engine.Errored(at, "%q is not a CIDR block, so the rule's exposure cannot be judged", bad)
		}
		world, at := p.World(fams)
		if world == subject.False || p.Ingress.Test(func(b bool) bool { return b }) == subject.False {
			continue
		}
		hit, detail := exposed(p)
		t := world.And(hit).And(p.Ingress.Test(func(b bool) bool { return b }))
		switch t {
		case subject.True:
			return engine.Fail(at, "%s allows %s from the internet%s", p.RulePath(), p.Describe(), detail)
		case subject.Unknown:
			if undecided == nil {
				o := engine.Undecided(p.UnknownAt(at), "%s may allow %s from the internet; its source, protocol or ports are unknown until apply", p.RulePath(), what)
				undecided = &o
			}
		}
	}
	union := netrange.UnionWorld(sg.Rules, fams, targets, sg.union)
	switch {
	case union.Status == engine.StatusFail:
		return union
	case undecided != nil:
		return *undecided
	case union.Status != engine.StatusPass:
		return union
	case sg.RulesUnknown:
		return engine.Undecided(sg.RulesPath, "the rule set is unknown until apply")
	}
	return engine.Pass()
}

// portsCheck builds a check that fails when world ingress covers any of ports.
func portsCheck(fams netrange.Family, ports ...int64) func(SecurityGroup) engine.Outcome {
	what := portList(ports)
	return func(sg SecurityGroup) engine.Outcome {
		return worldIngress(sg, fams, what, func(p *netrange.Permission) (subject.Tri, string) {
			res := subject.False
			for _, port := range ports {
				switch p.Covers(port) {
				case subject.True:
					if p.FromPort.V == port && p.ToPort.V == port {
						return subject.True, ""
					}
					return subject.True, fmt.Sprintf(", which includes port %d", port)
				case subject.Unknown:
					res = subject.Unknown
				}
			}
			return res, ""
		}, func() []netrange.Target { return netrange.PortTargets(ports) })
	}
}

func portList(ports []int64) string {
	if len(ports) == 1 {
		return fmt.Sprintf("port %d", ports[0])
	}
	if len(ports) > 3 {
		return "high-risk ports"
	}
	parts := make([]string, len(ports))
	for i, p := range ports {
		parts[i] = fmt.Sprint(p)
	}
	return "ports " + strings.Join(parts, " and ")
}

// highRiskPorts are the ports of FSBP EC2.19.
var highRiskPorts = []int64{20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300}

// authorizedWorldPorts are the default authorizedTcpPorts of FSBP EC2.18.
var authorizedWorldPorts = []int64{80, 443}

func onlyAuthorizedPorts(sg SecurityGroup) engine.Outcome {
	return worldIngress(sg, netrange.AnyFamily, "traffic other than TCP 80 and 443", func(p *netrange.Permission) (subject.Tri, string) {
		if p.Protocol.Unknown || p.FromPort.Unknown || p.ToPort.Unknown {
			return subject.Unknown, ""
		}
		class, tcp, ok := netrange.ClassifyProtocol(p.Protocol.V)
		if !ok {
			return subject.Unknown, ""
		}
		if class != netrange.ProtoPorts || !tcp {
			return subject.True, "; only TCP 80 and 443 may be open to the internet"
		}
		// 80 and 443 are not adjacent, so only a single-port range can stay inside them.
		return subject.TriOf(p.FromPort.V != p.ToPort.V || !slices.Contains(authorizedWorldPorts, p.FromPort.V)), "; only TCP 80 and 443 may be open to the internet"
	}, netrange.UnauthorizedTargets(sg.Rules))
}

func defaultRestrictsAll(sg SecurityGroup) engine.Outcome {
	switch {
	case sg.IngressCount < 0 || sg.EgressCount < 0:
		return engine.Undecided(sg.RulesPath, "the default security group's rules are unknown until apply")
	case sg.IngressCount > 0 && sg.EgressCount > 0:
		return engine.Fail("ingress", "the default security group has %d ingress and %d egress rules; it must have none", sg.IngressCount, sg.EgressCount)
	case sg.IngressCount > 0:
		return engine.Fail("ingress", "the default security group has %d ingress rules; it must have none", sg.IngressCount)
	case sg.EgressCount > 0:
		return engine.Fail("egress", "the default security group has %d egress rules; it must have none", sg.EgressCount)
	}
	return engine.Pass()
}

// securityGroupChecks are the checks every security group shape shares.
func securityGroupChecks() []engine.Check[SecurityGroup] {
	return []engine.Check[SecurityGroup]{
		{Control: "aws-ec2-sg-no-world-ssh", Eval: portsCheck(netrange.AnyFamily, 22)},
		{Control: "aws-ec2-sg-no-world-rdp", Eval: portsCheck(netrange.AnyFamily, 3389)},
		{Control: "aws-ec2-sg-no-ipv4-admin-ports", Eval: portsCheck(netrange.IPv4, 22, 3389)},
		{Control: "aws-ec2-sg-no-ipv6-admin-ports", Eval: portsCheck(netrange.IPv6, 22, 3389)},
		{Control: "aws-ec2-sg-no-world-high-risk-ports", Eval: portsCheck(netrange.AnyFamily, highRiskPorts...)},
		{Control: "aws-ec2-sg-only-authorized-world-ports", Eval: onlyAuthorizedPorts},
	}
}

// defaultSecurityGroupCheck is EC2.2 on a default security group.
var defaultSecurityGroupCheck = engine.Check[SecurityGroup]{Control: "aws-ec2-default-sg-restricts-all", Eval: defaultRestrictsAll}
