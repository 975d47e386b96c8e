// Package datasources holds the provider's data sources.
package datasources

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

// providerData extracts the provider's data in Configure.
func providerData(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) *fwkit.ProviderData {
	if req.ProviderData == nil {
		return nil
	}
	data, ok := req.ProviderData.(*fwkit.ProviderData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected Data Source Configure Type",
			fmt.Sprintf("Expected *fwkit.ProviderData, got %T. Please report this issue to the provider developers.", req.ProviderData))
		return nil
	}
	return data
}
