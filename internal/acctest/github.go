package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// The real integrations/github the SaaS acceptance tests plan with. It plans
// offline with an owner and a fake token (its configure makes no API call);
// apply would call the GitHub API, so tests stop at plan. The machines carry
// it as a filesystem mirror in the packed layout (a zip per platform):
// $BASELINE_PROVIDER_MIRROR, the shared folder beside the repository
// (../shared/provider-mirror) or one of the standard mirror places.
const (
	GitHubProviderVersion = "6.9.1"
	// GitHubMirrorEnv names a mirror root holding integrations/github when
	// it is not under MirrorEnv's.
	GitHubMirrorEnv = "BASELINE_GITHUB_MIRROR"
)

// githubCandidates are the mirror roots integrations/github is looked for in.
func githubCandidates() []string {
	var roots []string
	for _, env := range []string{GitHubMirrorEnv, MirrorEnv} {
		if v := os.Getenv(env); v != "" {
			roots = append(roots, v)
		}
	}
	if _, here, _, ok := runtime.Caller(0); ok {
		// internal/acctest → the repository → its parent's shared folder.
		roots = append(roots, filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "provider-mirror"))
	}
	return append(roots, mirrorCandidates()...)
}

// githubEntry is one platform of integrations/github in a mirror: a packed
// zip or an unpacked platform directory.
type githubEntry struct {
	path   string
	name   string // the file or directory name to link under
	packed bool
}

// githubEntries finds integrations/github GitHubProviderVersion under the
// first candidate root holding it; nil when none does. why says where it
// looked.
func githubEntries() (entries []githubEntry, why string) {
	roots := githubCandidates()
	for _, root := range roots {
		for _, host := range registryHosts {
			dir := filepath.Join(root, host, "integrations", "github")
			files, err := os.ReadDir(dir)
			if err != nil {
				continue
			}
			for _, f := range files {
				switch {
				case !f.IsDir() && strings.HasPrefix(f.Name(), "terraform-provider-github_"+GitHubProviderVersion+"_") && strings.HasSuffix(f.Name(), ".zip"):
					entries = append(entries, githubEntry{path: filepath.Join(dir, f.Name()), name: f.Name(), packed: true})
				case f.IsDir() && f.Name() == GitHubProviderVersion:
					platforms, _ := os.ReadDir(filepath.Join(dir, f.Name()))
					for _, p := range platforms {
						entries = append(entries, githubEntry{path: filepath.Join(dir, f.Name(), p.Name()), name: p.Name()})
					}
				}
			}
			if len(entries) > 0 {
				return entries, "found at " + root
			}
		}
	}
	return nil, fmt.Sprintf("no <host>/integrations/github/terraform-provider-github_%s_*.zip in %s", GitHubProviderVersion, strings.Join(roots, ", "))
}

// linkGitHub links integrations/github into the mirror directory being built
// under both registry hostnames (OpenTofu resolves "integrations/github" to
// registry.opentofu.org) and returns the include entries for the CLI
// configuration; none when the provider is not on this machine.
func linkGitHub(mirror string) ([]string, error) {
	entries, _ := githubEntries()
	if len(entries) == 0 {
		return nil, nil
	}
	var include []string
	for _, host := range registryHosts {
		base := filepath.Join(mirror, host, "integrations", "github")
		for _, e := range entries {
			dir := base
			if !e.packed {
				dir = filepath.Join(base, GitHubProviderVersion)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, err
			}
			if err := os.Symlink(e.path, filepath.Join(dir, e.name)); err != nil {
				return nil, err
			}
		}
		include = append(include, fmt.Sprintf("%q", host+"/integrations/github"))
	}
	return include, nil
}

// UseRealGitHub makes the test's CLI install the real integrations/github
// from its filesystem mirror and returns the ExternalProviders entry for it.
// The CLI configuration is the one UseRealAWS writes (it mirrors
// integrations/github too, so tests of both kinds may share a process).
// Without the mirror it uses the registry when BASELINE_REGISTRY_ACCESS=1 and
// skips the test loudly otherwise.
func UseRealGitHub(t *testing.T) map[string]resource.ExternalProvider {
	t.Helper()
	awsCLIOnce.Do(func() { awsCLISkip, awsCLIErr = writeAWSCLIConfig() })
	if awsCLIErr != nil {
		t.Fatal(awsCLIErr)
	}
	if entries, why := githubEntries(); len(entries) == 0 && os.Getenv(RegistryAccessEnv) != "1" {
		t.Skipf("SKIPPED: real integrations/github %s not available: set %s to a filesystem mirror root holding it, or %s=1 to download it from the registry (%s)",
			GitHubProviderVersion, GitHubMirrorEnv, RegistryAccessEnv, why)
	}
	return map[string]resource.ExternalProvider{
		"github": {Source: "integrations/github", VersionConstraint: GitHubProviderVersion},
	}
}

// GitHubOfflineProvider configures integrations/github to plan without
// calling the API: an owner and a fake token.
const GitHubOfflineProvider = `provider "github" {
  owner = "example-org"
  token = "ghp_000000000000000000000000000000000000"
}
`
