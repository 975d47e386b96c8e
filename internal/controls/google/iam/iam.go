// Package iam judges project IAM grants (primitive roles, service account
// admin roles, project-level service account impersonation roles) and
// user-managed service account keys.
package iam

import (
	"fmt"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func kind(member string) string {
	k, _, _ := strings.Cut(strings.TrimSpace(member), ":")
	return strings.ToLower(k)
}

func primitive(role string) bool {
	r := strings.ToLower(strings.TrimSpace(role))
	return r == "roles/owner" || r == "roles/editor"
}

// noPrimitiveRoles fails roles/owner or roles/editor granted to users,
// groups or domains (people), who should hold predefined or custom roles.
func noPrimitiveRoles(g gcpiam.Grants) engine.Outcome {
	return g.Check(func(role, member string) string {
		switch kind(member) {
		case "user", "group", "domain", "principal", "principalset":
			if primitive(role) {
				return fmt.Sprintf("%s is granted the primitive role %s on the project", member, role)
			}
		}
		if gcpiam.PublicMember(member) && primitive(role) {
			return fmt.Sprintf("%s is granted the primitive role %s on the project", member, role)
		}
		return ""
	})
}

// serviceAccountNoAdmin is CIS 1.5: no service account holds roles/owner,
// roles/editor or a role whose name contains "admin".
func serviceAccountNoAdmin(g gcpiam.Grants) engine.Outcome {
	return g.Check(func(role, member string) string {
		if kind(member) != "serviceaccount" {
			return ""
		}
		if primitive(role) || strings.Contains(strings.ToLower(role), "admin") {
			return fmt.Sprintf("service account %s is granted the administrative role %s", strings.TrimPrefix(member, "serviceAccount:"), role)
		}
		return ""
	})
}

// noProjectSAUser is CIS 1.6: roles/iam.serviceAccountUser and
// roles/iam.serviceAccountTokenCreator are granted on single service
// accounts, never on the whole project.
func noProjectSAUser(g gcpiam.Grants) engine.Outcome {
	return g.Check(func(role, member string) string {
		r := strings.ToLower(strings.TrimSpace(role))
		if r == "roles/iam.serviceaccountuser" || r == "roles/iam.serviceaccounttokencreator" {
			return fmt.Sprintf("%s is granted %s on the project: it can act as every service account of the project", member, role)
		}
		return ""
	})
}

// key is a google_service_account_key, or a project organization policy
// that decides whether such keys can be created.
type key struct {
	// Path is set for a google_service_account_key: it always fails.
	Path string
	// Constraint and Enforced come from google_project_organization_policy.
	Constraint subject.Field[string]
	Enforced   subject.Field[bool]
	EnfPath    string
}

// decodeKey reads google_service_account_key: every such key is
// user-managed.
func decodeKey(n subject.Node) key {
	return key{Path: n.Get("service_account_id").Path()}
}

// decodeOrgPolicy reads google_project_organization_policy: a
// boolean_policy on constraints/iam.disableServiceAccountKeyCreation.
func decodeOrgPolicy(n subject.Node) key {
	bp := n.Get("boolean_policy")
	return key{Constraint: n.Get("constraint").String(""), Enforced: bp.Block().Get("enforced").Bool(false), EnfPath: bp.Path()}
}

// noUserManagedKeys is CIS 1.4: a google_service_account_key creates a
// user-managed key (the CIS prevention is the organization policy
// iam.disableServiceAccountKeyCreation, which must not be turned off).
func noUserManagedKeys(k key) engine.Outcome {
	if k.Path != "" {
		return engine.Fail(k.Path, "google_service_account_key creates a user-managed service account key, a long-lived credential outside Google's rotation")
	}
	c := k.Constraint
	if c.Unknown {
		return judge.Unknown(c.Path)
	}
	if strings.TrimPrefix(strings.TrimSpace(c.V), "constraints/") != "iam.disableServiceAccountKeyCreation" {
		return engine.Pass()
	}
	f := k.Enforced
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "boolean_policy.enforced is unknown until apply")
	case f.Null:
		return engine.Fail(k.EnfPath, "the policy on iam.disableServiceAccountKeyCreation sets no boolean_policy enforcing it: user-managed keys can be created")
	case !f.V:
		return engine.Fail(f.Path, "boolean_policy.enforced is false on iam.disableServiceAccountKeyCreation: user-managed keys can be created")
	}
	return engine.Pass()
}

// Register adds the IAM checks to r.
func Register(r *engine.Registry) {
	checks := []engine.Check[gcpiam.Grants]{
		{Control: "google-iam-no-primitive-roles-for-users", Eval: noPrimitiveRoles},
		{Control: "google-iam-service-account-no-admin-roles", Eval: serviceAccountNoAdmin},
		{Control: "google-iam-no-project-level-service-account-user", Eval: noProjectSAUser},
	}
	engine.Add(r, "google_project_iam_member", gcpiam.DecodeMember, checks...)
	engine.Add(r, "google_project_iam_binding", gcpiam.DecodeBinding, checks...)
	engine.Add(r, "google_project_iam_policy", gcpiam.DecodePolicy, checks...)
	keys := engine.Check[key]{Control: "google-iam-no-user-managed-service-account-keys", Eval: noUserManagedKeys}
	engine.Add(r, "google_service_account_key", decodeKey, keys)
	engine.Add(r, "google_project_organization_policy", decodeOrgPolicy, keys)
	engine.Add(r, "google_apikeys_key", decodeAPIKey,
		engine.Check[apiKey]{Control: "google-iam-api-key-restricted-hosts-apps", Eval: checkAPIKeyHostsApps},
		engine.Check[apiKey]{Control: "google-iam-api-key-restricted-apis", Eval: checkAPIKeyAPIs})
}
