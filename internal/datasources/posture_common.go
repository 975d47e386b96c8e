package datasources

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/posture"
)

// What baseline_azure_defender and baseline_google_scc share: a cloud's own
// posture engine read into per-recommendation summaries (internal/live/posture).

// postureReadTimeout bounds one read of a posture engine.
const postureReadTimeout = 10 * time.Minute

// postureNames are the attribute names that differ between the two.
type postureNames struct {
	key, keyDoc     string // assessment_key / category
	scopes, scope   string // subscriptions, subscription_id / projects, project
	scopeDoc        string
	engine          string // "Defender for Cloud"
	joinPrefix      string // "azure-policy:"
	selectArg       string // control_ids / categories
	isKey           func(string) bool
	keyExample      string
	normalizeKey    func(string) string
	waiverMatchDocs string
}

func (n postureNames) scopeTypes() map[string]attr.Type {
	return map[string]attr.Type{
		n.scope: types.StringType, "status": types.StringType, "unhealthy": types.Int64Type, "healthy": types.Int64Type,
		"not_applicable": types.Int64Type, "waived": types.Int64Type, "failing_resources": types.ListType{ElemType: types.StringType},
	}
}

func (n postureNames) controlTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"control_id": types.StringType, n.key: types.StringType, "in_catalog": types.BoolType, "display_name": types.StringType,
		"severity": types.StringType, "status": types.StringType, "unhealthy": types.Int64Type, "healthy": types.Int64Type,
		"not_applicable": types.Int64Type, "waived": types.Int64Type, "failing_resources": types.ListType{ElemType: types.StringType},
		"resource_types": types.ListType{ElemType: types.StringType},
		n.scopes:         types.ListType{ElemType: types.ObjectType{AttrTypes: n.scopeTypes()}},
	}
}

