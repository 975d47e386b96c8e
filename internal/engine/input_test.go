package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func inputEngine(t *testing.T) *engine.Engine {
	t.Helper()
	reg := engine.NewRegistry()
	pass := func(string) engine.Outcome { return engine.Pass() }
	decode := func(subject.Node) string { return "" }
	for _, rt := range []string{"aws_s3_bucket", "aws_s3_bucket_policy", "aws_security_group", "aws_db_instance"} {
		engine.Add(reg, rt, decode, engine.Check[string]{Control: "c-" + rt, Eval: pass})
	}
	var controls []engine.Control
	for _, rt := range []string{"aws_s3_bucket", "aws_s3_bucket_policy", "aws_security_group", "aws_db_instance"} {
		controls = append(controls, engine.Control{ID: "c-" + rt, Severity: engine.SeverityHigh, ResourceTypes: []string{rt}})
	}
	eng, err := engine.New(controls, reg)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func TestUnsupportedType_didYouMean(t *testing.T) {
	eng := inputEngine(t)
	_, err := eng.Evaluate("aws_s3_buckt", subject.Object(nil), engine.Options{})
	if err == nil || !strings.Contains(err.Error(), `did you mean "aws_s3_bucket"?`) {
		t.Fatalf("got %v, want did you mean aws_s3_bucket", err)
	}
	if strings.Contains(err.Error(), "aws_db_instance") {
		t.Errorf("the error lists far types: %v", err)
	}
	_, err = eng.Evaluate("azurerm_thing", subject.Object(nil), engine.Options{})
	if err == nil || !strings.Contains(err.Error(), "4 resource types are supported") {
		t.Fatalf("got %v, want a count rather than a list", err)
	}
}

func TestValidateControlsFor(t *testing.T) {
	eng := inputEngine(t)
	err := eng.ValidateControlsFor("aws_s3_bucket", engine.Options{Controls: []string{"c-aws_db_instance"}})
	if err == nil || !strings.Contains(err.Error(), "c-aws_db_instance judges aws_db_instance") || !strings.Contains(err.Error(), "no control of controls judges aws_s3_bucket") {
		t.Fatalf("got %v", err)
	}
	if err := eng.ValidateControlsFor("aws_s3_bucket", engine.Options{Controls: []string{"c-aws_db_instance", "c-aws_s3_bucket"}}); err != nil {
		t.Errorf("one judging control: %v", err)
	}
	if got := eng.NotJudging("aws_s3_bucket", []string{"c-aws_db_instance", "c-aws_s3_bucket"}); len(got) != 1 || got[0] != "c-aws_db_instance" {
		t.Errorf("NotJudging = %v", got)
	}
	if err := eng.ValidateOptions(engine.Options{Controls: []string{"c-aws_s3_buckt"}}); err == nil || !strings.Contains(err.Error(), `did you mean "c-aws_s3_bucket"`) {
		t.Errorf("unknown id: %v", err)
	}
}

func TestCalendarDates(t *testing.T) {
	for _, s := range []string{"2026-02-30", "2026-04-31", "2025-02-29", "2026-02-30T10:00:00Z"} {
		if _, err := engine.ParseDay(s); err == nil || !strings.Contains(err.Error(), "not a calendar date") {
			t.Errorf("ParseDay(%q) = %v, want not a calendar date", s, err)
		}
		if len(s) == 10 {
			if _, err := engine.NewWaiver("a", "r", "o", s, nil, time.Now()); err == nil || !strings.Contains(err.Error(), "not a calendar date") {
				t.Errorf("NewWaiver expires %q = %v, want not a calendar date", s, err)
			}
		}
	}
	if _, err := engine.ParseDay("2028-02-29"); err != nil {
		t.Errorf("leap day: %v", err)
	}
	for _, s := range []string{"2026-13-01", "26-02-30", "tomorrow"} {
		if _, err := engine.ParseDay(s); err == nil || strings.Contains(err.Error(), "calendar") {
			t.Errorf("ParseDay(%q) = %v, want the form error", s, err)
		}
	}
}
