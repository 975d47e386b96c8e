package functions

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
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
		MarkdownDescription: "Returns one line per failed or errored control (and per unknown control under `unknown_values = \"fail\"`), " +
			"meant for `error_message`, e.g. `join(\"\\n\", provider::baseline::violations(...))`. Each line has a stable format:\n\n" +
			"`<control id> [<framework refs>] (<severity>[, <status>]): <attribute>: <message>. Fix: <fix>`\n\n" +
			"- `<framework refs>`: the benchmark items the control maps to, such as `aws-fsbp:EC2.13, cis-aws-v3.0:5.2`. " +
			"NIST 800-53 items are left out when the control maps to any other framework (they are in the `frameworks` of `evaluate`'s findings); " +
			"a control mapped to nothing shows no brackets.\n" +
			"- `<severity>`: `critical`, `high`, `medium`, `low` or `info`; `<status>` is shown unless it is `fail`: `unknown` (the deciding value is " +
			"unknown until apply) or `error` (it could not be read).\n" +
			"- `<attribute>: ` is left out when the finding names no attribute; the message always ends a sentence.\n" +
			"- ` Fix: <fix>` is the one-line change that makes the value pass, left out when the control has none.\n\n" +
			"Example: `aws-ec2-sg-no-world-ssh [aws-fsbp:EC2.13] (high): ingress[0].cidr_blocks[0]: allows SSH (port 22) from the internet. Fix: …`.",
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
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, f.result(c)))
}

// result is the function's value for a judged call.
func (f *violationsFunction) result(c *call) attr.Value {
	if c.whollyUnknown {
		return types.ListUnknown(types.StringType)
	}
	return fwkit.Strings(c.verdict.Violations(c.policy))
}
