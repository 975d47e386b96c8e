package responsibility_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/responsibility"
)

// itemAreas are the control areas whose controls can check an item.
var itemAreas = map[string][]string{
	"network-configuration": {"network"},
	"public-exposure":       {"network", "storage-public-access"},
	// Who may act: IAM policies (also those granting KMS use), ACLs (which
	// S3 ownership controls and GCS uniform access turn off) and the instance
	// metadata credentials (IMDSv2).
	"identity-access":       {"identity", "key-management", "storage-public-access", "network"},
	"encryption-at-rest":    {"encryption"},
	"encryption-in-transit": {"encryption"},
	"key-management":        {"key-management", "encryption"},
	"logging":               {"logging"},
	// The catalog has no backup area: S3 versioning sits with the bucket's
	// storage controls.
	"backup": {"storage-public-access"},
}

// itemExceptions are controls whose area does not say what they check, each
// on the one item it fits.
var itemExceptions = map[string]string{
	// Shielded VM (secure boot, vTPM, integrity monitoring) hardens the guest
	// OS's boot chain; its catalog area is encryption (the vTPM).
	"google-compute-instance-shielded-vm": "os-patching",
	// In SaaS, public exposure is the sharing settings: who may join a
	// Microsoft 365 group and read its content, who may mail it. The
	// controls' area is identity (group membership).
	"azuread-group-not-public": "public-exposure",
	// GKE node images and their upgrades are the guest OS's patching
	// (release channel, auto-upgrade, auto-repair, Container-Optimized OS);
	// Binary Authorization admits only attested images to the runtime.
	"google-gke-node-auto-repair":     "os-patching",
	"google-gke-node-auto-upgrade":    "os-patching",
	"google-gke-node-cos-containerd":  "os-patching",
	"google-gke-release-channel":      "os-patching",
	"google-gke-binary-authorization": "middleware-runtime",
	// DNSSEC's signing algorithms protect the zone's answers, a network
	// configuration of Cloud DNS; their area is encryption (the keys).
	"google-dns-dnssec-no-rsasha1-ksk":  "network-configuration",
	"google-dns-dnssec-no-rsasha1-zsk":  "network-configuration",
	"azuread-group-no-external-senders": "public-exposure",
}

var transit = []string{"tls", "https", "ssl", "ftps", "transit", "secure-transport", "cipher", "node-to-node", "client-cert", "listener-encrypted", "in-cluster-encryption"}

// TestMatrix_controlAreasFitItems: every control a row names (listed or
// derived) checks what its item means: its area fits the item, and an
// encryption control sits at rest or in transit as its id says (issue 22:
// App Service "encryption at rest" cited the FTPS control).
func TestMatrix_controlAreasFitItems(t *testing.T) {
	m, err := responsibility.Default()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range m.All() {
		for _, e := range m.Entries(s, eng, nil) {
			for _, id := range e.Controls {
				c, ok := eng.Control(id)
				if !ok {
					t.Errorf("%s %s: unknown control %s", s.ID, e.Item.ID, id)
					continue
				}
				if want, ok := itemExceptions[id]; ok {
					if e.Item.ID != want {
						t.Errorf("%s: %s is on %s, want only %s", s.ID, id, e.Item.ID, want)
					}
					continue
				}
				if !slices.Contains(itemAreas[e.Item.ID], c.Area) {
					t.Errorf("%s %s: %s has area %s, which does not check %s", s.ID, e.Item.ID, id, c.Area, e.Item.ID)
				}
				isTransit := slices.ContainsFunc(transit, func(w string) bool { return strings.Contains(id, w) })
				if (e.Item.ID == "encryption-at-rest" && isTransit) || (e.Item.ID == "encryption-in-transit" && !isTransit) {
					t.Errorf("%s %s: %s is about encryption %s", s.ID, e.Item.ID, id, map[bool]string{true: "in transit", false: "at rest"}[isTransit])
				}
			}
		}
	}
}

// TestMatrix_reviewedRows pins the rows issue 22 found wrong.
func TestMatrix_reviewedRows(t *testing.T) {
	m, _ := responsibility.Default()
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	controls := func(service, item string) []string {
		s, ok := m.Service(service)
		if !ok {
			t.Fatalf("no service %s", service)
		}
		for _, e := range m.Entries(s, eng, nil) {
			if e.Item.ID == item {
				return e.Controls
			}
		}
		return nil
	}
	if got := controls("azure-app-service", "encryption-at-rest"); slices.Contains(got, "azure-appservice-ftps-only-or-disabled") {
		t.Errorf("App Service encryption at rest cites the FTPS control: %v", got)
	}
	if got := controls("azure-app-service", "encryption-in-transit"); !slices.Contains(got, "azure-appservice-ftps-only-or-disabled") {
		t.Errorf("App Service encryption in transit lacks the FTPS control: %v", got)
	}
	if got := controls("cloud-storage", "identity-access"); !slices.Contains(got, "google-storage-bucket-uniform-access") {
		t.Errorf("Cloud Storage identity and access lacks uniform bucket-level access: %v", got)
	}
	if got := controls("azure-app-service", "public-exposure"); len(got) == 0 {
		t.Errorf("App Service public exposure names no control")
	}
}
