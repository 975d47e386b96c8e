package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/datasources"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

// Live mode: the optional aws block and the live data sources. Nothing here
// touches the network or reads AWS files at Configure; the client is built on
// the first live read, so planned mode needs neither the block nor credentials.

func init() {
	schemaBlocks["aws"] = awsBlock()
	configureSteps = append(configureSteps, configureAWS)
	dataSourceTypes = append(dataSourceTypes,
		datasources.NewAWSAccount,
		datasources.NewAWSS3Bucket,
		datasources.NewAWSS3Buckets,
		datasources.NewAWSSecurityGroup,
		datasources.NewAWSSecurityGroups,
		datasources.NewAWSDBInstance,
		datasources.NewAWSCloudTrail,
		datasources.NewAWSSecurityHub,
	)
}

type awsModel struct {
	Region                 types.String     `tfsdk:"region"`
	Profile                types.String     `tfsdk:"profile"`
	SharedConfigFiles      types.List       `tfsdk:"shared_config_files"`
	SharedCredentialsFiles types.List       `tfsdk:"shared_credentials_files"`
	Endpoints              types.Map        `tfsdk:"endpoints"`
	MaxRetries             types.Int64      `tfsdk:"max_retries"`
	RetryMode              types.String     `tfsdk:"retry_mode"`
	MaxConcurrency         types.Int64      `tfsdk:"max_concurrency"`
	ReadTimeout            types.String     `tfsdk:"read_timeout"`
	AssumeRole             *assumeRoleModel `tfsdk:"assume_role"`
}

type assumeRoleModel struct {
	RoleARN     types.String `tfsdk:"role_arn"`
	SessionName types.String `tfsdk:"session_name"`
	ExternalID  types.String `tfsdk:"external_id"`
	Duration    types.String `tfsdk:"duration"`
}

func awsBlock() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Live mode: how the `baseline_aws_*` data sources read AWS (read-only Get/Describe/List/Head calls). " +
			"Optional: without it the standard AWS environment and shared configuration apply (`AWS_REGION`, `AWS_PROFILE`, " +
			"`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`, ...). " +
			"Clients are created on the first live read, so planned mode never needs credentials.",
		Attributes: map[string]schema.Attribute{
			"region":  schema.StringAttribute{Optional: true, MarkdownDescription: "Region to read. Default: `AWS_REGION` or the profile's region."},
			"profile": schema.StringAttribute{Optional: true, MarkdownDescription: "Shared config profile. Default: `AWS_PROFILE` or `default`."},
			"shared_config_files": schema.ListAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Shared config files to read instead of `~/.aws/config`."},
			"shared_credentials_files": schema.ListAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Shared credentials files to read instead of `~/.aws/credentials`."},
			"endpoints": schema.MapAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Custom endpoint URL per service, for emulators such as moto or for VPC endpoints. Keys: `" +
					strings.Join(liveaws.EndpointServices, "`, `") + "`. A custom S3 endpoint is addressed path-style; a custom S3 Control endpoint is used without the account-id host prefix."},
			"max_retries": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Retries after the first attempt for throttling, 5xx and network errors, with exponential backoff and jitter. Default: `AWS_MAX_ATTEMPTS` - 1, or 4."},
			"retry_mode": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("adaptive", "standard")},
				MarkdownDescription: "`adaptive` (default: standard retries plus client-side rate limiting when throttled) or `standard`. Default: `AWS_RETRY_MODE` or `adaptive`."},
			"max_concurrency": schema.Int64Attribute{Optional: true,
				MarkdownDescription: fmt.Sprintf("Resources read in parallel by list-wide data sources such as `baseline_aws_s3_buckets` (default %d).", liveaws.DefaultMaxConcurrency)},
			"read_timeout": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Deadline of one live data source read, as a Go duration such as `90s` or `5m` (default `5m`)."},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.SingleNestedBlock{
				MarkdownDescription: "Role to assume (sts:AssumeRole) with the base credentials before reading.",
				Attributes: map[string]schema.Attribute{
					"role_arn":     schema.StringAttribute{Optional: true, MarkdownDescription: "ARN of the role to assume (required when the block is present)."},
					"session_name": schema.StringAttribute{Optional: true, MarkdownDescription: "Session name (default `terraform-provider-baseline`)."},
					"external_id":  schema.StringAttribute{Optional: true, MarkdownDescription: "External id the role's trust policy requires."},
					"duration":     schema.StringAttribute{Optional: true, MarkdownDescription: "Session duration as a Go duration such as `1h` (default `15m`)."},
				},
			},
		},
	}
}

