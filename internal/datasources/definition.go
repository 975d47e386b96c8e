package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

var _ datasource.DataSource = (*definitionDataSource)(nil)

// NewDefinition returns the baseline_definition data source.
func NewDefinition() datasource.DataSource { return &definitionDataSource{} }

type definitionDataSource struct{}

func (d *definitionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_definition"
}

func (d *definitionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
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
	resp.Schema = schema.Schema{
		MarkdownDescription: "Compiles an organisation's own baseline (`control` blocks and/or a `controls_file`) for the functions, which cannot read " +
			"the provider configuration: pass `spec` as the `definitions` option, as in " +
			"`provider::baseline::evaluate(\"aws_db_instance\", self, { definitions = data.baseline_definition.org.spec })`. " +
			"A bad definition (unknown operator, a path the resource type's schema lacks, a bad regular expression, a duplicate id) fails the plan " +
			"with a diagnostic naming the control, the field and the reason.",
		Attributes: map[string]schema.Attribute{
			"controls_file": schema.StringAttribute{Optional: true, MarkdownDescription: fwkit.ControlsFileDocs},
			"spec": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The compiled definition (canonical JSON) for the `definitions` option of the functions."},
			"control_ids": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Ids of the custom controls defined, sorted."},
			"controls": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Ids of every control of the resulting baseline: the built-in controls it keeps and the custom ones, sorted."},
		},
		Blocks: map[string]schema.Block{
			"control": schema.ListNestedBlock{
				MarkdownDescription: fwkit.ControlBlockDocs,
				CustomType:          fwkit.NewDynamicListBlockType(fwkit.ControlBlockAttrTypes),
				NestedObject:        schema.NestedBlockObject{Attributes: attrs},
			},
		},
	}
}

func (d *definitionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	base, err := catalog.Engine()
	if err != nil {
		resp.Diagnostics.AddError("Unable to Load Control Catalog", err.Error())
		return
	}
	compiled := fwkit.ReadDefinitions(ctx, req.Config, base, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if compiled == nil {
		resp.Diagnostics.AddError("No Control Definitions", "Give control blocks, a controls_file, or both.")
		return
	}
	var all []string
	for _, c := range compiled.Engine.Controls() {
		all = append(all, c.ID)
	}
	// The state starts as the configuration; set what is computed.
	resp.Diagnostics.Append(fwkit.SetAttrs(ctx, resp.State.SetAttribute, map[string]any{
		"spec":        types.StringValue(compiled.Spec),
		"control_ids": fwkit.Strings(compiled.Custom),
		"controls":    fwkit.Strings(all),
	})...)
}
