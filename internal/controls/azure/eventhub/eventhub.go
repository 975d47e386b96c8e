// Package eventhub judges Event Hubs namespaces: local (SAS key)
// authentication, public network access and the minimum TLS version.
package eventhub

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// namespace is the subject of the Event Hubs controls. Null fields hold the
// azurerm 4.x default (attributes.yaml).
type namespace struct {
	LocalAuth     subject.Field[bool]   // local_authentication_enabled, default true
	PublicNetwork subject.Field[bool]   // public_network_access_enabled, default true
	MinTLS        subject.Field[string] // minimum_tls_version, default "1.2"
	// DefaultAction is network_rulesets[0].default_action; null without
	// network_rulesets (Azure then allows every network).
	DefaultAction subject.Field[string]
	IPRules       []subject.Field[string] // network_rulesets[0].ip_rule[*].ip_mask of Allow rules
}

// decodeNamespace reads azurerm_eventhub_namespace values.
func decodeNamespace(n subject.Node) namespace {
	rs := n.Get("network_rulesets").Block()
	ns := namespace{
		LocalAuth:     n.Get("local_authentication_enabled").Bool(true),
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
		MinTLS:        n.Get("minimum_tls_version").String("1.2"),
		DefaultAction: rs.Get("default_action").String(""),
	}
	for _, r := range rs.Get("ip_rule").Items().Items {
		if judge.Is(r.Get("action").String("Allow"), "Deny") == subject.True {
			continue
		}
		ns.IPRules = append(ns.IPRules, r.Get("ip_mask").String(""))
	}
	return ns
}

func localAuth(ns namespace) engine.Outcome {
	return judge.False(ns.LocalAuth, "shared access signature keys can authenticate to the namespace; use Microsoft Entra ID only")
}

// publicNetwork passes when public network access is off, or when the
// namespace firewall denies by default and its IP rules do not together
// admit the internet (netrange.AllowListWorld).
func publicNetwork(ns namespace) engine.Outcome {
	if ns.PublicNetwork.Known() && !ns.PublicNetwork.V {
		return engine.Pass()
	}
	if judge.Is(ns.DefaultAction, "Deny") == subject.True {
		world, at, bad := netrange.AllowListWorld(ns.IPRules)
		switch {
		case bad != nil:
			return engine.Errored(bad.Path, "%q is not a CIDR or an address, so the namespace firewall cannot be judged", bad.V)
		case world == subject.True:
			return engine.Fail(at, "the namespace firewall denies by default but its IP rules together admit the internet")
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
	return judge.False(ns.PublicNetwork, "the namespace accepts connections from every network (set public_network_access_enabled = false, or network_rulesets with default_action = \"Deny\")")
}

func minTLS(ns namespace) engine.Outcome {
	return judge.OneOf(ns.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "1.2", "1.3")
}

// Register adds the Event Hubs checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_eventhub_namespace", decodeNamespace,
		engine.Check[namespace]{Control: "azure-eventhub-local-auth-disabled", Eval: localAuth},
		engine.Check[namespace]{Control: "azure-eventhub-public-network-disabled", Eval: publicNetwork},
		engine.Check[namespace]{Control: "azure-eventhub-min-tls-12", Eval: minTLS},
	)
}
