// Package cosmosdb judges Azure Cosmos DB accounts: network exposure, local
// (key) authentication, key-based metadata writes and TLS.
package cosmosdb

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/iprange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// account is the subject of the azurerm_cosmosdb_account controls. Null
// fields hold the azurerm 4.x default.
type account struct {
	PublicNetwork  subject.Field[bool]   // public_network_access_enabled, default true
	VNetFilter     subject.Field[bool]   // is_virtual_network_filter_enabled, default false
	IPRangeFilter  subject.StringSeq     // ip_range_filter
	LocalEnabled   subject.Field[bool]   // local_authentication_enabled (4.x), default true
	LocalDisabled  subject.Field[bool]   // local_authentication_disabled (3.x, deprecated in 4.x), default false
	MetadataWrites subject.Field[bool]   // access_key_metadata_writes_enabled, default true
	MinTLS         subject.Field[string] // minimal_tls_version, default Tls12
}

// decodeAccount reads azurerm_cosmosdb_account values.
func decodeAccount(n subject.Node) account {
	return account{
		PublicNetwork:  n.Get("public_network_access_enabled").Bool(true),
		VNetFilter:     n.Get("is_virtual_network_filter_enabled").Bool(false),
		IPRangeFilter:  n.Get("ip_range_filter").Strings(),
		LocalEnabled:   n.Get("local_authentication_enabled").Bool(true),
		LocalDisabled:  n.Get("local_authentication_disabled").Bool(false),
		MetadataWrites: n.Get("access_key_metadata_writes_enabled").Bool(true),
		MinTLS:         n.Get("minimal_tls_version").String("Tls12"),
	}
}

func noPublicNetwork(a account) engine.Outcome {
	return judge.False(a.PublicNetwork, "the account's endpoint is reachable from public networks")
}

func networkRestricted(a account) engine.Outcome {
	if a.PublicNetwork.Known() && !a.PublicNetwork.V {
		return engine.Pass()
	}
	seq := a.IPRangeFilter
	for _, it := range seq.Items {
		if !it.Unknown && strings.TrimSpace(it.V) == "0.0.0.0" {
			return engine.Fail(it.Path, "ip_range_filter holds 0.0.0.0, which accepts connections from every Azure datacenter, including other customers' resources")
		}
	}
	if out := iprange.Internet(seq, "account"); out.Status != engine.StatusPass {
		return out
	}
	if len(seq.Items) > 0 {
		return engine.Pass()
	}
	switch {
	case a.VNetFilter.Known() && a.VNetFilter.V:
		return engine.Pass()
	case a.VNetFilter.Unknown:
		return judge.Unknown(a.VNetFilter.Path)
	case a.PublicNetwork.Unknown:
		return judge.Unknown(a.PublicNetwork.Path)
	}
	return engine.Fail("ip_range_filter", "public network access is enabled with no ip_range_filter and no virtual network filter: every network reaches the account")
}

func noLocalAuth(a account) engine.Outcome {
	switch {
	case a.LocalEnabled.Known() && !a.LocalEnabled.Null && !a.LocalEnabled.V:
		return engine.Pass()
	case a.LocalDisabled.Known() && a.LocalDisabled.V:
		return engine.Pass()
	case a.LocalEnabled.Unknown:
		return judge.Unknown(a.LocalEnabled.Path)
	case a.LocalDisabled.Unknown:
		return judge.Unknown(a.LocalDisabled.Path)
	}
	return judge.False(a.LocalEnabled, "clients authenticate with the account's primary and secondary keys instead of Microsoft Entra ID")
}

func noMetadataWrites(a account) engine.Outcome {
	return judge.False(a.MetadataWrites, "a holder of an account key can change databases, containers and throughput, not just data")
}

func minTLS(a account) engine.Outcome {
	return judge.OneOf(a.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "Tls12")
}

// Register adds the Cosmos DB checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_cosmosdb_account", decodeAccount,
		engine.Check[account]{Control: "azure-cosmosdb-public-network-access-disabled", Eval: noPublicNetwork},
		engine.Check[account]{Control: "azure-cosmosdb-network-restricted", Eval: networkRestricted},
		engine.Check[account]{Control: "azure-cosmosdb-local-auth-disabled", Eval: noLocalAuth},
		engine.Check[account]{Control: "azure-cosmosdb-key-metadata-writes-disabled", Eval: noMetadataWrites},
		engine.Check[account]{Control: "azure-cosmosdb-min-tls-1-2", Eval: minTLS},
	)
}
