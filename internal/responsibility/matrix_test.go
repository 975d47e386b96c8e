package responsibility_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/responsibility"
)

func load(t *testing.T) (*responsibility.Matrix, *engine.Engine) {
	t.Helper()
	m, err := responsibility.Default()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	return m, eng
}

// TestMatrix_controlsExistInCatalog fails when the matrix names a control id
// that the catalog does not have.
func TestMatrix_controlsExistInCatalog(t *testing.T) {
	m, eng := load(t)
	for _, s := range m.Services {
		for item, a := range s.Items {
			for _, id := range a.Controls {
				if _, ok := eng.Control(id); !ok {
					t.Errorf("service %s, item %s: control %q is not in the catalog", s.ID, item, id)
				}
			}
		}
	}
}

func TestMatrix_coversRequiredServices(t *testing.T) {
	m, _ := load(t)
	for _, id := range []string{"ec2", "ebs", "s3", "rds", "aurora", "lambda", "ecs-ec2", "ecs-fargate", "eks", "dynamodb", "cloudtrail", "kms", "iam", "vpc", "elb", "cloudfront", "sqs", "sns", "efs", "azure-vm", "azure-app-service", "azure-sql-database", "azure-storage", "gce", "cloud-sql", "cloud-storage", "entra-id", "github", "saas"} {
		if _, ok := m.Service(id); !ok {
			t.Errorf("service %s is missing", id)
		}
	}
	// Every service says who owns physical security (always the provider) and
	// identity and access (always the customer).
	for _, s := range m.Services {
		if a := s.Items["physical-security"]; a.Owner != engine.Provider {
			t.Errorf("%s: physical security owner %q", s.ID, a.Owner)
		}
		if a := s.Items["identity-access"]; a.Owner != engine.Customer {
			t.Errorf("%s: identity and access owner %q", s.ID, a.Owner)
		}
	}
}

// TestMatrix_cloudRowsNameControls: the Azure and Google Cloud rows list the
// catalog controls that judge their resource types.
func TestMatrix_cloudRowsNameControls(t *testing.T) {
	m, eng := load(t)
	for _, id := range []string{"azure-vm", "azure-app-service", "azure-sql-database", "azure-storage", "gce", "cloud-sql", "cloud-storage", "entra-id", "github"} {
		s, _ := m.Service(id)
		n := 0
		for _, e := range m.Entries(s, eng, nil) {
			n += len(e.Controls)
		}
		if n == 0 {
			t.Errorf("service %s names no control", id)
		}
	}
}

func owner(t *testing.T, m *responsibility.Matrix, eng *engine.Engine, resourceType, item string) (string, responsibility.Entry) {
	t.Helper()
	s, ok := m.ServiceFor(resourceType)
	if !ok {
		t.Fatalf("%s maps to no service", resourceType)
	}
	for _, e := range m.Entries(s, eng, nil) {
		if e.Item.ID == item {
			return s.ID + "/" + s.ServiceModel, e
		}
	}
	t.Fatalf("%s (%s) has no item %s", resourceType, s.ID, item)
	return "", responsibility.Entry{}
}

