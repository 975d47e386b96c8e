// Package repository judges GitHub repositories (github_repository) and the
// secrets Terraform writes into them (github_actions_secret and its
// environment, organisation, Dependabot and Codespaces siblings).
package repository

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// publicTopic is the repository topic that documents a public repository as
// intended (an open-source project): github-repo-not-public passes it.
const publicTopic = "public"

// repo is the part of a github_repository the controls read.
type repo struct {
	Visibility     subject.Field[string]
	Private        subject.Field[bool]
	Topics         subject.StringSeq
	VulnAlerts     subject.Field[bool]
	Analysis       string // path of security_and_analysis
	SecretScanning subject.Field[string]
	PushProtection subject.Field[string]
	Archived       subject.Field[bool]
}

// decode reads github_repository.
func decode(n subject.Node) repo {
	sa := n.Get("security_and_analysis")
	b := sa.Block()
	return repo{
		Visibility:     n.Get("visibility").String(""),
		Private:        n.Get("private").Bool(false),
		Topics:         n.Get("topics").Strings(),
		VulnAlerts:     n.Get("vulnerability_alerts").Bool(false),
		Analysis:       sa.Path(),
		SecretScanning: b.Get("secret_scanning").Block().Get("status").String(""),
		PushProtection: b.Get("secret_scanning_push_protection").Block().Get("status").String(""),
		Archived:       n.Get("archived").Bool(false),
	}
}

// notPublic: a repository is private or internal unless its topics document
// it as intended to be public (publicTopic). visibility overrides the
// deprecated private; with neither set GitHub creates a public repository.
func notPublic(r repo) engine.Outcome {
	v := r.Visibility
	var public subject.Tri
	at := v.Path
	switch {
	case v.Unknown:
		return judge.Unknown(v.Path)
	case !v.Null && strings.TrimSpace(v.V) != "":
		public = subject.TriOf(strings.EqualFold(strings.TrimSpace(v.V), "public"))
	case r.Private.Unknown:
		return judge.Unknown(r.Private.Path)
	case r.Private.Null:
		public = subject.True
	default:
		public, at = subject.TriOf(!r.Private.V), r.Private.Path
	}
	if public == subject.False {
		return engine.Pass()
	}
	switch r.Topics.Any(func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), publicTopic) }) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return judge.Unknown(r.Topics.Path)
	}
	if v.Null && r.Private.Null {
		return engine.Fail(v.Path, "visibility is not set and GitHub creates the repository public: set visibility = \"private\" (or \"internal\"), or add the topic %q if it is meant to be public", publicTopic)
	}
	return engine.Fail(at, "the repository is public and no %q topic documents that as intended", publicTopic)
}

// vulnerabilityAlerts: Dependabot alerts are on for the repository (CIS
// GitHub 1.5.5). Left unset, the plan cannot show what the organisation's
// default gives it, so the argument must be set.
func vulnerabilityAlerts(r repo) engine.Outcome {
	if r.Archived.Known() && r.Archived.V {
		return engine.Pass()
	}
	return judge.True(r.VulnAlerts, "the repository is not alerted to dependencies with known vulnerabilities")
}

// status judges a security_and_analysis feature status.
func status(f subject.Field[string], block, why string) engine.Outcome {
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Fail(block, "%s is not set: %s", block, why)
	case strings.EqualFold(strings.TrimSpace(f.V), "enabled"):
		return engine.Pass()
	}
	return engine.Fail(f.Path, "status is %q: %s", f.V, why)
}

// secretScanning: secret scanning and push protection are enabled for the
// repository (CIS GitHub 1.5.1).
func secretScanning(r repo) engine.Outcome {
	if r.Archived.Known() && r.Archived.V {
		return engine.Pass()
	}
	return judge.Worst(
		status(r.SecretScanning, r.Analysis+".secret_scanning", "committed credentials are not detected"),
		status(r.PushProtection, r.Analysis+".secret_scanning_push_protection", "pushes containing recognised secrets are accepted"),
	)
}

// secret is an Actions, Dependabot or Codespaces secret.
type secret struct{ Plaintext subject.Field[string] }

// decodeSecret reads github_actions_secret and its siblings.
func decodeSecret(n subject.Node) secret {
	return secret{Plaintext: n.Get("plaintext_value").String("")}
}

// noPlaintext: a secret is given as encrypted_value (sealed with the
// repository's public key), never as plaintext_value, which Terraform keeps
// in the plan and the state. A plaintext_value unknown at plan is still set.
func noPlaintext(s secret) engine.Outcome {
	p := s.Plaintext
	if p.Unknown || (!p.Null && p.V != "") {
		return engine.Fail(p.Path, "plaintext_value is set: the secret is stored in clear in the Terraform plan and state; pass encrypted_value sealed with the repository's public key instead")
	}
	return engine.Pass()
}

// Register adds the repository checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "github_repository", decode,
		engine.Check[repo]{Control: "github-repo-not-public", Eval: notPublic},
		engine.Check[repo]{Control: "github-repo-vulnerability-alerts", Eval: vulnerabilityAlerts},
		engine.Check[repo]{Control: "github-repo-secret-scanning", Eval: secretScanning},
	)
	plain := engine.Check[secret]{Control: "github-secret-no-plaintext", Eval: noPlaintext}
	for _, rt := range secretTypes {
		engine.Add(r, rt, decodeSecret, plain)
	}
}

// secretTypes are the integrations/github resources that take a
// plaintext_value.
var secretTypes = []string{"github_actions_secret", "github_actions_environment_secret", "github_actions_organization_secret", "github_dependabot_secret", "github_dependabot_organization_secret", "github_codespaces_secret", "github_codespaces_organization_secret"}
