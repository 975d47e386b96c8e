package datasources

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/responsibility"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/suggest"
)

// cloudAliases are names people write for a cloud that the catalog spells otherwise.
var cloudAliases = map[string]string{"gcp": "google", "google-cloud": "google", "azurerm": "azure", "amazon": "aws"}

// serviceFilter matches the controls of a catalog service name or of a
// responsibility-matrix service (the controls judging its resource types).
type serviceFilter struct {
	name   string
	matrix *responsibility.Service
	m      *responsibility.Matrix
}

func (f *serviceFilter) match(c *engine.Control) bool {
	if strings.EqualFold(c.Service, f.name) {
		return true
	}
	return f.matrix != nil && f.m.Judges(f.matrix, c)
}

// filterValues are the values each filter of baseline_controls can take in a catalog.
type filterValues struct {
	clouds, services, frameworks, items, resourceTypes []string
}

func valuesOf(controls []*engine.Control) filterValues {
	sets := [5]map[string]bool{{}, {}, {}, {}, {}}
	for _, c := range controls {
		sets[0][c.Cloud] = true
		sets[1][c.Service] = true
		for _, f := range c.Frameworks {
			name, _, _ := strings.Cut(f, ":")
			sets[2][name] = true
			sets[3][strings.ToLower(f)] = true
		}
		for _, rt := range c.ResourceTypes {
			sets[4][rt] = true
		}
	}
	var out [5][]string
	for i, s := range sets {
		for k := range s {
			if k != "" {
				out[i] = append(out[i], k)
			}
		}
		sort.Strings(out[i])
	}
	return filterValues{out[0], out[1], out[2], out[3], out[4]}
}

func catalogValues() filterValues {
	eng, err := catalog.Engine()
	if err != nil {
		return filterValues{}
	}
	return valuesOf(eng.Controls())
}

func catalogClouds() []string     { return catalogValues().clouds }
func catalogServices() []string   { return catalogValues().services }
func catalogFrameworks() []string { return catalogValues().frameworks }

func codeList(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return "`" + strings.Join(values, "`, `") + "`"
}

// unknownValue is the detail of a filter value the catalog does not have.
func unknownValue(what, value string, valid []string, hint string) string {
	msg := fmt.Sprintf("%s %q is not in the catalog", what, value)
	if hint != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", hint)
	} else {
		msg += suggest.DidYouMean(value, valid, 3)
	}
	if len(valid) <= 40 {
		return msg + "; use one of " + strings.Join(valid, ", ") + "."
	}
	return msg + "."
}

func containsFold(list []string, v string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return strings.EqualFold(s, v) })
}

// validateFilters rejects filter values the catalog does not have, which
// would otherwise select nothing and pass silently. It returns the service
// filter (nil without one).
func validateFilters(eng *engine.Engine, m controlsModel, diags *diag.Diagnostics) (*serviceFilter, bool) {
	vals := valuesOf(eng.Controls())
	if v := m.Cloud.ValueString(); !m.Cloud.IsNull() && !containsFold(vals.clouds, v) {
		diags.AddAttributeError(path.Root("cloud"), "Unknown Cloud", unknownValue("Cloud", v, vals.clouds, cloudAliases[strings.ToLower(v)]))
	}
	if v := m.Framework.ValueString(); !m.Framework.IsNull() {
		name, item, isItem := strings.Cut(v, ":")
		switch {
		case !containsFold(vals.frameworks, name):
			diags.AddAttributeError(path.Root("framework"), "Unknown Framework", unknownValue("Framework", name, vals.frameworks, ""))
		case isItem && !slices.Contains(vals.items, strings.ToLower(v)):
			var same []string
			for _, it := range vals.items {
				if strings.HasPrefix(it, strings.ToLower(name)+":") {
					same = append(same, it)
				}
			}
			diags.AddAttributeError(path.Root("framework"), "Unknown Framework Item",
				fmt.Sprintf("No control maps to %s item %q%s.", name, item, suggest.DidYouMean(strings.ToLower(v), same, 3)))
		}
	}
	if v := m.ResourceType.ValueString(); !m.ResourceType.IsNull() && !slices.Contains(vals.resourceTypes, v) {
		diags.AddAttributeError(path.Root("resource_type"), "Unknown Resource Type", unknownValue("Resource type", v, vals.resourceTypes, ""))
	}
	var svc *serviceFilter
	if v := m.Service.ValueString(); !m.Service.IsNull() {
		svc = &serviceFilter{name: v}
		matrix, err := responsibility.Default()
		if err != nil {
			diags.AddError("Unable to Load Responsibility Matrix", err.Error())
			return nil, false
		}
		if s, ok := matrix.Service(v); ok {
			svc.matrix, svc.m = s, matrix
		}
		if svc.matrix == nil && !containsFold(vals.services, v) {
			valid := append(append([]string{}, vals.services...), matrix.ServiceIDs()...)
			sort.Strings(valid)
			valid = slices.Compact(valid)
			diags.AddAttributeError(path.Root("service"), "Unknown Service",
				unknownValue("Service", v, valid, "")+" Catalog service names: "+strings.Join(vals.services, ", ")+
					"; responsibility-matrix service ids (as baseline_responsibility takes them): "+strings.Join(matrix.ServiceIDs(), ", ")+".")
		}
	}
	return svc, !diags.HasError()
}