// postureSchema returns the verdict attributes, the selection arguments and
// the controls result; extra adds the engine's own arguments.
func postureSchema(n postureNames, extra map[string]schema.Attribute) map[string]schema.Attribute {
	attrs := fwkit.VerdictDataSourceAttributes()
	waiver := fwkit.WaiverDataSourceAttributes()
	waiver["control_id"] = schema.StringAttribute{Required: true, MarkdownDescription: fmt.Sprintf("The control this waiver accepts: a catalog control id, or a %s %s such as `%s` (for recommendations outside the catalog too).", n.engine, strings.ReplaceAll(n.key, "_", " "), n.keyExample)}
	waiver["match"] = schema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: n.waiverMatchDocs}
	maxList := fmt.Sprintf("at most %d", posture.MaxFailingResources)
	for name, a := range map[string]schema.Attribute{
		n.selectArg: schema.SetAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: fmt.Sprintf("Only these: %s ids such as `%s`, or catalog control ids (which stand for their `%s` items). Default: every one.", n.engine, n.keyExample, strings.TrimSuffix(n.joinPrefix, ":"))},
		"exclude_controls": schema.SetAttribute{Optional: true, ElementType: types.StringType,
			MarkdownDescription: fmt.Sprintf("Never these: catalog control ids or %s ids.", n.engine)},
		"minimum_severity": schema.StringAttribute{Optional: true, MarkdownDescription: fwkit.SelectionDocs["minimum_severity"] +
			fmt.Sprintf(" Recommendations below it (by %s's severity) are not tallied; a recommendation joined to the catalog is then judged at the catalog's severity.", n.engine)},
		"baseline": schema.StringAttribute{Optional: true, MarkdownDescription: fwkit.SelectionDocs["baseline"]},
		"waivers": schema.ListNestedAttribute{Optional: true, MarkdownDescription: fwkit.WaiversDocs + " Checked before the provider's `waiver` blocks; each failing resource is matched on its own.",
			NestedObject: schema.NestedAttributeObject{Attributes: waiver}},
		"pages": schema.Int64Attribute{Computed: true, MarkdownDescription: "Result pages read (each one API call, retries aside)."},
		"calls": schema.Int64Attribute{Computed: true, MarkdownDescription: "API calls made, retries included."},
		"resource_types": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Resource types of the catalog controls judged, sorted: give them to `baseline_coverage` to list the customer duties no control covers."},
		"controls": schema.ListNestedAttribute{Computed: true, MarkdownDescription: fmt.Sprintf("One summary per %s recommendation read, sorted by its id.", n.engine),
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"control_id":        schema.StringAttribute{Computed: true, MarkdownDescription: fmt.Sprintf("The catalog control joined by its `%s` item, or the %s id when the recommendation is outside the catalog.", n.joinPrefix, n.engine)},
				n.key:               schema.StringAttribute{Computed: true, MarkdownDescription: n.keyDoc},
				"in_catalog":        schema.BoolAttribute{Computed: true, MarkdownDescription: fmt.Sprintf("Whether it joins the catalog; `false` marks a recommendation reported under its own id and %s's severity.", n.engine)},
				"display_name":      schema.StringAttribute{Computed: true, MarkdownDescription: fmt.Sprintf("%s's name of the recommendation.", n.engine)},
				"severity":          schema.StringAttribute{Computed: true, MarkdownDescription: fmt.Sprintf("Severity (the catalog's, else %s's).", n.engine)},
				"status":            schema.StringAttribute{Computed: true, MarkdownDescription: "Worst status over the scopes: `fail`, `waived` or `pass`."},
				"unhealthy":         schema.Int64Attribute{Computed: true, MarkdownDescription: "Resources that fail and are not waived."},
				"healthy":           schema.Int64Attribute{Computed: true, MarkdownDescription: "Resources that pass."},
				"not_applicable":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Resources the recommendation does not apply to."},
				"waived":            schema.Int64Attribute{Computed: true, MarkdownDescription: "Failing resources an active waiver accepts."},
				"failing_resources": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Failing resources, " + maxList + " (`unhealthy` has the count)."},
				"resource_types":    schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Resource types assessed (up to 8)."},
				n.scopes: schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The same per " + strings.TrimSuffix(n.scopes, "s") + ", sorted.",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						n.scope:             schema.StringAttribute{Computed: true, MarkdownDescription: n.scopeDoc},
						"status":            schema.StringAttribute{Computed: true, MarkdownDescription: "`fail`, `waived` or `pass`."},
						"unhealthy":         schema.Int64Attribute{Computed: true, MarkdownDescription: "Failing resources, not waived."},
						"healthy":           schema.Int64Attribute{Computed: true, MarkdownDescription: "Passing resources."},
						"not_applicable":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Resources it does not apply to."},
						"waived":            schema.Int64Attribute{Computed: true, MarkdownDescription: "Failing resources waived."},
						"failing_resources": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Failing resources, " + maxList + "."},
					}}},
			}}},
	} {
		attrs[name] = a
	}
	for k, v := range extra {
		attrs[k] = v
	}
	return attrs
}

// postureOptions reads the selection arguments into engine options and the
// posture query.
func postureOptions(ctx context.Context, cfg tfsdk.Config, base engine.Options, eng *engine.Engine, n postureNames, diags *diag.Diagnostics) (engine.Options, posture.Query) {
	opts := base
	var q posture.Query
	joinsOf := func(c *engine.Control) []string {
		var out []string
		for _, f := range c.Frameworks {
			if v, ok := strings.CutPrefix(f, n.joinPrefix); ok {
				out = append(out, v)
			}
		}
		return out
	}
	for _, id := range setArg(ctx, cfg, n.selectArg, diags) {
		if c, ok := eng.Control(id); ok {
			refs := joinsOf(c)
			if len(refs) == 0 {
				diags.AddAttributeError(path.Root(n.selectArg), "Control Without "+n.engine+" Counterpart",
					fmt.Sprintf("%s: catalog control %q has no %s item, so no %s recommendation stands for it.", n.selectArg, id, n.joinPrefix, n.engine))
			}
			q.JoinKeys = append(q.JoinKeys, refs...)
			continue
		}
		if !n.isKey(id) {
			diags.AddAttributeError(path.Root(n.selectArg), "Unknown Control",
				fmt.Sprintf("%s: %q is neither a catalog control id (see baseline_controls) nor a %s id such as %q.", n.selectArg, id, n.engine, n.keyExample))
			continue
		}
		q.Keys = append(q.Keys, n.normalizeKey(id))
	}
	for _, id := range setArg(ctx, cfg, "exclude_controls", diags) {
		if _, ok := eng.Control(id); ok {
			opts.Exclude = append(append([]string{}, opts.Exclude...), id)
			continue
		}
		if !n.isKey(id) {
			diags.AddAttributeError(path.Root("exclude_controls"), "Unknown Control",
				fmt.Sprintf("exclude_controls: %q is neither a catalog control id nor a %s id such as %q.", id, n.engine, n.keyExample))
			continue
		}
		q.ExcludeKeys = append(q.ExcludeKeys, n.normalizeKey(id))
	}
	if s := stringArg(ctx, cfg, "minimum_severity", diags); s != "" {
		sev, err := engine.ParseSeverity(s)
		if err != nil {
			diags.AddAttributeError(path.Root("minimum_severity"), "Invalid Minimum Severity", err.Error())
		}
		opts.MinimumSeverity = sev
	}
	q.MinimumSeverity = opts.MinimumSeverity
	if b := stringArg(ctx, cfg, "baseline", diags); b != "" {
		if err := eng.ValidateBaseline(b); err != nil {
			diags.AddAttributeError(path.Root("baseline"), "Unknown Baseline", err.Error()+".")
		}
		opts.Baseline = b
	}
	var models []fwkit.WaiverModel
	diags.Append(cfg.GetAttribute(ctx, path.Root("waivers"), &models)...)
	isKey := func(s string) bool { return n.isKey(s) }
	if own := externalWaivers(ctx, normalizeWaiverIDs(models, n), opts.AsOf, eng, isKey, diags); len(own) > 0 {
		opts.Waivers = append(own, opts.Waivers...)
	}
	return opts, q
}

