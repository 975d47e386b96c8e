package schema_test

import (
	"encoding/json"
	"maps"
	"os"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
)

// TestRealPlan judges `self` of every resource in a plan the real
// hashicorp/aws 5.100.0 made (testdata/plan-aws-5.100.0.tf, planned offline;
// after_unknown restored) and compares each control that does not pass with
// testdata/plan-aws-5.100.0.expect.yaml. Every other checked control passes.
func TestRealPlan(t *testing.T) {
	eng := engineT(t)
	raw, err := os.ReadFile("testdata/plan-aws-5.100.0.json")
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		ResourceChanges []struct {
			Address, Type string
			After         any
			AfterUnknown  any `json:"after_unknown"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil {
		t.Fatal(err)
	}
	var want map[string]map[string]string
	data, err := os.ReadFile("testdata/plan-aws-5.100.0.expect.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	judged := 0
	for _, rc := range plan.ResourceChanges {
		v, err := schema.Restore(rc.After, rc.AfterUnknown)
		if err != nil {
			t.Fatalf("%s: %v", rc.Address, err)
		}
		verdict, err := eng.Evaluate(rc.Type, v, engine.Options{})
		if _, unsupported := err.(*engine.UnsupportedTypeError); unsupported {
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", rc.Address, err)
			continue
		}
		judged++
		got := map[string]string{}
		for _, f := range verdict.Findings {
			got[f.ControlID] = string(f.Status)
			if f.Status == engine.StatusError {
				t.Errorf("%s: error finding on a real value: %s", rc.Address, f.Line())
			}
		}
		if !maps.Equal(got, want[rc.Address]) {
			t.Errorf("%s: controls that do not pass: got %v, want %v", rc.Address, got, want[rc.Address])
			for _, f := range verdict.Findings {
				t.Logf("  %s", f.Line())
			}
		}
		delete(want, rc.Address)
	}
	if len(want) > 0 {
		t.Errorf("expectations for addresses not in the plan: %v", slices.Sorted(maps.Keys(want)))
	}
	if judged < 40 {
		t.Fatalf("only %d resources judged", judged)
	}
}
