// Package databricks judges Azure Databricks workspaces: secure cluster
// connectivity (no public IP on cluster nodes) and public network access.
package databricks

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// workspace is the subject of the Databricks controls.
type workspace struct {
	NoPublicIP    subject.Field[bool] // custom_parameters[0].no_public_ip, default true since azurerm 4.0
	PublicNetwork subject.Field[bool] // public_network_access_enabled, default true
}

// decodeWorkspace reads azurerm_databricks_workspace values.
func decodeWorkspace(n subject.Node) workspace {
	return workspace{
		NoPublicIP:    n.Get("custom_parameters").Block().Get("no_public_ip").Bool(true),
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
	}
}

func noPublicIP(w workspace) engine.Outcome {
	return judge.True(w.NoPublicIP, "cluster nodes get public IP addresses and open inbound ports to the control plane")
}

func publicNetwork(w workspace) engine.Outcome {
	return judge.False(w.PublicNetwork, "the workspace UI and REST API accept connections from every network; use Private Link")
}

// Register adds the Databricks checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_databricks_workspace", decodeWorkspace,
		engine.Check[workspace]{Control: "azure-databricks-no-public-ip", Eval: noPublicIP},
		engine.Check[workspace]{Control: "azure-databricks-public-network-disabled", Eval: publicNetwork},
	)
}
