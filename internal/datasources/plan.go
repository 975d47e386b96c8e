package datasources

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/planfile"
)

var _ datasource.DataSourceWithConfigure = (*planDataSource)(nil)

// NewPlan returns the baseline_plan data source.
func NewPlan() datasource.DataSource { return &planDataSource{} }

type planDataSource struct {
	data *fwkit.ProviderData
}

func (d *planDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_plan"
}

func (d *planDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := fwkit.VerdictDataSourceAttributes()
	findings := attrs["findings"].(schema.ListNestedAttribute)
	fattrs := maps.Clone(findings.NestedObject.Attributes)
	fattrs["address"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Address of the resource instance, such as `module.app.aws_s3_bucket.logs[0]`."}
	fattrs["module_address"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Address of the module instance that holds it, such as `module.app`; empty for the root module."}
	findings.NestedObject.Attributes = fattrs
	findings.MarkdownDescription = "One object per control that did not pass on an instance, with the instance's `address` and `module_address` and " +
		"`control_id`, `title`, `severity`, `status` (`fail`, `unknown`, `waived` or `error`), `resource_type`, `attribute` (path inside the instance's values), " +
		"`message`, `fix`, `remediation`, `responsibility`, `service_model`, `frameworks` and, when waived, `waiver_reason`, `waiver_owner`, `waiver_expires`. " +
		"Sensitive values are never quoted."
	attrs["findings"] = findings
	attrs["violations"] = schema.ListAttribute{Computed: true, ElementType: types.StringType,
		MarkdownDescription: "One line per failed or errored control (and per unknown control under `unknown_values = \"fail\"`), starting with the instance address."}
	for name, a := range fwkit.SelectionDataSourceAttributes() {
		attrs[name] = a
	}
	waivers := attrs["waivers"].(schema.ListNestedAttribute)
	wattrs := maps.Clone(waivers.NestedObject.Attributes)
	wattrs["match"] = schema.MapAttribute{Optional: true, ElementType: types.StringType,
		MarkdownDescription: "Narrows the waiver to instances that match: `address` (a glob on the instance address, such as `module.legacy.aws_s3_bucket.*`), " +
			"`module_address` (a glob on the module address; `root` for the root module) and attribute paths inside the instance's values (`bucket`, `tags.Team`). " +
			"In address globs `*` is any run of characters and `?` one; brackets are literal, so `module.app[\"eu\"].*` needs no escaping. Every entry must match."}
	waivers.NestedObject.Attributes = wattrs
	waivers.MarkdownDescription = fwkit.WaiversDocs + " A waiver's `match` may name the instance `address` or `module_address`: the way to accept a finding inside a module you cannot change. Checked before the provider's `waiver` blocks."
	attrs["waivers"] = waivers
	for name, a := range map[string]schema.Attribute{
		"path": schema.StringAttribute{Required: true,
			MarkdownDescription: "Path of the JSON to judge: `terraform show -json tfplan > plan.json` of a plan saved with `terraform plan -out=tfplan`, " +
				"or `terraform show -json > state.json` of a state (OpenTofu's `tofu show -json` too). Relative paths are relative to the working directory of the run."},
		"unknown_values": schema.StringAttribute{Optional: true,
			MarkdownDescription: "What a control whose deciding value is unknown until apply does: `fail` (default: non-compliant) or `warn` (reported, compliant). " +
				"`defer` is not available: a saved plan is not judged again at apply. Overrides the provider's `unknown_values` (whose `defer` counts as `fail` here)."},
		"definitions": schema.StringAttribute{Optional: true,
			MarkdownDescription: "An organisation's own baseline: the `spec` of a `baseline_definition` data source. Its controls, selection, severities and waivers apply with the built-in controls, instead of the provider's `control` blocks and `controls_file`."},
		"modules": schema.ListAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: "Globs on module addresses that select what is judged: `module.app`, `module.app[\"eu\"]`, `module.*`, `root` (the root module). " +
				"An instance is judged when its module or a module above it matches an entry, and none prefixed `!` (an exclusion: `!module.vendored`). Default: every module."},
		"kind":              schema.StringAttribute{Computed: true, MarkdownDescription: "`plan` or `state`: what the file holds."},
		"format_version":    schema.StringAttribute{Computed: true, MarkdownDescription: "The JSON format version of the file."},
		"terraform_version": schema.StringAttribute{Computed: true, MarkdownDescription: "The Terraform (or OpenTofu) version that wrote the plan or state."},
		"resources": schema.MapNestedAttribute{Computed: true,
			MarkdownDescription: "Every instance judged or present (managed resources, and data sources the controls read), by address: its `type` and the counts of its controls. " +
				"For a plan, what will exist after apply (instances to be destroyed are left out).",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"type":    schema.StringAttribute{Computed: true, MarkdownDescription: "Resource type."},
				"passed":  schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls that passed."},
				"failed":  schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls that failed."},
				"unknown": schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls whose deciding value is unknown until apply."},
				"waived":  schema.Int64Attribute{Computed: true, MarkdownDescription: "Failed controls an active waiver accepts."},
				"errored": schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls whose deciding value could not be read."},
			}}},
		"resource_types": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The resource types present that some control judges, sorted: give them to `baseline_coverage` to list the customer duties no control covers."},
		"unjudged_types": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The managed resource types present that no control covers, sorted."},
	} {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Judges every resource instance of every module — root, child, registry — in the JSON of a saved plan (`terraform show -json tfplan`) " +
			"or of a state (`terraform show -json`), with the catalog and the organisation's own controls, as `self` would be judged: for a plan, what each change " +
			"leaves after apply, with every value `after_unknown` marks made unknown; for a state, the recorded values. Companion resources are judged together, " +
			"as the posture types are: an S3 bucket with its public access block, ownership controls, ACL, policy, encryption, logging and versioning; a VPC with " +
			"its flow logs; matched inside one module instance through the plan's configuration references or known names. Data sources the controls read " +
			"(`aws_iam_policy_document`) are judged too. The file is read as a stream and instances are judged as they are read. Give the verdict to " +
			"`baseline_guardrail { verdicts = data.baseline_plan.x }` in a small gate module to fail its plan, and to `baseline_report` for SARIF and JUnit. " +
			"Sensitive values (`after_sensitive`, `sensitive_values`) never appear in a message.",
		Attributes: attrs,
	}
}