func TestMatrix_facts(t *testing.T) {
	m, eng := load(t)
	cases := []struct {
		resourceType, item, service string
		owner                       engine.Responsibility
	}{
		{"aws_instance", "os-patching", "ec2/IaaS", engine.Customer},
		{"aws_instance", "physical-security", "ec2/IaaS", engine.Provider},
		{"aws_db_instance", "os-patching", "rds/PaaS", engine.Provider},
		{"aws_db_instance", "encryption-at-rest", "rds/PaaS", engine.Customer},
		{"aws_rds_cluster", "os-patching", "aurora/PaaS", engine.Provider},
		{"aws_s3_bucket", "public-exposure", "s3/PaaS", engine.Customer},
		{"aws_s3_bucket_public_access_block", "public-exposure", "s3/PaaS", engine.Customer},
		{"aws_lambda_function", "os-patching", "lambda/PaaS", engine.Provider},
		{"aws_ecs_service", "os-patching", "ecs-ec2/PaaS", engine.Customer},
		{"aws_dynamodb_table", "encryption-at-rest", "dynamodb/PaaS", engine.Provider},
		{"aws_security_group", "network-configuration", "vpc/IaaS", engine.Customer},
		{"azurerm_linux_virtual_machine", "os-patching", "azure-vm/IaaS", engine.Customer},
		{"azurerm_mssql_database", "os-patching", "azure-sql-database/PaaS", engine.Provider},
		{"google_compute_instance", "os-patching", "gce/IaaS", engine.Customer},
		{"google_storage_bucket_iam_member", "public-exposure", "cloud-storage/PaaS", engine.Customer},
		{"azuread_conditional_access_policy", "identity-access", "entra-id/SaaS", engine.Customer},
		{"azuread_conditional_access_policy", "host-infrastructure", "entra-id/SaaS", engine.Provider},
		{"azuread_group", "encryption-at-rest", "entra-id/SaaS", engine.Provider},
		{"github_repository", "public-exposure", "github/SaaS", engine.Customer},
		{"github_branch_protection", "application-code", "github/SaaS", engine.Customer},
		{"github_actions_secret", "middleware-runtime", "github/SaaS", engine.Provider},
	}
	for _, c := range cases {
		svc, e := owner(t, m, eng, c.resourceType, c.item)
		if svc != c.service || e.Owner != c.owner {
			t.Errorf("%s %s: got %s owned by %s, want %s owned by %s", c.resourceType, c.item, svc, e.Owner, c.service, c.owner)
		}
	}
	_, e := owner(t, m, eng, "aws_s3_bucket", "public-exposure")
	for _, want := range []string{"aws-s3-bucket-public-access-block", "aws-s3-bucket-no-public-policy"} {
		if !slices.Contains(e.Controls, want) {
			t.Errorf("s3 public exposure controls %v lack %s", e.Controls, want)
		}
	}
	if s, _ := m.Service("ecs-fargate"); s.Items["os-patching"].Owner != engine.Provider {
		t.Error("Fargate OS patching is the provider's")
	}
}

func TestMatrix_serviceForPrefersExactThenLongestGlob(t *testing.T) {
	m, _ := load(t)
	for rt, want := range map[string]string{
		"aws_db_instance":                     "rds",
		"aws_db_cluster_snapshot":             "aurora",
		"aws_rds_cluster_instance":            "aurora",
		"aws_s3_bucket":                       "s3",
		"aws_s3_bucket_policy":                "s3",
		"aws_ebs_volume":                      "ebs",
		"aws_vpc_security_group_ingress_rule": "vpc",
		"aws_alb_listener":                    "elb",
	} {
		s, ok := m.ServiceFor(rt)
		if !ok || s.ID != want {
			t.Errorf("ServiceFor(%s) = %v, want %s", rt, s, want)
		}
	}
	if _, ok := m.ServiceFor("aws_toaster"); ok {
		t.Error("aws_toaster maps to a service")
	}
}

func TestMatrix_derivesUnlistedCatalogControlsByArea(t *testing.T) {
	m, eng := load(t)
	// Every catalog control that judges a resource type of a service appears in
	// that service's entries, either listed or derived, unless the service
	// lacks the item of its area.
	for _, s := range m.All() {
		covered := map[string]bool{}
		for _, e := range m.Entries(s, eng, nil) {
			for _, c := range e.Controls {
				covered[c] = true
			}
		}
		for _, c := range eng.Controls() {
			for _, rt := range c.ResourceTypes {
				if got, ok := m.ServiceFor(rt); ok && got.ID == s.ID && !covered[c.ID] {
					t.Logf("service %s: catalog control %s (area %s) is not placed", s.ID, c.ID, c.Area)
				}
			}
		}
	}
}

