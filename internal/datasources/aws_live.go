package datasources

import (
	"context"
	"errors"
	"fmt"
	"strings"
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

// liveBase is what every live AWS data source shares: the provider data, the
// control selection arguments, the read deadline and the diagnostics.
type liveBase struct {
	data *fwkit.ProviderData
}

func (b *liveBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.data = providerData(req, resp)
}

// liveSchema returns the verdict attributes, the selection arguments and extra.
func liveSchema(extra map[string]schema.Attribute) map[string]schema.Attribute {
	attrs := fwkit.VerdictDataSourceAttributes()
	attrs["controls"] = schema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: fwkit.SelectionDocs["controls"] + " Calls that only unselected controls need are not made."}
	attrs["exclude_controls"] = schema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: fwkit.SelectionDocs["exclude_controls"]}
	attrs["minimum_severity"] = schema.StringAttribute{Optional: true, MarkdownDescription: fwkit.SelectionDocs["minimum_severity"]}
	for k, v := range extra {
		attrs[k] = v
	}
	return attrs
}

// liveDescription is the common tail of every live data source description.
const liveDescription = " Reads live AWS state with read-only calls (see the provider's `aws` block and the live mode guide for the IAM policy). " +
	"A call that is denied makes the controls it decides `error` findings naming the missing IAM action, never a pass."

// start validates the selection, fetches the client and returns a context
// bounded by the read timeout. ok is false when it added an error.
func (b *liveBase) start(ctx context.Context, cfg tfsdk.Config, diags *diag.Diagnostics) (context.Context, context.CancelFunc, *liveaws.Client, engine.Options, bool) {
	var sel fwkit.Selection
	diags.Append(cfg.GetAttribute(ctx, path.Root("controls"), &sel.Controls)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("exclude_controls"), &sel.ExcludeControls)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("minimum_severity"), &sel.MinimumSeverity)...)
	if diags.HasError() {
		return ctx, func() {}, nil, engine.Options{}, false
	}
	if b.data == nil {
		diags.AddError("Provider Not Configured", "The baseline provider was not configured before a live data source was read. Please report this issue to the provider developers.")
		return ctx, func() {}, nil, engine.Options{}, false
	}
	opts, d := sel.Options(ctx, b.data.Options, b.data.Engine)
	diags.Append(d...)
	client, ok := b.data.Live.(*liveaws.Client)
	if !ok || client == nil {
		diags.AddError("Live Mode Unavailable", "The provider was configured without live AWS support. Please report this issue to the provider developers.")
	}
	if diags.HasError() {
		return ctx, func() {}, nil, engine.Options{}, false
	}
	ctx, cancel := context.WithTimeout(ctx, client.ReadTimeout())
	return ctx, cancel, client, opts, true
}

