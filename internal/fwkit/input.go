package fwkit

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/inputcheck"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// CheckInput reports input that would pass silently: a warning on values for
// each attribute the resource type's schema does not have, on waivers for
// each match path that cannot exist, on controls for each selected control
// that does not judge the type, and an error when none of the selection's
// own controls (sel.Controls, not the provider's) judges it. It reports false
// when it added an error. shape is the type v was read from, nil when not
// known; a shape the schema has (KnownShape) spares walking v.
func CheckInput(ctx context.Context, eng *engine.Engine, resourceType string, v subject.Value, shape tftypes.Type, opts engine.Options, sel Selection, diags *diag.Diagnostics) bool {
	if !slices.Contains(eng.ResourceTypes(), resourceType) {
		return true // Judge names the unsupported type
	}
	var own []string
	if !sel.Controls.IsNull() && !sel.Controls.IsUnknown() {
		diags.Append(sel.Controls.ElementsAs(ctx, &own, false)...)
	}
	ok := true
	var problems []inputcheck.Problem
	problems = append(problems, inputcheck.Controls(eng, resourceType, own)...)
	if !KnownShape(resourceType, shape) {
		problems = append(problems, inputcheck.Attributes(resourceType, v)...)
	}
	problems = append(problems, inputcheck.MatchPaths(eng, resourceType, opts.Waivers)...)
	for _, p := range problems {
		at := path.Root(string(p.Kind))
		switch p.Kind {
		case inputcheck.ControlsJudgeNothing:
			diags.AddAttributeError(at, p.Summary, p.Detail)
			ok = false
		case inputcheck.ControlNotJudging:
			diags.AddAttributeWarning(path.Root("controls"), p.Summary, p.Detail)
		default:
			diags.AddAttributeWarning(at, p.Summary, p.Detail)
		}
	}
	return ok
}
