package catalog_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// The corpus must not shrink below these sizes, per cloud (the prefix of
// the resource type).
var corpusMinimum = []struct {
	prefix           string
	instances, types int
}{
	{"aws_", 45, 22},
	{"azurerm_", 40, 15},
	{"google_", 40, 15},
}

type corpusFile struct {
	Source struct {
		Repo   string `json:"repo"`
		Path   string `json:"path"`
		Commit string `json:"commit"`
		Kind   string `json:"kind"`
	} `json:"source"`
	Instances []instance `json:"instances"`
}

type instance struct {
	Address               string            `json:"address"`
	Type                  string            `json:"type"`
	Values                map[string]any    `json:"values"`
	AfterUnknown          map[string]any    `json:"after_unknown"`
	Expect                map[string]string `json:"expect"`
	ExpectUnknownRestored map[string]string `json:"expect_unknown_restored"`
}

func TestRealValues(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatalf("catalog.Engine: %v", err)
	}
	checked := controlsByType(eng.Checked())

	files, err := filepath.Glob(filepath.Join("testdata", "realvalues", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	instances, types := map[string]int{}, map[string]map[string]bool{}
	for _, path := range files {
		name := filepath.Base(path)
		f := load(t, path)
		for _, in := range f.Instances {
			cloud := cloudOf(in.Type)
			instances[cloud]++
			if types[cloud] == nil {
				types[cloud] = map[string]bool{}
			}
			types[cloud][in.Type] = true
			controls := checked[in.Type]
			if len(controls) == 0 {
				t.Errorf("%s/%s: no control checks %s", name, in.Address, in.Type)
				continue
			}
			t.Run(name+"/"+in.Address, func(t *testing.T) {
				for _, id := range controls {
					if _, ok := in.Expect[id]; !ok {
						t.Errorf("expect has no verdict for control %s, which checks %s", id, in.Type)
					}
				}
				for id := range in.Expect {
					if !slices.Contains(controls, id) {
						t.Errorf("expect names control %s, which does not check %s", id, in.Type)
					}
				}
				judge(t, eng, in.Type, in.Values, in.Expect)
			})
			if f.Source.Kind != "plan" {
				continue
			}
			t.Run(name+"/"+in.Address+"/unknown_restored", func(t *testing.T) {
				values, err := schema.Restore(in.Values, in.AfterUnknown)
				if err != nil {
					t.Fatalf("after_unknown: %v", err)
				}
				want := maps.Clone(in.Expect)
				maps.Copy(want, in.ExpectUnknownRestored)
				judge(t, eng, in.Type, values, want)
			})
		}
	}
	for _, m := range corpusMinimum {
		if instances[m.prefix] < m.instances || len(types[m.prefix]) < m.types {
			t.Errorf("corpus has %d %s* instances of %d resource types; want at least %d of %d", instances[m.prefix], m.prefix, len(types[m.prefix]), m.instances, m.types)
		}
	}
	if n := instances[""]; n > 0 {
		t.Errorf("corpus has %d instances of a resource type of no cloud it counts", n)
	}
}

// cloudOf returns the corpusMinimum prefix of a resource type, or "".
func cloudOf(resourceType string) string {
	for _, m := range corpusMinimum {
		if strings.HasPrefix(resourceType, m.prefix) {
			return m.prefix
		}
	}
	return ""
}

// judge evaluates values as resourceType with default options and compares
// the status of every control in want (no finding is "pass"). A status error
// fails the test unless want names it: a value the cloud would reject (an
// authorized network that is no address) is reported, not judged.
func judge(t *testing.T, eng *engine.Engine, resourceType string, values any, want map[string]string) {
	t.Helper()
	v, err := subject.FromGo(values)
	if err != nil {
		t.Fatalf("values: %v", err)
	}
	verdict, err := eng.Evaluate(resourceType, v, engine.Options{})
	if err != nil {
		t.Fatalf("Evaluate(%s): %v", resourceType, err)
	}
	got := map[string]engine.Finding{}
	for _, f := range verdict.Findings {
		got[f.ControlID] = f
		if f.Status == engine.StatusError && want[f.ControlID] != string(engine.StatusError) {
			t.Errorf("control %s: status error at %q: %s", f.ControlID, f.Attribute, f.Message)
		}
	}
	for _, id := range sortedKeys(want) {
		status := string(engine.StatusPass)
		f, found := got[id]
		if found {
			status = string(f.Status)
		}
		if status != want[id] {
			t.Errorf("control %s: got %s, want %s (attribute %q: %s)", id, status, want[id], f.Attribute, f.Message)
		}
	}
}

func load(t *testing.T, path string) corpusFile {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f corpusFile
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if f.Source.Repo == "" || f.Source.Path == "" || (f.Source.Kind != "state" && f.Source.Kind != "plan") {
		t.Fatalf("%s: source needs repo, path and kind state or plan", path)
	}
	return f
}

// controlsByType inverts eng.Checked(): resource type -> sorted control ids.
// A type may list a control more than once (planned and live checks).
func controlsByType(checked map[string][]string) map[string][]string {
	out := map[string][]string{}
	for id, types := range checked {
		for _, rt := range types {
			if !slices.Contains(out[rt], id) {
				out[rt] = append(out[rt], id)
			}
		}
	}
	for _, ids := range out {
		sort.Strings(ids)
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