// readError turns a failed live read into one diagnostic: summary in title
// case, detail naming the resource, the controls and the cause.
func readError(diags *diag.Diagnostics, ctx context.Context, timeout time.Duration, what, resource string, err error) {
	var cfgErr *liveaws.ConfigError
	var re *liveaws.ReadError
	switch {
	case errors.As(err, &cfgErr):
		diags.AddError("Unable to Configure AWS Client",
			fmt.Sprintf("Reading %s needs AWS credentials and a Region: %s. Configure the provider's aws block or the standard AWS environment (AWS_REGION, AWS_PROFILE, ...).", resource, cfgErr.Err))
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		diags.AddError("Unable to Read "+what,
			fmt.Sprintf("Reading %s did not finish within the read timeout (%s); no control was judged. Raise aws.read_timeout or check connectivity to AWS. Cause: %s", resource, timeout, err))
	case errors.Is(err, context.Canceled):
		diags.AddError("Unable to Read "+what, fmt.Sprintf("Reading %s was canceled; no control was judged.", resource))
	case errors.As(err, &re) && re.Kind == liveaws.KindNotFound:
		diags.AddError("Unable to Find "+what, fmt.Sprintf("%s does not exist in this account and Region (%s answered %s), so its controls cannot be judged.", upperFirst(resource), re.Action, re.Code))
	case errors.As(err, &re) && re.Kind == liveaws.KindAccessDenied:
		diags.AddError("Unable to Read "+what, fmt.Sprintf("Reading %s was denied: the provider's credentials need the IAM action %s (see the live mode guide for the full read-only policy). Cause: %s", resource, re.Action, re.Code))
	default:
		diags.AddError("Unable to Read "+what, fmt.Sprintf("Reading %s failed, so its controls cannot be judged: %s", resource, err))
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// judge runs liveaws.Judge and reports an engine error as a diagnostic.
func judge(eng *engine.Engine, rt string, sections []liveaws.Section, opts engine.Options, resource string, diags *diag.Diagnostics) (engine.Verdict, bool) {
	v, err := liveaws.Judge(eng, rt, sections, opts)
	if err != nil {
		diags.AddError("Unable to Judge "+resource, fmt.Sprintf("The live state of %s was read but could not be judged: %s. Please report this issue to the provider developers.", resource, err))
		return v, false
	}
	return v, true
}

// finish writes the verdict and the plain attributes into the state.
func finish(ctx context.Context, resp *datasource.ReadResponse, v engine.Verdict, opts engine.Options, attrs map[string]any) {
	resp.Diagnostics.Append(fwkit.SetAttrs(ctx, resp.State.SetAttribute, attrs)...)
	resp.Diagnostics.Append(fwkit.SetVerdict(ctx, resp.State.SetAttribute, v, opts.Unknown)...)
}

// stringMapArg reads an optional map(string) argument.
func stringMapArg(ctx context.Context, cfg tfsdk.Config, name string, diags *diag.Diagnostics) map[string]string {
	var m types.Map
	diags.Append(cfg.GetAttribute(ctx, path.Root(name), &m)...)
	out := map[string]string{}
	if !m.IsNull() && !m.IsUnknown() {
		diags.Append(m.ElementsAs(ctx, &out, false)...)
	}
	return out
}

// stringArg reads an optional string argument ("" when null).
func stringArg(ctx context.Context, cfg tfsdk.Config, name string, diags *diag.Diagnostics) string {
	var s types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root(name), &s)...)
	return s.ValueString()
}

// memberAttrTypes is the object type of one member of a list-wide verdict.
func memberAttrTypes(key string, extra map[string]attr.Type) map[string]attr.Type {
	t := map[string]attr.Type{
		key: types.StringType, "compliant": types.BoolType, "failed": types.Int64Type, "errored": types.Int64Type,
		"unknown": types.Int64Type, "violations": types.ListType{ElemType: types.StringType},
	}
	for k, v := range extra {
		t[k] = v
	}
	return t
}

func memberSchema(key, keyDoc string, extra map[string]schema.Attribute) schema.ListNestedAttribute {
	attrs := map[string]schema.Attribute{
		key:          schema.StringAttribute{Computed: true, MarkdownDescription: keyDoc},
		"compliant":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this one passed every selected control."},
		"failed":     schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls that failed."},
		"errored":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls that could not be judged (for example a denied call)."},
		"unknown":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Controls whose deciding value is unknown."},
		"violations": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "One line per failed or errored control."},
	}
	for k, v := range extra {
		attrs[k] = v
	}
	return schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: attrs}}
}

func memberValue(key, id string, v engine.Verdict, opts engine.Options, types_ map[string]attr.Type, extra map[string]attr.Value) attr.Value {
	vals := map[string]attr.Value{
		key: types.StringValue(id), "compliant": fwkit.Compliant(v), "failed": types.Int64Value(int64(v.Failed)),
		"errored": types.Int64Value(int64(v.Errored)), "unknown": types.Int64Value(int64(v.Unknown)),
		"violations": fwkit.Strings(v.Violations(opts.Unknown)),
	}
	for k, x := range extra {
		vals[k] = x
	}
	return types.ObjectValueMust(types_, vals)
}
