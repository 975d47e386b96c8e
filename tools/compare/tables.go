package main

import (
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// Tools are the peers the suite knows, in report order.
var Tools = []string{"checkov", "trivy"}

// Mapping ties one peer check to one control of the catalog.
type Mapping struct {
	// Tool is checkov or trivy.
	Tool string `yaml:"tool"`
	// Check is the peer's check id: CKV_AWS_24, AVD-AWS-0107.
	Check string `yaml:"check"`
	// Control is our control id.
	Control string `yaml:"control"`
	// FSBP is the AWS Foundational Security Best Practices control both
	// implement, where there is one (S3.8, EC2.13).
	FSBP string `yaml:"fsbp,omitempty"`
	// Scope says how much of our control the peer check covers: equivalent
	// (the default), narrower (it checks part of what the control checks, so
	// a peer failure must be our failure, and our failure with a peer pass is
	// consistent) or broader (it checks more, so our failure must be a peer
	// failure, and a peer failure with our pass is consistent).
	Scope string `yaml:"scope,omitempty"`
	// Types limits the resource types the peer check is compared on (by
	// default every type our control is checked on); for a peer that reports
	// passes without a resource (Trivy) they are where a pass is assumed.
	Types []string `yaml:"types,omitempty"`
	// Note says how the two differ in scope, when they do.
	Note string `yaml:"note,omitempty"`
	// OutOfScope, instead of a control, says why the peer check has no
	// counterpart in the catalog (it judges something no customer duty of
	// the seed's areas asks for, or a value a plan does not hold).
	OutOfScope string `yaml:"out_of_scope,omitempty"`
}

// Clouds whose peer checks must each be mapped or listed as out of scope:
// a check of these clouds that reports on the corpus and is neither makes
// the run fail. AWS predates the rule: its unmapped checks are only listed.
var ListedClouds = []string{"azure", "google"}

// checkCloud is the cloud a peer check id belongs to (CKV_AZURE_35,
// CKV2_GCP_6, AVD-AZU-0012): aws, azure, google or "".
func checkCloud(id string) string {
	switch {
	case strings.Contains(id, "_AZURE_") || strings.HasPrefix(id, "AVD-AZU-"):
		return "azure"
	case strings.Contains(id, "_GCP_") || strings.HasPrefix(id, "AVD-GCP-"):
		return "google"
	case strings.Contains(id, "_AWS_") || strings.HasPrefix(id, "AVD-AWS-"):
		return "aws"
	}
	return ""
}

// typeCloud is the cloud of a resource type: aws, azure, google or "".
func typeCloud(t string) string {
	switch {
	case strings.HasPrefix(t, "aws_"):
		return "aws"
	case strings.HasPrefix(t, "azurerm_"):
		return "azure"
	case strings.HasPrefix(t, "google_"):
		return "google"
	}
	return ""
}

// Clouds are the clouds the report breaks agreement down by.
var Clouds = []string{"aws", "azure", "google"}

// splitMapping separates the entries that tie a peer check to a control from
// the checks listed as out of scope (tool + " " + check -> reason).
func splitMapping(m []Mapping) (mapped []Mapping, outOfScope map[string]string) {
	outOfScope = map[string]string{}
	for _, e := range m {
		if e.OutOfScope != "" {
			outOfScope[e.Tool+" "+e.Check] = e.OutOfScope
			continue
		}
		mapped = append(mapped, e)
	}
	return mapped, outOfScope
}

// effectiveTypes are the resource types a mapping entry is compared on.
func effectiveTypes(e Mapping, checked map[string][]string) []string {
	if len(e.Types) > 0 {
		return e.Types
	}
	return checked[e.Control]
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// Scopes of a mapping ("" is equivalent).
var Scopes = []string{"", "equivalent", "narrower", "broader"}

// consistent reports whether a pair whose verdicts differ is nonetheless
// what the mapping's scope allows.
func (m *Mapping) consistent(ours, peer string) bool {
	switch m.Scope {
	case "narrower":
		return ours == Fail && peer == Pass
	case "broader":
		return ours == Pass && peer == Fail
	}
	return false
}

// Difference explains one known difference between a peer and us.
type Difference struct {
	Tool    string `yaml:"tool"`
	Check   string `yaml:"check"`
	Control string `yaml:"control"`
	// Resources are the resources it covers: "module:address" patterns in
	// path.Match syntax (corpus/s3:aws_s3_bucket.*).
	Resources []string `yaml:"resources"`
	// Ours is our side of the difference: pass or fail.
	Ours string `yaml:"ours"`
	// Kind classifies it: peer-wrong (the peer misreads the value),
	// peer-looser or peer-stricter (than the cloud's definition), scope (the two
	// judge different things on this resource), unknown-at-plan (we do not
	// pass a deciding value Terraform knows only after apply: fail closed),
	// our-defect.
	Kind        string `yaml:"kind"`
	Explanation string `yaml:"explanation"`
	// Reference is the definition that decides it (FSBP, CIS or MCSB text,
	// the cloud's documentation, the peer's own check code).
	Reference string `yaml:"reference"`
}

// Kinds of differences.
var Kinds = []string{"peer-wrong", "peer-looser", "peer-stricter", "scope", "unknown-at-plan", "our-defect"}

func readYAML(file string, out any) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(out); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// LoadMapping reads the mapping table and checks it against the catalog.
func LoadMapping(file string, eng *engine.Engine) ([]Mapping, error) {
	var m []Mapping
	if err := readYAML(file, &m); err != nil {
		return nil, err
	}
	return m, CheckMapping(m, eng)
}

// CheckMapping reports, all at once, entries naming an unknown tool or
// control, duplicate peer check ids and FSBP ids the control does not carry.
func CheckMapping(m []Mapping, eng *engine.Engine) error {
	var errs []string
	seen := map[string]bool{}
	checked := CheckedTypes(eng)
	mappedIDs, outIDs := map[string]bool{}, map[string]bool{}
	for _, e := range m {
		if e.OutOfScope != "" {
			outIDs[e.Tool+" "+e.Check] = true
		} else {
			mappedIDs[e.Tool+" "+e.Check] = true
		}
	}
	outSeen := map[string]bool{}
	for i, e := range m {
		where := fmt.Sprintf("entry %d (%s %s)", i+1, e.Tool, e.Check)
		if !slices.Contains(Tools, e.Tool) {
			errs = append(errs, where+": tool must be one of "+strings.Join(Tools, ", "))
		}
		if e.OutOfScope != "" {
			switch {
			case e.Check == "":
				errs = append(errs, where+": no check id")
			case e.Control != "" || e.Scope != "" || e.FSBP != "" || len(e.Types) > 0:
				errs = append(errs, where+": an out-of-scope check names no control, scope, fsbp or types")
			case mappedIDs[e.Tool+" "+e.Check]:
				errs = append(errs, where+": mapped to a control and listed as out of scope")
			case outSeen[e.Tool+" "+e.Check]:
				errs = append(errs, where+": listed as out of scope twice")
			}
			outSeen[e.Tool+" "+e.Check] = true
			continue
		}
		if strings.TrimSpace(e.Control) == "" {
			errs = append(errs, where+": names neither a control nor out_of_scope")
			continue
		}
		if !slices.Contains(Scopes, e.Scope) {
			errs = append(errs, where+": scope must be one of "+strings.Join(Scopes[1:], ", "))
		}
		if e.Check == "" {
			errs = append(errs, where+": no check id")
		}
		// A peer id may map to several controls on different resource
		// types (CKV_AWS_88: instances and launch templates), never twice
		// on one type.
		for _, t := range effectiveTypes(e, checked) {
			key := e.Tool + " " + e.Check + " " + t
			if seen[key] {
				errs = append(errs, where+": duplicate peer check id for "+t)
			}
			seen[key] = true
		}
		if len(e.Types) > 0 && !subset(e.Types, checked[e.Control]) {
			errs = append(errs, where+": types "+strings.Join(e.Types, ", ")+" are not all checked by "+e.Control)
		}
		c, ok := eng.Control(e.Control)
		switch {
		case !ok:
			errs = append(errs, where+": control "+e.Control+" is not in the catalog")
		case e.FSBP != "" && !c.HasFramework("aws-fsbp:"+e.FSBP):
			errs = append(errs, where+": control "+e.Control+" does not map to FSBP "+e.FSBP)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("mapping: %s", strings.Join(errs, "; "))
	}
	return nil
}

// LoadDifferences reads the explained differences and checks them.
func LoadDifferences(file string, m []Mapping) ([]Difference, error) {
	var d []Difference
	if err := readYAML(file, &d); err != nil {
		return nil, err
	}
	return d, CheckDifferences(d, m)
}

// CheckDifferences reports entries whose peer check and control are not a
// pair of the mapping, or that lack an explanation or reference.
func CheckDifferences(d []Difference, m []Mapping) error {
	pairs := map[string]bool{}
	mapped, _ := splitMapping(m)
	for _, e := range mapped {
		pairs[e.Tool+" "+e.Check+" "+e.Control] = true
	}
	var errs []string
	for i, e := range d {
		where := fmt.Sprintf("difference %d (%s %s / %s)", i+1, e.Tool, e.Check, e.Control)
		if !pairs[e.Tool+" "+e.Check+" "+e.Control] {
			errs = append(errs, where+": not a pair of the mapping")
		}
		if e.Ours != "pass" && e.Ours != "fail" {
			errs = append(errs, where+": ours must be pass or fail")
		}
		if !slices.Contains(Kinds, e.Kind) {
			errs = append(errs, where+": kind must be one of "+strings.Join(Kinds, ", "))
		}
		if strings.TrimSpace(e.Explanation) == "" || strings.TrimSpace(e.Reference) == "" {
			errs = append(errs, where+": needs an explanation and a reference")
		}
		if len(e.Resources) == 0 {
			errs = append(errs, where+": names no resources")
		}
		for _, r := range e.Resources {
			if _, err := path.Match(r, ""); err != nil {
				errs = append(errs, where+": bad pattern "+r)
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("differences: %s", strings.Join(errs, "; "))
	}
	return nil
}

// covers reports whether d could have occurred in this run, so that its not
// occurring makes it stale: one of its patterns matches a resource (keys:
// module:address) of a module compared with d's tool, or names such a module
// without a wildcard (the resource may be gone from it).
func (d *Difference) covers(reports map[string]map[string]*PeerReport, keys []string) bool {
	for _, r := range d.Resources {
		pattern, _, _ := strings.Cut(r, ":")
		if !strings.ContainsAny(pattern, "*?[") && reports[pattern][d.Tool] != nil {
			return true
		}
		for _, k := range keys {
			module, _, _ := strings.Cut(k, ":")
			if reports[module][d.Tool] == nil {
				continue
			}
			if ok, _ := path.Match(r, k); ok {
				return true
			}
		}
	}
	return false
}

// explains reports whether d covers the difference on resource key (module:address).
func (d *Difference) explains(tool, check, control, key, ours string) bool {
	if d.Tool != tool || d.Check != check || d.Control != control || d.Ours != ours {
		return false
	}
	for _, r := range d.Resources {
		if ok, _ := path.Match(r, key); ok {
			return true
		}
	}
	return false
}
