package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

var _ datasource.DataSourceWithConfigure = (*awsSecurityGroupDataSource)(nil)

// NewAWSSecurityGroup returns the baseline_aws_security_group data source.
func NewAWSSecurityGroup() datasource.DataSource { return &awsSecurityGroupDataSource{} }

type awsSecurityGroupDataSource struct{ liveBase }

func (d *awsSecurityGroupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aws_security_group"
}

func (d *awsSecurityGroupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges one existing security group with the checks of `aws_security_group` (world-open SSH, RDP, admin and high-risk ports); " +
			"a VPC's default group is judged as `aws_default_security_group` and must also have no rules (EC2.2)." + liveDescription,
		Attributes: liveSchema(map[string]schema.Attribute{
			"id":            schema.StringAttribute{Required: true, MarkdownDescription: "Security group id (`sg-...`)."},
			"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Group name."},
			"vpc_id":        schema.StringAttribute{Computed: true, MarkdownDescription: "VPC of the group."},
			"ingress_rules": schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of ingress permissions."},
			"egress_rules":  schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of egress permissions."},
		}),
	}
}

func (d *awsSecurityGroupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	id := stringArg(ctx, req.Config, "id", &resp.Diagnostics)
	ctx, cancel, client, opts, ok := d.start(ctx, req.Config, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	g, err := client.LoadSecurityGroup(ctx, id)
	if err != nil {
		readError(&resp.Diagnostics, ctx, client.ReadTimeout(), "Security Group", "security group "+id, err)
		return
	}
	v, ok := judge(d.data.Engine, g.ResourceType(), []liveaws.Section{g.Section()}, opts, "security group "+id, &resp.Diagnostics)
	if !ok {
		return
	}
	finish(ctx, resp, v, opts, map[string]any{
		"name": g.Name, "vpc_id": g.VPCID, "ingress_rules": int64(g.Ingress), "egress_rules": int64(g.Egress),
	})
}
