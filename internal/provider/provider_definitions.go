package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/datasources"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

// Definitions concern of the provider configuration: an organisation's own
// controls (control blocks and controls_file), which every data source and
// guardrail of the provider judges with the built-in ones. It runs before the
// policy concern, which validates baseline and waivers against the result.
func init() {
	schemaAttributes["controls_file"] = schema.StringAttribute{Optional: true, MarkdownDescription: fwkit.ControlsFileDocs +
		" Functions never see provider configuration (Terraform does not configure providers for function calls): pass the `spec` of a " +
		"`baseline_definition` data source as their `definitions` option."}
	attrs := map[string]schema.Attribute{}
	for _, name := range fwkit.ControlBlockFields() {
		req := fwkit.ControlBlockRequired[name]
		doc := fwkit.ControlFieldDocs[name]
		switch name {
		case "condition":
			attrs[name] = schema.DynamicAttribute{Required: true, MarkdownDescription: doc}
		case "resource_types", "frameworks":
			attrs[name] = schema.ListAttribute{Required: req, Optional: !req, ElementType: types.StringType, MarkdownDescription: doc}
		default:
			attrs[name] = schema.StringAttribute{Required: req, Optional: !req, MarkdownDescription: doc}
		}
	}
	schemaBlocks["control"] = schema.ListNestedBlock{
		MarkdownDescription: fwkit.ControlBlockDocs + " Functions never see provider configuration: pass the `spec` of a `baseline_definition` data source as their `definitions` option.",
		CustomType:          fwkit.NewDynamicListBlockType(fwkit.ControlBlockAttrTypes),
		NestedObject:        schema.NestedBlockObject{Attributes: attrs},
	}
	configureSteps = append(configureSteps, configureDefinitions)
	dataSourceTypes = append(dataSourceTypes, datasources.NewDefinition)
}

func configureDefinitions(ctx context.Context, cfg tfsdk.Config, data *fwkit.ProviderData, diags *diag.Diagnostics) {
	compiled := fwkit.ReadDefinitions(ctx, cfg, data.Engine, diags)
	if compiled == nil {
		return
	}
	data.Engine = compiled.Engine
	data.Definitions = compiled
}
