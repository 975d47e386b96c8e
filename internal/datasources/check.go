package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

var _ datasource.DataSourceWithConfigure = (*checkDataSource)(nil)

// NewCheck returns the baseline_check data source.
func NewCheck() datasource.DataSource { return &checkDataSource{} }

type checkDataSource struct {
	data *fwkit.ProviderData
}

type checkModel struct {
	ResourceType    types.String  `tfsdk:"resource_type"`
	Values          types.Dynamic `tfsdk:"values"`
	Controls        types.Set     `tfsdk:"controls"`
	ExcludeControls types.Set     `tfsdk:"exclude_controls"`
	MinimumSeverity types.String  `tfsdk:"minimum_severity"`
	Baseline        types.String  `tfsdk:"baseline"`
	Waivers         types.List    `tfsdk:"waivers"`
}

func (d *checkDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_check"
}

func (d *checkDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := fwkit.VerdictDataSourceAttributes()
	attrs["resource_type"] = schema.StringAttribute{Required: true, MarkdownDescription: "Resource type whose values are judged, such as `aws_security_group`."}
	attrs["values"] = schema.DynamicAttribute{Required: true, MarkdownDescription: "The values to judge, in the shape of the resource type's attributes (an object)."}
	for name, a := range fwkit.SelectionDataSourceAttributes() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges `values` of `resource_type` against the catalog and returns the verdict. " +
			"Use it for inputs known at plan (variables, literals); for `self` and partially unknown values use the `evaluate` function or `baseline_guardrail`.",
		Attributes: attrs,
	}
}

func (d *checkDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerData(req, resp)
}

func (d *checkDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	// The config also holds the computed verdict attributes, so read the
	// inputs one by one.
	var cfg checkModel
	for name, target := range map[string]any{
		"resource_type": &cfg.ResourceType, "values": &cfg.Values, "controls": &cfg.Controls, "exclude_controls": &cfg.ExcludeControls,
		"minimum_severity": &cfg.MinimumSeverity, "baseline": &cfg.Baseline, "waivers": &cfg.Waivers,
	} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), target)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	sel := fwkit.Selection{Controls: cfg.Controls, ExcludeControls: cfg.ExcludeControls, MinimumSeverity: cfg.MinimumSeverity,
		Baseline: cfg.Baseline, Waivers: cfg.Waivers}
	opts, diags := sel.Options(ctx, d.data.Options, d.data.Engine)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	v, ok := fwkit.Values(ctx, cfg.Values, &resp.Diagnostics)
	if !ok {
		return
	}
	if !fwkit.CheckInput(ctx, d.data.Engine, cfg.ResourceType.ValueString(), v, nil, opts, sel, &resp.Diagnostics) {
		return
	}
	verdict, ok := fwkit.Judge(d.data.Engine, cfg.ResourceType.ValueString(), v, opts, &resp.Diagnostics)
	if !ok {
		return
	}
	fwkit.ExpiredWaiverWarnings(verdict, path.Root("values"), &resp.Diagnostics)
	resp.Diagnostics.Append(fwkit.SetAttrs(ctx, resp.State.SetAttribute, map[string]any{
		"resource_type": cfg.ResourceType, "values": cfg.Values, "controls": cfg.Controls,
		"exclude_controls": cfg.ExcludeControls, "minimum_severity": cfg.MinimumSeverity,
		"baseline": cfg.Baseline, "waivers": cfg.Waivers,
	})...)
	resp.Diagnostics.Append(fwkit.SetVerdict(ctx, resp.State.SetAttribute, verdict, opts.Unknown)...)
}
