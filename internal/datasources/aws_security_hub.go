package datasources

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

var _ datasource.DataSourceWithConfigure = (*awsSecurityHubDataSource)(nil)

// NewAWSSecurityHub returns the baseline_aws_security_hub data source.
func NewAWSSecurityHub() datasource.DataSource { return &awsSecurityHubDataSource{} }

type awsSecurityHubDataSource struct{ liveBase }

var hubAccountTypes = map[string]attr.Type{
	"account_id": types.StringType, "status": types.StringType, "failed": types.Int64Type, "passed": types.Int64Type,
	"not_available": types.Int64Type, "waived": types.Int64Type, "failing_resources": types.ListType{ElemType: types.StringType},
}

var hubControlTypes = map[string]attr.Type{
	"control_id": types.StringType, "security_control_id": types.StringType, "in_catalog": types.BoolType, "title": types.StringType,
	"severity": types.StringType, "status": types.StringType, "failed": types.Int64Type, "passed": types.Int64Type,
	"not_available": types.Int64Type, "waived": types.Int64Type, "failing_resources": types.ListType{ElemType: types.StringType},
	"accounts": types.ListType{ElemType: types.ObjectType{AttrTypes: hubAccountTypes}},
}

var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

func (d *awsSecurityHubDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aws_security_hub"
}

func (d *awsSecurityHubDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := fwkit.VerdictDataSourceAttributes()
	waiver := fwkit.WaiverDataSourceAttributes()
	waiver["control_id"] = schema.StringAttribute{Required: true, MarkdownDescription: "The control this waiver accepts: a catalog control id such as `aws-s3-bucket-public-access-block`, or a Security Hub control id such as `S3.8` (for controls outside the catalog too)."}
	waiver["match"] = schema.MapAttribute{Optional: true, ElementType: types.StringType,
		MarkdownDescription: "Narrows the waiver to failing resources whose attributes match globs: `account_id`, `region`, `resource` (the resource ARN), `resource_type` (the ASFF type such as `AwsS3Bucket`), `security_control_id`. Every entry must match."}
	for name, a := range map[string]schema.Attribute{
		"accounts": schema.SetAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: "Only findings of these account ids. Default: every account whose findings the caller sees — its own and, in the Security Hub administrator account, every member's. " +
				"An account asked for that has no finding is an `error` finding (not a member, Security Hub not enabled there), never a pass; accounts other than the caller's need the caller to be the administrator."},
		"regions": schema.SetAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: "Only findings of these Regions. Default: every Region whose findings the provider's Region holds (with cross-Region aggregation, the aggregation Region holds every linked Region's)."},
		"control_ids": schema.SetAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: "Only these controls: Security Hub control ids such as `S3.8`, or catalog control ids (which stand for their `aws-fsbp` references). Default: every Security Hub control."},
		"exclude_controls": schema.SetAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: "Never these controls: Security Hub control ids or catalog control ids."},
		"minimum_severity": schema.StringAttribute{Optional: true,
			MarkdownDescription: fwkit.SelectionDocs["minimum_severity"] + " Security Hub is asked only for findings whose severity label is at or above it, plus `INFORMATIONAL` (the label of passed findings); a control joined to the catalog is then judged at the catalog's severity, one outside it at Security Hub's."},
		"baseline": schema.StringAttribute{Optional: true, MarkdownDescription: fwkit.SelectionDocs["baseline"] +
			" A Security Hub control outside the catalog belongs to `aws-fsbp` when its findings name the AWS Foundational Security Best Practices standard."},
		"waivers": schema.ListNestedAttribute{Optional: true, MarkdownDescription: fwkit.WaiversDocs + " Checked before the provider's `waiver` blocks; each failing resource is matched on its own.",
			NestedObject: schema.NestedAttributeObject{Attributes: waiver}},
		"account_id":    schema.StringAttribute{Computed: true, MarkdownDescription: "The caller's account (sts GetCallerIdentity): the administrator account when it reads its members."},
		"region":        schema.StringAttribute{Computed: true, MarkdownDescription: "The Region read."},
		"findings_read": schema.Int64Attribute{Computed: true, MarkdownDescription: "Findings GetFindings returned (read in pages of 100 and tallied as they arrive; none is kept)."},
		"resource_types": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Resource types of the catalog controls judged, sorted: give them to `baseline_coverage` to list the customer duties no control covers."},
		"controls": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "One summary per Security Hub control with findings, sorted by Security Hub id.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"control_id":          schema.StringAttribute{Computed: true, MarkdownDescription: "The catalog control joined by its `aws-fsbp` reference, or the Security Hub id when the control is outside the catalog."},
				"security_control_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Security Hub control id, such as `S3.8`."},
				"in_catalog":          schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the control is joined to the catalog; `false` marks a Security Hub control reported under its own id and severity."},
				"title":               schema.StringAttribute{Computed: true, MarkdownDescription: "Control title (the catalog's, else the finding's)."},
				"severity":            schema.StringAttribute{Computed: true, MarkdownDescription: "Severity (the catalog's, else Security Hub's)."},
				"status":              schema.StringAttribute{Computed: true, MarkdownDescription: "Worst status over the accounts: `fail`, `unknown` (only NOT_AVAILABLE results), `waived` or `pass`."},
				"failed":              schema.Int64Attribute{Computed: true, MarkdownDescription: "Resources that fail (FAILED or WARNING) and are not waived."},
				"passed":              schema.Int64Attribute{Computed: true, MarkdownDescription: "Resources that pass."},
				"not_available":       schema.Int64Attribute{Computed: true, MarkdownDescription: "Resources Security Hub could not evaluate (NOT_AVAILABLE)."},
				"waived":              schema.Int64Attribute{Computed: true, MarkdownDescription: "Failing resources an active waiver accepts."},
				"failing_resources":   schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: fmt.Sprintf("ARNs of failing resources, at most %d (`failed` has the count).", liveaws.MaxFailingResources)},
				"accounts": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The same per account, sorted by account id.",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"account_id":        schema.StringAttribute{Computed: true, MarkdownDescription: "Account id."},
						"status":            schema.StringAttribute{Computed: true, MarkdownDescription: "`fail`, `unknown`, `waived` or `pass`."},
						"failed":            schema.Int64Attribute{Computed: true, MarkdownDescription: "Failing resources, not waived."},
						"passed":            schema.Int64Attribute{Computed: true, MarkdownDescription: "Passing resources."},
						"not_available":     schema.Int64Attribute{Computed: true, MarkdownDescription: "Resources not evaluated."},
						"waived":            schema.Int64Attribute{Computed: true, MarkdownDescription: "Failing resources waived."},
						"failing_resources": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: fmt.Sprintf("ARNs of failing resources, at most %d.", liveaws.MaxFailingResources)},
					}}},
			}}},
	} {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges AWS Security Hub control findings of one or many accounts with the catalog: each finding's " +
			"`Compliance.SecurityControlId` (such as `S3.8`) is joined to the catalog control with that `aws-fsbp` reference, so the verdict carries " +
			"the catalog's control id, severity, responsibility and service model; Security Hub controls outside the catalog are reported under " +
			"their own id and Security Hub severity (`in_catalog = false`). One finding per control and account that fails. Reads the active, " +
			"unsuppressed Security Hub findings with GetFindings in one pass of pages of 100 — in the administrator account, every member's " +
			"aggregated findings — tallying each page as it arrives. Security Hub not enabled, a denied call, throttling through every retry " +
			"or a member account asking for other accounts are `error` findings, never a pass." + liveDescription,
		Attributes: attrs,
	}
}