func (d *planDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerData(req, resp)
}

func (d *planDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	diags := &resp.Diagnostics
	if d.data == nil {
		diags.AddError("Provider Not Configured", "The baseline provider was not configured before baseline_plan was read. Please report this issue to the provider developers.")
		return
	}
	var in struct {
		Path, UnknownValues, Definitions types.String
		Modules                          types.List
		Sel                              fwkit.Selection
	}
	for name, target := range map[string]any{
		"path": &in.Path, "unknown_values": &in.UnknownValues, "definitions": &in.Definitions, "modules": &in.Modules,
		"controls": &in.Sel.Controls, "exclude_controls": &in.Sel.ExcludeControls, "minimum_severity": &in.Sel.MinimumSeverity,
		"baseline": &in.Sel.Baseline, "waivers": &in.Sel.Waivers,
	} {
		diags.Append(req.Config.GetAttribute(ctx, path.Root(name), target)...)
	}
	if diags.HasError() {
		return
	}
	eng, base, ok := planEngine(d.data.Engine, d.data.Options, in.Definitions, diags)
	if !ok {
		return
	}
	opts, sd := in.Sel.Options(ctx, base, eng)
	diags.Append(sd...)
	if diags.HasError() {
		return
	}
	if opts.Unknown, ok = planUnknownPolicy(opts.Unknown, in.UnknownValues, diags); !ok {
		return
	}
	var modules []string
	if !in.Modules.IsNull() {
		diags.Append(in.Modules.ElementsAs(ctx, &modules, false)...)
		if diags.HasError() {
			return
		}
	}
	file := in.Path.ValueString()
	res, err := planfile.ReadFile(file, planfile.Options{Engine: eng, Eval: opts, Modules: modules})
	if err != nil {
		var pe *planfile.Error
		summary := "Unable to Read Plan JSON"
		if errors.As(err, &pe) {
			summary = "Unable to Read Plan JSON: " + titleCase(pe.Problem)
		}
		diags.AddAttributeError(path.Root("path"), summary, fmt.Sprintf("baseline_plan cannot judge %s: %s.", file, err))
		return
	}
	v := res.Verdict
	fwkit.ExpiredWaiverWarnings(v, path.Root("waivers"), diags)

	state, err := planState(req.Config.Raw, res, v.Violations(opts.Unknown))
	if err != nil {
		diags.AddError("Unable to Write Plan Verdict", fmt.Sprintf("baseline_plan judged %s but cannot write its verdict: %s. Please report this issue to the provider developers.", file, err))
		return
	}
	resp.State.Raw = state
}

// planEngine is the engine and base options that judge the plan: the
// provider's, or those compiled from the data source's own definitions.
func planEngine(eng *engine.Engine, base engine.Options, definitions types.String, diags *diag.Diagnostics) (*engine.Engine, engine.Options, bool) {
	if definitions.IsNull() {
		return eng, base, true
	}
	builtin, err := catalog.Engine()
	if err != nil {
		diags.AddError("Unable to Load Control Catalog", err.Error())
		return nil, base, false
	}
	compiled, err := definition.Load(builtin, definitions.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("definitions"), "Invalid Definitions", fmt.Sprintf("definitions: %s.", err))
		return nil, base, false
	}
	asOf := base.AsOf
	if asOf.IsZero() {
		asOf = time.Now().UTC()
	}
	if base.Waivers, err = compiled.Waivers(asOf); err != nil {
		diags.AddAttributeError(path.Root("definitions"), "Invalid Definitions", fmt.Sprintf("definitions: %s.", err))
		return nil, base, false
	}
	return compiled.Engine, base, true
}

// planUnknownPolicy is the unknown-value policy of a saved plan: defer
// becomes fail (a saved plan is not judged again at apply), and
// unknown_values, when set, is fail or warn.
func planUnknownPolicy(p engine.UnknownPolicy, arg types.String, diags *diag.Diagnostics) (engine.UnknownPolicy, bool) {
	if p == engine.UnknownDefer {
		p = engine.UnknownFail
	}
	if arg.IsNull() {
		return p, true
	}
	switch set := engine.UnknownPolicy(arg.ValueString()); set {
	case engine.UnknownFail, engine.UnknownWarn:
		return set, true
	default:
		diags.AddAttributeError(path.Root("unknown_values"), "Invalid Unknown Values Policy",
			fmt.Sprintf("unknown_values: %q is not fail or warn (defer is not available: a saved plan is not judged again at apply).", set))
		return p, false
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clip(s)
}

// titleCase capitalises each word of a short phrase ("file not found" →
// "File Not Found") for a diagnostic summary.
func titleCase(s string) string {
	b := []byte(s)
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == ' '
	}
	return string(b)
}
