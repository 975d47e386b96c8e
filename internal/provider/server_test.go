package provider_test

import (
	"context"
	"encoding/json"
	"maps"
	"math/big"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/provider"
)

// The server main serves answers baseline_guardrail's calls and the common
// function calls outside the framework; these tests hold its answers to the
// framework's own on the same requests.

// ask sends req to both servers through call, failing the test on a
// transport error, and returns the served server's answer and the
// framework's.
func ask[Req, Resp any](t *testing.T, fast, framework tfprotov6.ProviderServer, req Req, call func(tfprotov6.ProviderServer, context.Context, Req) (Resp, error)) (got, want Resp) {
	t.Helper()
	var err error
	if got, err = call(fast, context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if want, err = call(framework, context.Background(), req); err != nil {
		t.Fatal(err)
	}
	return got, want
}

func bothServers(t *testing.T) (fast, framework tfprotov6.ProviderServer, s *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	ctx := context.Background()
	fast, err := provider.NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	framework, err = providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	s, err = framework.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(s.Diagnostics) > 0 {
		t.Fatal(err, s.Diagnostics)
	}
	pt := s.Provider.ValueType().(tftypes.Object)
	for _, srv := range []tfprotov6.ProviderServer{fast, framework} {
		r, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dv(t, pt, withAttrs(pt, nil))})
		if err != nil || len(r.Diagnostics) > 0 {
			t.Fatal(err, r.Diagnostics)
		}
	}
	return fast, framework, s
}

func sameDiagnostics(t *testing.T, what string, got, want []*tfprotov6.Diagnostic) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d diagnostics, framework %d:\n%v\n%v", what, len(got), len(want), summaries(got), summaries(want))
	}
	for i := range got {
		if got[i].Severity != want[i].Severity || got[i].Summary != want[i].Summary || got[i].Detail != want[i].Detail || !got[i].Attribute.Equal(want[i].Attribute) {
			t.Fatalf("%s: diagnostic %d\n got %v %q at %v: %q\nwant %v %q at %v: %q", what, i,
				got[i].Severity, got[i].Summary, got[i].Attribute, got[i].Detail, want[i].Severity, want[i].Summary, want[i].Attribute, want[i].Detail)
		}
	}
}

func summaries(ds []*tfprotov6.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Severity.String() + " " + d.Summary
	}
	return out
}

func openSecurityGroup(t *testing.T) tftypes.Value {
	t.Helper()
	sg := realSecurityGroup(t)
	var attrs map[string]tftypes.Value
	if err := sg.As(&attrs); err != nil {
		t.Fatal(err)
	}
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(n)) }
	strs := func(ss ...string) tftypes.Value {
		out := []tftypes.Value{}
		for _, s := range ss {
			out = append(out, tftypes.NewValue(tftypes.String, s))
		}
		return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, out)
	}
	attrs["ingress"] = tftypes.NewValue(tftypes.Set{ElementType: sgRule}, []tftypes.Value{tftypes.NewValue(sgRule, map[string]tftypes.Value{
		"cidr_blocks": strs("0.0.0.0/0"), "description": tftypes.NewValue(tftypes.String, "ssh"), "from_port": num(22),
		"ipv6_cidr_blocks": strs(), "prefix_list_ids": strs(), "protocol": tftypes.NewValue(tftypes.String, "tcp"),
		"security_groups": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{}),
		"self":            tftypes.NewValue(tftypes.Bool, false), "to_port": num(22),
	})})
	return tftypes.NewValue(sgType, attrs)
}