// normalizeWaiverIDs writes engine ids in the form the reader reports them.
func normalizeWaiverIDs(models []fwkit.WaiverModel, n postureNames) []fwkit.WaiverModel {
	out := make([]fwkit.WaiverModel, len(models))
	for i, m := range models {
		if !m.ControlID.IsUnknown() && !m.ControlID.IsNull() && n.isKey(m.ControlID.ValueString()) {
			m.ControlID = types.StringValue(n.normalizeKey(m.ControlID.ValueString()))
		}
		out[i] = m
	}
	return out
}

// postureControls converts summaries into the controls list and the
// resource types of the catalog controls judged.
func postureControls(eng *engine.Engine, n postureNames, sums []posture.Summary) (attr.Value, attr.Value) {
	st := n.scopeTypes()
	ct := n.controlTypes()
	controls := make([]attr.Value, 0, len(sums))
	rts := map[string]bool{}
	for _, c := range sums {
		scopes := make([]attr.Value, 0, len(c.Scopes))
		for _, s := range c.Scopes {
			scopes = append(scopes, types.ObjectValueMust(st, map[string]attr.Value{
				n.scope: types.StringValue(s.Scope), "status": types.StringValue(string(s.Status)),
				"unhealthy": types.Int64Value(int64(s.Unhealthy)), "healthy": types.Int64Value(int64(s.Healthy)),
				"not_applicable": types.Int64Value(int64(s.NotApplicable)), "waived": types.Int64Value(int64(s.Waived)),
				"failing_resources": fwkit.Strings(s.FailingResources),
			}))
		}
		controls = append(controls, types.ObjectValueMust(ct, map[string]attr.Value{
			"control_id": types.StringValue(c.ControlID), n.key: types.StringValue(c.Key), "in_catalog": types.BoolValue(c.InCatalog),
			"display_name": types.StringValue(c.DisplayName), "severity": types.StringValue(string(c.Severity)), "status": types.StringValue(string(c.Status)),
			"unhealthy": types.Int64Value(int64(c.Unhealthy)), "healthy": types.Int64Value(int64(c.Healthy)),
			"not_applicable": types.Int64Value(int64(c.NotApplicable)), "waived": types.Int64Value(int64(c.Waived)),
			"failing_resources": fwkit.Strings(c.FailingResources), "resource_types": fwkit.Strings(c.ResourceTypes),
			n.scopes: types.ListValueMust(types.ObjectType{AttrTypes: st}, scopes),
		}))
		if ctl, ok := eng.Control(c.ControlID); ok && c.InCatalog {
			for _, rt := range ctl.ResourceTypes {
				rts[rt] = true
			}
		}
	}
	out := make([]string, 0, len(rts))
	for rt := range rts {
		out = append(out, rt)
	}
	sort.Strings(out)
	return types.ListValueMust(types.ObjectType{AttrTypes: ct}, controls), fwkit.Strings(out)
}
