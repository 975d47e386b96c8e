package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// The real hashicorp/aws the acceptance tests plan with (and apply against
// moto). The CLIs install it from a filesystem mirror: the machine image holds
// one; elsewhere BASELINE_PROVIDER_MIRROR names one, or
// BASELINE_REGISTRY_ACCESS=1 lets the CLI download it from the registry.
const (
	AWSProviderVersion = "5.100.0"
	// MirrorEnv names the mirror root (the folder above registry.terraform.io).
	MirrorEnv = "BASELINE_PROVIDER_MIRROR"
	// RegistryAccessEnv set to 1 allows registry downloads when no mirror is found.
	RegistryAccessEnv = "BASELINE_REGISTRY_ACCESS"
)

// registryHosts are the hostnames hashicorp/aws resolves under: terraform's
// registry and OpenTofu's (its default for an unqualified source).
var registryHosts = []string{"registry.terraform.io", "registry.opentofu.org"}

// mirrorCandidates are the places a mirror is looked for when MirrorEnv is
// unset: the machine image's, then the CLIs' implied local mirror directories.
func mirrorCandidates() []string {
	dirs := []string{"/opt/tf-plugins"}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".terraform.d", "plugins"), filepath.Join(home, ".local", "share", "terraform", "plugins"))
	}
	return append(dirs, "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins")
}

// awsPackage is the directory of hashicorp/aws AWSProviderVersion under a
// mirror root, for the first registry host the root holds it under.
func awsPackage(root string) (string, bool) {
	for _, host := range registryHosts {
		dir := filepath.Join(root, host, "hashicorp", "aws", AWSProviderVersion)
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			return dir, true
		}
	}
	return "", false
}

// AWSProviderMirror returns the filesystem mirror root holding hashicorp/aws
// AWSProviderVersion: $BASELINE_PROVIDER_MIRROR when set, else the first of
// the standard places that has it. dir is "" when there is none, and why
// says what was looked at.
func AWSProviderMirror() (dir string, why string) {
	want := filepath.Join("<host>", "hashicorp", "aws", AWSProviderVersion)
	if env := os.Getenv(MirrorEnv); env != "" {
		if _, ok := awsPackage(env); ok {
			return env, MirrorEnv + "=" + env
		}
		return "", fmt.Sprintf("%s=%s has no %s (host registry.terraform.io or registry.opentofu.org)", MirrorEnv, env, want)
	}
	candidates := mirrorCandidates()
	for _, c := range candidates {
		if _, ok := awsPackage(c); ok {
			return c, "found at " + c
		}
	}
	return "", fmt.Sprintf("no %s in %s", want, strings.Join(candidates, ", "))
}

// UseRealAWS makes the test's CLI install the real hashicorp/aws and returns
// the ExternalProviders entry for it. With a mirror, the process writes once a
// CLI configuration whose filesystem_mirror serves hashicorp/aws under both
// registry hostnames (so "hashicorp/aws" resolves on terraform and OpenTofu
// alike) and points TF_CLI_CONFIG_FILE at it for every test of the process,
// so that tests using it may run in parallel; the baseline provider itself is
// served in-process (ProviderFactories) and needs no installation. Without a
// mirror it uses the registry when BASELINE_REGISTRY_ACCESS=1 and skips the
// test loudly otherwise.
func UseRealAWS(t *testing.T) map[string]resource.ExternalProvider {
	t.Helper()
	awsCLIOnce.Do(func() { awsCLISkip, awsCLIErr = writeAWSCLIConfig() })
	switch {
	case awsCLIErr != nil:
		t.Fatal(awsCLIErr)
	case awsCLISkip != "":
		t.Skip(awsCLISkip)
	}
	return map[string]resource.ExternalProvider{
		"aws": {Source: "hashicorp/aws", VersionConstraint: AWSProviderVersion},
	}
}

var (
	awsCLIOnce sync.Once
	awsCLISkip string
	awsCLIErr  error
)

