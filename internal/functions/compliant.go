package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

var _ function.Function = (*compliantFunction)(nil)

// NewCompliant returns the compliant function.
func NewCompliant() function.Function { return &compliantFunction{} }

type compliantFunction struct{}

func (f *compliantFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "compliant"
}

func (f *compliantFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether a resource's values pass every control that applies",
		MarkdownDescription: "Returns `true` when no selected control fails or errors and, under the default `unknown_values = \"fail\"`, none is unknown. " +
			"With `unknown_values = \"defer\"` it returns an unknown bool while a deciding value is unknown, so Terraform checks again at apply. " +
			"Meant for `condition` in preconditions, postconditions, variable validation and `check` blocks.",
		Parameters:        parameters(),
		VariadicParameter: optionsParameter(),
		Return:            function.BoolReturn{},
	}
}

func (f *compliantFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	c, err := run(ctx, req)
	if err != nil {
		resp.Error = err
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, f.result(c)))
}

// result is the function's value for a judged call.
func (f *compliantFunction) result(c *call) attr.Value {
	if c.whollyUnknown {
		return types.BoolUnknown()
	}
	return fwkit.Compliant(c.verdict)
}
