package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// whollyUnknown reports whether the values argument is unknown as a whole, as
// Terraform passes root variables while it validates a configuration. There
// is nothing to judge yet, so the result is unknown and Terraform evaluates
// the condition again once the values exist; partially unknown values are
// judged as usual.
func whollyUnknown(ctx context.Context, req function.RunRequest) bool {
	var values types.Dynamic
	if err := req.Arguments.GetArgument(ctx, 1, &values); err != nil {
		return false
	}
	return values.IsUnknown() || values.IsUnderlyingValueUnknown()
}

// unknownResult sets the function's result to an unknown value of its type.
func unknownResult(ctx context.Context, resp *function.RunResponse, v attr.Value) {
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, v))
}
