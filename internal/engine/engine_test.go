package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

type thing struct{ open subject.Field[bool] }

func testEngine(t *testing.T) *engine.Engine {
	t.Helper()
	reg := engine.NewRegistry()
	engine.Add(reg, "thing", func(n subject.Node) thing { return thing{open: n.Get("open").Bool(false)} },
		engine.Check[thing]{Control: "c-high", Eval: func(x thing) engine.Outcome {
			switch {
			case x.open.Unknown:
				return engine.Undecided(x.open.Path, "unknown")
			case x.open.V:
				return engine.Fail(x.open.Path, "open")
			}
			return engine.Pass()
		}},
		engine.Check[thing]{Control: "c-low", Eval: func(thing) engine.Outcome { return engine.Pass() }},
		engine.Check[thing]{Control: "c-panics", Eval: func(thing) engine.Outcome { panic("boom") }},
	)
	eng, err := engine.New([]engine.Control{
		{ID: "c-high", Severity: engine.SeverityHigh, Frameworks: []string{"aws-fsbp:X.1", "nist-800-53-r5:SC-7"}},
		{ID: "c-low", Severity: engine.SeverityLow},
		{ID: "c-panics", Severity: engine.SeverityInfo},
	}, reg)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func obj(open any) subject.Value {
	v, _ := subject.FromGo(map[string]any{"open": open})
	return v
}

func TestEvaluate_unknownPolicies(t *testing.T) {
	eng := testEngine(t)
	unknown := subject.Object(map[string]subject.Value{"open": subject.UnknownValue()})
	only := []string{"c-high"}
	for _, c := range []struct {
		policy           engine.UnknownPolicy
		known, compliant bool
	}{
		{engine.UnknownFail, true, false},
		{engine.UnknownWarn, true, true},
		{engine.UnknownDefer, false, false},
	} {
		v, err := eng.Evaluate("thing", unknown, engine.Options{Unknown: c.policy, Controls: only})
		if err != nil {
			t.Fatal(err)
		}
		if v.Known != c.known || v.Compliant != c.compliant || v.Unknown != 1 {
			t.Errorf("%s: known=%v compliant=%v unknown=%d", c.policy, v.Known, v.Compliant, v.Unknown)
		}
	}
	// A known failure is known even under defer.
	v, _ := eng.Evaluate("thing", obj(true), engine.Options{Unknown: engine.UnknownDefer, Controls: only})
	if !v.Known || v.Compliant || v.Failed != 1 {
		t.Errorf("defer with failure: %+v", v)
	}
}

func TestEvaluate_panickingEvaluatorIsAnErrorNotACrash(t *testing.T) {
	v, err := testEngine(t).Evaluate("thing", obj(false), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v.Errored != 1 || v.Compliant || !strings.Contains(v.Findings[0].Message, "boom") {
		t.Fatalf("%+v", v)
	}
}

func TestEvaluate_selection(t *testing.T) {
	eng := testEngine(t)
	v, _ := eng.Evaluate("thing", obj(true), engine.Options{MinimumSeverity: engine.SeverityHigh})
	if v.Passed+len(v.Findings) != 1 || v.Failed != 1 {
		t.Fatalf("minimum severity: %+v", v)
	}
	v, _ = eng.Evaluate("thing", obj(true), engine.Options{Exclude: []string{"c-high", "c-panics"}})
	if !v.Compliant || v.Passed != 1 {
		t.Fatalf("exclude: %+v", v)
	}
	if err := eng.ValidateOptions(engine.Options{Controls: []string{"nope"}}); err == nil {
		t.Fatal("unknown control accepted")
	}
}

func TestEvaluate_badInput(t *testing.T) {
	eng := testEngine(t)
	if _, err := eng.Evaluate("toaster", obj(true), engine.Options{}); err == nil || !strings.Contains(err.Error(), `"toaster" is not supported`) {
		t.Fatalf("err = %v", err)
	}
	for _, v := range []subject.Value{subject.Null(), subject.String("x"), subject.List()} {
		if _, err := eng.Evaluate("thing", v, engine.Options{}); err == nil {
			t.Fatalf("%#v accepted", v)
		}
	}
	if _, err := eng.Evaluate("thing", obj("maybe"), engine.Options{}); err == nil || !strings.Contains(err.Error(), "open: expected bool") {
		t.Fatalf("err = %v", err)
	}
}

func TestWaivers(t *testing.T) {
	eng := testEngine(t)
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	active, err := engine.NewWaiver("c-high", "legacy", "team", "2026-06-01", nil, today)
	if err != nil {
		t.Fatal(err)
	}
	expired, _ := engine.NewWaiver("c-high", "legacy", "team", "2026-05-31", nil, today)
	only := engine.Options{Controls: []string{"c-high"}}

	only.Waivers = engine.Waivers{active}
	v, _ := eng.Evaluate("thing", obj(true), only)
	if !v.Compliant || v.Waived != 1 || v.Findings[0].Status != engine.StatusWaived {
		t.Fatalf("active waiver: %+v", v)
	}
	only.Waivers = engine.Waivers{expired}
	v, _ = eng.Evaluate("thing", obj(true), only)
	if v.Compliant || v.Failed != 1 || v.Findings[0].Waiver == nil {
		t.Fatalf("expired waiver: %+v", v)
	}
	if _, err := engine.NewWaiver("c-high", "", "team", "2026-01-01", nil, today); err == nil {
		t.Fatal("waiver without reason accepted")
	}
	if _, err := engine.NewWaiver("c-high", "r", "team", "next week", nil, today); err == nil {
		t.Fatal("malformed date accepted")
	}
}

func TestFindingLine(t *testing.T) {
	f := engine.Finding{ControlID: "c", Status: engine.StatusFail, Attribute: "a", Message: "m", Frameworks: []string{"aws-fsbp:X.1", "nist-800-53-r5:SC-7"}}
	if got := f.Line(); got != "c [aws-fsbp:X.1]: a: m." {
		t.Fatal(got)
	}
	f.Severity, f.Fix = engine.SeverityHigh, "Set a."
	if got := f.Line(); got != "c [aws-fsbp:X.1] (high): a: m. Fix: Set a." {
		t.Fatal(got)
	}
	f.Status, f.Message, f.Attribute = engine.StatusUnknown, "not known until apply?", ""
	if got := f.Line(); got != "c [aws-fsbp:X.1] (high, unknown): not known until apply? Fix: Set a." {
		t.Fatal(got)
	}
	f.Status = engine.StatusWaived
	if got := f.Line(); got != "c [aws-fsbp:X.1] (high, waived): not known until apply?" {
		t.Fatal(got)
	}
}
