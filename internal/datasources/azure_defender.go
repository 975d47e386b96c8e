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
	liveazure "github.com/cloudbaseline/terraform-provider-baseline/internal/live/azure"
)

var _ datasource.DataSourceWithConfigure = (*azureDefenderDataSource)(nil)

// NewAzureDefender returns the baseline_azure_defender data source.
func NewAzureDefender() datasource.DataSource { return &azureDefenderDataSource{} }

type azureDefenderDataSource struct{ liveBase }

var defenderNames = postureNames{
	key: "assessment_key", keyDoc: "Defender for Cloud assessment key (the assessment's name, a GUID).",
	scopes: "subscriptions", scope: "subscription_id", scopeDoc: "Subscription id.",
	engine: "Defender for Cloud", joinPrefix: "azure-policy:", selectArg: "control_ids",
	isKey: liveazure.IsGUID, keyExample: "1c5de8e1-f68d-6a17-e0d2-ec259c42768c", normalizeKey: strings.ToLower,
	waiverMatchDocs: "Narrows the waiver to failing resources whose attributes match globs: `subscription_id`, `resource` (the Azure resource id, such as `/subscriptions/*/resourceGroups/legacy-*/*`), `resource_type` (such as `Microsoft.Storage/storageAccounts`), `assessment_key`. Every entry must match.",
}

func (d *azureDefenderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_azure_defender"
}

func (d *azureDefenderDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges Microsoft Defender for Cloud assessments of subscriptions or a management group with the catalog: each " +
			"assessment's Azure Policy definition (from the assessment metadata) is joined to the catalog control with that `azure-policy:<guid>` " +
			"item, so the verdict carries the catalog's control id, severity and responsibility; recommendations outside the catalog are reported " +
			"under their assessment key and Defender's severity (`in_catalog = false`). One finding per recommendation and subscription that fails. " +
			"Reads `Microsoft.Security/assessmentMetadata` and `Microsoft.Security/assessments` with the Azure SDK for Go in one pass of pages " +
			"(following `nextLink`), tallying each page as it arrives. Credentials come from azidentity's default chain (environment, workload " +
			"identity federation, managed identity, Azure CLI); the identity needs the **" + liveazure.Role + "** role on the scope (`" +
			liveazure.Permission + "`). A denied call, Defender for Cloud not enabled, throttling or server errors through every retry, or a " +
			"malformed page are `error` findings naming the cause, never a pass. Read-only: no request but GET is sent.",
		Attributes: postureSchema(defenderNames, map[string]schema.Attribute{
			"subscriptions": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Subscription ids to read. Exactly one of `subscriptions` and `management_group` must be set. A subscription with no assessment is an `error` finding (Defender for Cloud not enabled there), never a pass."},
			"management_group": schema.StringAttribute{Optional: true,
				MarkdownDescription: "A management group name: read the assessments of every subscription under it in one pager."},
			"cloud": schema.StringAttribute{Optional: true,
				MarkdownDescription: "`AzurePublic` (default), `AzureChina` or `AzureGovernment`: the Resource Manager endpoint and Microsoft Entra authority host of that cloud."},
			"resource_manager_endpoint": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Overrides the cloud's Resource Manager endpoint (an `https://` URL), for other sovereign clouds and tests."},
			"authority_host": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Overrides the cloud's Microsoft Entra authority host (an `https://` URL); instance discovery is then off."},
			"max_retries": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Retries of a throttled (429, honouring `Retry-After`) or failed (5xx) call. Default 3."},
			"assessments_read": schema.Int64Attribute{Computed: true, MarkdownDescription: "Assessments read (tallied as they arrive; none is kept)."},
		}),
	}
}

func (d *azureDefenderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	diags := &resp.Diagnostics
	if d.data == nil {
		diags.AddError("Provider Not Configured", "The baseline provider was not configured before a live data source was read. Please report this issue to the provider developers.")
		return
	}
	eng := d.data.Engine
	opts, pq := postureOptions(ctx, req.Config, d.data.Options, eng, defenderNames, diags)
	q := liveazure.Query{Query: pq, Subscriptions: setArg(ctx, req.Config, "subscriptions", diags), ManagementGroup: stringArg(ctx, req.Config, "management_group", diags)}
	for i, s := range q.Subscriptions {
		if !liveazure.IsGUID(s) {
			diags.AddAttributeError(path.Root("subscriptions"), "Invalid Subscription ID", fmt.Sprintf("subscriptions: %q is not a subscription id (a GUID).", s))
		}
		q.Subscriptions[i] = strings.ToLower(s)
	}
	if (len(q.Subscriptions) == 0) == (q.ManagementGroup == "") {
		diags.AddAttributeError(path.Root("subscriptions"), "Invalid Scope", "Exactly one of subscriptions and management_group must be set.")
	}
	if q.ManagementGroup != "" && !liveazure.IsManagementGroup(q.ManagementGroup) {
		diags.AddAttributeError(path.Root("management_group"), "Invalid Management Group", fmt.Sprintf("management_group: %q is not a management group name.", q.ManagementGroup))
	}
	cfg := liveazure.Config{Cloud: stringArg(ctx, req.Config, "cloud", diags),
		ResourceManagerEndpoint: stringArg(ctx, req.Config, "resource_manager_endpoint", diags), AuthorityHost: stringArg(ctx, req.Config, "authority_host", diags)}
	for _, a := range []struct{ name, v string }{{"resource_manager_endpoint", cfg.ResourceManagerEndpoint}, {"authority_host", cfg.AuthorityHost}} {
		if a.v != "" && !strings.HasPrefix(a.v, "https://") {
			diags.AddAttributeError(path.Root(a.name), "Invalid Endpoint", fmt.Sprintf("%s: %q must be an https:// URL (bearer tokens are sent only over TLS).", a.name, a.v))
		}
	}
	if _, err := liveazure.CloudConfig(cfg); err != nil {
		diags.AddAttributeError(path.Root("cloud"), "Unknown Azure Cloud", err.Error()+".")
	}
	var retries types.Int64
	diags.Append(req.Config.GetAttribute(ctx, path.Root("max_retries"), &retries)...)
	if !retries.IsNull() && !retries.IsUnknown() {
		if retries.ValueInt64() < 0 || retries.ValueInt64() > 20 {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid Max Retries", "max_retries must be between 0 and 20.")
		}
		cfg.MaxRetries = int(retries.ValueInt64())
		if cfg.MaxRetries == 0 {
			cfg.MaxRetries = -1 // none (azcore: negative disables retries)
		}
	}
	if diags.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, postureReadTimeout)
	defer cancel()
	rep, err := liveazure.Read(ctx, cfg, eng, opts, q)
	if err != nil {
		diags.AddError("Unable to Read Defender for Cloud Assessments", fmt.Sprintf("Reading the Defender for Cloud assessments of %s failed, so no recommendation was judged: %s", scopeWords(q), err))
		return
	}
	v := eng.JudgeExternal(liveazure.ResourceType, rep.Results, opts)
	fwkit.ExpiredWaiverWarnings(v, path.Root("waivers"), diags)
	controls, rts := postureControls(eng, defenderNames, rep.Controls)
	finish(ctx, resp, v, opts, map[string]any{
		"assessments_read": int64(rep.AssessmentsRead), "pages": int64(rep.MetadataPages + rep.Pages), "calls": int64(rep.Calls),
		"resource_types": rts, "controls": controls,
	})
}

func scopeWords(q liveazure.Query) string {
	if q.ManagementGroup != "" {
		return "management group " + q.ManagementGroup
	}
	return "subscriptions " + strings.Join(q.Subscriptions, ", ")
}
