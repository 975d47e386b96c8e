package functions

import (
	"context"
	"encoding/binary"
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

	mu    sync.Mutex
	types map[string]tftypes.Type
}

type protocolFunc struct {
	fn     function.Function
	empty  attr.Value // a value of the return type for function.NewResultData
	result tftypes.Type
}

// maxCachedTypes bounds the type cache (a module has a few resource types;
// the bound only guards against unbounded growth).
const maxCachedTypes = 256

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
	p.types = map[string]tftypes.Type{}
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
	values, ok := p.dynamic(req.Arguments[1])
	if !ok {
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

// dynamic decodes a dynamic argument: MessagePack [type as JSON, value], the
// type parsed once per distinct JSON. Anything else (a null or unknown
// argument, JSON input) is left to the framework.
func (p *Protocol) dynamic(dv *tfprotov6.DynamicValue) (tftypes.Value, bool) {
	b := dv.MsgPack
	if len(b) < 2 || b[0] != 0x92 { // a two-element array
		return tftypes.Value{}, false
	}
	typeJSON, rest, ok := msgpackBytes(b[1:])
	if !ok {
		return tftypes.Value{}, false
	}
	p.mu.Lock()
	typ, cached := p.types[string(typeJSON)]
	p.mu.Unlock()
	if !cached {
		var err error
		if typ, err = tftypes.ParseJSONType(typeJSON); err != nil { //nolint:staticcheck // the protocol's own encoding of a dynamic value's type
			return tftypes.Value{}, false
		}
		p.mu.Lock()
		if len(p.types) >= maxCachedTypes {
			p.types = map[string]tftypes.Type{}
		}
		p.types[string(typeJSON)] = typ
		p.mu.Unlock()
	}
	v, err := tftypes.ValueFromMsgPack(rest, typ)
	if err != nil {
		return tftypes.Value{}, false
	}
	return v, true
}

// msgpackBytes reads one MessagePack bin or str at the start of b and
// returns it and what follows.
func msgpackBytes(b []byte) ([]byte, []byte, bool) {
	if len(b) == 0 {
		return nil, nil, false
	}
	var n, head int
	switch c := b[0]; {
	case c >= 0xa0 && c <= 0xbf:
		n, head = int(c&0x1f), 1
	case (c == 0xc4 || c == 0xd9) && len(b) >= 2:
		n, head = int(b[1]), 2
	case (c == 0xc5 || c == 0xda) && len(b) >= 3:
		n, head = int(binary.BigEndian.Uint16(b[1:3])), 3
	case (c == 0xc6 || c == 0xdb) && len(b) >= 5:
		n, head = int(binary.BigEndian.Uint32(b[1:5])), 5
	default:
		return nil, nil, false
	}
	if n < 0 || len(b) < head+n {
		return nil, nil, false
	}
	return b[head : head+n], b[head+n:], true
}
