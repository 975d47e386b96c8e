package responsibility_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// TestCoverage_everyCatalogResourceTypeMapsToAService fails when a resource
// type that a catalog control judges belongs to no service row of the matrix:
// the control would then be invisible to baseline_responsibility and
// baseline_coverage. Add the type (or a glob) to a service row, or a new row.
func TestCoverage_everyCatalogResourceTypeMapsToAService(t *testing.T) {
	m, eng := load(t)
	unmapped := map[string][]string{}
	for _, c := range eng.Controls() {
		for _, rt := range c.ResourceTypes {
			if _, ok := m.ServiceFor(rt); !ok {
				unmapped[rt] = append(unmapped[rt], c.ID)
			}
		}
	}
	if len(unmapped) == 0 {
		return
	}
	var lines []string
	for rt, ids := range unmapped {
		sort.Strings(ids)
		lines = append(lines, fmt.Sprintf("  %s (judged by %s)", rt, strings.Join(ids, ", ")))
	}
	sort.Strings(lines)
	t.Errorf("%d resource types of catalog controls map to no service row:\n%s", len(lines), strings.Join(lines, "\n"))
}

// notPlaced lists, as "service/control", catalog controls that judge a
// resource type of a service but land in none of its items because the
// service has no item for the control's area. Each needs a reason; an entry
// that is no longer needed fails the test.
var notPlaced = map[string]string{}

// TestCoverage_everyCatalogControlLandsInAnItem fails when a catalog control
// that judges a resource type of a service is listed or derived into none of
// that service's items (see itemForControl in matrix.go): list it under the
// right item in matrix.yaml, or add the item to the service.
func TestCoverage_everyCatalogControlLandsInAnItem(t *testing.T) {
	m, eng := load(t)
	used := map[string]bool{}
	var missing []string
	for _, s := range m.All() {
		placed := map[string]bool{}
		for _, e := range m.Entries(s, eng, nil) {
			for _, id := range e.Controls {
				placed[id] = true
			}
		}
		for _, c := range eng.Controls() {
			judges := false
			for _, rt := range c.ResourceTypes {
				if got, ok := m.ServiceFor(rt); ok && got.ID == s.ID {
					judges = true
					break
				}
			}
			if !judges || placed[c.ID] {
				continue
			}
			key := s.ID + "/" + c.ID
			if reason, ok := notPlaced[key]; ok && reason != "" {
				used[key] = true
				continue
			}
			missing = append(missing, fmt.Sprintf("  %s (area %s)", key, c.Area))
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d catalog controls land in no item of their service:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	for key := range notPlaced {
		if !used[key] {
			t.Errorf("notPlaced entry %s is stale (or has no reason): remove it", key)
		}
	}
}

// TestCoverage_resourceTypesMatchTheServiceCloud catches a row that claims a
// resource type of another cloud's Terraform provider.
func TestCoverage_resourceTypesMatchTheServiceCloud(t *testing.T) {
	m, _ := load(t)
	prefix := map[string]string{"aws": "aws_", "azure": "azurerm_", "google": "google_", "azuread": "azuread_", "github": "github_"}
	for _, s := range m.All() {
		p, ok := prefix[s.Cloud]
		if !ok {
			if len(s.ResourceTypes) > 0 {
				t.Errorf("service %s (cloud %s) lists resource types", s.ID, s.Cloud)
			}
			continue
		}
		for _, rt := range s.ResourceTypes {
			if !strings.HasPrefix(rt, p) {
				t.Errorf("service %s (cloud %s): resource type %s", s.ID, s.Cloud, rt)
			}
		}
	}
}
