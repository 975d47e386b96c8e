package provider_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// TestAccExamples applies every documentation example through the real CLI so
// the registry docs never show a configuration that does not work. Live-mode
// examples (baseline_aws_*) need an AWS endpoint and are applied by the live
// acceptance tests against moto instead.
func TestAccExamples(t *testing.T) {
	files, err := filepath.Glob("../../examples/*/*/*.tf")
	if err != nil {
		t.Fatal(err)
	}
	provider, err := filepath.Glob("../../examples/provider/*.tf")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, provider...)
	ran := 0
	for _, file := range files {
		dir := filepath.Base(filepath.Dir(file))
		if strings.HasPrefix(dir, "baseline_aws_") || strings.Contains(file, "/demo/") {
			continue
		}
		ran++
		t.Run(strings.TrimPrefix(file, "../../"), func(t *testing.T) {
			cfg, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			// The test factories serve the provider as hashicorp/baseline.
			config := strings.ReplaceAll(string(cfg), `"cloudbaseline/baseline"`, `"hashicorp/baseline"`)
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   acctest.FunctionsVersion,
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps:                    []resource.TestStep{{Config: config}},
			})
		})
	}
	if ran < 8 {
		t.Fatalf("only %d examples found", ran)
	}
}
