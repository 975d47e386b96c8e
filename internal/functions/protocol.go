package functions

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

// Protocol answers the CallFunction calls a postcondition makes most,
// compliant, violations or evaluate with a resource type and values and no
// options, without the framework's argument handling: the values argument
// is dynamic, so each call carries its type as JSON, and parsing that JSON
// costs about as much as judging the values. Protocol parses each type once
// and keeps it. Any other call (options, a null or unknown resource type,
// values it cannot read) goes to next, the framework, which gives the same
// results and errors.
type Protocol struct {
	once  sync.Once
	funcs map[string]protocolFunc

	types fwkit.TypeCache
}

type protocolFunc struct {
	fn     function.Function
	empty  attr.Value // a value of the return type for function.NewResultData
	result tftypes.Type
}

func (p *Protocol) init(ctx context.Context) {
	p.funcs = map[string]protocolFunc{}
	for name, fn := range map[string]function.Function{"compliant": NewCompliant(), "violations": NewViolations(), "evaluate": NewEvaluate()} {
		var d function.DefinitionResponse
		fn.Definition(ctx, function.DefinitionRequest{}, &d)
		rt := d.Definition.Return.GetType()
		empty, err := rt.ValueFromTerraform(ctx, tftypes.NewValue(rt.TerraformType(ctx), tftypes.UnknownValue))
		if err != nil {
			continue
		}
		p.funcs[name] = protocolFunc{fn: fn, empty: empty, result: rt.TerraformType(ctx)}
	}
}

// CallFunction answers req or hands it to next.
func (p *Protocol) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest,
	next func(context.Context, *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error)) (*tfprotov6.CallFunctionResponse, error) {
	p.once.Do(func() { p.init(ctx) })
	f, ok := p.funcs[req.Name]
	if !ok || len(req.Arguments) != 2 || req.Arguments[0] == nil || req.Arguments[1] == nil {
		return next(ctx, req)
	}
	rt, err := req.Arguments[0].Unmarshal(tftypes.String)
	var resourceType string
	if err != nil || !rt.IsKnown() || rt.IsNull() || rt.As(&resourceType) != nil {
		return next(ctx, req)
	}
	if len(req.Arguments[1].MsgPack) == 0 || req.Arguments[1].MsgPack[0] != 0x92 { // not [type, value]: null, unknown or JSON
		return next(ctx, req)
	}
	values, err := p.types.Dynamic(req.Arguments[1].MsgPack)
	if err != nil {
		return next(ctx, req)
	}
	run := function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{
		types.StringValue(resourceType), fwkit.RawDynamicValue{Raw: values}, types.TupleValueMust([]attr.Type{}, []attr.Value{}),
	})}
	out := function.RunResponse{Result: function.NewResultData(f.empty)}
	f.fn.Run(ctx, run, &out)
	resp := &tfprotov6.CallFunctionResponse{}
	if out.Error != nil {
		resp.Error = &tfprotov6.FunctionError{Text: out.Error.Text, FunctionArgument: out.Error.FunctionArgument}
	}
	tv, err := out.Result.Value().ToTerraformValue(ctx)
	if err != nil {
		return next(ctx, req)
	}
	dv, err := tfprotov6.NewDynamicValue(f.result, tv)
	if err != nil {
		return next(ctx, req)
	}
	resp.Result = &dv
	return resp, nil
}
