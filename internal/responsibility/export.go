package responsibility

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// Markdown renders the services' matrix as one table per service.
func (m *Matrix) Markdown(services []*Service, eng *engine.Engine, keep Keep) string {
	var b strings.Builder
	b.WriteString("# Shared responsibility matrix\n")
	for _, s := range services {
		fmt.Fprintf(&b, "\n## %s (`%s`, %s)\n\n", s.Title, s.ID, s.ServiceModel)
		fmt.Fprintf(&b, "Source: %s.\n\n", s.Source)
		b.WriteString("| Item | Owner | Controls | Notes |\n|---|---|---|---|\n")
		for _, e := range m.Entries(s, eng, keep) {
			controls := "—"
			if len(e.Controls) > 0 {
				controls = "`" + strings.Join(e.Controls, "`, `") + "`"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", cell(e.Item.Title), e.Owner, controls, cell(e.Description))
		}
	}
	return b.String()
}

func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// The OSCAL component-definition model (v1.1), as much of it as the export fills.
type (
	oscalDoc struct {
		ComponentDefinition oscalComponentDefinition `json:"component-definition"`
	}
	oscalComponentDefinition struct {
		UUID       string           `json:"uuid"`
		Metadata   oscalMetadata    `json:"metadata"`
		Components []oscalComponent `json:"components"`
	}
	oscalMetadata struct {
		Title        string      `json:"title"`
		LastModified string      `json:"last-modified"`
		Version      string      `json:"version"`
		OSCALVersion string      `json:"oscal-version"`
		Roles        []oscalRole `json:"roles"`
	}
	oscalRole struct {
		ID          string `json:"id"`
		Title       string `json:"title"`
		Description string `json:"description,omitempty"`
	}
	oscalProp struct {
		Name  string `json:"name"`
		Value string `json:"value"`
		NS    string `json:"ns,omitempty"`
	}
	oscalResponsibleRole struct {
		RoleID string `json:"role-id"`
	}
	oscalComponent struct {
		UUID                   string                       `json:"uuid"`
		Type                   string                       `json:"type"`
		Title                  string                       `json:"title"`
		Description            string                       `json:"description"`
		Props                  []oscalProp                  `json:"props"`
		ControlImplementations []oscalControlImplementation `json:"control-implementations"`
	}
	oscalControlImplementation struct {
		UUID                    string                        `json:"uuid"`
		Source                  string                        `json:"source"`
		Description             string                        `json:"description"`
		ImplementedRequirements []oscalImplementedRequirement `json:"implemented-requirements"`
	}
	oscalImplementedRequirement struct {
		UUID             string                 `json:"uuid"`
		ControlID        string                 `json:"control-id"`
		Description      string                 `json:"description"`
		Props            []oscalProp            `json:"props"`
		ResponsibleRoles []oscalResponsibleRole `json:"responsible-roles"`
		Remarks          string                 `json:"remarks,omitempty"`
	}
)

// OSCAL names used by the export.
const (
	OSCALVersion = "1.1.2"
	// OSCALNamespace qualifies the props this provider defines.
	OSCALNamespace = "https://registry.terraform.io/providers/cloudbaseline/baseline"
	// NISTCatalog is the source of every control implementation.
	NISTCatalog = "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json"
)

// OSCAL renders the services' matrix as an OSCAL component definition: one
// component (type "service") per service, one control implementation against
// NIST SP 800-53 r5, one implemented requirement per configuration item whose
// responsible-roles name the owner (customer, provider, or both when shared)
// and whose props carry the responsibility, the item and the catalog controls
// that check it. UUIDs are name-based (version 5), so the output is stable.
func (m *Matrix) OSCAL(services []*Service, eng *engine.Engine, keep Keep) (string, error) {
	doc := oscalDoc{ComponentDefinition: oscalComponentDefinition{
		UUID: uuid5("component-definition:" + strings.Join(ids(services), ",")),
		Metadata: oscalMetadata{
			Title:        "Shared responsibility matrix (terraform-provider-baseline)",
			LastModified: m.LastModified,
			Version:      m.LastModified[:10],
			OSCALVersion: OSCALVersion,
			Roles: []oscalRole{
				{ID: string(engine.Customer), Title: "Cloud customer", Description: "The organisation that configures and uses the cloud service."},
				{ID: string(engine.Provider), Title: "Cloud service provider", Description: "The organisation that operates the cloud service."},
			},
		},
		Components: []oscalComponent{},
	}}
	for _, s := range services {
		comp := oscalComponent{
			UUID:        uuid5("component:" + s.ID),
			Type:        "service",
			Title:       s.Title,
			Description: fmt.Sprintf("%s (%s). Responsibilities per %s.", s.Title, s.ServiceModel, s.Source),
			Props: []oscalProp{
				{Name: "service-model", Value: s.ServiceModel, NS: OSCALNamespace},
				{Name: "cloud", Value: s.Cloud, NS: OSCALNamespace},
				{Name: "service-id", Value: s.ID, NS: OSCALNamespace},
			},
		}
		ci := oscalControlImplementation{
			UUID:        uuid5("control-implementation:" + s.ID),
			Source:      NISTCatalog,
			Description: "Who implements each NIST SP 800-53 r5 control of " + s.Title + ", and which baseline controls check the customer's part.",
		}
		for _, e := range m.Entries(s, eng, keep) {
			req := oscalImplementedRequirement{
				UUID:        uuid5("implemented-requirement:" + s.ID + ":" + e.Item.ID),
				ControlID:   e.Item.NIST,
				Description: e.Item.Title + ": " + e.Description,
				Props: []oscalProp{
					{Name: "responsibility", Value: string(e.Owner), NS: OSCALNamespace},
					{Name: "configuration-item", Value: e.Item.ID, NS: OSCALNamespace},
				},
			}
			for _, c := range e.Controls {
				req.Props = append(req.Props, oscalProp{Name: "baseline-control", Value: c, NS: OSCALNamespace})
			}
			switch e.Owner {
			case engine.Shared:
				req.ResponsibleRoles = []oscalResponsibleRole{{RoleID: string(engine.Provider)}, {RoleID: string(engine.Customer)}}
				req.Remarks = "Shared: the provider supplies the capability; the customer configures and verifies it."
			default:
				req.ResponsibleRoles = []oscalResponsibleRole{{RoleID: string(e.Owner)}}
			}
			ci.ImplementedRequirements = append(ci.ImplementedRequirements, req)
		}
		comp.ControlImplementations = []oscalControlImplementation{ci}
		doc.ComponentDefinition.Components = append(doc.ComponentDefinition.Components, comp)
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", err
	}
	return string(out), nil
}

func ids(services []*Service) []string {
	out := make([]string, len(services))
	for i, s := range services {
		out[i] = s.ID
	}
	return out
}

// uuidNamespace is a fixed namespace for the name-based UUIDs of the export.
var uuidNamespace = [16]byte{0x8c, 0x1e, 0x4a, 0x52, 0x36, 0x0b, 0x4f, 0x0e, 0x9d, 0x6a, 0x1c, 0x55, 0x0b, 0xa5, 0xe1, 0x7e}

// uuid5 is an RFC 4122 version 5 (SHA-1, name-based) UUID.
func uuid5(name string) string {
	h := sha1.New()
	h.Write(uuidNamespace[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = (u[6] & 0x0f) | 0x50
	u[8] = (u[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
