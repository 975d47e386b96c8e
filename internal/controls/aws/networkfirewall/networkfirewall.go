// Package networkfirewall judges AWS Network Firewall policies.
package networkfirewall

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// policy is a firewall policy. A live loader fills it from
// DescribeFirewallPolicy FirewallPolicy.
type policy struct {
	StatelessDefault subject.StringSeq
	FragmentDefault  subject.StringSeq
	StatelessGroups  subject.Seq
	StatefulGroups   subject.Seq
	PolicyPath       string
	PolicyUnknown    bool
}

// decodePolicy reads aws_networkfirewall_firewall_policy values.
func decodePolicy(n subject.Node) policy {
	fp := n.Get("firewall_policy").Block()
	return policy{
		StatelessDefault: fp.Get("stateless_default_actions").Strings(),
		FragmentDefault:  fp.Get("stateless_fragment_default_actions").Strings(),
		StatelessGroups:  fp.Get("stateless_rule_group_reference").Items(),
		StatefulGroups:   fp.Get("stateful_rule_group_reference").Items(),
		PolicyPath:       fp.Path(),
		PolicyUnknown:    fp.IsUnknown(),
	}
}

// dropsOrForwards reports a standard action that does not let packets pass
// unexamined: aws:drop, or aws:forward_to_sfe (to the stateful engine).
func dropsOrForwards(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "aws:drop", "aws:forward_to_sfe":
		return true
	}
	return false
}

func isPass(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "aws:pass") }

func checkDefault(s subject.StringSeq, what string) engine.Outcome {
	if s.Unknown {
		return engine.Undecided(s.Path, "%s is unknown until apply", what)
	}
	if s.Any(isPass) == subject.True {
		return engine.Fail(s.First(isPass), "%s is aws:pass: packets that no stateless rule matches pass without inspection; use aws:forward_to_sfe or aws:drop", what)
	}
	switch s.Any(dropsOrForwards) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return engine.Undecided(s.First(dropsOrForwards), "%s is unknown until apply", what)
	}
	return engine.Fail(s.Path, "%s names neither aws:drop nor aws:forward_to_sfe", what)
}

// checkStatelessDefault is NetworkFirewall.4: full packets that no stateless
// rule matches are dropped or forwarded to the stateful engine.
func checkStatelessDefault(p policy) engine.Outcome {
	return checkDefault(p.StatelessDefault, "stateless_default_actions")
}

// checkFragmentDefault is NetworkFirewall.5: the same for fragmented packets.
func checkFragmentDefault(p policy) engine.Outcome {
	return checkDefault(p.FragmentDefault, "stateless_fragment_default_actions")
}

// checkRuleGroups is NetworkFirewall.3: the policy references at least one
// stateless or stateful rule group.
func checkRuleGroups(p policy) engine.Outcome {
	if len(p.StatelessGroups.Items) > 0 || len(p.StatefulGroups.Items) > 0 {
		return engine.Pass()
	}
	if p.PolicyUnknown || p.StatelessGroups.Unknown || p.StatefulGroups.Unknown {
		at := p.StatefulGroups.Path
		if p.StatelessGroups.Unknown {
			at = p.StatelessGroups.Path
		}
		return engine.Undecided(at, "the rule group references are unknown until apply")
	}
	at := p.PolicyPath
	if at == "" {
		at = "firewall_policy"
	}
	return engine.Fail(at, "the policy references no rule group: the firewall applies only its default actions")
}

// Register adds the Network Firewall checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_networkfirewall_firewall_policy", decodePolicy,
		engine.Check[policy]{Control: "aws-networkfirewall-policy-rule-groups", Eval: checkRuleGroups},
		engine.Check[policy]{Control: "aws-networkfirewall-stateless-default-action", Eval: checkStatelessDefault},
		engine.Check[policy]{Control: "aws-networkfirewall-fragment-default-action", Eval: checkFragmentDefault},
	)
}
