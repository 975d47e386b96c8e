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

var _ datasource.DataSourceWithConfigure = (*awsS3BucketsDataSource)(nil)

// NewAWSS3Buckets returns the baseline_aws_s3_buckets data source.
func NewAWSS3Buckets() datasource.DataSource { return &awsS3BucketsDataSource{} }

type awsS3BucketsDataSource struct{ liveBase }

var bucketMemberTypes = memberAttrTypes("name", map[string]attr.Type{"region": types.StringType})

func (d *awsS3BucketsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aws_s3_buckets"
}

func (d *awsS3BucketsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges every S3 bucket of the account in the configured Region (optionally narrowed by name prefix and tags) " +
			"like `baseline_aws_s3_bucket`, reading buckets in parallel (`aws.max_concurrency`). The verdict attributes add up all buckets; " +
			"`buckets` has one entry per bucket." + liveDescription,
		Attributes: liveSchema(map[string]schema.Attribute{
			"name_prefix": schema.StringAttribute{Optional: true, MarkdownDescription: "Only buckets whose name starts with this prefix."},
			"tags":        schema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Only buckets with all these tags (reads GetBucketTagging per bucket)."},
			"buckets": memberSchema("name", "Bucket name.", map[string]schema.Attribute{
				"region": schema.StringAttribute{Computed: true, MarkdownDescription: "Bucket Region."},
			}),
		}),
	}
}

func (d *awsS3BucketsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	f := liveaws.BucketFilter{
		NamePrefix: stringArg(ctx, req.Config, "name_prefix", &resp.Diagnostics),
		Tags:       stringMapArg(ctx, req.Config, "tags", &resp.Diagnostics),
	}
	ctx, cancel, client, opts, ok := d.start(ctx, req.Config, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	buckets, err := client.LoadBuckets(ctx, d.data.Engine, opts, f)
	if err != nil {
		readError(&resp.Diagnostics, ctx, client.ReadTimeout(), "S3 Buckets", "the account's buckets", err)
		return
	}
	total := engine.Verdict{Known: true, Compliant: true, Findings: []engine.Finding{}}
	members := make([]attr.Value, 0, len(buckets))
	for _, b := range buckets {
		s := b.Section()
		s.Label = "bucket " + b.Name
		v, ok := judge(d.data.Engine, liveaws.BucketResourceType, []liveaws.Section{s}, opts, "bucket "+b.Name, &resp.Diagnostics)
		if !ok {
			return
		}
		liveaws.Merge(&total, v)
		members = append(members, memberValue("name", b.Name, v, opts, bucketMemberTypes, map[string]attr.Value{"region": types.StringValue(b.Region)}))
	}
	finish(ctx, resp, total, opts, map[string]any{
		"buckets": types.ListValueMust(types.ObjectType{AttrTypes: bucketMemberTypes}, members),
	})
}
