package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/report"
)

var _ datasource.DataSourceWithConfigure = (*reportDataSource)(nil)

// NewReport returns the baseline_report data source.
func NewReport() datasource.DataSource { return &reportDataSource{} }

type reportDataSource struct {
	data *fwkit.ProviderData
}

type reportModel struct {
	Verdicts        types.Dynamic `tfsdk:"verdicts"`
	Format          types.String  `tfsdk:"format"`
	SourceFile      types.String  `tfsdk:"source_file"`
	Baseline        types.String  `tfsdk:"baseline"`
	MinimumSeverity types.String  `tfsdk:"minimum_severity"`
	Content         types.String  `tfsdk:"content"`
	Compliant       types.Bool    `tfsdk:"compliant"`
	Passed          types.Int64   `tfsdk:"passed"`
	Failed          types.Int64   `tfsdk:"failed"`
	Unknown         types.Int64   `tfsdk:"unknown"`
	Waived          types.Int64   `tfsdk:"waived"`
	Errored         types.Int64   `tfsdk:"errored"`
}

func (d *reportDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_report"
}

func (d *reportDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Renders verdicts for a pipeline: SARIF 2.1.0 (for code scanning), JUnit XML (for test reporters), Markdown " +
			"(for pull request comments and job summaries) or JSON. Write `content` to a file with `local_file` or an output. " +
			"Findings below the provider's `minimum_severity` or outside its `baseline` (or this data source's overrides) are left out and the counts follow.",
		Attributes: map[string]schema.Attribute{
			"verdicts": schema.DynamicAttribute{Required: true,
				MarkdownDescription: "The verdicts to report: a list of verdict objects (the result of `provider::baseline::evaluate`, a `baseline_check` " +
					"data source, a `baseline_guardrail` or a live data source: objects with `findings`, `compliant`, the counts and `resource_type`), " +
					"or a map of them keyed by name. Each may carry a `name` (default: its `resource_type`) and a `file` (the SARIF location)."},
			"format": schema.StringAttribute{Required: true, MarkdownDescription: "`sarif`, `junit`, `markdown` or `json`.",
				Validators: []validator.String{stringvalidator.OneOf(report.Formats...)}},
			"source_file": schema.StringAttribute{Optional: true,
				MarkdownDescription: "SARIF artifact location (a path relative to the repository root, such as `infra/main.tf`) of verdicts without a `file`. " +
					"GitHub code scanning needs a location to show a result."},
			"baseline":         schema.StringAttribute{Optional: true, MarkdownDescription: "Only report findings of controls in this baseline; overrides the provider's `baseline`."},
			"minimum_severity": schema.StringAttribute{Optional: true, MarkdownDescription: "Only report findings of this severity or above; overrides the provider's `minimum_severity`."},
			"content":          schema.StringAttribute{Computed: true, MarkdownDescription: "The rendered report."},
			"compliant":        schema.BoolAttribute{Computed: true, MarkdownDescription: "`true` when every reported verdict is compliant."},
			"passed":           schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls that passed, over all verdicts."},
			"failed":           schema.Int64Attribute{Computed: true, MarkdownDescription: "Reported failed findings."},
			"unknown":          schema.Int64Attribute{Computed: true, MarkdownDescription: "Reported unknown findings."},
			"waived":           schema.Int64Attribute{Computed: true, MarkdownDescription: "Reported waived findings."},
			"errored":          schema.Int64Attribute{Computed: true, MarkdownDescription: "Reported errored findings."},
		},
	}
}

func (d *reportDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerData(req, resp)
}

func (d *reportDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg reportModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	_, eng, opts, ok := matrixContext(d.data, &resp.Diagnostics)
	if !ok {
		return
	}
	if !cfg.Baseline.IsNull() {
		if err := eng.ValidateBaseline(cfg.Baseline.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("baseline"), "Unknown Baseline", err.Error()+".")
		}
		opts.Baseline = cfg.Baseline.ValueString()
	}
	if !cfg.MinimumSeverity.IsNull() {
		sev, err := engine.ParseSeverity(cfg.MinimumSeverity.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("minimum_severity"), "Invalid Minimum Severity", err.Error())
		}
		opts.MinimumSeverity = sev
	}
	if resp.Diagnostics.HasError() {
		return
	}
	lookup := func(id string) *engine.Control { c, _ := eng.Control(id); return c }
	raw, err := fwkit.SubjectFromDynamic(ctx, cfg.Verdicts)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("verdicts"), "Invalid Verdicts", err.Error())
		return
	}
	verdicts, err := report.Decode(raw, lookup)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("verdicts"), "Invalid Verdicts", "verdicts"+prefixPath(err.Error())+".")
		return
	}
	verdicts = report.Filter(verdicts, func(f engine.Finding) bool {
		if opts.MinimumSeverity != "" && f.Severity.Rank() < opts.MinimumSeverity.Rank() {
			return false
		}
		if c := lookup(f.ControlID); c != nil {
			return engine.InBaseline(c, opts.Baseline)
		}
		return true
	})
	in := report.Input{Verdicts: verdicts, SourceFile: cfg.SourceFile.ValueString()}
	content, err := report.Render(cfg.Format.ValueString(), in, lookup)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("format"), "Unable to Render Report", err.Error())
		return
	}
	t := in.Totals()
	cfg.Content = types.StringValue(content)
	cfg.Compliant = types.BoolValue(t.Compliant)
	cfg.Passed, cfg.Failed, cfg.Unknown = types.Int64Value(int64(t.Passed)), types.Int64Value(int64(t.Failed)), types.Int64Value(int64(t.Unknown))
	cfg.Waived, cfg.Errored = types.Int64Value(int64(t.Waived)), types.Int64Value(int64(t.Errored))
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// prefixPath joins a decode error that starts with a path ("[0].findings…")
// or a message to "verdicts".
func prefixPath(msg string) string {
	if len(msg) > 0 && msg[0] == '[' {
		return msg
	}
	return ": " + msg
}
