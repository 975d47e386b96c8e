// Package servicebus judges Service Bus namespaces: local (SAS key)
// authentication, public network access, the minimum TLS version and
// customer-managed keys.
package servicebus

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// namespace is the subject of the Service Bus controls. Null fields hold the
// azurerm 4.x default (attributes.yaml).
type namespace struct {
	SKU           subject.Field[string]
	LocalAuth     subject.Field[bool]   // local_auth_enabled, default true
	PublicNetwork subject.Field[bool]   // public_network_access_enabled, default true
	MinTLS        subject.Field[string] // minimum_tls_version, default "1.2"
	DefaultAction subject.Field[string] // network_rule_set[0].default_action, default Allow
	IPRules       subject.StringSeq     // network_rule_set[0].ip_rules
	CMKKey        subject.Field[string] // customer_managed_key[0].key_vault_key_id
}

// decodeNamespace reads azurerm_servicebus_namespace values.
func decodeNamespace(n subject.Node) namespace {
	rs := n.Get("network_rule_set").Block()
	return namespace{
		SKU:           n.Get("sku").String(""),
		LocalAuth:     n.Get("local_auth_enabled").Bool(true),
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
		MinTLS:        n.Get("minimum_tls_version").String("1.2"),
		DefaultAction: rs.Get("default_action").String("Allow"),
		IPRules:       rs.Get("ip_rules").Strings(),
		CMKKey:        n.Get("customer_managed_key").Block().Get("key_vault_key_id").String(""),
	}
}

func localAuth(ns namespace) engine.Outcome {
	return judge.False(ns.LocalAuth, "shared access signature keys can authenticate to the namespace; use Microsoft Entra ID only")
}

// publicNetwork passes when public network access is off, or when the
// namespace firewall (Premium) denies by default and its IP rules do not
// together admit the internet (netrange.AllowListWorld).
func publicNetwork(ns namespace) engine.Outcome {
	if ns.PublicNetwork.Known() && !ns.PublicNetwork.V {
		return engine.Pass()
	}
	if judge.Is(ns.DefaultAction, "Deny") == subject.True {
		if ns.IPRules.Unknown {
			return judge.Unknown(ns.IPRules.Path)
		}
		world, at, bad := netrange.AllowListWorld(ns.IPRules.Items)
		switch {
		case bad != nil:
			return engine.Errored(bad.Path, "%q is not a CIDR or an address, so the namespace firewall cannot be judged", bad.V)
		case world == subject.True:
			return engine.Fail(at, "the namespace firewall denies by default but its ip_rules together admit the internet")
		case world == subject.Unknown:
			return engine.Undecided(at, "an IP rule of the namespace firewall is unknown until apply")
		}
		return engine.Pass()
	}
	if ns.PublicNetwork.Unknown {
		return judge.Unknown(ns.PublicNetwork.Path)
	}
	if ns.DefaultAction.Unknown {
		return judge.Unknown(ns.DefaultAction.Path)
	}
	return judge.False(ns.PublicNetwork, "the namespace accepts connections from every network (set public_network_access_enabled = false, or network_rule_set with default_action = \"Deny\")")
}

func minTLS(ns namespace) engine.Outcome {
	return judge.OneOf(ns.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "1.2", "1.3")
}

// cmk applies to Premium namespaces, the only tier that takes a
// customer-managed key.
func cmk(ns namespace) engine.Outcome {
	switch judge.Is(ns.SKU, "Premium") {
	case subject.Unknown:
		return judge.Unknown(ns.SKU.Path)
	case subject.False:
		return engine.Pass()
	}
	return judge.Set(ns.CMKKey, "the Premium namespace is encrypted with Microsoft-managed keys; add a customer_managed_key block")
}

// Register adds the Service Bus checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_servicebus_namespace", decodeNamespace,
		engine.Check[namespace]{Control: "azure-servicebus-local-auth-disabled", Eval: localAuth},
		engine.Check[namespace]{Control: "azure-servicebus-public-network-disabled", Eval: publicNetwork},
		engine.Check[namespace]{Control: "azure-servicebus-min-tls-12", Eval: minTLS},
		engine.Check[namespace]{Control: "azure-servicebus-cmk", Eval: cmk},
	)
}
