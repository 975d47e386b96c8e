// Package responsibility holds the shared responsibility matrix as embedded
// data: per cloud service its service model and, per configuration item, who
// owns it (customer, provider or shared) and which catalog controls cover it.
// It knows nothing of Terraform's plugin framework.
package responsibility

import (
	"bytes"
	_ "embed"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

//go:embed matrix.yaml
var matrixYAML []byte

// Item is a configuration item that someone must own, such as OS patching.
type Item struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	NIST        string `yaml:"nist"` // the NIST SP 800-53 r5 control id it maps to, OSCAL style ("sc-28")
	Description string `yaml:"description"`
}

// Assignment is who owns an item for one service, with a service-specific note
// and the controls listed for it in the matrix.
type Assignment struct {
	Owner    engine.Responsibility `yaml:"owner"`
	Note     string                `yaml:"note"`
	Controls []string              `yaml:"controls"`
}

// Service is one row group of the matrix.
type Service struct {
	ID           string `yaml:"id"`
	Title        string `yaml:"title"`
	Cloud        string `yaml:"cloud"`
	ServiceModel string `yaml:"service_model"`
	Source       string `yaml:"source"`
	// ResourceTypes are names or globs (`aws_s3_bucket_*`) of the Terraform
	// resource types that belong to the service.
	ResourceTypes []string              `yaml:"resource_types"`
	Items         map[string]Assignment `yaml:"items"`
}

// Matrix is the whole shared responsibility matrix.
type Matrix struct {
	LastModified string    `yaml:"last_modified"`
	Items        []Item    `yaml:"items"`
	Services     []Service `yaml:"services"`

	items    map[string]*Item
	services map[string]*Service
}

var (
	once    sync.Once
	def     *Matrix
	loadErr error
)

// Default returns the embedded matrix, parsed and validated once.
func Default() (*Matrix, error) {
	once.Do(func() { def, loadErr = Parse(matrixYAML) })
	return def, loadErr
}

// Parse decodes and validates a matrix.
func Parse(raw []byte) (*Matrix, error) {
	var m Matrix
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("responsibility matrix: %w", err)
	}
	if err := m.index(); err != nil {
		return nil, fmt.Errorf("responsibility matrix: %w", err)
	}
	return &m, nil
}

func (m *Matrix) index() error {
	m.items = map[string]*Item{}
	for i := range m.Items {
		it := &m.Items[i]
		if it.ID == "" || it.Title == "" || it.NIST == "" || it.Description == "" {
			return fmt.Errorf("item %q needs id, title, nist and description", it.ID)
		}
		if _, dup := m.items[it.ID]; dup {
			return fmt.Errorf("duplicate item %q", it.ID)
		}
		m.items[it.ID] = it
	}
	m.services = map[string]*Service{}
	exact := map[string]string{}
	for i := range m.Services {
		s := &m.Services[i]
		if s.ID == "" || s.Title == "" || s.Cloud == "" || s.Source == "" {
			return fmt.Errorf("service %q needs id, title, cloud and source", s.ID)
		}
		if _, dup := m.services[s.ID]; dup {
			return fmt.Errorf("duplicate service %q", s.ID)
		}
		switch s.ServiceModel {
		case "IaaS", "PaaS", "SaaS":
		default:
			return fmt.Errorf("service %s: service_model %q is not IaaS, PaaS or SaaS", s.ID, s.ServiceModel)
		}
		if len(s.Items) == 0 {
			return fmt.Errorf("service %s has no items", s.ID)
		}
		for id, a := range s.Items {
			if _, ok := m.items[id]; !ok {
				return fmt.Errorf("service %s: unknown item %q", s.ID, id)
			}
			switch a.Owner {
			case engine.Customer, engine.Provider, engine.Shared:
			default:
				return fmt.Errorf("service %s, item %s: owner %q is not customer, provider or shared", s.ID, id, a.Owner)
			}
		}
		for _, rt := range s.ResourceTypes {
			if _, err := path.Match(rt, ""); err != nil {
				return fmt.Errorf("service %s: malformed resource type pattern %q", s.ID, rt)
			}
			if prev, dup := exact[rt]; dup {
				return fmt.Errorf("resource type %q is listed by both %s and %s", rt, prev, s.ID)
			}
			exact[rt] = s.ID
		}
		m.services[s.ID] = s
	}
	return nil
}

// Item returns a configuration item by id.
func (m *Matrix) Item(id string) (*Item, bool) {
	it, ok := m.items[id]
	return it, ok
}

// Service returns a service by id.
func (m *Matrix) Service(id string) (*Service, bool) {
	s, ok := m.services[id]
	return s, ok
}

// ServiceIDs lists the service ids in matrix order.
func (m *Matrix) ServiceIDs() []string {
	out := make([]string, len(m.Services))
	for i, s := range m.Services {
		out[i] = s.ID
	}
	return out
}

// ServiceFor returns the service a resource type belongs to: an exact name
// wins, else the longest matching glob.
func (m *Matrix) ServiceFor(resourceType string) (*Service, bool) {
	var best *Service
	bestLen := -1
	for i := range m.Services {
		s := &m.Services[i]
		for _, p := range s.ResourceTypes {
			if p == resourceType {
				return s, true
			}
			if ok, _ := path.Match(p, resourceType); ok && len(p) > bestLen {
				best, bestLen = s, len(p)
			}
		}
	}
	return best, best != nil
}

// Entry is one configuration item of one service, resolved against the catalog.
type Entry struct {
	Item        *Item
	Owner       engine.Responsibility
	Description string   // the service's note, else the item's description
	Controls    []string // listed in the matrix, then derived from the catalog; sorted
}

