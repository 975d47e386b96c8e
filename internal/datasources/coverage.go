package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/responsibility"
)

var _ datasource.DataSourceWithConfigure = (*coverageDataSource)(nil)

// NewCoverage returns the baseline_coverage data source.
func NewCoverage() datasource.DataSource { return &coverageDataSource{} }

type coverageDataSource struct {
	data *fwkit.ProviderData
}

type coverageModel struct {
	ResourceTypes         types.List   `tfsdk:"resource_types"`
	Services              types.List   `tfsdk:"services"`
	IncludeShared         types.Bool   `tfsdk:"include_shared"`
	Baseline              types.String `tfsdk:"baseline"`
	MinimumSeverity       types.String `tfsdk:"minimum_severity"`
	MatchedServices       types.List   `tfsdk:"matched_services"`
	UnmappedResourceTypes types.List   `tfsdk:"unmapped_resource_types"`
	Gaps                  types.List   `tfsdk:"gaps"`
	Markdown              types.String `tfsdk:"markdown"`
	OSCALJSON             types.String `tfsdk:"oscal_json"`
}

var gapAttrTypes = map[string]attr.Type{
	"service":     types.StringType,
	"item":        types.StringType,
	"title":       types.StringType,
	"owner":       types.StringType,
	"description": types.StringType,
}

func (d *coverageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_coverage"
}

func (d *coverageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "What the controls do not cover for the services a module uses: given the `resource_types` (and/or `services`), " +
			"the customer-owned configuration items that no selected control checks (`gaps`: the duties to document and verify some other way), " +
			"and the matrix of those services exported as Markdown and as an OSCAL component definition. With neither input, the whole matrix.",
		Attributes: map[string]schema.Attribute{
			"resource_types":   schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Resource types the module uses, such as `aws_instance` and `aws_s3_bucket_policy`."},
			"services":         schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Service ids to add, for services that resource types cannot tell apart (`ecs-fargate`) or that have none (`saas`)."},
			"include_shared":   schema.BoolAttribute{Optional: true, MarkdownDescription: "Also list `shared` items that no control covers (default `false`: only `customer` items)."},
			"baseline":         schema.StringAttribute{Optional: true, MarkdownDescription: "Only controls of this baseline count as coverage; overrides the provider's `baseline`. " + fwkit.BaselineDocs},
			"minimum_severity": schema.StringAttribute{Optional: true, MarkdownDescription: "Only controls of this severity or above count as coverage; overrides the provider's `minimum_severity`."},
			"matched_services": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Service ids the inputs resolve to, in matrix order."},
			"unmapped_resource_types": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Resource types that belong to no service of the matrix (their responsibilities are undocumented)."},
			"gaps": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Customer-owned items (and shared ones with `include_shared`) that no selected control covers.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"service":     schema.StringAttribute{Computed: true, MarkdownDescription: "Service id."},
					"item":        schema.StringAttribute{Computed: true, MarkdownDescription: "Item id, such as `os-patching`."},
					"title":       schema.StringAttribute{Computed: true, MarkdownDescription: "Item name."},
					"owner":       schema.StringAttribute{Computed: true, MarkdownDescription: "`customer` or `shared`."},
					"description": schema.StringAttribute{Computed: true, MarkdownDescription: "What the item means for the service."},
				}}},
			"markdown": schema.StringAttribute{Computed: true, MarkdownDescription: "The matrix of the matched services as Markdown tables."},
			"oscal_json": schema.StringAttribute{Computed: true, MarkdownDescription: "The matrix of the matched services as an OSCAL 1.1 `component-definition` (JSON): " +
				"one `service` component per service, whose control implementation against NIST SP 800-53 r5 has one implemented requirement per item " +
				"with `responsible-roles` (`customer`, `provider`, or both when shared) and props `responsibility`, `configuration-item` and `baseline-control`."},
		},
	}
}

func (d *coverageDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerData(req, resp)
}

func (d *coverageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg coverageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m, eng, opts, ok := matrixContext(d.data, &resp.Diagnostics)
	if !ok {
		return
	}
	var resourceTypes, serviceIDs []string
	if !cfg.ResourceTypes.IsNull() {
		resp.Diagnostics.Append(cfg.ResourceTypes.ElementsAs(ctx, &resourceTypes, false)...)
	}
	if !cfg.Services.IsNull() {
		resp.Diagnostics.Append(cfg.Services.ElementsAs(ctx, &serviceIDs, false)...)
	}
	if !cfg.Baseline.IsNull() {
		if err := eng.ValidateBaseline(cfg.Baseline.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("baseline"), "Unknown Baseline", err.Error()+".")
		}
		opts.Baseline = cfg.Baseline.ValueString()
	}
	if !cfg.MinimumSeverity.IsNull() {
		sev, err := engine.ParseSeverity(cfg.MinimumSeverity.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("minimum_severity"), "Invalid Minimum Severity", err.Error())
		}
		opts.MinimumSeverity = sev
	}
	if resp.Diagnostics.HasError() {
		return
	}
	var services []*responsibility.Service
	unmapped := []string{}
	if len(resourceTypes) == 0 && len(serviceIDs) == 0 {
		services = m.All()
	} else {
		var err error
		services, unmapped, err = m.Resolve(resourceTypes, serviceIDs)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("services"), "Unknown Service", err.Error()+".")
			return
		}
	}
	keep := keepSelected(eng, opts)
	gaps := []attr.Value{}
	for _, g := range m.Gaps(services, eng, keep, cfg.IncludeShared.ValueBool()) {
		gaps = append(gaps, types.ObjectValueMust(gapAttrTypes, map[string]attr.Value{
			"service": types.StringValue(g.Service.ID), "item": types.StringValue(g.Entry.Item.ID), "title": types.StringValue(g.Entry.Item.Title),
			"owner": types.StringValue(string(g.Entry.Owner)), "description": types.StringValue(g.Entry.Description),
		}))
	}
	oscal, err := m.OSCAL(services, eng, keep)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Export OSCAL", err.Error())
		return
	}
	ids := make([]string, len(services))
	for i, s := range services {
		ids[i] = s.ID
	}
	cfg.MatchedServices = fwkit.Strings(ids)
	cfg.UnmappedResourceTypes = fwkit.Strings(unmapped)
	cfg.Gaps = types.ListValueMust(types.ObjectType{AttrTypes: gapAttrTypes}, gaps)
	cfg.Markdown = types.StringValue(m.Markdown(services, eng, keep))
	cfg.OSCALJSON = types.StringValue(oscal)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
