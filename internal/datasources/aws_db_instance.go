package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

var _ datasource.DataSourceWithConfigure = (*awsDBInstanceDataSource)(nil)

// NewAWSDBInstance returns the baseline_aws_db_instance data source.
func NewAWSDBInstance() datasource.DataSource { return &awsDBInstanceDataSource{} }

type awsDBInstanceDataSource struct{ liveBase }

func (d *awsDBInstanceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aws_db_instance"
}

func (d *awsDBInstanceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges one existing RDS DB instance with the checks of `aws_db_instance`: not publicly accessible (RDS.2) and storage encrypted (RDS.3)." + liveDescription,
		Attributes: liveSchema(map[string]schema.Attribute{
			"identifier":          schema.StringAttribute{Required: true, MarkdownDescription: "DB instance identifier."},
			"arn":                 schema.StringAttribute{Computed: true, MarkdownDescription: "ARN of the instance."},
			"engine":              schema.StringAttribute{Computed: true, MarkdownDescription: "Database engine."},
			"publicly_accessible": schema.BoolAttribute{Computed: true, MarkdownDescription: "PubliclyAccessible as read."},
			"storage_encrypted":   schema.BoolAttribute{Computed: true, MarkdownDescription: "StorageEncrypted as read."},
		}),
	}
}

func (d *awsDBInstanceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	id := stringArg(ctx, req.Config, "identifier", &resp.Diagnostics)
	ctx, cancel, client, opts, ok := d.start(ctx, req.Config, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	db, err := client.LoadDBInstance(ctx, id)
	if err != nil {
		readError(&resp.Diagnostics, ctx, client.ReadTimeout(), "DB Instance", "DB instance "+id, err)
		return
	}
	v, ok := judge(d.data.Engine, "aws_db_instance", []liveaws.Section{db.Section()}, opts, "DB instance "+id, &resp.Diagnostics)
	if !ok {
		return
	}
	finish(ctx, resp, v, opts, map[string]any{
		"arn": db.ARN, "engine": db.Engine, "publicly_accessible": db.PubliclyAccessible, "storage_encrypted": db.StorageEncrypted,
	})
}