func TestMatrix_gaps(t *testing.T) {
	m, eng := load(t)
	services, unmapped, err := m.Resolve([]string{"aws_instance", "aws_db_instance", "aws_toaster"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(services) != 2 || services[0].ID != "ec2" || services[1].ID != "rds" || len(unmapped) != 1 || unmapped[0] != "aws_toaster" {
		t.Fatalf("Resolve: %v %v", services, unmapped)
	}
	gaps := m.Gaps(services, eng, nil, false)
	var got []string
	for _, g := range gaps {
		if g.Entry.Owner != engine.Customer || len(g.Entry.Controls) != 0 {
			t.Errorf("gap %s/%s is owned by %s with controls %v", g.Service.ID, g.Entry.Item.ID, g.Entry.Owner, g.Entry.Controls)
		}
		got = append(got, g.Service.ID+"/"+g.Entry.Item.ID)
	}
	for _, want := range []string{"ec2/os-patching", "ec2/data-classification", "rds/data-classification"} {
		if !slices.Contains(got, want) {
			t.Errorf("gaps %v lack %s", got, want)
		}
	}
	for _, not := range []string{"rds/os-patching", "rds/public-exposure", "ec2/public-exposure", "rds/encryption-at-rest"} {
		if slices.Contains(got, not) {
			t.Errorf("gaps %v should not list %s", got, not)
		}
	}
	if _, _, err := m.Resolve(nil, []string{"mainframe"}); err == nil || !strings.Contains(err.Error(), `unknown service "mainframe"`) {
		t.Errorf("unknown service: %v", err)
	}
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestMatrix_exports(t *testing.T) {
	m, eng := load(t)
	rds, _ := m.Service("rds")
	md := m.Markdown([]*responsibility.Service{rds}, eng, nil)
	for _, want := range []string{"## Amazon RDS (`rds`, PaaS)", "| Operating system patching | provider |", "`aws-rds-instance-encrypted`"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	raw, err := m.OSCAL(m.All(), eng, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := m.OSCAL(m.All(), eng, nil)
	if raw != again {
		t.Error("OSCAL export is not deterministic")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		t.Fatal(err)
	}
	cd := doc["component-definition"].(map[string]any)
	meta := cd["metadata"].(map[string]any)
	for _, k := range []string{"title", "last-modified", "version", "oscal-version"} {
		if meta[k] == nil || meta[k] == "" {
			t.Errorf("metadata.%s missing", k)
		}
	}
	roles := map[string]bool{}
	for _, r := range meta["roles"].([]any) {
		roles[r.(map[string]any)["id"].(string)] = true
	}
	seen := map[string]bool{}
	checkUUID := func(u any) {
		s, _ := u.(string)
		if !uuidPattern.MatchString(s) || seen[s] {
			t.Errorf("uuid %q is malformed or repeated", s)
		}
		seen[s] = true
	}
	checkUUID(cd["uuid"])
	comps := cd["components"].([]any)
	if len(comps) != len(m.Services) {
		t.Fatalf("%d components for %d services", len(comps), len(m.Services))
	}
	for _, c := range comps {
		comp := c.(map[string]any)
		checkUUID(comp["uuid"])
		if comp["type"] != "service" || comp["title"] == "" || comp["description"] == "" {
			t.Errorf("component %v lacks type, title or description", comp["title"])
		}
		for _, ci := range comp["control-implementations"].([]any) {
			impl := ci.(map[string]any)
			checkUUID(impl["uuid"])
			if impl["source"] != responsibility.NISTCatalog || impl["description"] == "" {
				t.Errorf("control implementation of %v: source or description", comp["title"])
			}
			controls := map[string]bool{}
			for _, r := range impl["implemented-requirements"].([]any) {
				req := r.(map[string]any)
				checkUUID(req["uuid"])
				id := req["control-id"].(string)
				if controls[id] {
					t.Errorf("%v: control-id %s repeated", comp["title"], id)
				}
				controls[id] = true
				for _, rr := range req["responsible-roles"].([]any) {
					if !roles[rr.(map[string]any)["role-id"].(string)] {
						t.Errorf("role %v is not defined in metadata", rr)
					}
				}
			}
		}
	}
}

func TestParse_rejectsBadMatrix(t *testing.T) {
	base := "last_modified: \"2026-01-01T00:00:00Z\"\nitems:\n  - {id: a, title: A, nist: ac-1, description: d}\nservices:\n  - {id: s, title: S, cloud: aws, source: x, service_model: %s, resource_types: [r], items: {%s: {owner: %s}}}\n"
	cases := map[string][3]string{
		"model": {"FaaS", "a", "customer"},
		"item":  {"IaaS", "b", "customer"},
		"owner": {"IaaS", "a", "nobody"},
	}
	for name, c := range cases {
		if _, err := responsibility.Parse([]byte(fmt.Sprintf(base, c[0], c[1], c[2]))); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := responsibility.Parse([]byte(fmt.Sprintf(base, "IaaS", "a", "customer"))); err != nil {
		t.Errorf("valid matrix: %v", err)
	}
}

func TestMatrix_keepNarrowsControls(t *testing.T) {
	m, eng := load(t)
	s3, _ := m.Service("s3")
	critical := func(c *engine.Control) bool { return c.Severity == engine.SeverityCritical }
	for _, e := range m.Entries(s3, eng, critical) {
		for _, id := range e.Controls {
			if c, _ := eng.Control(id); c.Severity != engine.SeverityCritical {
				t.Errorf("%s kept below critical", id)
			}
		}
	}
	// With only critical controls counting, S3 logging becomes a gap.
	var gaps []string
	for _, g := range m.Gaps([]*responsibility.Service{s3}, eng, critical, false) {
		gaps = append(gaps, g.Entry.Item.ID)
	}
	if !slices.Contains(gaps, "logging") || slices.Contains(gaps, "public-exposure") {
		t.Errorf("gaps with critical controls only: %v", gaps)
	}
}