func TestServer_functionsAnswerAsTheFramework(t *testing.T) {
	fast, framework, _ := bothServers(t)
	str := func(s string) *tfprotov6.DynamicValue {
		return dv(t, tftypes.String, tftypes.NewValue(tftypes.String, s))
	}
	dyn := func(v tftypes.Value) *tfprotov6.DynamicValue { return dv(t, tftypes.DynamicPseudoType, v) }
	open := openSecurityGroup(t)
	cases := map[string][]*tfprotov6.DynamicValue{
		"real group":        {str("aws_security_group"), dyn(realSecurityGroup(t))},
		"open group":        {str("aws_security_group"), dyn(open)},
		"unsupported type":  {str("aws_toaster"), dyn(open)},
		"string values":     {str("aws_security_group"), dyn(tftypes.NewValue(tftypes.String, "sg-123"))},
		"null values":       {str("aws_security_group"), dyn(tftypes.NewValue(tftypes.DynamicPseudoType, nil))},
		"unknown values":    {str("aws_security_group"), dyn(tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue))},
		"null type":         {dv(t, tftypes.String, tftypes.NewValue(tftypes.String, nil)), dyn(open)},
		"with options":      {str("aws_security_group"), dyn(open), dyn(tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"minimum_severity": tftypes.String}}, map[string]tftypes.Value{"minimum_severity": tftypes.NewValue(tftypes.String, "critical")}))},
		"unknown attribute": {str("aws_security_group"), dyn(tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String, "ingres": tftypes.String}}, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "x"), "ingres": tftypes.NewValue(tftypes.String, "x")}))},
	}
	for name, args := range cases {
		for _, fn := range []string{"compliant", "violations", "evaluate"} {
			req := &tfprotov6.CallFunctionRequest{Name: fn, Arguments: args}
			got, want := ask(t, fast, framework, req, tfprotov6.ProviderServer.CallFunction)
			if !reflect.DeepEqual(got.Error, want.Error) {
				t.Errorf("%s %s: error %v, framework %v", name, fn, got.Error, want.Error)
				continue
			}
			if (got.Result == nil) != (want.Result == nil) {
				t.Errorf("%s %s: result %v, framework %v", name, fn, got.Result, want.Result)
				continue
			}
			if got.Result != nil && !reflect.DeepEqual(got.Result.MsgPack, want.Result.MsgPack) {
				t.Errorf("%s %s: result differs from the framework's", name, fn)
			}
		}
	}
}

func TestServer_guardrailPlansAsTheFramework(t *testing.T) {
	fast, framework, s := bothServers(t)
	gt := s.ResourceSchemas["baseline_guardrail"].ValueType().(tftypes.Object)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	cases := map[string]map[string]tftypes.Value{
		"real group":       {"resource_type": str("aws_security_group"), "values": realSecurityGroup(t)},
		"open group":       {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t)},
		"open warn":        {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t), "enforcement": str("warn")},
		"bad values":       {"resource_type": str("aws_security_group"), "values": str("sg-123")},
		"bad type":         {"resource_type": str("aws_toaster"), "values": openSecurityGroup(t)},
		"unknown":          {"resource_type": str("aws_security_group"), "values": tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue)},
		"both":             {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t), "verdicts": planVerdicts(t, s, 3)},
		"neither":          {},
		"bad enforce":      {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t), "enforcement": str("loud")},
		"no type":          {"values": openSecurityGroup(t)},
		"type only":        {"resource_type": str("aws_security_group")},
		"both, type":       {"values": openSecurityGroup(t), "verdicts": planVerdicts(t, s, 3)},
		"unknown type":     {"resource_type": tftypes.NewValue(tftypes.String, tftypes.UnknownValue), "values": openSecurityGroup(t)},
		"unknown verdicts": {"verdicts": tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue), "values": openSecurityGroup(t)},
		"unknown enforce":  {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t), "enforcement": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)},
		"severity":         {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t), "minimum_severity": str("critical")},
		"verdicts":         {"verdicts": planVerdicts(t, s, 3), "enforcement": str("warn")},
		"no verdicts":      {"verdicts": planVerdicts(t, s, 0)},
	}
	for name, attrs := range cases {
		config := dv(t, gt, withAttrs(gt, attrs))
		vreq := &tfprotov6.ValidateResourceConfigRequest{TypeName: "baseline_guardrail", Config: config}
		gotV, wantV := ask(t, fast, framework, vreq, tfprotov6.ProviderServer.ValidateResourceConfig)
		sameDiagnostics(t, name+": validate", gotV.Diagnostics, wantV.Diagnostics)

		priorState := tftypes.NewValue(gt, nil)
		for step := 0; step < 2; step++ { // create, then plan again on the state it leaves
			prior := dv(t, gt, priorState)
			preq := &tfprotov6.PlanResourceChangeRequest{TypeName: "baseline_guardrail", Config: config, PriorState: prior, ProposedNewState: proposedNew(t, gt, config, priorState)}
			got, want := ask(t, fast, framework, preq, tfprotov6.ProviderServer.PlanResourceChange)
			sameDiagnostics(t, name+": plan", got.Diagnostics, want.Diagnostics)
			gotPlan, err := got.PlannedState.Unmarshal(gt)
			if err != nil {
				t.Fatal(err)
			}
			wantPlan, err := want.PlannedState.Unmarshal(gt)
			if err != nil {
				t.Fatal(err)
			}
			if !gotPlan.Equal(wantPlan) {
				t.Fatalf("%s: planned state\n got %v\nwant %v", name, gotPlan, wantPlan)
			}
			if hasError(want.Diagnostics) {
				break
			}
			areq := &tfprotov6.ApplyResourceChangeRequest{TypeName: "baseline_guardrail", Config: config, PriorState: prior, PlannedState: got.PlannedState}
			gotA, wantA := ask(t, fast, framework, areq, tfprotov6.ProviderServer.ApplyResourceChange)
			sameDiagnostics(t, name+": apply", gotA.Diagnostics, wantA.Diagnostics)
			gotState, _ := gotA.NewState.Unmarshal(gt)
			wantState, _ := wantA.NewState.Unmarshal(gt)
			if !sameButID(t, gotState, wantState) {
				t.Fatalf("%s: new state\n got %v\nwant %v", name, gotState, wantState)
			}
			if hasError(wantA.Diagnostics) {
				break
			}
			priorState = gotState
		}
	}
}

