package datasources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/responsibility"
)

var (
	_ datasource.DataSourceWithConfigure        = (*responsibilityDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*responsibilityDataSource)(nil)
)

// NewResponsibility returns the baseline_responsibility data source.
func NewResponsibility() datasource.DataSource { return &responsibilityDataSource{} }

type responsibilityDataSource struct {
	data *fwkit.ProviderData
}

type responsibilityModel struct {
	ResourceType  types.String `tfsdk:"resource_type"`
	Service       types.String `tfsdk:"service"`
	Title         types.String `tfsdk:"title"`
	Cloud         types.String `tfsdk:"cloud"`
	ServiceModel  types.String `tfsdk:"service_model"`
	Source        types.String `tfsdk:"source"`
	ResourceTypes types.List   `tfsdk:"resource_types"`
	Items         types.List   `tfsdk:"items"`
}

// itemAttrTypes is the object type of one matrix row.
var itemAttrTypes = map[string]attr.Type{
	"item":        types.StringType,
	"title":       types.StringType,
	"owner":       types.StringType,
	"description": types.StringType,
	"controls":    types.ListType{ElemType: types.StringType},
}

func (d *responsibilityDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_responsibility"
}

func (d *responsibilityDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The shared responsibility matrix for one cloud service, looked up by `resource_type` or by `service`: the service model " +
			"and, per configuration item (physical security, host infrastructure, OS patching, middleware and runtime, network configuration, " +
			"identity and access, data classification, encryption at rest and in transit, key management, logging, backup, public exposure, " +
			"application code), who owns it (`customer`, `provider` or `shared`) and which controls check it. Controls outside the provider's " +
			"`baseline` or below its `minimum_severity` are left out, since they are not judged.",
		Attributes: map[string]schema.Attribute{
			"resource_type": schema.StringAttribute{Optional: true, MarkdownDescription: "A Terraform resource type, such as `aws_db_instance`, mapped to its service. Exactly one of `resource_type` and `service` must be set."},
			"service": schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Service id, such as `rds`, `ecs-fargate` or `saas`; computed from `resource_type` when that is set. " +
				"Services: " + serviceList() + "."},
			"title":          schema.StringAttribute{Computed: true, MarkdownDescription: "Service name, such as `Amazon RDS`."},
			"cloud":          schema.StringAttribute{Computed: true, MarkdownDescription: "`aws`, `azure`, `google`, `azuread`, `github` or `any`."},
			"service_model":  schema.StringAttribute{Computed: true, MarkdownDescription: "`IaaS`, `PaaS` or `SaaS`."},
			"source":         schema.StringAttribute{Computed: true, MarkdownDescription: "The public provider documentation the row follows."},
			"resource_types": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Resource types (names or globs such as `aws_s3_bucket_*`) that belong to the service."},
			"items": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "One object per configuration item, in a fixed order.",
				NestedObject: schema.NestedAttributeObject{Attributes: itemSchemaAttributes()}},
		},
	}
}

func itemSchemaAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"item":        schema.StringAttribute{Computed: true, MarkdownDescription: "Item id, such as `os-patching` or `encryption-at-rest`."},
		"title":       schema.StringAttribute{Computed: true, MarkdownDescription: "Item name, such as `Operating system patching`."},
		"owner":       schema.StringAttribute{Computed: true, MarkdownDescription: "`customer`, `provider` or `shared`."},
		"description": schema.StringAttribute{Computed: true, MarkdownDescription: "What the item means for this service."},
		"controls":    schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Control ids that check the item (empty when nothing does)."},
	}
}

func serviceList() string {
	m, err := responsibility.Default()
	if err != nil {
		return ""
	}
	return "`" + strings.Join(m.ServiceIDs(), "`, `") + "`"
}

func (d *responsibilityDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("resource_type"), path.MatchRoot("service")),
	}
}

func (d *responsibilityDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerData(req, resp)
}

// matrixContext returns the matrix, the engine and the selection that decides
// which controls count.
func matrixContext(data *fwkit.ProviderData, diags *diag.Diagnostics) (*responsibility.Matrix, *engine.Engine, engine.Options, bool) {
	m, err := responsibility.Default()
	if err != nil {
		diags.AddError("Unable to Load Responsibility Matrix", err.Error())
		return nil, nil, engine.Options{}, false
	}
	if data != nil {
		return m, data.Engine, data.Options, true
	}
	eng, err := catalog.Engine()
	if err != nil {
		diags.AddError("Unable to Load Control Catalog", err.Error())
		return nil, nil, engine.Options{}, false
	}
	return m, eng, engine.Options{}, true
}

func keepSelected(eng *engine.Engine, opts engine.Options) responsibility.Keep {
	sel := engine.Options{MinimumSeverity: opts.MinimumSeverity, Baseline: opts.Baseline}
	return func(c *engine.Control) bool { return eng.Selected(c, sel) }
}

func (d *responsibilityDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg responsibilityModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m, eng, opts, ok := matrixContext(d.data, &resp.Diagnostics)
	if !ok {
		return
	}
	var svc *responsibility.Service
	if rt := cfg.ResourceType.ValueString(); rt != "" {
		if svc, ok = m.ServiceFor(rt); !ok {
			resp.Diagnostics.AddAttributeError(path.Root("resource_type"), "Unknown Resource Type",
				fmt.Sprintf("Resource type %q belongs to no service of the responsibility matrix. Set service instead; services: %s.", rt, strings.Join(m.ServiceIDs(), ", ")))
			return
		}
	} else if svc, ok = m.Service(cfg.Service.ValueString()); !ok {
		resp.Diagnostics.AddAttributeError(path.Root("service"), "Unknown Service",
			fmt.Sprintf("Service %q is not in the responsibility matrix; use one of %s.", cfg.Service.ValueString(), strings.Join(m.ServiceIDs(), ", ")))
		return
	}
	items := []attr.Value{}
	for _, e := range m.Entries(svc, eng, keepSelected(eng, opts)) {
		items = append(items, types.ObjectValueMust(itemAttrTypes, map[string]attr.Value{
			"item": types.StringValue(e.Item.ID), "title": types.StringValue(e.Item.Title), "owner": types.StringValue(string(e.Owner)),
			"description": types.StringValue(e.Description), "controls": fwkit.Strings(e.Controls),
		}))
	}
	state := responsibilityModel{
		ResourceType:  cfg.ResourceType,
		Service:       types.StringValue(svc.ID),
		Title:         types.StringValue(svc.Title),
		Cloud:         types.StringValue(svc.Cloud),
		ServiceModel:  types.StringValue(svc.ServiceModel),
		Source:        types.StringValue(svc.Source),
		ResourceTypes: fwkit.Strings(svc.ResourceTypes),
		Items:         types.ListValueMust(types.ObjectType{AttrTypes: itemAttrTypes}, items),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
