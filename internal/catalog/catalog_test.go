package catalog_test

import (
	"os"
	"slices"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog/fixture"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

func loadFixtures(t *testing.T) []fixture.Fixture {
	t.Helper()
	fx, err := fixture.Load(os.DirFS("../controls"), "*/*/fixtures.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(fx) == 0 {
		t.Fatal("no fixtures found")
	}
	return fx
}

// TestCatalog_consistent fails on a control without an evaluator, an evaluator
// without a control (engine.New rejects it), and a control without at least one
// passing and one failing fixture.
func TestCatalog_consistent(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	checked := eng.Checked()
	pass, fail := map[string]int{}, map[string]int{}
	for _, f := range loadFixtures(t) {
		switch f.Want {
		case "pass":
			pass[f.Control]++
		case "fail":
			fail[f.Control]++
		}
	}
	for _, c := range eng.Controls() {
		types := checked[c.ID]
		if len(types) == 0 {
			t.Errorf("control %s has no evaluator", c.ID)
		}
		for _, rt := range types {
			if !slices.Contains(c.ResourceTypes, rt) {
				t.Errorf("control %s is checked on %s, which its resource_types do not list", c.ID, rt)
			}
		}
		if pass[c.ID] == 0 || fail[c.ID] == 0 {
			t.Errorf("control %s needs a passing and a failing fixture (has %d passing, %d failing)", c.ID, pass[c.ID], fail[c.ID])
		}
	}
}

// TestFixtures runs every fixture through the engine and checks the status of
// the control it names.
func TestFixtures(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range loadFixtures(t) {
		t.Run(f.Control+"/"+f.Name, func(t *testing.T) {
			if _, ok := eng.Control(f.Control); !ok {
				t.Fatalf("%s: fixture names unknown control %q", f.File, f.Control)
			}
			v, err := eng.Evaluate(f.ResourceType, f.Values, engine.Options{Controls: []string{f.Control}})
			if err != nil {
				t.Fatalf("%s: %v", f.File, err)
			}
			got := "pass"
			total := v.Passed + len(v.Findings)
			if total == 0 {
				t.Fatalf("%s: control %s was not evaluated on %s", f.File, f.Control, f.ResourceType)
			}
			for _, fd := range v.Findings {
				got = string(fd.Status)
				if fd.Message == "" {
					t.Errorf("finding without message: %+v", fd)
				}
			}
			if got != f.Want {
				t.Fatalf("%s: want %s, got %s; findings: %+v", f.File, f.Want, got, v.Findings)
			}
			if want := f.Want == "pass"; v.Compliant != want {
				t.Fatalf("compliant = %v, want %v", v.Compliant, want)
			}
		})
	}
}
