package datasources

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

var _ datasource.DataSourceWithConfigure = (*controlsDataSource)(nil)

// NewControls returns the baseline_controls data source.
func NewControls() datasource.DataSource { return &controlsDataSource{} }

type controlsDataSource struct {
	data *fwkit.ProviderData
}

type controlsModel struct {
	Cloud           types.String `tfsdk:"cloud"`
	Service         types.String `tfsdk:"service"`
	Area            types.String `tfsdk:"area"`
	Severity        types.String `tfsdk:"severity"`
	MinimumSeverity types.String `tfsdk:"minimum_severity"`
	Framework       types.String `tfsdk:"framework"`
	ResourceType    types.String `tfsdk:"resource_type"`
	IDs             types.List   `tfsdk:"ids"`
	Controls        types.List   `tfsdk:"controls"`
}

func (d *controlsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_controls"
}

func (d *controlsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	severities := []string{"critical", "high", "medium", "low", "info"}
	controlAttrs := fwkit.ControlSchemaAttributes()
	controlAttrs["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Control identifier."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The control catalog, filtered. Every filter is optional; filters combine with AND.",
		Attributes: map[string]schema.Attribute{
			"cloud": schema.StringAttribute{Optional: true, MarkdownDescription: "Only controls of this cloud: " + codeList(catalogClouds()) + "."},
			"service": schema.StringAttribute{Optional: true, MarkdownDescription: "Only controls of this service: the catalog's service name (" + codeList(catalogServices()) + ") " +
				"or a service id of the responsibility matrix, as `baseline_responsibility` takes it (such as `azure-storage`, `gcs` or `rds`), which selects the controls judging its resource types."},
			"area":             schema.StringAttribute{Optional: true, MarkdownDescription: "Only controls of this area: " + "`" + strings.Join(catalog.Areas, "`, `") + "`.", Validators: []validator.String{stringvalidator.OneOf(catalog.Areas...)}},
			"severity":         schema.StringAttribute{Optional: true, MarkdownDescription: "Only controls of exactly this severity.", Validators: []validator.String{stringvalidator.OneOf(severities...)}},
			"minimum_severity": schema.StringAttribute{Optional: true, MarkdownDescription: "Only controls of this severity or above.", Validators: []validator.String{stringvalidator.OneOf(severities...)}},
			"framework":        schema.StringAttribute{Optional: true, MarkdownDescription: "Only controls mapped to this framework (" + codeList(catalogFrameworks()) + ") or framework item (such as `aws-fsbp:S3.8`)."},
			"resource_type":    schema.StringAttribute{Optional: true, MarkdownDescription: "Only controls that judge this resource type, such as `aws_s3_bucket` or `azurerm_storage_account`."},
			"ids":              schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Ids of the matching controls, sorted."},
			"controls": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The matching controls, sorted by id.",
				NestedObject: schema.NestedAttributeObject{Attributes: controlAttrs}},
		},
	}
}

func (d *controlsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerData(req, resp)
}

func (d *controlsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m controlsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	svc, ok := validateFilters(d.data.Engine, m, &resp.Diagnostics)
	if !ok {
		return
	}
	var ids, objs []attr.Value
	objType := types.ObjectType{AttrTypes: fwkit.ControlAttrTypes}
	for _, c := range d.data.Engine.Controls() {
		if !matches(c, m, svc) {
			continue
		}
		ids = append(ids, types.StringValue(c.ID))
		objs = append(objs, types.ObjectValueMust(fwkit.ControlAttrTypes, fwkit.ControlAttrs(c)))
	}
	m.IDs = types.ListValueMust(types.StringType, nonNil(ids))
	m.Controls = types.ListValueMust(objType, nonNil(objs))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func nonNil(v []attr.Value) []attr.Value {
	if v == nil {
		return []attr.Value{}
	}
	return v
}

func matches(c *engine.Control, m controlsModel, svc *serviceFilter) bool {
	eq := func(filter types.String, v string) bool {
		return filter.IsNull() || strings.EqualFold(filter.ValueString(), v)
	}
	if !eq(m.Cloud, c.Cloud) || !eq(m.Area, c.Area) || !eq(m.Severity, string(c.Severity)) {
		return false
	}
	if svc != nil && !svc.match(c) {
		return false
	}
	if !m.MinimumSeverity.IsNull() && c.Severity.Rank() < engine.Severity(m.MinimumSeverity.ValueString()).Rank() {
		return false
	}
	if !m.Framework.IsNull() && !c.HasFramework(m.Framework.ValueString()) {
		return false
	}
	if !m.ResourceType.IsNull() {
		found := false
		for _, rt := range c.ResourceTypes {
			found = found || rt == m.ResourceType.ValueString()
		}
		return found
	}
	return true
}
