// Package synapse judges Azure Synapse Analytics workspaces: public network
// access, Microsoft Entra-only authentication and data exfiltration
// protection.
package synapse

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// workspace is the subject of the Synapse controls.
type workspace struct {
	PublicNetwork  subject.Field[bool] // public_network_access_enabled, default true
	AADOnly        subject.Field[bool] // azuread_authentication_only, default false
	ManagedVNet    subject.Field[bool] // managed_virtual_network_enabled, default false
	ExfilProtected subject.Field[bool] // data_exfiltration_protection_enabled, default false
}

// decodeWorkspace reads azurerm_synapse_workspace values.
func decodeWorkspace(n subject.Node) workspace {
	return workspace{
		PublicNetwork:  n.Get("public_network_access_enabled").Bool(true),
		AADOnly:        n.Get("azuread_authentication_only").Bool(false),
		ManagedVNet:    n.Get("managed_virtual_network_enabled").Bool(false),
		ExfilProtected: n.Get("data_exfiltration_protection_enabled").Bool(false),
	}
}

func publicNetwork(w workspace) engine.Outcome {
	return judge.False(w.PublicNetwork, "the workspace endpoints accept connections from every network; use private endpoints")
}

func aadOnly(w workspace) engine.Outcome {
	return judge.True(w.AADOnly, "SQL logins (sql_administrator_login) can authenticate to the workspace; allow Microsoft Entra ID only")
}

func exfiltration(w workspace) engine.Outcome {
	return judge.Worst(
		judge.True(w.ManagedVNet, "without a managed virtual network the workspace's Spark and pipelines reach any destination"),
		judge.True(w.ExfilProtected, "outbound traffic from the managed virtual network may reach any tenant's data stores"),
	)
}

// Register adds the Synapse checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_synapse_workspace", decodeWorkspace,
		engine.Check[workspace]{Control: "azure-synapse-public-network-disabled", Eval: publicNetwork},
		engine.Check[workspace]{Control: "azure-synapse-aad-only-auth", Eval: aadOnly},
		engine.Check[workspace]{Control: "azure-synapse-exfiltration-protection", Eval: exfiltration},
	)
}
