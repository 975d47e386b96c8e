package provider_test

import (
	"context"
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
	ctx := context.Background()
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
			got, err := fast.CallFunction(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			want, err := framework.CallFunction(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
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
	ctx := context.Background()
	fast, framework, s := bothServers(t)
	gt := s.ResourceSchemas["baseline_guardrail"].ValueType().(tftypes.Object)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	cases := map[string]map[string]tftypes.Value{
		"real group":  {"resource_type": str("aws_security_group"), "values": realSecurityGroup(t)},
		"open group":  {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t)},
		"open warn":   {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t), "enforcement": str("warn")},
		"bad values":  {"resource_type": str("aws_security_group"), "values": str("sg-123")},
		"bad type":    {"resource_type": str("aws_toaster"), "values": openSecurityGroup(t)},
		"unknown":     {"resource_type": str("aws_security_group"), "values": tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue)},
		"both":        {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t), "verdicts": planVerdicts(t, s, 3)},
		"neither":     {},
		"bad enforce": {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t), "enforcement": str("loud")},
		"severity":    {"resource_type": str("aws_security_group"), "values": openSecurityGroup(t), "minimum_severity": str("critical")},
		"verdicts":    {"verdicts": planVerdicts(t, s, 3), "enforcement": str("warn")},
		"no verdicts": {"verdicts": planVerdicts(t, s, 0)},
	}
	for name, attrs := range cases {
		config := dv(t, gt, withAttrs(gt, attrs))
		vreq := &tfprotov6.ValidateResourceConfigRequest{TypeName: "baseline_guardrail", Config: config}
		gotV, err := fast.ValidateResourceConfig(ctx, vreq)
		if err != nil {
			t.Fatal(err)
		}
		wantV, err := framework.ValidateResourceConfig(ctx, vreq)
		if err != nil {
			t.Fatal(err)
		}
		sameDiagnostics(t, name+": validate", gotV.Diagnostics, wantV.Diagnostics)

		var priorState tftypes.Value = tftypes.NewValue(gt, nil)
		for step := 0; step < 2; step++ { // create, then plan again on the state it leaves
			prior := dv(t, gt, priorState)
			preq := &tfprotov6.PlanResourceChangeRequest{TypeName: "baseline_guardrail", Config: config, PriorState: prior, ProposedNewState: proposedNew(t, gt, config, priorState)}
			got, err := fast.PlanResourceChange(ctx, preq)
			if err != nil {
				t.Fatal(err)
			}
			want, err := framework.PlanResourceChange(ctx, preq)
			if err != nil {
				t.Fatal(err)
			}
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
			gotA, err := fast.ApplyResourceChange(ctx, areq)
			if err != nil {
				t.Fatal(err)
			}
			wantA, err := framework.ApplyResourceChange(ctx, areq)
			if err != nil {
				t.Fatal(err)
			}
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