func hasError(ds []*tfprotov6.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// proposedNew is Terraform's proposed new state for a guardrail: the
// configuration, with the prior values of computed attributes it leaves null.
func proposedNew(t *testing.T, gt tftypes.Object, config *tfprotov6.DynamicValue, prior tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	cfg, err := config.Unmarshal(gt)
	if err != nil {
		t.Fatal(err)
	}
	if prior.IsNull() {
		return config
	}
	var cr, p map[string]tftypes.Value
	if err := cfg.As(&cr); err != nil {
		t.Fatal(err)
	}
	c := maps.Clone(cr)
	if err := prior.As(&p); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"id", "compliant", "findings", "violations", "passed", "failed", "unknown", "waived", "errored", "enforcement"} {
		if c[name].IsNull() {
			c[name] = p[name]
		}
	}
	return dv(t, gt, tftypes.NewValue(gt, c))
}

// sameButID compares two states, ids aside when both are set (new ids are random).
func sameButID(t *testing.T, a, b tftypes.Value) bool {
	t.Helper()
	if a.IsNull() || b.IsNull() {
		return a.IsNull() == b.IsNull()
	}
	var ar, br map[string]tftypes.Value
	if a.As(&ar) != nil || b.As(&br) != nil {
		return false
	}
	am, bm := maps.Clone(ar), maps.Clone(br)
	if am["id"].IsNull() != bm["id"].IsNull() {
		return false
	}
	delete(am, "id")
	delete(bm, "id")
	return len(am) == len(bm) && equalAttrs(am, bm)
}

func equalAttrs(a, b map[string]tftypes.Value) bool {
	for k, v := range a {
		if !v.Equal(b[k]) {
			return false
		}
	}
	return true
}

// stateJSON is a value as the CLI stores it in a state: a dynamic
// attribute as {"value", "type"}.
func stateJSON(t *testing.T, typ tftypes.Type, v tftypes.Value) any {
	t.Helper()
	if v.IsNull() {
		return nil
	}
	if typ.Is(tftypes.DynamicPseudoType) {
		tj, err := v.Type().MarshalJSON() //nolint:staticcheck // the JSON type encoding the CLI writes into a state, for the state fixture
		if err != nil {
			t.Fatal(err)
		}
		return map[string]any{"value": stateJSON(t, v.Type(), v), "type": json.RawMessage(tj)}
	}
	switch tt := typ.(type) {
	case tftypes.Object:
		var m map[string]tftypes.Value
		if err := v.As(&m); err != nil {
			t.Fatal(err)
		}
		out := map[string]any{}
		for name, at := range tt.AttributeTypes {
			out[name] = stateJSON(t, at, m[name])
		}
		return out
	case tftypes.Map:
		var m map[string]tftypes.Value
		if err := v.As(&m); err != nil {
			t.Fatal(err)
		}
		out := map[string]any{}
		for k, e := range m {
			out[k] = stateJSON(t, tt.ElementType, e)
		}
		return out
	case tftypes.List, tftypes.Set:
		var l []tftypes.Value
		if err := v.As(&l); err != nil {
			t.Fatal(err)
		}
		out := []any{}
		for _, e := range l {
			out = append(out, stateJSON(t, e.Type(), e))
		}
		return out
	}
	switch {
	case typ.Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case typ.Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	case typ.Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return json.Number(f.Text('f', -1))
	}
	t.Fatalf("no JSON for %s", typ)
	return nil
}

