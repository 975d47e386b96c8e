package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

var _ datasource.DataSourceWithConfigure = (*awsSecurityGroupsDataSource)(nil)

// NewAWSSecurityGroups returns the baseline_aws_security_groups data source.
func NewAWSSecurityGroups() datasource.DataSource { return &awsSecurityGroupsDataSource{} }

type awsSecurityGroupsDataSource struct{ liveBase }

var groupMemberTypes = memberAttrTypes("id", map[string]attr.Type{"name": types.StringType, "vpc_id": types.StringType})

func (d *awsSecurityGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aws_security_groups"
}

func (d *awsSecurityGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges every security group of the configured Region (optionally narrowed by VPC, name prefix and tags) like " +
			"`baseline_aws_security_group`, from one paginated DescribeSecurityGroups call. The verdict attributes add up all groups; " +
			"`groups` has one entry per group." + liveDescription,
		Attributes: liveSchema(map[string]schema.Attribute{
			"vpc_id":      schema.StringAttribute{Optional: true, MarkdownDescription: "Only groups of this VPC."},
			"name_prefix": schema.StringAttribute{Optional: true, MarkdownDescription: "Only groups whose name starts with this prefix."},
			"tags":        schema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Only groups with all these tags."},
			"groups": memberSchema("id", "Security group id.", map[string]schema.Attribute{
				"name":   schema.StringAttribute{Computed: true, MarkdownDescription: "Group name."},
				"vpc_id": schema.StringAttribute{Computed: true, MarkdownDescription: "VPC of the group."},
			}),
		}),
	}
}

func (d *awsSecurityGroupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	f := liveaws.SecurityGroupFilter{
		VPCID:      stringArg(ctx, req.Config, "vpc_id", &resp.Diagnostics),
		NamePrefix: stringArg(ctx, req.Config, "name_prefix", &resp.Diagnostics),
		Tags:       stringMapArg(ctx, req.Config, "tags", &resp.Diagnostics),
	}
	ctx, cancel, client, opts, ok := d.start(ctx, req.Config, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	groups, err := client.LoadSecurityGroups(ctx, f)
	if err != nil {
		readError(&resp.Diagnostics, ctx, client.ReadTimeout(), "Security Groups", "the Region's security groups", err)
		return
	}
	total := engine.Verdict{Known: true, Compliant: true, Findings: []engine.Finding{}}
	members := make([]attr.Value, 0, len(groups))
	for _, g := range groups {
		s := g.Section()
		s.Label = g.ID
		v, ok := judge(d.data.Engine, g.ResourceType(), []liveaws.Section{s}, opts, "security group "+g.ID, &resp.Diagnostics)
		if !ok {
			return
		}
		liveaws.Merge(&total, v)
		members = append(members, memberValue("id", g.ID, v, opts, groupMemberTypes, map[string]attr.Value{
			"name": types.StringValue(g.Name), "vpc_id": types.StringValue(g.VPCID),
		}))
	}
	finish(ctx, resp, total, opts, map[string]any{
		"groups": types.ListValueMust(types.ObjectType{AttrTypes: groupMemberTypes}, members),
	})
}
