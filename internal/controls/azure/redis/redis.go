// Package redis judges Azure Cache for Redis: the non-TLS port, the minimum
// TLS version and public network access.
package redis

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Cache is the subject of the Redis controls. Null fields hold the azurerm
// 4.x default (attributes.yaml).
type Cache struct {
	NonSSLPort    subject.Field[bool]   // non_ssl_port_enabled, default false
	MinTLS        subject.Field[string] // minimum_tls_version, default "1.2"
	PublicNetwork subject.Field[bool]   // public_network_access_enabled, default true
	Subnet        subject.Field[string] // subnet_id: VNet injection (Premium) has no public endpoint
}

// DecodeCache reads azurerm_redis_cache values.
func DecodeCache(n subject.Node) Cache {
	return Cache{
		NonSSLPort:    n.Get("non_ssl_port_enabled").Bool(false),
		MinTLS:        n.Get("minimum_tls_version").String("1.2"),
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
		Subnet:        n.Get("subnet_id").String(""),
	}
}

func nonSSL(c Cache) engine.Outcome {
	return judge.False(c.NonSSLPort, "port 6379 accepts unencrypted connections")
}

func minTLS(c Cache) engine.Outcome {
	return judge.OneOf(c.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "1.2")
}

// publicNetwork passes when public network access is off or the cache is
// injected into a subnet (then it has no public endpoint).
func publicNetwork(c Cache) engine.Outcome {
	if judge.IsSet(c.Subnet) == subject.True {
		return engine.Pass()
	}
	return judge.False(c.PublicNetwork, "the cache endpoint accepts connections from every network; use a private endpoint")
}

// Register adds the Redis checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_redis_cache", DecodeCache,
		engine.Check[Cache]{Control: "azure-redis-non-ssl-port-disabled", Eval: nonSSL},
		engine.Check[Cache]{Control: "azure-redis-min-tls-12", Eval: minTLS},
		engine.Check[Cache]{Control: "azure-redis-public-network-disabled", Eval: publicNetwork},
	)
}