// known is v with every unknown made known, as at apply.
func known(t *testing.T, v tftypes.Value) tftypes.Value {
	t.Helper()
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		switch typ := v.Type(); {
		case typ.Is(tftypes.String):
			return tftypes.NewValue(typ, "sg-0123456789abcdef0"), nil
		case typ.Is(tftypes.Number):
			return tftypes.NewValue(typ, new(big.Float)), nil
		case typ.Is(tftypes.Bool):
			return tftypes.NewValue(typ, false), nil
		case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}):
			return tftypes.NewValue(typ, []tftypes.Value{}), nil
		case typ.Is(tftypes.Map{}):
			return tftypes.NewValue(typ, map[string]tftypes.Value{}), nil
		}
		return v, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withValues is obj with values set to v.
func withValues(t *testing.T, obj tftypes.Value, v tftypes.Value) tftypes.Value {
	t.Helper()
	var raw map[string]tftypes.Value
	if err := obj.As(&raw); err != nil {
		t.Fatal(err)
	}
	out := maps.Clone(raw)
	out["values"] = v
	return tftypes.NewValue(obj.Type(), out)
}

// On a CLI with write-only attributes (1.11 and later, as ConfigureProvider
// and ValidateResourceConfig say) values stays out of the plan and the state;
// the verdict is the framework's, and a state an older CLI wrote loses its
// values on read and upgrade. An older CLI keeps values everywhere.
func TestServer_guardrailValuesWriteOnly(t *testing.T) {
	ctx := context.Background()
	fast, err := provider.NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	framework, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	s, err := fast.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(s.Diagnostics) > 0 {
		t.Fatal(err, s.Diagnostics)
	}
	writeOnly := false
	for _, a := range s.ResourceSchemas["baseline_guardrail"].Block.Attributes {
		writeOnly = writeOnly || (a.Name == "values" && a.WriteOnly)
	}
	if !writeOnly {
		t.Fatal("values is not declared write-only")
	}
	pt := s.Provider.ValueType().(tftypes.Object)
	for _, srv := range []tfprotov6.ProviderServer{fast, framework} {
		r, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: dv(t, pt, withAttrs(pt, nil))})
		if err != nil || len(r.Diagnostics) > 0 {
			t.Fatal(err, r.Diagnostics)
		}
	}
	gt := s.ResourceSchemas["baseline_guardrail"].ValueType().(tftypes.Object)
	null := tftypes.NewValue(tftypes.DynamicPseudoType, nil)

	// A gate's verdicts stay out of the plan too.
	gate := dv(t, gt, withAttrs(gt, map[string]tftypes.Value{"verdicts": planVerdicts(t, s, 3), "enforcement": tftypes.NewValue(tftypes.String, "warn")}))
	greq := &tfprotov6.PlanResourceChangeRequest{TypeName: "baseline_guardrail", Config: gate, PriorState: dv(t, gt, tftypes.NewValue(gt, nil)), ProposedNewState: gate}
	gotGate, wantGate := ask(t, fast, framework, greq, tfprotov6.ProviderServer.PlanResourceChange)
	sameDiagnostics(t, "gate: plan", gotGate.Diagnostics, wantGate.Diagnostics)
	gp, _ := gotGate.PlannedState.Unmarshal(gt)
	wp, _ := wantGate.PlannedState.Unmarshal(gt)
	var wraw map[string]tftypes.Value
	if err := wp.As(&wraw); err != nil {
		t.Fatal(err)
	}
	wantNoVerdicts := maps.Clone(wraw)
	wantNoVerdicts["verdicts"] = null
	if !gp.Equal(tftypes.NewValue(gt, wantNoVerdicts)) {
		t.Fatalf("gate: planned state\n got %v\nwant the framework's without verdicts: %v", gp, wp)
	}

	for name, values := range map[string]tftypes.Value{"real group": known(t, realSecurityGroup(t)), "open group": known(t, openSecurityGroup(t))} {
		cfg := withAttrs(gt, map[string]tftypes.Value{
			"resource_type": tftypes.NewValue(tftypes.String, "aws_security_group"), "values": values,
			"enforcement": tftypes.NewValue(tftypes.String, "warn"),
		})
		config := dv(t, gt, cfg)
		prior := dv(t, gt, tftypes.NewValue(gt, nil))
		preq := &tfprotov6.PlanResourceChangeRequest{TypeName: "baseline_guardrail", Config: config, PriorState: prior, ProposedNewState: config}
		got, want := ask(t, fast, framework, preq, tfprotov6.ProviderServer.PlanResourceChange)
		sameDiagnostics(t, name+": plan", got.Diagnostics, want.Diagnostics)
		gotPlan, _ := got.PlannedState.Unmarshal(gt)
		wantPlan, _ := want.PlannedState.Unmarshal(gt)
		if !gotPlan.Equal(withValues(t, wantPlan, null)) {
			t.Fatalf("%s: planned state\n got %v\nwant the framework's without values: %v", name, gotPlan, wantPlan)
		}
		areq := &tfprotov6.ApplyResourceChangeRequest{TypeName: "baseline_guardrail", Config: config, PriorState: prior, PlannedState: got.PlannedState}
		gotA, err := fast.ApplyResourceChange(ctx, areq)
		if err != nil {
			t.Fatal(err)
		}
		wantA, err := framework.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: "baseline_guardrail", Config: config, PriorState: prior, PlannedState: want.PlannedState})
		if err != nil {
			t.Fatal(err)
		}
		sameDiagnostics(t, name+": apply", gotA.Diagnostics, wantA.Diagnostics)
		gotState, _ := gotA.NewState.Unmarshal(gt)
		wantState, _ := wantA.NewState.Unmarshal(gt)
		if !sameButID(t, gotState, withValues(t, wantState, null)) {
			t.Fatalf("%s: new state\n got %v\nwant the framework's without values: %v", name, gotState, wantState)
		}

		// The next plan on that state changes nothing.
		next := &tfprotov6.PlanResourceChangeRequest{TypeName: "baseline_guardrail", Config: config, PriorState: gotA.NewState, ProposedNewState: proposedNew(t, gt, config, gotState)}
		again, err := fast.PlanResourceChange(ctx, next)
		if err != nil {
			t.Fatal(err)
		}
		againPlan, _ := again.PlannedState.Unmarshal(gt)
		if !againPlan.Equal(gotState) {
			t.Fatalf("%s: second plan\n got %v\nwant the state %v", name, againPlan, gotState)
		}

		// A state with values (an older CLI's) loses them on read and upgrade.
		old := dv(t, gt, wantState)
		read, err := fast.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "baseline_guardrail", CurrentState: old})
		if err != nil || len(read.Diagnostics) > 0 {
			t.Fatal(err, read.Diagnostics)
		}
		if readState, _ := read.NewState.Unmarshal(gt); !readState.Equal(withValues(t, wantState, null)) {
			t.Fatalf("%s: read kept values: %v", name, readState)
		}
		js, err := json.Marshal(stateJSON(t, gt, wantState))
		if err != nil {
			t.Fatal(err)
		}
		up, err := fast.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: "baseline_guardrail", RawState: &tfprotov6.RawState{JSON: js}})
		if err != nil || len(up.Diagnostics) > 0 {
			t.Fatal(err, up.Diagnostics)
		}
		if upState, _ := up.UpgradedState.Unmarshal(gt); !upState.Equal(withValues(t, wantState, null)) {
			t.Fatalf("%s: upgrade kept values: %v", name, upState)
		}

		// A CLI without write-only attributes keeps values in the plan.
		v, err := fast.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "baseline_guardrail", Config: config,
			ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: false}})
		if err != nil || len(v.Diagnostics) > 0 {
			t.Fatal(err, v.Diagnostics)
		}
		full, err := fast.PlanResourceChange(ctx, preq)
		if err != nil {
			t.Fatal(err)
		}
		if fullPlan, _ := full.PlannedState.Unmarshal(gt); !fullPlan.Equal(wantPlan) {
			t.Fatalf("%s: plan for an older CLI\n got %v\nwant %v", name, fullPlan, wantPlan)
		}
		if _, err := fast.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "baseline_guardrail", Config: config,
			ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true}}); err != nil {
			t.Fatal(err)
		}
	}
}