func (d *awsSecurityHubDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	diags := &resp.Diagnostics
	if d.data == nil {
		diags.AddError("Provider Not Configured", "The baseline provider was not configured before a live data source was read. Please report this issue to the provider developers.")
		return
	}
	eng := d.data.Engine
	opts, q := d.options(ctx, req.Config, eng, diags)
	if diags.HasError() {
		return
	}
	client, ok := d.data.Live.(*liveaws.Client)
	if !ok || client == nil {
		diags.AddError("Live Mode Unavailable", "The provider was configured without live AWS support. Please report this issue to the provider developers.")
		return
	}
	ctx, cancel := context.WithTimeout(ctx, client.ReadTimeout())
	defer cancel()
	rep, err := client.ReadSecurityHub(ctx, eng, opts, q)
	if err != nil {
		readError(diags, ctx, client.ReadTimeout(), "Security Hub Findings", "the Security Hub findings", err)
		return
	}
	v := eng.JudgeExternal(liveaws.HubResourceType, rep.Results, opts)
	fwkit.ExpiredWaiverWarnings(v, path.Root("waivers"), diags)

	controls := make([]attr.Value, 0, len(rep.Controls))
	rts := map[string]bool{}
	for _, c := range rep.Controls {
		accts := make([]attr.Value, 0, len(c.Accounts))
		for _, a := range c.Accounts {
			accts = append(accts, types.ObjectValueMust(hubAccountTypes, map[string]attr.Value{
				"account_id": types.StringValue(a.AccountID), "status": types.StringValue(string(a.Status)),
				"failed": types.Int64Value(int64(a.Failed)), "passed": types.Int64Value(int64(a.Passed)),
				"not_available": types.Int64Value(int64(a.NotAvailable)), "waived": types.Int64Value(int64(a.Waived)),
				"failing_resources": fwkit.Strings(a.FailingResources),
			}))
		}
		controls = append(controls, types.ObjectValueMust(hubControlTypes, map[string]attr.Value{
			"control_id": types.StringValue(c.ControlID), "security_control_id": types.StringValue(c.SecurityControlID),
			"in_catalog": types.BoolValue(c.InCatalog), "title": types.StringValue(c.Title), "severity": types.StringValue(string(c.Severity)),
			"status": types.StringValue(string(c.Status)), "failed": types.Int64Value(int64(c.Failed)), "passed": types.Int64Value(int64(c.Passed)),
			"not_available": types.Int64Value(int64(c.NotAvailable)), "waived": types.Int64Value(int64(c.Waived)),
			"failing_resources": fwkit.Strings(c.FailingResources),
			"accounts":          types.ListValueMust(types.ObjectType{AttrTypes: hubAccountTypes}, accts),
		}))
		if ctl, ok := eng.Control(c.ControlID); ok && c.InCatalog {
			for _, rt := range ctl.ResourceTypes {
				rts[rt] = true
			}
		}
	}
	resourceTypes := make([]string, 0, len(rts))
	for rt := range rts {
		resourceTypes = append(resourceTypes, rt)
	}
	sort.Strings(resourceTypes)
	finish(ctx, resp, v, opts, map[string]any{
		"account_id": rep.AccountID, "region": rep.Region, "findings_read": int64(rep.FindingsRead),
		"resource_types": fwkit.Strings(resourceTypes),
		"controls":       types.ListValueMust(types.ObjectType{AttrTypes: hubControlTypes}, controls),
	})
}

