package functions

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Protocol answers the CallFunction calls a postcondition makes most,
// compliant, violations or evaluate with a resource type and values and no
// options, without the framework's argument handling: the values argument
// is dynamic, so each call carries its type as JSON, which Protocol parses
// once per type (fwkit.TypeCache), and its values are read straight into the
// engine's subject (subject.FromMsgPack), not through tftypes values first.
// A postcondition's condition and error_message make two calls on the same
// values (Terraform evaluates the message whatever the condition), so the
// judgement of the last few values is kept for the next call. Any other
// call (options, a null or unknown resource type, values it cannot read)
// goes to next, the framework, which gives the same results and errors.
type Protocol struct {
	once  sync.Once
	funcs map[string]protocolFunc

	types fwkit.TypeCache
	memo  memo
}

type protocolFunc struct {
	result     func(*call) attr.Value
	resultType tftypes.Type
}

// resulter is implemented by compliant, violations and evaluate.
type resulter interface {
	function.Function
	result(*call) attr.Value
}

func (p *Protocol) init(ctx context.Context) {
	p.funcs = map[string]protocolFunc{}
	for name, fn := range map[string]resulter{"compliant": &compliantFunction{}, "violations": &violationsFunction{}, "evaluate": &evaluateFunction{}} {
		var d function.DefinitionResponse
		fn.Definition(ctx, function.DefinitionRequest{}, &d)
		p.funcs[name] = protocolFunc{result: fn.result, resultType: d.Definition.Return.GetType().TerraformType(ctx)}
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
	raw := req.Arguments[1].MsgPack
	key := memoKey(resourceType, raw)
	c, ok := p.memo.get(key)
	if !ok {
		v, shape, ok, err := p.types.DynamicSubject(raw)
		if err != nil || !ok { // null, unknown as a whole, JSON, or unreadable
			return next(ctx, req)
		}
		var ferr *function.FuncError
		if v.Kind() == subject.KindUnknown {
			c = &call{whollyUnknown: true}
		} else if c, ferr = judge(resourceType, func() (subject.Value, error) { return v, nil }, shape, nil); ferr != nil {
			// As the framework answers: the error, and an unknown result.
			unknown, err := tfprotov6.NewDynamicValue(f.resultType, tftypes.NewValue(f.resultType, tftypes.UnknownValue))
			if err != nil {
				return next(ctx, req)
			}
			return &tfprotov6.CallFunctionResponse{Result: &unknown, Error: &tfprotov6.FunctionError{Text: ferr.Text, FunctionArgument: ferr.FunctionArgument}}, nil
		}
		p.memo.put(key, c)
	}
	tv, err := f.result(c).ToTerraformValue(ctx)
	if err != nil {
		return next(ctx, req)
	}
	dv, err := tfprotov6.NewDynamicValue(f.resultType, tv)
	if err != nil {
		return next(ctx, req)
	}
	return &tfprotov6.CallFunctionResponse{Result: &dv}, nil
}

// memo keeps the judgement of the last memoSize values (resource type and
// the values' MessagePack), for the second call of a postcondition.
type memo struct {
	mu    sync.Mutex
	calls map[string]*call
	order [memoSize]string // ring of the keys, oldest at next
	next  int
}

// memoSize covers the calls Terraform has in flight at once (10 by default).
const memoSize = 32

// memoKey is the key of a call's judgement: its resource type and values.
func memoKey(resourceType string, raw []byte) string {
	return resourceType + "\x00" + string(raw)
}

func (m *memo) get(key string) (*call, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.calls[key]
	return c, ok
}

func (m *memo) put(key string, c *call) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.calls == nil {
		m.calls = make(map[string]*call, memoSize)
	}
	if _, ok := m.calls[key]; ok {
		return
	}
	delete(m.calls, m.order[m.next])
	m.order[m.next] = key
	m.next = (m.next + 1) % memoSize
	m.calls[key] = c
}
