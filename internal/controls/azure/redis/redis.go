// Package redis judges Azure Cache for Redis: the non-TLS port, the minimum
// TLS version, public network access and firewall rules.
package redis

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// cache is the subject of the Redis controls. Null fields hold the azurerm
// 4.x default (attributes.yaml).
type cache struct {
	NonSSLPort    subject.Field[bool]   // non_ssl_port_enabled, default false
	MinTLS        subject.Field[string] // minimum_tls_version, default "1.2"
	PublicNetwork subject.Field[bool]   // public_network_access_enabled, default true
	Subnet        subject.Field[string] // subnet_id: VNet injection (Premium) has no public endpoint
}

// decodeCache reads azurerm_redis_cache values.
func decodeCache(n subject.Node) cache {
	return cache{
		NonSSLPort:    n.Get("non_ssl_port_enabled").Bool(false),
		MinTLS:        n.Get("minimum_tls_version").String("1.2"),
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
		Subnet:        n.Get("subnet_id").String(""),
	}
}

func nonSSL(c cache) engine.Outcome {
	return judge.False(c.NonSSLPort, "port 6379 accepts unencrypted connections")
}

func minTLS(c cache) engine.Outcome {
	return judge.OneOf(c.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "1.2")
}

// publicNetwork passes when public network access is off or the cache is
// injected into a subnet (then it has no public endpoint).
func publicNetwork(c cache) engine.Outcome {
	if judge.IsSet(c.Subnet) == subject.True {
		return engine.Pass()
	}
	return judge.False(c.PublicNetwork, "the cache endpoint accepts connections from every network; use a private endpoint")
}

// Register adds the Redis checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_redis_cache", decodeCache,
		engine.Check[cache]{Control: "azure-redis-non-ssl-port-disabled", Eval: nonSSL},
		engine.Check[cache]{Control: "azure-redis-min-tls-12", Eval: minTLS},
		engine.Check[cache]{Control: "azure-redis-public-network-disabled", Eval: publicNetwork},
	)
	engine.Add(r, "azurerm_redis_firewall_rule", decodeFirewallRule,
		engine.Check[FirewallRule]{Control: "azure-redis-firewall-rule-not-internet", Eval: firewallRule})
}

// FirewallRule is an azurerm_redis_firewall_rule: an IPv4 range allowed to
// reach the cache's public endpoint.
type FirewallRule struct{ Start, End subject.Field[string] }

// decodeFirewallRule reads azurerm_redis_firewall_rule values.
func decodeFirewallRule(n subject.Node) FirewallRule {
	return FirewallRule{Start: n.Get("start_ip").String(""), End: n.Get("end_ip").String("")}
}

// firewallRule fails a range that is the internet as netrange judges it
// (every public address, or wider than a /8 holding public addresses;
// reserved ranges never count).
func firewallRule(r FirewallRule) engine.Outcome {
	for _, f := range []subject.Field[string]{r.Start, r.End} {
		if f.Unknown {
			return judge.Unknown(f.Path)
		}
	}
	world, ok := netrange.RangeWorld(r.Start.V, r.End.V)
	switch {
	case !ok:
		return engine.Errored(r.Start.Path, "%q-%q is not an address range, so the rule's exposure cannot be judged", r.Start.V, r.End.V)
	case world:
		return engine.Fail(r.Start.Path, "the rule allows %s-%s, which counts as the internet", r.Start.V, r.End.V)
	}
	return engine.Pass()
}