// writeAWSCLIConfig writes the CLI configuration for the real hashicorp/aws
// into a new temporary directory and sets TF_CLI_CONFIG_FILE to it. It
// returns a reason to skip when hashicorp/aws is not available.
func writeAWSCLIConfig() (skip string, err error) {
	tmp, err := os.MkdirTemp("", "baseline-aws-cli-")
	if err != nil {
		return "", err
	}
	cfg := filepath.Join(tmp, "cli.tfrc")
	mirror := filepath.Join(tmp, "mirror")
	var include []string
	root, why := AWSProviderMirror()
	switch {
	case root == "" && os.Getenv(RegistryAccessEnv) != "1":
		skip = fmt.Sprintf("SKIPPED: real hashicorp/aws not available: set %s to a filesystem mirror root holding registry.terraform.io/hashicorp/aws/%s, or %s=1 to download it from the registry (%s)",
			MirrorEnv, AWSProviderVersion, RegistryAccessEnv, why)
	case root != "":
		pkg, _ := awsPackage(root)
		platforms, err := os.ReadDir(pkg)
		if err != nil {
			return "", err
		}
		// The CLIs follow a symlinked platform directory but not a symlinked
		// provider or version directory, so each platform is linked on its own.
		for _, host := range registryHosts {
			dir := filepath.Join(mirror, host, "hashicorp", "aws", AWSProviderVersion)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return "", err
			}
			for _, p := range platforms {
				if err := os.Symlink(filepath.Join(pkg, p.Name()), filepath.Join(dir, p.Name())); err != nil {
					return "", err
				}
			}
			include = append(include, fmt.Sprintf("%q", host+"/hashicorp/aws"))
		}
	}
	// integrations/github (the SaaS tests) shares the configuration, so that
	// tests of both kinds may run in one process.
	gh, err := linkGitHub(mirror)
	if err != nil {
		return "", err
	}
	include = append(include, gh...)
	body := ""
	if len(include) > 0 {
		body = fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [%s]\n  }\n", mirror, strings.Join(include, ", "))
		if os.Getenv(RegistryAccessEnv) == "1" {
			body += fmt.Sprintf("  direct {\n    exclude = [%s]\n  }\n", strings.Join(include, ", "))
		}
		body += "}\n"
	}
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		return "", err
	}
	if err := os.Setenv("TF_CLI_CONFIG_FILE", cfg); err != nil {
		return "", err
	}
	return skip, os.Setenv("CHECKPOINT_DISABLE", "1")
}

// AWSOfflineProvider configures hashicorp/aws to plan without credentials or
// network.
const AWSOfflineProvider = `provider "aws" {
  access_key                  = "x"
  secret_key                  = "x"
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
`

// awsMotoServices are the hashicorp/aws endpoint keys pointed at moto.
var awsMotoServices = []string{"cloudtrail", "cloudwatchlogs", "ec2", "iam", "kms", "rds", "s3", "s3control", "sts"}

// AWSMotoProvider configures hashicorp/aws to create and read resources in
// the moto server at endpoint, with moto's static credentials.
func AWSMotoProvider(endpoint string) string {
	var eps strings.Builder
	for _, s := range awsMotoServices {
		fmt.Fprintf(&eps, "    %s = %q\n", s, endpoint)
	}
	return fmt.Sprintf(`provider "aws" {
  access_key                  = %q
  secret_key                  = %q
  region                      = %q
  s3_use_path_style           = true
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
%s  }
}
`, MotoAccessKey, MotoSecretKey, MotoRegion, eps.String())
}

// OpenTofu reports whether the acceptance tests drive OpenTofu
// (TF_ACC_PROVIDER_HOST=registry.opentofu.org, as scripts/test.sh sets it).
func OpenTofu() bool {
	return os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org"
}

// Representative returns the case names to plan on this CLI. On terraform
// every case runs; on OpenTofu, whose second pass over the acceptance tests
// costs as much again, a representative subset: per test, the first passing
// and the first failing case in name order, which still drives both outcomes
// through OpenTofu's plan of the real provider. fails says whether a case
// must fail.
func Representative(names []string, fails func(string) bool) []string {
	sort.Strings(names)
	if !OpenTofu() {
		return names
	}
	var out []string
	var pass, fail bool
	for _, n := range names {
		switch f := fails(n); {
		case f && !fail:
			fail = true
			out = append(out, n)
		case !f && !pass:
			pass = true
			out = append(out, n)
		}
	}
	return out
}
