package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

var _ function.Function = (*evaluateFunction)(nil)

// NewEvaluate returns the evaluate function.
func NewEvaluate() function.Function { return &evaluateFunction{} }

type evaluateFunction struct{}

func (f *evaluateFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "evaluate"
}

func (f *evaluateFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Judge a resource's values against every control that applies",
		MarkdownDescription: "Returns the full verdict for `values` of `resource_type`: `compliant`, `findings`, `violations` and the counts " +
			"`passed`, `failed`, `unknown`, `waived`, `errored`. `values` may be partially unknown, so the function runs at plan on `self` " +
			"and on resources not yet created; a control is decided whenever the attributes that decide it are known.",
		Parameters:        parameters(),
		VariadicParameter: optionsParameter(),
		Return:            function.ObjectReturn{AttributeTypes: fwkit.VerdictAttrTypes},
	}
}

func (f *evaluateFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	c, err := run(ctx, req)
	if err != nil {
		resp.Error = err
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, f.result(c)))
}

// result is the function's value for a judged call.
func (f *evaluateFunction) result(c *call) attr.Value {
	if c.whollyUnknown {
		return types.ObjectUnknown(fwkit.VerdictAttrTypes)
	}
	return fwkit.VerdictObject(c.verdict, c.policy)
}
