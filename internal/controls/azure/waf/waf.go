// Package waf judges the web application firewalls in front of Azure web
// workloads: Application Gateway (WAF and TLS policy), its WAF policies, and
// Front Door WAF policies.
package waf

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// gateway is the subject of the Application Gateway controls.
type gateway struct {
	Tier           subject.Field[string] // sku[0].tier
	WAFEnabled     subject.Field[bool]   // waf_configuration[0].enabled; null without the block
	WAFMode        subject.Field[string] // waf_configuration[0].firewall_mode
	Policy         subject.Field[string] // firewall_policy_id
	SSLPolicyAt    string
	SSLPolicySet   bool
	PolicyType     subject.Field[string] // ssl_policy[0].policy_type
	PolicyName     subject.Field[string] // ssl_policy[0].policy_name
	MinProtocol    subject.Field[string] // ssl_policy[0].min_protocol_version
	DisabledProtos subject.StringSeq     // ssl_policy[0].disabled_protocols
}

// decodeGateway reads azurerm_application_gateway values.
func decodeGateway(n subject.Node) gateway {
	waf := n.Get("waf_configuration").Block()
	ssl := n.Get("ssl_policy").Block()
	return gateway{
		Tier:           n.Get("sku").Block().Get("tier").String(""),
		WAFEnabled:     waf.Get("enabled").Bool(false),
		WAFMode:        waf.Get("firewall_mode").String(""),
		Policy:         n.Get("firewall_policy_id").String(""),
		SSLPolicyAt:    n.Get("ssl_policy").Path(),
		SSLPolicySet:   !ssl.IsNull(),
		PolicyType:     ssl.Get("policy_type").String(""),
		PolicyName:     ssl.Get("policy_name").String(""),
		MinProtocol:    ssl.Get("min_protocol_version").String(""),
		DisabledProtos: ssl.Get("disabled_protocols").Strings(),
	}
}

func wafEnabled(g gateway) engine.Outcome {
	switch judge.Is(g.Tier, "WAF", "WAF_v2") {
	case subject.Unknown:
		return judge.Unknown(g.Tier.Path)
	case subject.False:
		return engine.Fail(g.Tier.Path, "sku tier %q has no web application firewall; use WAF_v2", g.Tier.V)
	}
	if judge.IsSet(g.Policy) != subject.False {
		return judge.Set(g.Policy, "")
	}
	return judge.True(g.WAFEnabled, "the WAF_v2 gateway has neither a firewall_policy_id nor an enabled waf_configuration")
}

// wafPrevention judges the inline waf_configuration; a gateway that uses a
// firewall_policy_id is judged on the azurerm_web_application_firewall_policy.
func wafPrevention(g gateway) engine.Outcome {
	if judge.IsSet(g.Policy) == subject.True && g.WAFMode.Null {
		return engine.Pass()
	}
	if g.WAFMode.Null && !g.WAFMode.Unknown {
		return engine.Pass() // no WAF at all: azure-appgw-waf-enabled reports it
	}
	return judge.OneOf(g.WAFMode, "the WAF only logs attacks (Detection) and lets them through", "Prevention")
}

// strongPredefined are the predefined Application Gateway TLS policies whose
// minimum protocol is TLS 1.2.
var strongPredefined = []string{"AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"}

// tlsPolicy passes when the gateway's TLS policy has TLS 1.2 as its minimum.
// Without an ssl_policy block the gateway takes Azure's default policy,
// AppGwSslPolicy20220101 (TLS 1.2 minimum) for the API versions azurerm 4.x
// uses (attributes.yaml).
func tlsPolicy(g gateway) engine.Outcome {
	if !g.SSLPolicySet {
		return engine.Pass()
	}
	switch judge.Is(g.PolicyType, "Predefined") {
	case subject.Unknown:
		return judge.Unknown(g.PolicyType.Path)
	case subject.True:
		return judge.OneOf(g.PolicyName, "the predefined TLS policy admits TLS 1.0 or 1.1", strongPredefined...)
	}
	if judge.Is(g.PolicyType, "Custom", "CustomV2") == subject.True {
		return judge.OneOf(g.MinProtocol, "the custom TLS policy admits TLS 1.0 or 1.1", "TLSv1_2", "TLSv1_3")
	}
	// No policy_type: the legacy form lists disabled_protocols.
	if g.DisabledProtos.Unknown {
		return judge.Unknown(g.DisabledProtos.Path)
	}
	has := map[string]bool{}
	for _, p := range g.DisabledProtos.Items {
		has[p.V] = true
	}
	if has["TLSv1_0"] && has["TLSv1_1"] {
		return engine.Pass()
	}
	return engine.Fail(g.SSLPolicyAt, "the ssl_policy block sets neither a TLS 1.2 policy nor disables TLSv1_0 and TLSv1_1")
}

// policy is an Application Gateway or Front Door WAF policy.
type policy struct {
	Enabled subject.Field[bool]
	Mode    subject.Field[string]
}

// decodeAppGwPolicy reads azurerm_web_application_firewall_policy values:
// without policy_settings, or with it unset, the policy is enabled in
// Prevention mode (the azurerm defaults, attributes.yaml).
func decodeAppGwPolicy(n subject.Node) policy {
	s := n.Get("policy_settings").Block()
	return policy{Enabled: s.Get("enabled").Bool(true), Mode: s.Get("mode").String("Prevention")}
}

// decodeFrontDoorPolicy reads azurerm_cdn_frontdoor_firewall_policy and
// azurerm_frontdoor_firewall_policy values (enabled defaults to true; mode
// is required on the first and defaults to Prevention on the second).
func decodeFrontDoorPolicy(n subject.Node) policy {
	return policy{Enabled: n.Get("enabled").Bool(true), Mode: n.Get("mode").String("Prevention")}
}

func policyPrevention(p policy) engine.Outcome {
	return judge.Worst(
		judge.True(p.Enabled, "the WAF policy is disabled and inspects nothing"),
		judge.OneOf(p.Mode, "the WAF only logs attacks (Detection) and lets them through", "Prevention"),
	)
}

// Register adds the WAF checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_application_gateway", decodeGateway,
		engine.Check[gateway]{Control: "azure-appgw-waf-enabled", Eval: wafEnabled},
		engine.Check[gateway]{Control: "azure-appgw-waf-prevention", Eval: wafPrevention},
		engine.Check[gateway]{Control: "azure-appgw-tls-policy", Eval: tlsPolicy},
	)
	engine.Add(r, "azurerm_web_application_firewall_policy", decodeAppGwPolicy,
		engine.Check[policy]{Control: "azure-appgw-waf-prevention", Eval: policyPrevention})
	for _, rt := range []string{"azurerm_cdn_frontdoor_firewall_policy", "azurerm_frontdoor_firewall_policy"} {
		engine.Add(r, rt, decodeFrontDoorPolicy,
			engine.Check[policy]{Control: "azure-frontdoor-waf-prevention", Eval: policyPrevention})
	}
}
