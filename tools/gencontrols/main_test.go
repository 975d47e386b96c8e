package main

import (
	"os"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog/fixture"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func deciding(t *testing.T) (*engine.Engine, map[string][]decidingAttr) {
	t.Helper()
	t.Chdir("../..")
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	d, err := decidingAttributes(eng)
	if err != nil {
		t.Fatal(err)
	}
	return eng, d
}

// TestDeciding_complete: the deciding attributes of a control are complete
// on every fixture of the types it judges: making every other attribute the
// checks read unknown at once leaves the control's status as it was. (Issue
// 22: azure-network-nsg-no-internet-http listed only source_address_prefix,
// the one its findings name.)
func TestDeciding_complete(t *testing.T) {
	eng, d := deciding(t)
	fixtures, err := fixture.Load(os.DirFS("internal/controls"), "*/*/fixtures.yaml")
	if err != nil {
		t.Fatal(err)
	}
	norm := func(p string) string { return strings.ReplaceAll(subject.Pattern(p), "[*]", "") }
	checked := 0
	for _, f := range fixtures {
		var read []string
		stop := subject.RecordReads(func(path, _ string) { read = append(read, path) })
		_, err := eng.Evaluate(f.ResourceType, f.Values, engine.Options{})
		stop()
		if err != nil {
			continue
		}
		for _, c := range eng.Controls() {
			if !contains(c.ResourceTypes, f.ResourceType) {
				continue
			}
			opts := engine.Options{Controls: []string{c.ID}}
			base, err := eng.Evaluate(f.ResourceType, f.Values, opts)
			if err != nil {
				continue
			}
			known := map[string]bool{}
			for _, a := range d[c.ID] {
				if a.ResourceType == f.ResourceType {
					known[norm(a.Path)] = true
				}
			}
			v := f.Values
			for _, p := range dedupe(read) {
				if known[norm(p)] || prefixOfKnown(norm(p), known) {
					continue
				}
				steps, ok := splitConcrete(p)
				if !ok {
					continue
				}
				if nv, ok := setAt(v, steps, subject.UnknownValue()); ok {
					v = nv
				}
			}
			got, err := eng.Evaluate(f.ResourceType, v, opts)
			if err != nil {
				continue
			}
			checked++
			if status(got, c.ID) != status(base, c.ID) {
				t.Errorf("%s on %s (%s): status %s became %s with only undeclared attributes unknown; deciding: %v",
					c.ID, f.Name, f.File, status(base, c.ID), status(got, c.ID), d[c.ID])
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("checked %d control/fixture pairs, want many", checked)
	}
}

// prefixOfKnown: p leads to a known deciding attribute (a block holding it).
func prefixOfKnown(p string, known map[string]bool) bool {
	for k := range known {
		if strings.HasPrefix(k, p+".") {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestDeciding_nsgHTTP pins the example.
func TestDeciding_nsgHTTP(t *testing.T) {
	_, d := deciding(t)
	got := map[string]bool{}
	for _, a := range d["azure-network-nsg-no-internet-http"] {
		got[a.ResourceType+" "+a.Path] = true
	}
	for _, want := range []string{
		"azurerm_network_security_rule source_address_prefix", "azurerm_network_security_rule access",
		"azurerm_network_security_rule direction", "azurerm_network_security_rule protocol",
		"azurerm_network_security_rule destination_port_range", "azurerm_network_security_group security_rule[*].access",
	} {
		if !got[want] {
			t.Errorf("deciding attributes lack %s: %v", want, got)
		}
	}
}