// options reads the arguments into engine options (the provider's, narrowed)
// and the Security Hub query, adding attribute errors for bad values.
func (d *awsSecurityHubDataSource) options(ctx context.Context, cfg tfsdk.Config, eng *engine.Engine, diags *diag.Diagnostics) (engine.Options, liveaws.HubQuery) {
	opts := d.data.Options
	var q liveaws.HubQuery
	q.Accounts = setArg(ctx, cfg, "accounts", diags)
	q.Regions = setArg(ctx, cfg, "regions", diags)
	for _, a := range q.Accounts {
		if !accountIDPattern.MatchString(a) {
			diags.AddAttributeError(path.Root("accounts"), "Invalid Account ID", fmt.Sprintf("accounts: %q is not a 12-digit AWS account id.", a))
		}
	}
	for _, r := range q.Regions {
		if r == "" {
			diags.AddAttributeError(path.Root("regions"), "Invalid Region", "regions: a Region name must not be empty.")
		}
	}
	// control_ids and exclude_controls take Security Hub ids and catalog ids.
	fsbpOf := func(c *engine.Control) []string {
		var out []string
		for _, f := range c.Frameworks {
			if id, ok := cutFSBP(f); ok {
				out = append(out, id)
			}
		}
		return out
	}
	for _, id := range setArg(ctx, cfg, "control_ids", diags) {
		if c, ok := eng.Control(id); ok {
			refs := fsbpOf(c)
			if len(refs) == 0 {
				diags.AddAttributeError(path.Root("control_ids"), "Control Without Security Hub Counterpart",
					fmt.Sprintf("control_ids: catalog control %q has no aws-fsbp reference, so no Security Hub control stands for it.", id))
			}
			q.SecurityControlIDs = append(q.SecurityControlIDs, refs...)
			continue
		}
		if !liveaws.IsSecurityControlID(id) {
			diags.AddAttributeError(path.Root("control_ids"), "Unknown Control",
				fmt.Sprintf("control_ids: %q is neither a catalog control id (see baseline_controls) nor a Security Hub control id such as \"S3.8\".", id))
			continue
		}
		q.SecurityControlIDs = append(q.SecurityControlIDs, id)
	}
	for _, id := range setArg(ctx, cfg, "exclude_controls", diags) {
		if _, ok := eng.Control(id); ok {
			opts.Exclude = append(append([]string{}, opts.Exclude...), id)
			continue
		}
		if !liveaws.IsSecurityControlID(id) {
			diags.AddAttributeError(path.Root("exclude_controls"), "Unknown Control",
				fmt.Sprintf("exclude_controls: %q is neither a catalog control id nor a Security Hub control id such as \"S3.8\".", id))
			continue
		}
		q.ExcludeSecurityControlIDs = append(q.ExcludeSecurityControlIDs, id)
	}
	slices.Sort(q.SecurityControlIDs)
	q.SecurityControlIDs = slices.Compact(q.SecurityControlIDs)
	if s := stringArg(ctx, cfg, "minimum_severity", diags); s != "" {
		sev, err := engine.ParseSeverity(s)
		if err != nil {
			diags.AddAttributeError(path.Root("minimum_severity"), "Invalid Minimum Severity", err.Error())
		}
		opts.MinimumSeverity = sev
	}
	q.MinimumSeverity = opts.MinimumSeverity
	var baseline types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root("baseline"), &baseline)...)
	if !baseline.IsNull() && !baseline.IsUnknown() {
		if err := eng.ValidateBaseline(baseline.ValueString()); err != nil {
			diags.AddAttributeError(path.Root("baseline"), "Unknown Baseline", err.Error()+".")
		}
		opts.Baseline = baseline.ValueString()
	}
	var models []fwkit.WaiverModel
	diags.Append(cfg.GetAttribute(ctx, path.Root("waivers"), &models)...)
	if own := hubWaivers(ctx, models, opts.AsOf, eng, diags); len(own) > 0 {
		opts.Waivers = append(own, opts.Waivers...)
	}
	return opts, q
}

