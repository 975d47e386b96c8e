// Package acctest holds what acceptance tests share: provider factories and
// checks that need the real terraform or tofu CLI (TF_ACC=1).
package acctest

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/provider"
)

// ProviderFactories serves the provider in-process under the name baseline.
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"baseline": provider.NewServer("test"),
}

// FunctionsVersion skips configurations that call provider functions on CLIs
// older than Terraform 1.8 (OpenTofu reports 1.7+ and supports them too).
var FunctionsVersion = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_7_0)}

// ProviderBlock configures the provider with HCL attributes body.
func ProviderBlock(body string) string {
	return "provider \"baseline\" {\n" + body + "\n}\n"
}

// Wrapped compiles a pattern whose spaces match any run of white space, since
// the CLI wraps diagnostic text at its own width.
func Wrapped(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}
