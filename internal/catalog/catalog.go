// Package catalog assembles the catalog and the default engine from the
// service folders of internal/controls: their controls.yaml metadata and their
// evaluators, tied to each other by control id.
package catalog

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"gopkg.in/yaml.v3"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Frameworks names the framework prefixes a reference may use.
// azure-policy items name an Azure Policy built-in definition (its GUID),
// which Defender for Cloud recommendations carry; gcp-sha items name a
// Security Health Analytics finding category. baseline_azure_defender and
// baseline_google_scc join on them.
var Frameworks = []string{"aws-fsbp", "cis-aws-v3.0", "nist-800-53-r5", "cis-azure-v3.0", "mcsb", "cis-gcp-v3.0", "cis-m365-v4.0", "cis-github-v1.0", "azure-policy", "gcp-sha"}

// Areas lists the control areas.
var Areas = []string{"network", "storage-public-access", "encryption", "key-management", "logging", "identity"}

// ServiceModels lists the cloud service models.
var ServiceModels = []string{"IaaS", "PaaS", "SaaS"}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)

var (
	once    sync.Once
	eng     *engine.Engine
	loadErr error
)

// Engine returns the shared default engine, built once: every service
// folder's controls and evaluators.
func Engine() (*engine.Engine, error) {
	once.Do(func() {
		controls, err := Load()
		if err != nil {
			loadErr = err
			return
		}
		reg, err := Registry()
		if err != nil {
			loadErr = err
			return
		}
		eng, loadErr = engine.New(controls, reg)
	})
	return eng, loadErr
}

// Registry returns a new registry holding every service folder's evaluators
// and the attribute meanings of their resource types.
func Registry() (*engine.Registry, error) {
	reg := engine.NewRegistry()
	for _, register := range controls.Registrars {
		register(reg)
	}
	reg.SetSensitive(SensitiveValues)
	attrs, err := Attributes()
	if err != nil {
		return nil, err
	}
	for _, rt := range slices.Sorted(maps.Keys(attrs)) {
		meanings := make(map[string]subject.Meaning, len(attrs[rt]))
		for path, a := range attrs[rt] {
			meanings[path] = a.meaning
		}
		shape, err := subject.NewShape(meanings)
		if err == nil {
			err = reg.SetShape(rt, shape)
		}
		if err != nil {
			return nil, fmt.Errorf("attributes.yaml: %s: %w", rt, err)
		}
	}
	return reg, nil
}

// Attribute is the catalog's reading of one attribute's plan-time value,
// decided from the provider schema (see "Real shapes" in DESIGN.md). An
// attribute absent from attributes.yaml has the default reading: an unknown
// value is a configured value not known until apply.
//
// Defaults as data. An entry read as "unset, the default decides" (unknown:
// unset) records what the cloud does when the argument is left out:
//
//	storage_encrypted:
//	  unknown: unset
//	  why: "..."
//	  default: "true for Aurora engines; false for Multi-AZ DB clusters"
//	  since: "2026-02-18"
//	  source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html"
//
// default is the value (or behaviour) a resource created today gets; since is
// the date from which that default holds, as YYYY-MM-DD, YYYY-MM or YYYY when
// the cloud changed it, or "always" when it never changed; source is the https
// URL of the provider documentation, cloud documentation or announcement that
// says so. All three are required with unknown: unset and allowed on any
// other entry that names a default.
//
// A dated default (since is not "always") also decides what an absent key
// means: values that lack the attribute altogether were written by a provider
// version that predates it (a state read as it was stored), or by hand, and
// the resource may predate the default, so an absent key reads as unknown,
// not as today's default (fail closed). A null or a plan-time unknown is
// still "not set" (a resource created now).
type Attribute struct {
	// Unknown is unknown (the default), unset or elsewhere: see
	// subject.UnknownMeaning.
	Unknown string `yaml:"unknown"`
	// Zero is "unset" when the zero value ("", 0, false, []) means not set.
	Zero string `yaml:"zero"`
	// Why says, for people, why the attribute is read so.
	Why string `yaml:"why"`
	// Default is what the cloud does when the argument is left out, for a
	// resource created today, as YAML gives it (a string, bool, number or
	// list); DefaultText renders it.
	Default any `yaml:"default"`
	// Since is the date the default holds from (YYYY-MM-DD, YYYY-MM or
	// YYYY), or "always" (the same as leaving it out) when it never changed.
	Since string `yaml:"since"`
	// Source is the https URL that documents the default.
	Source string `yaml:"source"`

	meaning subject.Meaning
}