func configureAWS(ctx context.Context, cfg tfsdk.Config, data *fwkit.ProviderData, diags *diag.Diagnostics) {
	var m *awsModel
	diags.Append(cfg.GetAttribute(ctx, path.Root("aws"), &m)...)
	if diags.HasError() {
		return
	}
	var live liveaws.Config
	if m != nil {
		live = awsConfig(ctx, m, diags)
		if diags.HasError() {
			return
		}
	}
	if err := live.Validate(); err != nil {
		diags.AddAttributeError(path.Root("aws"), "Invalid AWS Configuration", err.Error())
		return
	}
	data.Live = liveaws.New(live)
}

func awsConfig(ctx context.Context, m *awsModel, diags *diag.Diagnostics) liveaws.Config {
	base := path.Root("aws")
	unknown := func(name string, v interface{ IsUnknown() bool }) bool {
		if v.IsUnknown() {
			diags.AddAttributeError(base.AtName(name), "Provider Configuration Unknown",
				fmt.Sprintf("aws.%s must be known when the provider is configured; it cannot come from a resource that is not created yet.", name))
			return true
		}
		return false
	}
	for name, v := range map[string]interface{ IsUnknown() bool }{
		"region": m.Region, "profile": m.Profile, "shared_config_files": m.SharedConfigFiles, "shared_credentials_files": m.SharedCredentialsFiles,
		"endpoints": m.Endpoints, "max_retries": m.MaxRetries, "retry_mode": m.RetryMode, "max_concurrency": m.MaxConcurrency, "read_timeout": m.ReadTimeout,
	} {
		unknown(name, v)
	}
	if diags.HasError() {
		return liveaws.Config{}
	}
	c := liveaws.Config{
		Region:         m.Region.ValueString(),
		Profile:        m.Profile.ValueString(),
		MaxRetries:     int(m.MaxRetries.ValueInt64()),
		RetryMode:      m.RetryMode.ValueString(),
		MaxConcurrency: int(m.MaxConcurrency.ValueInt64()),
	}
	diags.Append(m.SharedConfigFiles.ElementsAs(ctx, &c.SharedConfigFiles, false)...)
	diags.Append(m.SharedCredentialsFiles.ElementsAs(ctx, &c.SharedCredentialsFiles, false)...)
	diags.Append(m.Endpoints.ElementsAs(ctx, &c.Endpoints, false)...)
	if m.MaxRetries.ValueInt64() < 0 {
		diags.AddAttributeError(base.AtName("max_retries"), "Invalid Max Retries", "aws.max_retries must be 0 or more.")
	}
	if m.MaxConcurrency.ValueInt64() < 0 {
		diags.AddAttributeError(base.AtName("max_concurrency"), "Invalid Max Concurrency", "aws.max_concurrency must be 1 or more.")
	}
	c.ReadTimeout = duration(m.ReadTimeout, base.AtName("read_timeout"), diags)
	if ar := m.AssumeRole; ar != nil {
		at := base.AtName("assume_role")
		if ar.RoleARN.IsUnknown() || ar.SessionName.IsUnknown() || ar.ExternalID.IsUnknown() || ar.Duration.IsUnknown() {
			diags.AddAttributeError(at, "Provider Configuration Unknown", "aws.assume_role must be known when the provider is configured.")
			return c
		}
		if ar.RoleARN.ValueString() == "" {
			diags.AddAttributeError(at.AtName("role_arn"), "Missing Role ARN", "aws.assume_role.role_arn must be set when the assume_role block is present.")
		}
		c.AssumeRole = &liveaws.AssumeRole{
			RoleARN: ar.RoleARN.ValueString(), SessionName: ar.SessionName.ValueString(), ExternalID: ar.ExternalID.ValueString(),
			Duration: duration(ar.Duration, at.AtName("duration"), diags),
		}
	}
	return c
}

func duration(v types.String, at path.Path, diags *diag.Diagnostics) time.Duration {
	if v.IsNull() || v.ValueString() == "" {
		return 0
	}
	d, err := time.ParseDuration(v.ValueString())
	if err != nil || d <= 0 {
		diags.AddAttributeError(at, "Invalid Duration", fmt.Sprintf("%q is not a positive duration such as \"90s\", \"15m\" or \"1h\".", v.ValueString()))
	}
	return d
}
