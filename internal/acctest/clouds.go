package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/standin"
)

// The real hashicorp/azurerm and hashicorp/google the Azure and Google
// acceptance tests plan with when a CLI can install them: the versions whose
// schemas the stand-ins are generated from.
const (
	AzurermProviderVersion = standin.AzurermVersion
	GoogleProviderVersion  = standin.GoogleVersion
	AzureadProviderVersion = standin.AzureadVersion
)

// AzureProvider returns what a TestCase needs to plan hashicorp/azurerm
// resources: ExternalProviders for the real provider when a CLI can install
// it (a filesystem mirror under BASELINE_PROVIDER_MIRROR or the standard
// places, or BASELINE_REGISTRY_ACCESS=1), else protocol-5 factories serving a
// stand-in with the given resource types (internal/acctest/standin) as
// registry.terraform.io/hashicorp/azurerm. One of the two maps is nil.
func AzureProvider(t *testing.T, types ...string) (v5 map[string]func() (tfprotov5.ProviderServer, error), ext map[string]resource.ExternalProvider) {
	t.Helper()
	return cloudProvider(t, "azurerm", AzurermProviderVersion, standin.Azurerm, types)
}

// GoogleProvider is AzureProvider for hashicorp/google.
func GoogleProvider(t *testing.T, types ...string) (v5 map[string]func() (tfprotov5.ProviderServer, error), ext map[string]resource.ExternalProvider) {
	t.Helper()
	return cloudProvider(t, "google", GoogleProviderVersion, standin.Google, types)
}

// AzureADProvider is AzureProvider for hashicorp/azuread (Microsoft Entra ID).
func AzureADProvider(t *testing.T, types ...string) (v5 map[string]func() (tfprotov5.ProviderServer, error), ext map[string]resource.ExternalProvider) {
	t.Helper()
	return cloudProvider(t, "azuread", AzureadProviderVersion, standin.Azuread, types)
}

// UsesStandIn reports whether the tests plan provider name ("azurerm",
// "google") with the stand-in rather than the real provider.
func UsesStandIn(name string) bool {
	cloudsOnce.Do(setUpClouds)
	return !cloudsReal[name]
}

func cloudProvider(t *testing.T, name, version string, build func(...string) (*schema.Provider, error), types []string) (map[string]func() (tfprotov5.ProviderServer, error), map[string]resource.ExternalProvider) {
	t.Helper()
	cloudsOnce.Do(setUpClouds)
	if cloudsErr != nil {
		t.Fatal(cloudsErr)
	}
	if cloudsReal[name] {
		return nil, map[string]resource.ExternalProvider{name: {Source: "hashicorp/" + name, VersionConstraint: version}}
	}
	p, err := build(types...)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]func() (tfprotov5.ProviderServer, error){name: standin.Factory(p)}, nil
}

// cloudVersions are the cloud providers a real copy is looked for.
var cloudVersions = map[string]string{"azurerm": AzurermProviderVersion, "google": GoogleProviderVersion, "azuread": AzureadProviderVersion}

var (
	cloudsOnce sync.Once
	cloudsReal map[string]bool
	cloudsErr  error
)

// setUpClouds decides, once per process, which cloud providers are real. When
// any is, it writes a CLI configuration that installs them (from their mirror,
// or from the registry when BASELINE_REGISTRY_ACCESS=1) together with
// hashicorp/aws as UseRealAWS would, and points TF_CLI_CONFIG_FILE at it. It
// settles UseRealAWS's own configuration first, so that UseRealAWS does not
// replace this one later.
func setUpClouds() {
	cloudsReal = map[string]bool{}
	mirrored := map[string][2]string{} // name → version, package directory
	for name, version := range cloudVersions {
		if pkg := providerPackage(name, version); pkg != "" {
			mirrored[name] = [2]string{version, pkg}
			cloudsReal[name] = true
		} else if os.Getenv(RegistryAccessEnv) == "1" {
			cloudsReal[name] = true
		}
	}
	if len(cloudsReal) == 0 {
		return
	}
	awsCLIOnce.Do(func() { awsCLISkip, awsCLIErr = writeAWSCLIConfig() })
	if root, _ := AWSProviderMirror(); root != "" {
		pkg, _ := awsPackage(root)
		mirrored["aws"] = [2]string{AWSProviderVersion, pkg}
	}
	cloudsErr = writeCloudsCLIConfig(mirrored, os.Getenv(RegistryAccessEnv) == "1")
}