// SinceAlways is the Since of a default that never changed.
const SinceAlways = "always"

var sincePattern = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// Dated reports whether the default changed at some date (Since is a date).
func (a Attribute) Dated() bool { return a.Since != "" && a.Since != SinceAlways }

// DefaultText renders the recorded default ("" when none is recorded).
func (a Attribute) DefaultText() string {
	switch d := a.Default.(type) {
	case nil:
		return ""
	case string:
		return d
	case []any:
		if len(d) == 0 {
			return "[]"
		}
	}
	return fmt.Sprint(a.Default)
}

// validateDefault checks the default, since and source of an entry: required
// together when the default decides (unknown: unset), well formed whenever
// given.
func (a Attribute) validateDefault() error {
	given := a.Default != nil || a.Since != "" || a.Source != ""
	if !given && a.meaning.Unknown != subject.UnknownIsUnset {
		return nil
	}
	var missing []string
	if a.Default == nil {
		missing = append(missing, "default")
	}
	for _, f := range []struct{ name, v string }{{"source", a.Source}} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the default decides (unknown: unset) or a default is named, but %s is missing: record the default, since when it holds where it changed (a date; leave it out or write %q when it never changed) and its source URL", strings.Join(missing, ", "), SinceAlways)
	}
	if a.Since != "" && a.Since != SinceAlways && !sincePattern.MatchString(a.Since) {
		return fmt.Errorf("since %q is neither a date (YYYY-MM-DD, YYYY-MM or YYYY) nor %q", a.Since, SinceAlways)
	}
	if !strings.HasPrefix(a.Source, "https://") || strings.ContainsAny(a.Source, " \t\n") {
		return fmt.Errorf("source %q is not an https URL", a.Source)
	}
	return nil
}

// Meaning returns how the attribute's value is read.
func (a Attribute) Meaning() subject.Meaning { return a.meaning }

var (
	attrsOnce sync.Once
	attrs     map[string]map[string]Attribute
	attrsErr  error
)

// Attributes returns, per resource type and attribute path ("ingress",
// "ingress[*].cidr_block"), the readings of every service folder's
// attributes.yaml.
func Attributes() (map[string]map[string]Attribute, error) {
	attrsOnce.Do(func() { attrs, attrsErr = loadAttributes(controls.Files) })
	return attrs, attrsErr
}

func loadAttributes(fsys fs.FS) (map[string]map[string]Attribute, error) {
	names, err := fs.Glob(fsys, "*/*/attributes.yaml")
	if err != nil {
		return nil, err
	}
	files, err := decodeAll[map[string]map[string]Attribute](fsys, names)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]Attribute{}
	for f, name := range names {
		for rt, paths := range files[f] {
			if out[rt] == nil {
				out[rt] = map[string]Attribute{}
			}
			for path, a := range paths {
				if _, dup := out[rt][path]; dup {
					return nil, fmt.Errorf("%s: %s.%s is described in another attributes.yaml too", name, rt, path)
				}
				if _, err := subject.SplitPath(path); err != nil {
					return nil, fmt.Errorf("%s: %s: %w", name, rt, err)
				}
				if a.meaning.Unknown, err = subject.ParseUnknownMeaning(a.Unknown); err != nil {
					return nil, fmt.Errorf("%s: %s.%s: %w", name, rt, path, err)
				}
				switch a.Zero {
				case "":
				case "unset":
					a.meaning.ZeroIsUnset = true
				default:
					return nil, fmt.Errorf("%s: %s.%s: zero %q is not \"unset\"", name, rt, path, a.Zero)
				}
				if err := a.validateDefault(); err != nil {
					return nil, fmt.Errorf("%s: %s.%s: %w", name, rt, path, err)
				}
				a.meaning.AbsentIsUnknown = a.Dated()
				out[rt][path] = a
			}
		}
	}
	return out, nil
}

// Load parses and validates every service folder's controls.yaml.
func Load() ([]engine.Control, error) {
	return load(controls.Files)
}

