// Package datafactory judges Azure Data Factory: public network access and a
// managed identity for connecting to data stores.
package datafactory

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// factory is the subject of the Data Factory controls.
type factory struct {
	PublicNetwork subject.Field[bool]   // public_network_enabled, default true
	IdentityType  subject.Field[string] // identity[0].type; null without the block
}

// decodeFactory reads azurerm_data_factory values.
func decodeFactory(n subject.Node) factory {
	return factory{
		PublicNetwork: n.Get("public_network_enabled").Bool(true),
		IdentityType:  n.Get("identity").Block().Get("type").String(""),
	}
}

func publicNetwork(f factory) engine.Outcome {
	return judge.False(f.PublicNetwork, "the factory accepts connections from every network; use private endpoints")
}

func identity(f factory) engine.Outcome {
	return judge.Set(f.IdentityType, "the factory has no managed identity, so linked services authenticate with stored secrets; add identity { type = \"SystemAssigned\" }")
}

// Register adds the Data Factory checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_data_factory", decodeFactory,
		engine.Check[factory]{Control: "azure-datafactory-public-network-disabled", Eval: publicNetwork},
		engine.Check[factory]{Control: "azure-datafactory-managed-identity", Eval: identity},
	)
}