// providerPackage is the mirror directory of hashicorp/name version under
// $BASELINE_PROVIDER_MIRROR, or when that is unset under the first standard
// place holding it; "" when there is none.
func providerPackage(name, version string) string {
	roots := mirrorCandidates()
	if env := os.Getenv(MirrorEnv); env != "" {
		roots = []string{env}
	}
	for _, root := range roots {
		for _, host := range registryHosts {
			dir := filepath.Join(root, host, "hashicorp", name, version)
			if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
				return dir
			}
		}
	}
	return ""
}

// writeCloudsCLIConfig writes a CLI configuration whose filesystem_mirror
// serves the mirrored providers under both registry hostnames (each platform
// directory linked on its own, as writeAWSCLIConfig does) and, with direct,
// installs the others from the registry; it sets TF_CLI_CONFIG_FILE to it.
func writeCloudsCLIConfig(mirrored map[string][2]string, direct bool) error {
	tmp, err := os.MkdirTemp("", "baseline-clouds-cli-")
	if err != nil {
		return err
	}
	mirror := filepath.Join(tmp, "mirror")
	names := make([]string, 0, len(mirrored))
	for name := range mirrored {
		names = append(names, name)
	}
	sort.Strings(names)
	var include []string
	for _, name := range names {
		m := mirrored[name]
		platforms, err := os.ReadDir(m[1])
		if err != nil {
			return err
		}
		for _, host := range registryHosts {
			dir := filepath.Join(mirror, host, "hashicorp", name, m[0])
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			for _, p := range platforms {
				if err := os.Symlink(filepath.Join(m[1], p.Name()), filepath.Join(dir, p.Name())); err != nil {
					return err
				}
			}
			include = append(include, fmt.Sprintf("%q", host+"/hashicorp/"+name))
		}
	}
	gh, err := linkGitHub(mirror)
	if err != nil {
		return err
	}
	include = append(include, gh...)
	var body strings.Builder
	if len(include) > 0 {
		body.WriteString("provider_installation {\n")
		fmt.Fprintf(&body, "  filesystem_mirror {\n    path    = %q\n    include = [%s]\n  }\n", mirror, strings.Join(include, ", "))
		if direct {
			fmt.Fprintf(&body, "  direct {\n    exclude = [%s]\n  }\n", strings.Join(include, ", "))
		}
		body.WriteString("}\n")
	}
	cfg := filepath.Join(tmp, "cli.tfrc")
	if err := os.WriteFile(cfg, []byte(body.String()), 0o600); err != nil {
		return err
	}
	if err := os.Setenv("TF_CLI_CONFIG_FILE", cfg); err != nil {
		return err
	}
	return os.Setenv("CHECKPOINT_DISABLE", "1")
}

// AzureOfflineProvider configures hashicorp/azurerm with fake credentials and
// no resource provider registration; the stand-in accepts it too.
const AzureOfflineProvider = `provider "azurerm" {
  features {}
  subscription_id                 = "00000000-0000-0000-0000-000000000000"
  tenant_id                       = "00000000-0000-0000-0000-000000000000"
  client_id                       = "00000000-0000-0000-0000-000000000000"
  client_secret                   = "x"
  resource_provider_registrations = "none"
}
`

// AzureADOfflineProvider configures hashicorp/azuread with a fake tenant and
// client secret; the stand-in accepts it too.
const AzureADOfflineProvider = `provider "azuread" {
  tenant_id     = "00000000-0000-0000-0000-000000000000"
  client_id     = "00000000-0000-0000-0000-000000000000"
  client_secret = "x"
}
`

// GoogleOfflineProvider configures hashicorp/google with a fake project and
// access token; the stand-in accepts it too.
const GoogleOfflineProvider = `provider "google" {
  project      = "baseline-test"
  region       = "europe-west1"
  access_token = "x"
}
`
