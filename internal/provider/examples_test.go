package provider_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// usesAWS matches a configuration that declares hashicorp/aws resources or
// data sources.
var usesAWS = regexp.MustCompile(`(?m)^\s*(resource|data)\s+"aws_`)

// exampleChecks are what each example's plan must show beyond planning
// without an error: the verdicts the example documents. (A guardrail's
// verdict attributes are unknown at plan while its values hold unknowns such
// as ids; it judges them all the same and fails the plan on a failed control,
// which exampleBreaks proves.)
var exampleChecks = map[string][]plancheck.PlanCheck{
	"examples/s3-bucket-posture": {
		plancheck.ExpectResourceAction("baseline_guardrail.bucket", plancheck.ResourceActionCreate),
	},
	"examples/resources/baseline_guardrail": {
		plancheck.ExpectResourceAction("baseline_guardrail.web_sg", plancheck.ResourceActionCreate),
	},
	"examples/data-sources/baseline_definition": {
		plancheck.ExpectKnownOutputValue("orders_db_compliant", knownvalue.Bool(false)),
		plancheck.ExpectKnownOutputValue("orders_db_failed", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("acme-rds-backups")})),
		plancheck.ExpectKnownOutputValue("custom_control_ids", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("acme-bucket-classified"), knownvalue.StringExact("acme-rds-backups"),
		})),
	},
	"examples/functions/evaluate": {
		plancheck.ExpectKnownOutputValue("bastion_compliant", knownvalue.Bool(false)),
		plancheck.ExpectKnownOutputValue("bastion_failed_controls", knownvalue.ListPartial(map[int]knownvalue.Check{
			0: knownvalue.StringExact("aws-ec2-sg-no-world-ssh"),
		})),
	},
}

// exampleBreaks turn an example non-compliant with one edit (old becomes
// new): its plan must then fail naming the control want, so a passing
// example is known to judge the real resource values and not to pass
// vacuously.
var exampleBreaks = map[string]struct{ old, new, want string }{
	"examples/s3-bucket-posture": {`status = "Enabled"`, `status = "Suspended"`,
		`Guardrail Control Failed: aws-s3-bucket-versioning`},
	"examples/resources/baseline_guardrail": {"from_port   = 443\n    to_port     = 443", "from_port   = 22\n    to_port     = 22",
		`Guardrail Control Failed: aws-ec2-sg-no-world-ssh`},
	"examples/functions/compliant": {"from_port         = 443\n  to_port           = 443", "from_port         = 3389\n  to_port           = 3389",
		`aws-ec2-sg-no-world-rdp`},
	"examples/functions/violations": {`publicly_accessible = false`, `publicly_accessible = true`,
		`aws-rds-instance-not-public`},
}

// exampleDirs are the example modules the docs show: every folder under
// examples/ holding .tf files, except the live-mode data sources
// (baseline_aws_*, applied against moto by the live acceptance tests), the
// demo (`make demo` plans it, modules and all), the Azure and Google Cloud
// modules (TestAccExamples_azure and _google plan them with their providers),
// the SaaS modules (TestAccSaaS_github and _entraID plan them), own-baseline
// (TestAccExamples_ownBaseline plans it with its file), the Defender and SCC
// examples (their gate tests run them against the emulators) and
// baseline_plan (TestAccPlan_realAWSModules plans it on a saved plan's JSON).
func exampleDirs(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir("../../examples", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if slices.Contains([]string{"demo", "azure", "google", "saas", "own-baseline", "baseline_plan"}, d.Name()) || strings.HasPrefix(d.Name(), "baseline_aws_") || strings.HasPrefix(d.Name(), "baseline_azure_defender") || strings.HasPrefix(d.Name(), "baseline_google_scc") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".tf") {
			seen[filepath.Dir(path)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dirs := make([]string, 0, len(seen))
	for dir := range seen {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	return dirs
}

// readModule concatenates the .tf files of dir.
func readModule(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(src)
		b.WriteString("\n")
	}
	return b.String()
}

// TestExamples_realResources keeps the examples honest without a CLI: no
// terraform_data standing in for an AWS resource anywhere under examples/.
func TestExamples_realResources(t *testing.T) {
	err := filepath.WalkDir("../../examples", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tf") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(src), `"terraform_data"`) {
			t.Errorf("%s uses terraform_data: examples show the real hashicorp/aws resources", strings.TrimPrefix(path, "../../"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAccExamples runs every documentation example through the real CLI so
// the registry docs never show a configuration that does not work. Examples
// with hashicorp/aws resources are planned with the real hashicorp/aws
// (offline, fake keys; nothing can be applied without AWS) and must plan
// without an error, showing the verdicts exampleChecks lists; the others are
// applied.
func TestAccExamples(t *testing.T) {
	dirs := exampleDirs(t)
	ran, withAWS := 0, 0
	for _, dir := range dirs {
		name := strings.TrimPrefix(filepath.ToSlash(dir), "../../")
		cfg := readModule(t, dir)
		aws := usesAWS.MatchString(cfg)
		ran++
		if aws {
			withAWS++
		}
		t.Run(name, func(t *testing.T) {
			// The test factories serve the provider as hashicorp/baseline.
			config := strings.ReplaceAll(cfg, `"cloudbaseline/baseline"`, `"hashicorp/baseline"`)
			step := resource.TestStep{Config: config}
			tc := resource.TestCase{
				TerraformVersionChecks:   acctest.FunctionsVersion,
				ProtoV6ProviderFactories: acctest.ProviderFactories,
			}
			if aws {
				tc.ExternalProviders = acctest.UseRealAWS(t)
				if !strings.Contains(config, `provider "aws"`) {
					step.Config += "\n" + acctest.AWSOfflineProvider
				}
				step.PlanOnly = true
				step.ExpectNonEmptyPlan = true
				step.ConfigPlanChecks.PostApplyPreRefresh = exampleChecks[name]
			} else if len(exampleChecks[name]) > 0 {
				step.ConfigPlanChecks.PreApply = exampleChecks[name]
			}
			tc.Steps = []resource.TestStep{step}
			if b, ok := exampleBreaks[name]; ok {
				if strings.Count(step.Config, b.old) != 1 {
					t.Fatalf("exampleBreaks: %q occurs %d times in %s, want once", b.old, strings.Count(step.Config, b.old), name)
				}
				broken := step
				broken.Config = strings.Replace(step.Config, b.old, b.new, 1)
				broken.ConfigPlanChecks = resource.ConfigPlanChecks{}
				broken.ExpectError = acctest.Wrapped(regexp.QuoteMeta(b.want))
				tc.Steps = append(tc.Steps, broken)
			}
			resource.UnitTest(t, tc)
		})
	}
	known := map[string]bool{}
	for _, dir := range dirs {
		known[strings.TrimPrefix(filepath.ToSlash(dir), "../../")] = true
	}
	for name := range exampleChecks {
		if !known[name] {
			t.Errorf("exampleChecks names %s, which is not an example", name)
		}
	}
	for name := range exampleBreaks {
		if !known[name] {
			t.Errorf("exampleBreaks names %s, which is not an example", name)
		}
	}
	if ran < 12 || withAWS < 5 {
		t.Fatalf("found %d examples, %d of them with hashicorp/aws resources: want at least 12 and 5", ran, withAWS)
	}
}