// areaItem maps a catalog area to the item its controls cover.
var areaItem = map[string]string{
	"network":               "network-configuration",
	"storage-public-access": "public-exposure",
	"key-management":        "key-management",
	"logging":               "logging",
	"identity":              "identity-access",
}

var transitWords = []string{"tls", "https", "ssl", "ftps", "transit", "node-to-node", "client-cert"}

// keyWords mark an encryption control about choosing the key (key
// management) rather than about encrypting at all.
var keyWords = []string{"cmek", "customer-key", "customer-managed-key"}

// exposureWords mark a network control about reaching the resource from the
// internet at all (public exposure) rather than about which ports or ranges
// a firewall admits (network configuration); imdsWords one about the
// instance metadata credentials (identity and access).
var (
	exposureWords = []string{"no-public-ip", "not-public", "public-network-access"}
	imdsWords     = []string{"imds"}
)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// itemForControl is the item a catalog control covers by its area; encryption
// controls go to encryption in transit when their id says TLS, HTTPS, SSL,
// FTPS or transit, to key management when it says CMEK or customer key, else
// to encryption at rest; network controls go to public exposure when their
// id says no-public-ip, not-public or public-network-access, to identity and
// access when it says IMDS, else to network configuration. An area that is itself an item id
// (an organisation's own "backup" or "data-classification" control) covers
// that item.
func itemForControl(c *engine.Control) string {
	switch {
	case c.Area == "encryption" && containsAny(c.ID, transitWords):
		return "encryption-in-transit"
	case c.Area == "encryption" && containsAny(c.ID, keyWords):
		return "key-management"
	case c.Area == "encryption":
		return "encryption-at-rest"
	case c.Area == "network" && containsAny(c.ID, exposureWords):
		return "public-exposure"
	case c.Area == "network" && containsAny(c.ID, imdsWords):
		return "identity-access"
	}
	if item, ok := areaItem[c.Area]; ok {
		return item
	}
	return c.Area
}

// Keep selects the controls that count (for example the provider's baseline
// and minimum severity); nil keeps every control.
type Keep func(*engine.Control) bool

// Entries resolves a service's items in matrix order. With eng, catalog
// controls that judge a resource type of the service and that the matrix does
// not list anywhere in the service are added to the item of their area, and
// controls that keep rejects are left out.
func (m *Matrix) Entries(s *Service, eng *engine.Engine, keep Keep) []Entry {
	controls := map[string][]string{}
	listed := map[string]bool{}
	for id, a := range s.Items {
		controls[id] = append([]string{}, a.Controls...)
		for _, c := range a.Controls {
			listed[c] = true
		}
	}
	if eng != nil {
		for _, c := range eng.Controls() {
			if listed[c.ID] || !m.judges(s, c) {
				continue
			}
			if item := itemForControl(c); item != "" {
				if _, ok := s.Items[item]; ok {
					controls[item] = append(controls[item], c.ID)
				}
			}
		}
	}
	var out []Entry
	for i := range m.Items {
		it := &m.Items[i]
		a, ok := s.Items[it.ID]
		if !ok {
			continue
		}
		desc := a.Note
		if desc == "" {
			desc = it.Description
		}
		ids := []string{}
		for _, id := range controls[it.ID] {
			if keep != nil && eng != nil {
				if c, ok := eng.Control(id); ok && !keep(c) {
					continue
				}
			}
			ids = append(ids, id)
		}
		sort.Strings(ids)
		out = append(out, Entry{Item: it, Owner: a.Owner, Description: desc, Controls: ids})
	}
	return out
}

func (m *Matrix) judges(s *Service, c *engine.Control) bool {
	for _, rt := range c.ResourceTypes {
		if got, ok := m.ServiceFor(rt); ok && got == s {
			return true
		}
	}
	return false
}

// Gap is a customer-owned (or, when asked, shared) item that no control covers:
// something to document and verify by other means.
type Gap struct {
	Service     *Service
	Entry       Entry
	Description string
}

// Gaps lists, for each service in order, the items owned by the customer (and
// shared items when includeShared) that no control covers.
func (m *Matrix) Gaps(services []*Service, eng *engine.Engine, keep Keep, includeShared bool) []Gap {
	var out []Gap
	for _, s := range services {
		for _, e := range m.Entries(s, eng, keep) {
			if len(e.Controls) > 0 {
				continue
			}
			if e.Owner == engine.Customer || (includeShared && e.Owner == engine.Shared) {
				out = append(out, Gap{Service: s, Entry: e})
			}
		}
	}
	return out
}

// Resolve maps resource types and service ids to services, in matrix order and
// without duplicates, and returns the resource types that map to no service.
func (m *Matrix) Resolve(resourceTypes, serviceIDs []string) ([]*Service, []string, error) {
	want := map[string]bool{}
	for _, id := range serviceIDs {
		if _, ok := m.services[id]; !ok {
			return nil, nil, fmt.Errorf("unknown service %q: use one of %s", id, strings.Join(m.ServiceIDs(), ", "))
		}
		want[id] = true
	}
	var unmapped []string
	for _, rt := range resourceTypes {
		if s, ok := m.ServiceFor(rt); ok {
			want[s.ID] = true
		} else if !slices.Contains(unmapped, rt) {
			unmapped = append(unmapped, rt)
		}
	}
	var out []*Service
	for i := range m.Services {
		if want[m.Services[i].ID] {
			out = append(out, &m.Services[i])
		}
	}
	sort.Strings(unmapped)
	return out, unmapped, nil
}

// All returns every service in matrix order.
func (m *Matrix) All() []*Service {
	out := make([]*Service, len(m.Services))
	for i := range m.Services {
		out[i] = &m.Services[i]
	}
	return out
}
