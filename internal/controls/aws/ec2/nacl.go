package ec2

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"sort"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// naclEntry is one network ACL rule: its order is the rule number.
type naclEntry = netrange.Entry

// networkACL is the subject of the network ACL control. Ordered is true when
// the entries are the whole ACL (first match by rule number decides); a
// standalone aws_network_acl_rule is judged on its own.
type networkACL struct {
	Entries        []naclEntry
	EntriesUnknown bool
	EntriesPath    string
	Ordered        bool
}

// decodeNetworkACL reads aws_network_acl and aws_default_network_acl values.
func decodeNetworkACL(n subject.Node) networkACL {
	acl := networkACL{Ordered: true}
	for _, dir := range []string{"ingress", "egress"} {
		seq := n.Get(dir).Items()
		if seq.Unknown && dir == "ingress" {
			acl.EntriesUnknown, acl.EntriesPath = true, seq.Path
		}
		for _, it := range seq.Items {
			acl.Entries = append(acl.Entries, naclEntry{
				Permission: netrange.Permission{
					Path:     it.Path(),
					Ingress:  subject.Field[bool]{V: dir == "ingress"},
					Protocol: it.Get("protocol").String(""),
					FromPort: it.Get("from_port").Int(0),
					ToPort:   it.Get("to_port").Int(0),
					IPv4:     single(it.Get("cidr_block").String("")),
					IPv6:     single(it.Get("ipv6_cidr_block").String("")),
				},
				Order:  it.Get("rule_no").Int(0),
				Action: it.Get("action").String(""),
			})
		}
	}
	return acl
}

// decodeNetworkACLRule reads aws_network_acl_rule values.
func decodeNetworkACLRule(n subject.Node) networkACL {
	egress := n.Get("egress").Bool(false)
	return networkACL{Entries: []naclEntry{{
		Permission: netrange.Permission{
			Path:     n.Path(),
			Ingress:  subject.Field[bool]{V: !egress.V, Unknown: egress.Unknown, Path: egress.Path},
			Protocol: n.Get("protocol").String(""),
			FromPort: n.Get("from_port").Int(0),
			ToPort:   n.Get("to_port").Int(0),
			IPv4:     single(n.Get("cidr_block").String("")),
			IPv6:     single(n.Get("ipv6_cidr_block").String("")),
		},
		Order:  n.Get("rule_number").Int(0),
		Action: n.Get("rule_action").String(""),
	}}}
}

// naclAdminPorts is EC2.21: for each family and admin port, the entries are
// walked in rule-number order as AWS evaluates them, each deciding the public
// addresses no earlier entry decided. The ACL fails when the addresses its
// allows decide cover every public address of the family, or when an allow
// from a source that is the internet on its own (netrange.InternetCIDR) decides any
// of them. A deny shadows later entries only for the addresses it names.
func naclAdminPorts(acl networkACL) engine.Outcome {
	if acl.EntriesUnknown {
		return engine.Undecided(acl.EntriesPath, "the network ACL's ingress entries are unknown until apply")
	}
	entries := make([]naclEntry, 0, len(acl.Entries))
	for _, e := range acl.Entries {
		if at, bad := e.Malformed(); at != "" {
			return engine.Errored(at, "%q is not a CIDR block, so the entry's exposure cannot be judged", bad)
		}
		if e.Ingress.Test(func(b bool) bool { return b }) == subject.False {
			continue
		}
		if acl.Ordered && e.Order.Unknown {
			return engine.Undecided(e.Order.Path, "rule_no is unknown until apply, so the order of the entries is not known")
		}
		entries = append(entries, e)
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Order.V < entries[j].Order.V })
	for _, fam := range []netrange.Family{netrange.IPv4, netrange.IPv6} {
		for _, port := range []int64{22, 3389} {
			if o := netrange.WalkOrdered(entries, fam, port, acl.Ordered); o.Status != engine.StatusPass {
				return o
			}
		}
	}
	return engine.Pass()
}

// networkACLCheck is EC2.21.
var networkACLCheck = engine.Check[networkACL]{Control: "aws-ec2-nacl-no-world-admin-ports", Eval: naclAdminPorts}
