package datasources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	livegoogle "github.com/cloudbaseline/terraform-provider-baseline/internal/live/google"
)

var _ datasource.DataSourceWithConfigure = (*googleSCCDataSource)(nil)

// NewGoogleSCC returns the baseline_google_scc data source.
func NewGoogleSCC() datasource.DataSource { return &googleSCCDataSource{} }

type googleSCCDataSource struct{ liveBase }

var sccNames = postureNames{
	key: "category", keyDoc: "Security Command Center finding category, such as `PUBLIC_BUCKET_ACL`.",
	scopes: "projects", scope: "project", scopeDoc: "Project id (the finding resource's project display name).",
	engine: "Security Command Center", joinPrefix: "gcp-sha:", selectArg: "categories",
	isKey: livegoogle.IsCategory, keyExample: "PUBLIC_BUCKET_ACL", normalizeKey: strings.ToUpper,
	waiverMatchDocs: "Narrows the waiver to failing resources whose attributes match globs: `project`, `resource` (the full resource name, such as `//storage.googleapis.com/projects/*/buckets/public-*`), `resource_type` (such as `google.cloud.storage.Bucket`), `category`. Every entry must match.",
}

func (d *googleSCCDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_google_scc"
}

func (d *googleSCCDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges Google Security Command Center findings under an organization, folder or project with the catalog: each " +
			"active, unmuted misconfiguration finding (Security Health Analytics) is joined by its category to the catalog control with that " +
			"`gcp-sha:<CATEGORY>` item; categories outside the catalog are reported under their own name and SCC's severity (`in_catalog = false`). " +
			"One finding per category and project that fails. Reads with `ListFindings` (securitycenter v2) over `<parent>/sources/-`, pages of " +
			"1000, tallied as they arrive. Credentials: Application Default Credentials (including workload identity federation) or " +
			"`access_token`; the identity needs **" + livegoogle.Role + "** (`" + livegoogle.Permission + "`) on the parent. A denied call, " +
			"Security Command Center not activated or its API disabled, throttling or unavailability through every retry, or a malformed page are " +
			"`error` findings naming the cause, never a pass. Read-only: ListFindings is the only call.",
		Attributes: postureSchema(sccNames, map[string]schema.Attribute{
			"parent": schema.StringAttribute{Required: true,
				MarkdownDescription: "`organizations/N`, `folders/N` or `projects/P`: the findings of every project under it are read."},
			"endpoint": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Overrides `securitycenter.googleapis.com:443` (`host:port`, TLS), for regional endpoints and tests."},
			"access_token": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "An OAuth 2.0 access token to use instead of Application Default Credentials (for example `data.google_client_config.default.access_token`)."},
			"max_retries": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Retries of a throttled (`RESOURCE_EXHAUSTED`, honouring `RetryInfo`) or unavailable call. Default 3."},
			"findings_read": schema.Int64Attribute{Computed: true, MarkdownDescription: "Findings read (tallied as they arrive; none is kept)."},
		}),
	}
}

func (d *googleSCCDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	diags := &resp.Diagnostics
	if d.data == nil {
		diags.AddError("Provider Not Configured", "The baseline provider was not configured before a live data source was read. Please report this issue to the provider developers.")
		return
	}
	eng := d.data.Engine
	opts, pq := postureOptions(ctx, req.Config, d.data.Options, eng, sccNames, diags)
	q := livegoogle.Query{Query: pq, Parent: stringArg(ctx, req.Config, "parent", diags)}
	if !livegoogle.IsParent(q.Parent) {
		diags.AddAttributeError(path.Root("parent"), "Invalid Parent", fmt.Sprintf("parent: %q is not organizations/N, folders/N or projects/P.", q.Parent))
	}
	cfg := livegoogle.Config{Endpoint: stringArg(ctx, req.Config, "endpoint", diags), AccessToken: stringArg(ctx, req.Config, "access_token", diags)}
	var retries types.Int64
	diags.Append(req.Config.GetAttribute(ctx, path.Root("max_retries"), &retries)...)
	if !retries.IsNull() && !retries.IsUnknown() {
		if retries.ValueInt64() < 0 || retries.ValueInt64() > 20 {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid Max Retries", "max_retries must be between 0 and 20.")
		}
		cfg.MaxRetries = int(retries.ValueInt64())
		if cfg.MaxRetries == 0 {
			cfg.MaxRetries = -1
		}
	}
	if diags.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, postureReadTimeout)
	defer cancel()
	rep, err := livegoogle.Read(ctx, cfg, eng, opts, q)
	if err != nil {
		diags.AddError("Unable to Read Security Command Center Findings", fmt.Sprintf("Reading the findings under %s failed, so no category was judged: %s", q.Parent, err))
		return
	}
	v := eng.JudgeExternal(livegoogle.ResourceType, rep.Results, opts)
	fwkit.ExpiredWaiverWarnings(v, path.Root("waivers"), diags)
	controls, rts := postureControls(eng, sccNames, rep.Controls)
	finish(ctx, resp, v, opts, map[string]any{
		"findings_read": int64(rep.FindingsRead), "pages": int64(rep.Pages), "calls": int64(rep.Calls),
		"resource_types": rts, "controls": controls,
	})
}
