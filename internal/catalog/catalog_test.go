package catalog_test

import (
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog/catalogtest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog/fixture"
)

func loadFixtures(t *testing.T) []fixture.Fixture {
	t.Helper()
	return catalogtest.Load(t, os.DirFS("../controls"), "*/*/fixtures.yaml")
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

// TestFixtures runs every folder's fixtures through the engine and checks the
// status of the control each names.
func TestFixtures(t *testing.T) {
	catalogtest.Run(t, loadFixtures(t))
}

// TestCatalogListsGenerated holds lists_gen.go, which schema descriptions
// read without loading the catalog, to the catalog itself.
func TestCatalogListsGenerated(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := catalog.CatalogLists(), catalog.DeriveLists(eng); !reflect.DeepEqual(got, want) {
		t.Errorf("internal/catalog/lists_gen.go is stale: run make generate\ngot  %+v\nwant %+v", got, want)
	}
}
