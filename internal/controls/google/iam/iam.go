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

// NoPrimitiveRoles fails roles/owner or roles/editor granted to users,
// groups or domains (people), who should hold predefined or custom roles.
func NoPrimitiveRoles(g gcpiam.Grants) engine.Outcome {
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

// ServiceAccountNoAdmin is CIS 1.5: no service account holds roles/owner,
// roles/editor or a role whose name contains "admin".
func ServiceAccountNoAdmin(g gcpiam.Grants) engine.Outcome {
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

// NoProjectSAUser is CIS 1.6: roles/iam.serviceAccountUser and
// roles/iam.serviceAccountTokenCreator are granted on single service
// accounts, never on the whole project.
func NoProjectSAUser(g gcpiam.Grants) engine.Outcome {
	return g.Check(func(role, member string) string {
		r := strings.ToLower(strings.TrimSpace(role))
		if r == "roles/iam.serviceaccountuser" || r == "roles/iam.serviceaccounttokencreator" {
			return fmt.Sprintf("%s is granted %s on the project: it can act as every service account of the project", member, role)
		}
		return ""
	})
}

// Key is a google_service_account_key, or a project organization policy
// that decides whether such keys can be created.
type Key struct {
	// Path is set for a google_service_account_key: it always fails.
	Path string
	// Constraint and Enforced come from google_project_organization_policy.
	Constraint subject.Field[string]
	Enforced   subject.Field[bool]
	EnfPath    string
}

// DecodeKey reads google_service_account_key: every such key is
// user-managed.
func DecodeKey(n subject.Node) Key {
	return Key{Path: n.Get("service_account_id").Path()}
}

// DecodeOrgPolicy reads google_project_organization_policy: a
// boolean_policy on constraints/iam.disableServiceAccountKeyCreation.
func DecodeOrgPolicy(n subject.Node) Key {
	bp := n.Get("boolean_policy")
	return Key{Constraint: n.Get("constraint").String(""), Enforced: bp.Block().Get("enforced").Bool(false), EnfPath: bp.Path()}
}

// NoUserManagedKeys is CIS 1.4: a google_service_account_key creates a
// user-managed key (the CIS prevention is the organization policy
// iam.disableServiceAccountKeyCreation, which must not be turned off).
func NoUserManagedKeys(k Key) engine.Outcome {
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
		{Control: "google-iam-no-primitive-roles-for-users", Eval: NoPrimitiveRoles},
		{Control: "google-iam-service-account-no-admin-roles", Eval: ServiceAccountNoAdmin},
		{Control: "google-iam-no-project-level-service-account-user", Eval: NoProjectSAUser},
	}
	engine.Add(r, "google_project_iam_member", gcpiam.DecodeMember, checks...)
	engine.Add(r, "google_project_iam_binding", gcpiam.DecodeBinding, checks...)
	engine.Add(r, "google_project_iam_policy", gcpiam.DecodePolicy, checks...)
	keys := engine.Check[Key]{Control: "google-iam-no-user-managed-service-account-keys", Eval: NoUserManagedKeys}
	engine.Add(r, "google_service_account_key", DecodeKey, keys)
	engine.Add(r, "google_project_organization_policy", DecodeOrgPolicy, keys)
	engine.Add(r, "google_apikeys_key", DecodeAPIKey,
		engine.Check[APIKey]{Control: "google-iam-api-key-restricted-hosts-apps", Eval: CheckAPIKeyHostsApps},
		engine.Check[APIKey]{Control: "google-iam-api-key-restricted-apis", Eval: CheckAPIKeyAPIs})
}
