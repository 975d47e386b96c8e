package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

var _ datasource.DataSourceWithConfigure = (*awsCloudTrailDataSource)(nil)

// NewAWSCloudTrail returns the baseline_aws_cloudtrail data source.
func NewAWSCloudTrail() datasource.DataSource { return &awsCloudTrailDataSource{} }

type awsCloudTrailDataSource struct{ liveBase }

func (d *awsCloudTrailDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aws_cloudtrail"
}

func (d *awsCloudTrailDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges CloudTrail with the checks of `aws_cloudtrail`: multi-Region and logging with global service events and all " +
			"management events (DescribeTrails, GetTrailStatus IsLogging, GetEventSelectors), KMS encryption, log file validation and CloudWatch Logs delivery. " +
			"With `name`, that one trail is judged; without it, every trail of the Region (shadow trails included) is judged as the account, where one good trail satisfies CloudTrail.1." + liveDescription,
		Attributes: liveSchema(map[string]schema.Attribute{
			"name":        schema.StringAttribute{Optional: true, MarkdownDescription: "Name or ARN of one trail (default: every trail of the Region)."},
			"trail_names": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Names of the trails judged."},
		}),
	}
}

func (d *awsCloudTrailDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	name := stringArg(ctx, req.Config, "name", &resp.Diagnostics)
	ctx, cancel, client, opts, ok := d.start(ctx, req.Config, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	what := "the Region's trails"
	if name != "" {
		what = "trail " + name
	}
	t, err := client.LoadTrails(ctx, name)
	if err != nil {
		readError(&resp.Diagnostics, ctx, client.ReadTimeout(), "CloudTrail Trails", what, err)
		return
	}
	v, ok := judge(d.data.Engine, "aws_cloudtrail", []liveaws.Section{t.Section}, opts, what, &resp.Diagnostics)
	if !ok {
		return
	}
	names := make([]string, len(t.Trails))
	for i, tr := range t.Trails {
		names[i] = tr.Name
	}
	finish(ctx, resp, v, opts, map[string]any{"trail_names": names})
}
