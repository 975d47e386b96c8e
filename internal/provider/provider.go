// Package provider defines the baseline provider: its configuration and the
// data sources, resources and functions it serves.
package provider

import (
	"context"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/datasources"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/functions"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/resources"
)

var (
	_ provider.Provider              = (*baselineProvider)(nil)
	_ provider.ProviderWithFunctions = (*baselineProvider)(nil)
)

// New returns a constructor of the provider at version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &baselineProvider{version: version} }
}

type baselineProvider struct {
	version string
	// data is what the last Configure handed to resources, for the calls
	// NewServer answers outside the framework.
	data atomic.Pointer[fwkit.ProviderData]
}

// Each concern of the provider configuration lives in its own file and adds
// its attributes, blocks and Configure step here.
var (
	schemaAttributes = map[string]schema.Attribute{}
	schemaBlocks     = map[string]schema.Block{}
	// configureSteps run in order; each reads its own paths from the config
	// and fills data.
	configureSteps []func(ctx context.Context, cfg tfsdk.Config, data *fwkit.ProviderData, diags *diag.Diagnostics)
)

func (p *baselineProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "baseline"
	resp.Version = p.version
}

func (p *baselineProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"unknown_values": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "What a control whose deciding value is unknown until apply does to a verdict: " +
				"`fail` (default: not compliant), `warn` (reported, but compliant) or `defer` (the verdict is unknown, so Terraform decides at apply). " +
				"Applies to data sources and `baseline_guardrail`." + fwkit.NotForFunctions,
			Validators: []validator.String{stringvalidator.OneOf("fail", "warn", "defer")},
		},
		"minimum_severity": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only judge controls of this severity or above: `critical`, `high`, `medium`, `low` or `info` (default, every control). Applies to data sources and `baseline_guardrail`." + fwkit.NotForFunctions,
			Validators:          []validator.String{stringvalidator.OneOf("critical", "high", "medium", "low", "info")},
		},
	}
	for k, v := range schemaAttributes {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Checks the customer side of the cloud shared responsibility model inside `terraform plan`. " +
			"Planned mode needs no configuration and no credentials.",
		Attributes: attrs,
		Blocks:     schemaBlocks,
	}
}

func (p *baselineProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var unknownValues, minimumSeverity types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("unknown_values"), &unknownValues)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("minimum_severity"), &minimumSeverity)...)
	if resp.Diagnostics.HasError() {
		return
	}
	eng, err := catalog.Engine()
	if err != nil {
		resp.Diagnostics.AddError("Unable to Load Control Catalog", err.Error())
		return
	}
	opts := engine.Options{}
	if unknownValues.IsUnknown() || minimumSeverity.IsUnknown() {
		resp.Diagnostics.AddError("Provider Configuration Unknown", "unknown_values and minimum_severity must be known at plan time.")
		return
	}
	policy, err := engine.ParseUnknownPolicy(unknownValues.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("unknown_values"), "Invalid Unknown Value Policy", err.Error())
	}
	opts.Unknown = policy
	if s := minimumSeverity.ValueString(); s != "" {
		sev, err := engine.ParseSeverity(s)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("minimum_severity"), "Invalid Minimum Severity", err.Error())
		}
		opts.MinimumSeverity = sev
	}
	if resp.Diagnostics.HasError() {
		return
	}
	data := &fwkit.ProviderData{Engine: eng, Options: opts}
	for _, step := range configureSteps {
		step(ctx, req.Config, data, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.DataSourceData = data
	resp.ResourceData = data
	p.data.Store(data)
}

// The types the provider serves; other files of this package append theirs in init.
var (
	resourceTypes = []func() resource.Resource{
		resources.NewGuardrail,
	}
	dataSourceTypes = []func() datasource.DataSource{
		datasources.NewCheck,
		datasources.NewControls,
		datasources.NewControl,
		datasources.NewAzureDefender,
		datasources.NewGoogleSCC,
	}
	functionTypes = []func() function.Function{
		functions.NewEvaluate,
		functions.NewCompliant,
		functions.NewViolations,
	}
)

func (p *baselineProvider) Resources(context.Context) []func() resource.Resource {
	return resourceTypes
}

func (p *baselineProvider) DataSources(context.Context) []func() datasource.DataSource {
	return dataSourceTypes
}

func (p *baselineProvider) Functions(context.Context) []func() function.Function {
	return functionTypes
}
