package provider_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// documentedPattern is the error_message every guide shows for a postcondition
// on self.
const documentedPattern = `nonsensitive(join("\n", provider::baseline::violations("aws_db_instance", self)))`

// readmeBlock returns the HCL code block of README.md that declares resource
// header (such as `resource "aws_db_instance"`).
func readmeBlock(t *testing.T, header string) string {
	t.Helper()
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range regexp.MustCompile("(?s)```hcl\n(.*?)```").FindAllStringSubmatch(string(src), -1) {
		if strings.Contains(block[1], header) {
			return block[1]
		}
	}
	t.Fatalf("README.md has no hcl block with %s", header)
	return ""
}

// TestAccRealAWS_sensitiveSelfDocumentedPattern plans the README's database
// example with the real hashicorp/aws: self of aws_db_instance holds the
// sensitive password attributes, so every function result on it is
// sensitive, and only the documented nonsensitive() pattern lets the plan
// print the violation lines. The block is planned as written (it must pass)
// and with storage_encrypted turned off (the plan must fail printing the
// control, the attribute and the message), in one plan.
func TestAccRealAWS_sensitiveSelfDocumentedPattern(t *testing.T) {
	block := readmeBlock(t, `resource "aws_db_instance"`)
	if !strings.Contains(block, documentedPattern) {
		t.Fatalf("the README's database example does not use the documented pattern %s:\n%s", documentedPattern, block)
	}
	const on = "storage_encrypted                   = true"
	if strings.Count(block, on) != 1 {
		t.Fatalf("the README's database example should set %q once:\n%s", on, block)
	}
	broken := strings.ReplaceAll(strings.Replace(block, on, "storage_encrypted                   = false", 1), `"orders" {`, `"orders_broken" {`)
	// One plan: ErrorCheck sees the error and requires the broken copy's
	// violation line and no failure of the README's block as written.
	want := acctest.Wrapped(`(?s)"orders_broken".*aws-rds-instance-encrypted \[[^]]*\] \([a-z]+\): storage_encrypted: storage_encrypted is false`)
	checked := false
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ExternalProviders:        acctest.UseRealAWS(t),
		ErrorCheck: func(err error) error {
			checked = true
			switch {
			case !want.MatchString(err.Error()):
				return fmt.Errorf("the plan error does not print the violation line (want %s): %w", want, err)
			case regexp.MustCompile(`"aws_db_instance"\s+"orders"`).MatchString(err.Error()):
				return fmt.Errorf("the README's database example as written fails the plan: %w", err)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config:             acctest.AWSOfflineProvider + block + "\n" + broken,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
	if !checked {
		t.Fatal("the plan of the broken copy did not fail")
	}
}
