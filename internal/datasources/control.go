package datasources

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

var _ datasource.DataSourceWithConfigure = (*controlDataSource)(nil)

// NewControl returns the baseline_control data source.
func NewControl() datasource.DataSource { return &controlDataSource{} }

type controlDataSource struct {
	data *fwkit.ProviderData
}

func (d *controlDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_control"
}

func (d *controlDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := fwkit.ControlSchemaAttributes()
	attrs["id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Control identifier, such as `aws-ec2-sg-no-world-ssh`."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One control of the catalog: its severity, side of the shared responsibility line, framework references and remediation.",
		Attributes:          attrs,
	}
}

func (d *controlDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerData(req, resp)
}

func (d *controlDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id string
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, ok := d.data.Engine.Control(id)
	if !ok {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Unknown Control",
			fmt.Sprintf("There is no control %q. The data source baseline_controls lists every control id.", id))
		return
	}
	for name, v := range fwkit.ControlAttrs(c) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
}
