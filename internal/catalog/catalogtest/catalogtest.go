// Package catalogtest runs control fixtures through the assembled catalog. The
// catalog's own test runs every folder's fixtures; each service folder's
// fixtures_test.go runs its own, so `go test ./internal/controls/aws/rds`
// checks the RDS controls against their fixtures.
package catalogtest

import (
	"io/fs"
	"os"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog/fixture"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// Load reads the fixtures files that pattern matches in fsys and fails the
// test when there are none.
func Load(t testing.TB, fsys fs.FS, pattern string) []fixture.Fixture {
	t.Helper()
	fx, err := fixture.Load(fsys, pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(fx) == 0 {
		t.Fatalf("no fixtures match %s", pattern)
	}
	return fx
}

// Folder runs the fixtures.yaml of the test's own directory (a service
// folder): call it from the folder's fixtures_test.go.
func Folder(t *testing.T) {
	t.Helper()
	Run(t, Load(t, os.DirFS("."), "fixtures.yaml"))
}

// Run evaluates each fixture with the catalog, on its control alone, and
// checks the control's status (pass, fail, unknown, error) and that every
// finding has a message.
func Run(t *testing.T, fixtures []fixture.Fixture) {
	t.Helper()
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fixtures {
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
