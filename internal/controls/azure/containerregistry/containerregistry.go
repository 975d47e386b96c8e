// Package containerregistry judges Azure Container Registries: the admin
// user, public network access, anonymous pull and image export.
package containerregistry

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// registry is the subject of the azurerm_container_registry controls. Null
// fields hold the azurerm default (the same in 3.x and 4.x).
type registry struct {
	Admin         subject.Field[bool] // admin_enabled, default false
	PublicNetwork subject.Field[bool] // public_network_access_enabled, default true
	AnonymousPull subject.Field[bool] // anonymous_pull_enabled, default false
	Export        subject.Field[bool] // export_policy_enabled, default true
}

// decodeRegistry reads azurerm_container_registry values.
func decodeRegistry(n subject.Node) registry {
	return registry{
		Admin:         n.Get("admin_enabled").Bool(false),
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
		AnonymousPull: n.Get("anonymous_pull_enabled").Bool(false),
		Export:        n.Get("export_policy_enabled").Bool(true),
	}
}

func noAdmin(r registry) engine.Outcome {
	return judge.False(r.Admin, "the registry's shared admin user name and password can push and pull every image, outside Microsoft Entra ID")
}

func noPublicNetwork(r registry) engine.Outcome {
	return judge.False(r.PublicNetwork, "the registry accepts connections from every network")
}

func noAnonymousPull(r registry) engine.Outcome {
	return judge.False(r.AnonymousPull, "anyone on the internet can pull the registry's images without credentials")
}

func noExport(r registry) engine.Outcome {
	return judge.False(r.Export, "images can be exported (az acr import/pipelines) out of a registry meant to be private")
}

// Register adds the Container Registry checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_container_registry", decodeRegistry,
		engine.Check[registry]{Control: "azure-acr-admin-user-disabled", Eval: noAdmin},
		engine.Check[registry]{Control: "azure-acr-public-network-access-disabled", Eval: noPublicNetwork},
		engine.Check[registry]{Control: "azure-acr-anonymous-pull-disabled", Eval: noAnonymousPull},
		engine.Check[registry]{Control: "azure-acr-export-disabled", Eval: noExport},
	)
}
