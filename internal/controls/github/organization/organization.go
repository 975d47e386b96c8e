// Package organization judges a GitHub organisation's settings
// (github_organization_settings, integrations/github): who may create public
// repositories, what members get by default, and the security features new
// repositories start with. In GitHub (SaaS) these are the customer's.
package organization

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// settings is the part of github_organization_settings the controls read.
// The provider plans every unset boolean as its schema default (false, but
// true for members_can_create_public_repositories) and
// default_repository_permission as "read"; the decoders use the same
// defaults for a null value.
type settings struct {
	PublicRepos        subject.Field[bool]
	DefaultPermission  subject.Field[string]
	SecretScanning     subject.Field[bool]
	PushProtection     subject.Field[bool]
	DependabotAlerts   subject.Field[bool]
	WebCommitSignoff   subject.Field[bool]
	MembersCreateRepos subject.Field[bool]
}

// decode reads github_organization_settings.
func decode(n subject.Node) settings {
	return settings{
		PublicRepos:        n.Get("members_can_create_public_repositories").Bool(true),
		MembersCreateRepos: n.Get("members_can_create_repositories").Bool(true),
		DefaultPermission:  n.Get("default_repository_permission").String("read"),
		SecretScanning:     n.Get("secret_scanning_enabled_for_new_repositories").Bool(false),
		PushProtection:     n.Get("secret_scanning_push_protection_enabled_for_new_repositories").Bool(false),
		DependabotAlerts:   n.Get("dependabot_alerts_enabled_for_new_repositories").Bool(false),
		WebCommitSignoff:   n.Get("web_commit_signoff_required").Bool(false),
	}
}

// noPublicRepoCreation: members cannot create public repositories (CIS
// GitHub 1.2.2). When members cannot create repositories at all, they cannot
// create public ones either.
func noPublicRepoCreation(s settings) engine.Outcome {
	if s.MembersCreateRepos.Known() && !s.MembersCreateRepos.Null && !s.MembersCreateRepos.V {
		return engine.Pass()
	}
	return judge.False(s.PublicRepos, "any member can publish the organisation's code in a new public repository")
}

// strictBasePermission: the base permission is read or none (CIS GitHub
// 1.3.8).
func strictBasePermission(s settings) engine.Outcome {
	return judge.OneOf(s.DefaultPermission, "every member gets this permission on every repository; use read or none and grant more through teams", "read", "none")
}

// secretScanningNew: secret scanning is on for new repositories (CIS GitHub
// 1.5.1).
func secretScanningNew(s settings) engine.Outcome {
	return judge.True(s.SecretScanning, "new repositories start without secret scanning, so committed credentials go unnoticed")
}

// pushProtectionNew: push protection is on for new repositories (CIS GitHub
// 1.5.1).
func pushProtectionNew(s settings) engine.Outcome {
	return judge.True(s.PushProtection, "new repositories accept pushes that contain recognised secrets")
}

// dependabotAlertsNew: Dependabot alerts are on for new repositories (CIS
// GitHub 1.5.5).
func dependabotAlertsNew(s settings) engine.Outcome {
	return judge.True(s.DependabotAlerts, "new repositories are not alerted to known-vulnerable dependencies")
}

// webCommitSignoff: commits made in the web interface require sign-off.
func webCommitSignoff(s settings) engine.Outcome {
	return judge.True(s.WebCommitSignoff, "commits made in the web interface carry no sign-off by their author")
}

// Register adds the organisation checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "github_organization_settings", decode,
		engine.Check[settings]{Control: "github-org-no-public-repo-creation", Eval: noPublicRepoCreation},
		engine.Check[settings]{Control: "github-org-base-permission-read", Eval: strictBasePermission},
		engine.Check[settings]{Control: "github-org-secret-scanning-new-repos", Eval: secretScanningNew},
		engine.Check[settings]{Control: "github-org-push-protection-new-repos", Eval: pushProtectionNew},
		engine.Check[settings]{Control: "github-org-dependabot-alerts-new-repos", Eval: dependabotAlertsNew},
		engine.Check[settings]{Control: "github-org-web-commit-signoff", Eval: webCommitSignoff},
	)
}