func load(fsys fs.FS) ([]engine.Control, error) {
	names, err := fs.Glob(fsys, "*/*/controls.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	files, err := decodeAll[[]engine.Control](fsys, names)
	if err != nil {
		return nil, err
	}
	var all []engine.Control
	seen := map[string]string{}
	for f, name := range names {
		controls := files[f]
		for i := range controls {
			c := &controls[i]
			if err := Validate(c); err != nil {
				return nil, fmt.Errorf("%s: control %q: %w", name, c.ID, err)
			}
			if prev, dup := seen[c.ID]; dup {
				return nil, fmt.Errorf("%s: duplicate control id %q (first in %s)", name, c.ID, prev)
			}
			seen[c.ID] = name
		}
		all = append(all, controls...)
	}
	return all, nil
}

// decodeAll decodes the YAML files names of fsys (strictly: unknown fields
// are errors) on every CPU, since a provider process that judges waits for
// the catalog; the error is that of the first failing file in names' order.
func decodeAll[T any](fsys fs.FS, names []string) ([]T, error) {
	out := make([]T, len(names))
	errs := make([]error, len(names))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(names); i = int(next.Add(1)) - 1 {
				raw, err := fs.ReadFile(fsys, names[i])
				if err != nil {
					errs[i] = err
					continue
				}
				dec := yaml.NewDecoder(bytes.NewReader(raw))
				dec.KnownFields(true)
				if err := dec.Decode(&out[i]); err != nil {
					errs[i] = fmt.Errorf("%s: %w", names[i], err)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Validate checks one control's metadata.
func Validate(c *engine.Control) error {
	var problems []string
	if !idPattern.MatchString(c.ID) {
		problems = append(problems, "id must be lower-case words joined by dashes")
	}
	if strings.TrimSpace(c.Title) == "" {
		problems = append(problems, "title is empty")
	}
	if c.Severity.Rank() < 0 {
		problems = append(problems, fmt.Sprintf("severity %q is not one of critical, high, medium, low, info", c.Severity))
	}
	if !slices.Contains(Areas, c.Area) {
		problems = append(problems, fmt.Sprintf("area %q is not one of %s", c.Area, strings.Join(Areas, ", ")))
	}
	if c.Cloud == "" || c.Service == "" {
		problems = append(problems, "cloud and service must be set")
	}
	if !slices.Contains(ServiceModels, c.ServiceModel) {
		problems = append(problems, fmt.Sprintf("service_model %q is not one of IaaS, PaaS, SaaS", c.ServiceModel))
	}
	switch c.Responsibility {
	case engine.Customer, engine.Shared, engine.Provider:
	default:
		problems = append(problems, fmt.Sprintf("responsibility %q is not one of customer, shared, provider", c.Responsibility))
	}
	hasNIST := false
	for _, f := range c.Frameworks {
		name, item, ok := strings.Cut(f, ":")
		if !ok || item == "" || !slices.Contains(Frameworks, name) {
			problems = append(problems, fmt.Sprintf("framework reference %q is not <framework>:<item> with a known framework", f))
		}
		if p := joinItemProblem(c.Cloud, name, item); p != "" {
			problems = append(problems, p)
		}
		hasNIST = hasNIST || name == "nist-800-53-r5"
	}
	if !hasNIST {
		problems = append(problems, "needs at least one nist-800-53-r5 reference")
	}
	if len(c.ResourceTypes) == 0 {
		problems = append(problems, "resource_types is empty")
	}
	if strings.TrimSpace(c.Remediation) == "" {
		problems = append(problems, "remediation is empty")
	}
	if strings.TrimSpace(c.Fix) == "" || strings.Contains(c.Fix, "\n") {
		problems = append(problems, "fix must be one line")
	}
	if len(c.Modes) == 0 {
		problems = append(problems, "modes is empty")
	}
	if c.Profile != "" && c.Profile != engine.BaselineStrict {
		problems = append(problems, fmt.Sprintf("profile %q is not strict (or unset)", c.Profile))
	}
	for _, m := range c.Modes {
		if m != "planned" && m != "live" {
			problems = append(problems, fmt.Sprintf("mode %q is not planned or live", m))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}
