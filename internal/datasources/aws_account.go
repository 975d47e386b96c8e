package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var _ datasource.DataSourceWithConfigure = (*awsAccountDataSource)(nil)

// NewAWSAccount returns the baseline_aws_account data source.
func NewAWSAccount() datasource.DataSource { return &awsAccountDataSource{} }

type awsAccountDataSource struct{ liveBase }

func (d *awsAccountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aws_account"
}

func (d *awsAccountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges the account-level posture of the configured AWS account and Region: S3 account Block Public Access (S3.1), " +
			"EBS default encryption (EC2.7), CloudTrail across every trail with its status and event selectors (CloudTrail.1/.2/.4/.5), " +
			"AWS Config recorder and status (Config.1), GuardDuty (GuardDuty.1), Security Hub, the IAM password policy (IAM.15) and root user MFA and access keys, " +
			"VPC flow logs for every VPC of the Region (EC2.6), every default security group (EC2.2) and every subnet that maps public IPs on launch (EC2.15)." + liveDescription,
		Attributes: liveSchema(map[string]schema.Attribute{
			"account_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Account read (sts GetCallerIdentity)."},
			"region":     schema.StringAttribute{Computed: true, MarkdownDescription: "Region read."},
			"trails":     schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of CloudTrail trails that apply to the Region, shadow trails included."},
			"vpcs":       schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of VPCs in the Region."},
		}),
	}
}

func (d *awsAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	ctx, cancel, client, opts, ok := d.start(ctx, req.Config, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	acct, err := client.LoadAccount(ctx, d.data.Engine, opts)
	if err != nil {
		readError(&resp.Diagnostics, ctx, client.ReadTimeout(), "AWS Account Posture", "the account's settings", err)
		return
	}
	v, ok := judge(d.data.Engine, "aws_account", acct.Sections, opts, "the account", &resp.Diagnostics)
	if !ok {
		return
	}
	finish(ctx, resp, v, opts, map[string]any{
		"account_id": acct.ID, "region": acct.Region, "trails": int64(acct.Trails), "vpcs": int64(acct.VPCs),
	})
}
