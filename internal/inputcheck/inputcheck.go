// Package inputcheck finds input that would otherwise pass silently: values
// naming attributes the resource type's schema does not have, waiver match
// paths that cannot exist, and a controls selection that judges nothing of
// the resource type. Framework-free; the adapters turn problems into
// warnings, errors or function errors.
package inputcheck

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/vpc"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Extensions are top-level keys the baseline reads beside a resource type's
// own attributes: companions a plan passes with the resource.
var Extensions = map[string][]string{
	"aws_vpc": {vpc.KeyFlowLogs},
}

// OlderNames are attributes of older provider majors that the baseline still
// reads from the raw value where a supported major accepts them (azurerm 3.x,
// google 5.x): they are judged, so they are not unknown.
var OlderNames = map[string][]string{
	"azurerm_storage_account":      {"enable_https_traffic_only"},             // azure/storage
	"azurerm_kubernetes_cluster":   {"api_server_authorized_ip_ranges"},       // azure/aks
	"google_sql_database_instance": {"settings.ip_configuration.require_ssl"}, // google/sql
}

// Kind says what a problem is about.
type Kind string

const (
	// UnknownAttribute: values name an attribute no embedded schema of the type has.
	UnknownAttribute Kind = "values"
	// UnknownMatchPath: a waiver's match path names an attribute the type cannot have.
	UnknownMatchPath Kind = "waivers"
	// ControlsJudgeNothing: no control of the selection judges the type (an error).
	ControlsJudgeNothing Kind = "controls"
	// ControlNotJudging: a control of the selection does not judge the type (others do).
	ControlNotJudging Kind = "control"
)

// Problem is one finding about the input.
type Problem struct {
	Kind    Kind
	Summary string
	Detail  string
	// Set is true for an unknown attribute given a value other than null or
	// a zero value, or one whose closest known attribute is a rename of it:
	// it may have changed a judgement had the baseline known it.
	Set bool
}

// Attributes lists the attributes of v that no embedded schema of
// resourceType has, except extension keys and the names of older provider
// majors the catalog reads (attributes.yaml lists them, e.g. azurerm 3.x
// enable_https_traffic_only): those are judged, not ignored.
func Attributes(resourceType string, v subject.Value) []Problem {
	var out []Problem
	for _, u := range UnknownAttributes(resourceType, v) {
		out = append(out, Problem{
			Kind:    UnknownAttribute,
			Summary: "Unknown Attribute In Values",
			Detail: u.Message(resourceType) + "; the baseline ignores it, so it decides no control. " +
				"Use the attribute names of that provider version (an argument renamed in a newer major version must be given by its new name).",
			Set: u.Set || u.Renamed,
		})
	}
	return out
}

// UnknownAttributes is schema.UnknownAttributes without the extension keys
// and the older names the catalog reads.
func UnknownAttributes(resourceType string, v subject.Value) []schema.Unknown {
	read, _ := catalog.Attributes()
	var out []schema.Unknown
	for _, u := range schema.UnknownAttributes(resourceType, v) {
		if slices.Contains(Extensions[resourceType], u.Path) || slices.Contains(OlderNames[resourceType], strings.ReplaceAll(u.Path, "[*]", "")) || readByCatalog(read[resourceType], u.Path) {
			continue
		}
		out = append(out, u)
	}
	return out
}

// readByCatalog reports whether path, or an attribute below it, is one the
// catalog declares for the type.
func readByCatalog(attrs map[string]catalog.Attribute, path string) bool {
	norm := func(p string) string { return strings.ReplaceAll(p, "[*]", "") }
	want := norm(path)
	for p := range attrs {
		if q := norm(p); q == want || strings.HasPrefix(q, want+".") {
			return true
		}
	}
	return false
}

// MatchPaths lists the match paths of waivers, whose control judges
// resourceType, that no embedded schema of resourceType can hold: such a
// waiver never matches.
func MatchPaths(eng *engine.Engine, resourceType string, waivers engine.Waivers) []Problem {
	var out []Problem
	for _, w := range waivers {
		c, ok := eng.Control(w.ControlID)
		if !ok || !slices.Contains(c.ResourceTypes, resourceType) {
			continue
		}
		for _, p := range w.MatchPaths() {
			steps, err := engine.SplitMatchPath(p)
			if err != nil {
				continue // NewWaiver rejected it already
			}
			ok, closest, versions := schema.CheckPath(resourceType, steps)
			if ok {
				continue
			}
			detail := fmt.Sprintf("The waiver for %s matches %s, which %s cannot have in the %s schema the baseline judges, so the waiver never matches", w.ControlID, p, resourceType, versions)
			if closest != "" {
				detail += fmt.Sprintf(" (did you mean %s?)", closest)
			}
			out = append(out, Problem{Kind: UnknownMatchPath, Summary: "Waiver Match Path Cannot Match", Detail: detail + "."})
		}
	}
	return out
}

// Controls checks a controls selection chosen for this call (not the
// provider's, which serves every resource type): an error when none of its
// controls judges resourceType, a problem per control that does not when
// others do.
func Controls(eng *engine.Engine, resourceType string, controls []string) []Problem {
	if len(controls) == 0 {
		return nil
	}
	if err := eng.ValidateControlsFor(resourceType, engine.Options{Controls: controls}); err != nil {
		return []Problem{{Kind: ControlsJudgeNothing, Summary: "Controls Judge Nothing", Detail: "controls: " + err.Error() + "."}}
	}
	var out []Problem
	for _, id := range eng.NotJudging(resourceType, controls) {
		c, _ := eng.Control(id)
		out = append(out, Problem{Kind: ControlNotJudging, Summary: "Control Does Not Judge Resource Type",
			Detail: fmt.Sprintf("controls: %s does not judge %s (it judges %s), so it is left out here.", id, resourceType, strings.Join(c.ResourceTypes, ", "))})
	}
	return out
}
