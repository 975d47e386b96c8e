package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

var _ function.Function = (*violationsFunction)(nil)

// NewViolations returns the violations function.
func NewViolations() function.Function { return &violationsFunction{} }

type violationsFunction struct{}

func (f *violationsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "violations"
}

func (f *violationsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "One line per control a resource's values violate",
		MarkdownDescription: "Returns one line per failed or errored control (and per unknown control under `unknown_values = \"fail\"`): " +
			"`<control id> [<framework refs>]: <attribute>: <message>`. Meant for `error_message`, e.g. `join(\"\\n\", provider::baseline::violations(...))`.",
		Parameters:        parameters(),
		VariadicParameter: optionsParameter(),
		Return:            function.ListReturn{ElementType: types.StringType},
	}
}

func (f *violationsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	c, err := run(ctx, req)
	if err != nil {
		resp.Error = err
		return
	}
	if c.whollyUnknown {
		resp.Error = resp.Result.Set(ctx, types.ListUnknown(types.StringType))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, fwkit.Strings(c.verdict.Violations(c.policy))))
}
