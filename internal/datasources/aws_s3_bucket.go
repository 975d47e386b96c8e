package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

var _ datasource.DataSourceWithConfigure = (*awsS3BucketDataSource)(nil)

// NewAWSS3Bucket returns the baseline_aws_s3_bucket data source.
func NewAWSS3Bucket() datasource.DataSource { return &awsS3BucketDataSource{} }

type awsS3BucketDataSource struct{ liveBase }

func (d *awsS3BucketDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aws_s3_bucket"
}

func (d *awsS3BucketDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges one existing S3 bucket as a whole posture (the same checks as `aws_s3_bucket_posture` in planned mode): " +
			"Block Public Access (a bucket without a configuration fails S3.8), public ACL grants, the bucket policy parsed for public access and TLS-only, " +
			"ownership controls, default encryption, access logging and versioning." + liveDescription,
		Attributes: liveSchema(map[string]schema.Attribute{
			"bucket":     schema.StringAttribute{Required: true, MarkdownDescription: "Name of the bucket."},
			"region":     schema.StringAttribute{Computed: true, MarkdownDescription: "Region of the bucket (HeadBucket)."},
			"has_policy": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the bucket has a bucket policy (its text is judged, never returned)."},
		}),
	}
}

func (d *awsS3BucketDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	name := stringArg(ctx, req.Config, "bucket", &resp.Diagnostics)
	ctx, cancel, client, opts, ok := d.start(ctx, req.Config, &resp.Diagnostics)
	defer cancel()
	if !ok {
		return
	}
	b, err := client.LoadBucket(ctx, d.data.Engine, opts, name)
	if err != nil {
		readError(&resp.Diagnostics, ctx, client.ReadTimeout(), "S3 Bucket", "bucket "+name, err)
		return
	}
	v, ok := judge(d.data.Engine, liveaws.BucketResourceType, []liveaws.Section{b.Section()}, opts, "bucket "+name, &resp.Diagnostics)
	if !ok {
		return
	}
	finish(ctx, resp, v, opts, map[string]any{"region": b.Region, "has_policy": b.HasPolicy})
}
