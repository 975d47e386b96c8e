package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/datasources"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

// Policy concern of the provider configuration: the named baseline, waivers
// and the day their expiry is judged on; plus the data sources that document
// responsibility boundaries and render reports.
func init() {
	schemaAttributes["baseline"] = schema.StringAttribute{
		Optional: true,
		MarkdownDescription: fwkit.BaselineDocs + " Applies to data sources and `baseline_guardrail`, which may override it with their own `baseline`." +
			fwkit.NotForFunctions,
	}
	schemaAttributes["as_of"] = schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "The day waiver expiry is judged on: `YYYY-MM-DD` or an RFC 3339 timestamp (its UTC date). " +
			"Default: the UTC date when the provider is configured, which can differ between plan and apply. Set `as_of = plantimestamp()` " +
			"to judge waivers on the day of the plan at apply too." + fwkit.NotForFunctions,
	}
	schemaBlocks["waiver"] = schema.ListNestedBlock{
		MarkdownDescription: "Accepts a failing control for a reason, an owner and until a date, on every data source and guardrail of this provider " +
			"(functions never see provider configuration, since Terraform does not configure providers for function calls: pass waivers in their " +
			"`options` argument). " + fwkit.WaiversDocs,
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"control_id": schema.StringAttribute{Required: true, MarkdownDescription: "The control this waiver accepts, such as `aws-s3-bucket-access-logging`."},
			"reason":     schema.StringAttribute{Required: true, MarkdownDescription: "Why the failure is accepted."},
			"owner":      schema.StringAttribute{Required: true, MarkdownDescription: "Who owns the exception (a team or a person)."},
			"expires":    schema.StringAttribute{Required: true, MarkdownDescription: "Last day (YYYY-MM-DD, UTC) on which the waiver waives."},
			"match": schema.MapAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Narrows the waiver to values whose attributes match globs: attribute path (`tags.Environment`, `bucket`) → glob. Every entry must match."},
		}},
	}
	configureSteps = append(configureSteps, configurePolicy)
	dataSourceTypes = append(dataSourceTypes, datasources.NewResponsibility, datasources.NewCoverage, datasources.NewReport)
}

func configurePolicy(ctx context.Context, cfg tfsdk.Config, data *fwkit.ProviderData, diags *diag.Diagnostics) {
	var baseline, asOf types.String
	var waivers []fwkit.WaiverModel
	diags.Append(cfg.GetAttribute(ctx, path.Root("baseline"), &baseline)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("as_of"), &asOf)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("waiver"), &waivers)...)
	if diags.HasError() {
		return
	}
	if baseline.IsUnknown() || asOf.IsUnknown() {
		diags.AddError("Provider Configuration Unknown", "baseline and as_of must be known at plan time.")
		return
	}
	if b := baseline.ValueString(); b != "" {
		if err := data.Engine.ValidateBaseline(b); err != nil {
			diags.AddAttributeError(path.Root("baseline"), "Unknown Baseline", err.Error()+".")
			return
		}
		data.Options.Baseline = b
	}
	data.Options.AsOf = time.Now().UTC()
	if s := asOf.ValueString(); s != "" {
		day, err := engine.ParseDay(s)
		if err != nil {
			diags.AddAttributeError(path.Root("as_of"), "Invalid Date", "as_of: "+err.Error()+".")
			return
		}
		data.Options.AsOf = day
	}
	data.Options.Waivers = fwkit.ParseWaivers(ctx, waivers, path.Root("waiver"), data.Options.AsOf, data.Engine, diags)
	if data.Definitions != nil {
		own, err := data.Definitions.Waivers(data.Options.AsOf)
		if err != nil {
			diags.AddError("Invalid Control Definition", err.Error())
			return
		}
		data.Options.Waivers = append(own, data.Options.Waivers...)
	}
}
