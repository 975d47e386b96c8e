// Package applications judges Microsoft Entra ID application registrations
// and service principals (hashicorp/azuread): how long their client secrets
// live, whether secrets are used at all where certificates or federated
// credentials would do, and the sign-in settings that widen who can obtain
// tokens for them.
package applications

import (
	"strings"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// maxSecretLifetime is the longest a client secret may live: 180 days, the
// lifetime the Entra admin center recommends when a secret is added.
const maxSecretLifetime = 180 * 24 * time.Hour

// now is the clock an unset start_date is read against (the creation time);
// tests replace it.
var now = time.Now

// secret is one password credential: an azuread_application_password, an
// azuread_service_principal_password or a password block of an
// azuread_application.
type secret struct {
	Path        string // of the credential ("" when the resource has none)
	Present     bool
	Unknown     bool // the credential block list itself is unknown
	EndDate     subject.Field[string]
	EndRelative subject.Field[string]
	StartDate   subject.Field[string]
}

// decodePassword reads azuread_application_password and
// azuread_service_principal_password.
func decodePassword(n subject.Node) secret {
	return secret{Path: n.Path(), Present: true, EndDate: n.Get("end_date").String(""), EndRelative: n.Get("end_date_relative").String(""), StartDate: n.Get("start_date").String("")}
}

// decodeApplication reads the password block of azuread_application.
func decodeApplication(n subject.Node) secret {
	items := n.Get("password").Items()
	if items.Unknown {
		return secret{Path: items.Path, Unknown: true}
	}
	if len(items.Items) == 0 {
		return secret{Path: items.Path}
	}
	b := items.Items[0]
	return secret{Path: b.Path(), Present: true, EndDate: b.Get("end_date").String(""), StartDate: b.Get("start_date").String("")}
}

// secretLifetime passes when a client secret expires at most
// maxSecretLifetime after it starts. An unset end_date means the provider's
// two years; an unset start_date means the creation time (now).
func secretLifetime(s secret) engine.Outcome {
	switch {
	case s.Unknown:
		return judge.Unknown(s.Path)
	case !s.Present:
		return engine.Pass()
	case s.EndDate.Unknown || s.EndRelative.Unknown || s.StartDate.Unknown && !s.StartDate.Null:
		return judge.Unknown(s.EndDate.Path)
	}
	start := now()
	if !s.StartDate.Null && strings.TrimSpace(s.StartDate.V) != "" {
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(s.StartDate.V))
		if err != nil {
			return engine.Fail(s.StartDate.Path, "start_date %q is not an RFC 3339 time, so the secret's lifetime cannot be judged", s.StartDate.V)
		}
		start = t
	}
	var life time.Duration
	switch {
	case !s.EndDate.Null && strings.TrimSpace(s.EndDate.V) != "":
		end, err := time.Parse(time.RFC3339, strings.TrimSpace(s.EndDate.V))
		if err != nil {
			return engine.Fail(s.EndDate.Path, "end_date %q is not an RFC 3339 time, so the secret's lifetime cannot be judged", s.EndDate.V)
		}
		life = end.Sub(start)
	case !s.EndRelative.Null && strings.TrimSpace(s.EndRelative.V) != "":
		d, err := time.ParseDuration(strings.TrimSpace(s.EndRelative.V))
		if err != nil {
			return engine.Fail(s.EndRelative.Path, "end_date_relative %q is not a duration, so the secret's lifetime cannot be judged", s.EndRelative.V)
		}
		life = d
	default:
		return engine.Fail(s.EndDate.Path, "end_date is not set and defaults to two years after creation: client secrets must expire within %d days", int(maxSecretLifetime.Hours()/24))
	}
	if life > maxSecretLifetime {
		return engine.Fail(s.EndDate.Path, "the secret lives %d days: client secrets must expire within %d days; rotate with rotate_when_changed", int(life.Hours()/24), int(maxSecretLifetime.Hours()/24))
	}
	return engine.Pass()
}

// noSecret fails on any client secret: certificates or federated identity
// credentials (workload identity federation) leave no shared secret to leak.
func noSecret(s secret) engine.Outcome {
	switch {
	case s.Unknown:
		return judge.Unknown(s.Path)
	case s.Present:
		return engine.Fail(s.Path, "the application authenticates with a client secret: use azuread_application_federated_identity_credential or azuread_application_certificate instead")
	}
	return engine.Pass()
}

// app is the sign-in settings of an azuread_application.
type app struct {
	AccessTokenImplicit subject.Field[bool]
	IDTokenImplicit     subject.Field[bool]
	PublicClient        subject.Field[bool]
}

// decodeApp reads azuread_application.
func decodeApp(n subject.Node) app {
	ig := n.Get("web").Block().Get("implicit_grant").Block()
	return app{
		AccessTokenImplicit: ig.Get("access_token_issuance_enabled").Bool(false),
		IDTokenImplicit:     ig.Get("id_token_issuance_enabled").Bool(false),
		PublicClient:        n.Get("fallback_public_client_enabled").Bool(false),
	}
}

// noImplicitGrant: the OAuth 2.0 implicit grant returns tokens in the URL
// fragment; the authorization code flow with PKCE replaces it.
func noImplicitGrant(a app) engine.Outcome {
	return judge.Worst(
		judge.False(a.AccessTokenImplicit, "the implicit grant issues access tokens in the redirect URL; use the authorization code flow with PKCE"),
		judge.False(a.IDTokenImplicit, "the implicit grant issues ID tokens in the redirect URL; use the authorization code flow with PKCE"),
	)
}

// noPublicClientFallback: public client flows (device code, resource owner
// password) let any holder of a password obtain tokens without a client
// credential and, for ROPC, without MFA.
func noPublicClientFallback(a app) engine.Outcome {
	return judge.False(a.PublicClient, "public client flows (ROPC, device code) are allowed for the application; turn them off unless it is a native or CLI client")
}

// sp is the assignment setting of an azuread_service_principal.
type sp struct{ AssignmentRequired subject.Field[bool] }

// decodeSP reads azuread_service_principal.
func decodeSP(n subject.Node) sp {
	return sp{AssignmentRequired: n.Get("app_role_assignment_required").Bool(false)}
}

// assignmentRequired: only users and groups assigned to the enterprise
// application may sign in to it.
func assignmentRequired(s sp) engine.Outcome {
	return judge.True(s.AssignmentRequired, "every user of the tenant can sign in to the application; require an app role assignment")
}

// Register adds the application checks to r.
func Register(r *engine.Registry) {
	lifetime := engine.Check[secret]{Control: "azuread-app-secret-lifetime", Eval: secretLifetime}
	none := engine.Check[secret]{Control: "azuread-app-no-client-secret", Eval: noSecret}
	engine.Add(r, "azuread_application_password", decodePassword, lifetime, none)
	engine.Add(r, "azuread_service_principal_password", decodePassword, lifetime, none)
	engine.Add(r, "azuread_application", decodeApplication, lifetime, none)
	engine.Add(r, "azuread_application", decodeApp,
		engine.Check[app]{Control: "azuread-app-no-implicit-grant", Eval: noImplicitGrant},
		engine.Check[app]{Control: "azuread-app-no-public-client-fallback", Eval: noPublicClientFallback})
	engine.Add(r, "azuread_service_principal", decodeSP, engine.Check[sp]{Control: "azuread-sp-assignment-required", Eval: assignmentRequired})
}