func cutFSBP(ref string) (string, bool) {
	const prefix = "aws-fsbp:"
	if len(ref) > len(prefix) && ref[:len(prefix)] == prefix {
		return ref[len(prefix):], true
	}
	return "", false
}

// hubWaivers parses waivers whose control_id is a catalog id or a Security
// Hub control id.
func hubWaivers(ctx context.Context, models []fwkit.WaiverModel, asOf time.Time, eng *engine.Engine, diags *diag.Diagnostics) engine.Waivers {
	return externalWaivers(ctx, models, asOf, eng, liveaws.IsSecurityControlID, diags)
}

// externalWaivers parses waivers whose control_id is a catalog id or an id
// of the external engine (isExternal: a Security Hub control id, a Defender
// assessment key, an SCC category).
func externalWaivers(ctx context.Context, models []fwkit.WaiverModel, asOf time.Time, eng *engine.Engine, isExternal func(string) bool, diags *diag.Diagnostics) engine.Waivers {
	at := path.Root("waivers")
	var catalogModels []fwkit.WaiverModel
	var catalogAt []int
	var out engine.Waivers
	if asOf.IsZero() {
		asOf = time.Now().UTC()
	}
	for i, m := range models {
		id := m.ControlID.ValueString()
		if _, ok := eng.Control(id); ok || m.ControlID.IsUnknown() || !isExternal(id) {
			catalogModels = append(catalogModels, m)
			catalogAt = append(catalogAt, i)
			continue
		}
		if m.Reason.IsUnknown() || m.Owner.IsUnknown() || m.Expires.IsUnknown() || m.Match.IsUnknown() {
			diags.AddAttributeError(at.AtListIndex(i), "Waiver Unknown", "Waivers must be known at plan time.")
			continue
		}
		match := map[string]string{}
		if !m.Match.IsNull() {
			diags.Append(m.Match.ElementsAs(ctx, &match, false)...)
		}
		w, err := engine.NewWaiver(id, m.Reason.ValueString(), m.Owner.ValueString(), m.Expires.ValueString(), match, asOf)
		if err != nil {
			diags.AddAttributeError(at.AtListIndex(i), "Invalid Waiver", fmt.Sprintf("%s: %s.", at.AtListIndex(i), err))
			continue
		}
		out = append(out, w)
	}
	// Catalog waivers (and ids that are neither) go through the shared
	// parser, with their own list positions in its errors.
	var sub diag.Diagnostics
	parsed := fwkit.ParseWaivers(ctx, catalogModels, at, asOf, eng, &sub)
	for _, dg := range sub {
		if wp, ok := dg.(diag.DiagnosticWithPath); ok {
			diags.AddAttributeError(remapIndex(wp.Path(), catalogAt), dg.Summary(), dg.Detail())
			continue
		}
		diags.Append(dg)
	}
	return append(parsed, out...)
}

// remapIndex maps waivers[i]... of the catalog subset back to the argument's index.
func remapIndex(p path.Path, index []int) path.Path {
	steps := p.Steps()
	if len(steps) < 2 {
		return p
	}
	if k, ok := steps[1].(path.PathStepElementKeyInt); ok && int(k) < len(index) {
		out := path.Root("waivers").AtListIndex(index[k])
		for _, s := range steps[2:] {
			if n, ok := s.(path.PathStepAttributeName); ok {
				out = out.AtName(string(n))
			}
		}
		return out
	}
	return p
}

// setArg reads an optional set(string) argument (nil when null).
func setArg(ctx context.Context, cfg tfsdk.Config, name string, diags *diag.Diagnostics) []string {
	var s types.Set
	diags.Append(cfg.GetAttribute(ctx, path.Root(name), &s)...)
	if s.IsUnknown() {
		diags.AddAttributeError(path.Root(name), "Argument Unknown", name+" must be known at plan time: the Security Hub findings are read during plan.")
		return nil
	}
	var out []string
	if !s.IsNull() {
		diags.Append(s.ElementsAs(ctx, &out, false)...)
	}
	sort.Strings(out)
	return out
}
