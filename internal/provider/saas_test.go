package provider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// The SaaS acceptance tests plan the documentation's Entra ID and GitHub
// modules (examples/saas): as written they must plan clean; each break turns
// one setting non-compliant, and the plan must then fail naming the control,
// the attribute and the fix. All steps of a provider share one TestCase, and
// each plans every resource of the module in one configuration. GitHub plans
// with the real integrations/github from the filesystem mirror; hashicorp/azuread
// is not installed, so it plans on the schema stand-in.

// saasBreak edits the module once (old becomes new; old must occur once) and
// names what the failed plan must show.
type saasBreak struct {
	name, old, new string
	want           *regexp.Regexp
}

// failure matches one violation line of control id on attribute with the fix
// starting with fix.
func failure(id, attribute, fix string) *regexp.Regexp {
	return acctest.Wrapped(`(?s)` + regexp.QuoteMeta(id) + ` \[[^]]*\] \([a-z]+\): ` + regexp.QuoteMeta(attribute) + `:.* Fix: ` + regexp.QuoteMeta(fix))
}

// saasModule reads examples/saas/<dir>, served as hashicorp/baseline by the
// test factories, with its provider block replaced by an offline one.
func saasModule(t *testing.T, dir, providerBlock, offline string) string {
	t.Helper()
	config := strings.ReplaceAll(readModule(t, "../../examples/saas/"+dir), `"cloudbaseline/baseline"`, `"hashicorp/baseline"`)
	if strings.Count(config, providerBlock) != 1 {
		t.Fatalf("examples/saas/%s: the provider block %q occurs %d times, want once", dir, providerBlock, strings.Count(config, providerBlock))
	}
	return strings.Replace(config, providerBlock, offline, 1)
}

// saasSteps is the clean plan of config followed by one failing plan per break.
func saasSteps(t *testing.T, config string, breaks []saasBreak) []resource.TestStep {
	t.Helper()
	steps := []resource.TestStep{{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true}}
	for _, b := range breaks {
		if strings.Count(config, b.old) != 1 {
			t.Fatalf("break %s: %q occurs %d times, want once", b.name, b.old, strings.Count(config, b.old))
		}
		steps = append(steps, resource.TestStep{
			Config:             strings.Replace(config, b.old, b.new, 1),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ExpectError:        b.want,
		})
	}
	return steps
}

func TestAccSaaS_github(t *testing.T) {
	ext := acctest.UseRealGitHub(t)
	config := saasModule(t, "github", "provider \"github\" {\n  owner = \"example-org\"\n}\n", acctest.GitHubOfflineProvider)
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ExternalProviders:        ext,
		Steps: saasSteps(t, config, []saasBreak{
			{"publicRepoCreation", "members_can_create_public_repositories                       = false", "members_can_create_public_repositories = true",
				failure("github-org-no-public-repo-creation", "members_can_create_public_repositories", "Set members_can_create_public_repositories = false")},
			// Unset, visibility is unknown at plan and GitHub creates the
			// repository public.
			{"visibilityUnset", `visibility           = "private"`, ``,
				failure("github-repo-not-public", "visibility", `Set visibility = "private"`)},
			// Unset, vulnerability_alerts is unknown at plan: the organisation's
			// default decides, which the plan cannot see.
			{"vulnerabilityAlertsUnset", `vulnerability_alerts = true`, ``,
				failure("github-repo-vulnerability-alerts", "vulnerability_alerts", "Set vulnerability_alerts = true")},
			{"adminsNotEnforced", `enforce_admins         = true`, ``,
				failure("github-branch-enforce-admins", "enforce_admins", "Set enforce_admins = true")},
			{"httpWebhook", `url          = "https://ci.example.com/github"`, `url          = "http://ci.example.com/github"`,
				failure("github-webhook-https", "configuration[0].url", "Use an https:// configuration.url")},
			{"plaintextSecret", `encrypted_value = var.deploy_token_sealed`, `plaintext_value = "hunter2"`,
				failure("github-secret-no-plaintext", "plaintext_value", "Replace plaintext_value with encrypted_value")},
		}),
	})
}

// guardedPassword is an application password without end_date, guarded like
// the module's resources.
const guardedPassword = `resource "azuread_application_password" "ci" {
  application_id = azuread_application.ci.id

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azuread_application_password", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("azuread_application_password", self)))
    }
  }
}

`

func TestAccSaaS_entraID(t *testing.T) {
	config := saasModule(t, "entra-id", "provider \"azuread\" {}\n", acctest.AzureADOfflineProvider)
	federated := `resource "azuread_application_federated_identity_credential" "github" {`
	types := append(resourceTypes(config, "azuread_"), "azuread_application_password")
	v5, ext := acctest.AzureADProvider(t, types...)
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ProtoV5ProviderFactories: v5,
		ExternalProviders:        ext,
		Steps: saasSteps(t, config, []saasBreak{
			{"reportOnly", "display_name = \"Require MFA for all users\"\n  state        = \"enabled\"", "display_name = \"Require MFA for all users\"\n  state        = \"enabledForReportingButNotEnforced\"",
				failure("azuread-ca-policy-enforced", "state", `Set state = "enabled"`)},
			{"adminsPlainMFA", `authentication_strength_policy_id = local.phishing_resistant`, `built_in_controls = ["mfa"]`,
				failure("azuread-ca-admin-phishing-resistant", "grant_controls[0].authentication_strength_policy_id", "Set grant_controls { authentication_strength_policy_id")},
			{"persistentBrowser", `persistent_browser_mode  = "never"`, `persistent_browser_mode  = "always"`,
				failure("azuread-ca-admin-session", "session_controls[0].persistent_browser_mode", "Add session_controls {")},
			{"legacyAllowed", `built_in_controls = ["block"]`, `built_in_controls = ["mfa"]`,
				failure("azuread-ca-legacy-auth-blocked", "grant_controls[0].built_in_controls", `Set grant_controls { operator = "OR", built_in_controls = ["block"] }`)},
			// Unset, visibility is unknown at plan and a Microsoft 365 group
			// is created Public.
			{"groupVisibilityUnset", `visibility       = "Private"`, ``,
				failure("azuread-group-not-public", "visibility", `Set visibility = "Private"`)},
			{"assignmentNotRequired", `app_role_assignment_required = true`, `app_role_assignment_required = false`,
				failure("azuread-sp-assignment-required", "app_role_assignment_required", "Set app_role_assignment_required = true")},
			// Unset, end_date is unknown at plan and the provider makes it two
			// years after creation.
			{"secretWithoutEndDate", federated, guardedPassword + federated,
				failure("azuread-app-secret-lifetime", "end_date", "Set end_date to at most 180 days")},
		}),
	})
}
