package s3

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// publicCannedACLs are the canned ACLs that grant access to everyone
// (public-read, public-read-write) or to every AWS account
// (authenticated-read).
var publicCannedACLs = []string{"public-read", "public-read-write", "authenticated-read"}

// ACL is a bucket ACL: a canned ACL and/or explicit grants
// (aws_s3_bucket_acl, s3 GetBucketAcl).
type ACL struct {
	Canned        subject.Field[string]
	Grants        []Grant
	GrantsUnknown bool
	GrantsPath    string
}

// Grant is one ACL grant; URI is set for Group grantees.
type Grant struct {
	Path       string
	URI        subject.Field[string]
	Permission subject.Field[string]
}

// decodeACL reads aws_s3_bucket_acl values: acl and
// access_control_policy.grant[*].{grantee.uri, permission}.
func decodeACL(n subject.Node) ACL {
	a := ACL{Canned: n.Get("acl").String("")}
	grants := n.Get("access_control_policy").Block().Get("grant").Items()
	a.GrantsUnknown, a.GrantsPath = grants.Unknown, grants.Path
	for _, g := range grants.Items {
		a.Grants = append(a.Grants, Grant{
			Path:       g.Path(),
			URI:        g.Get("grantee").Block().Get("uri").String(""),
			Permission: g.Get("permission").String(""),
		})
	}
	return a
}

func isPublicCanned(acl string) bool {
	for _, c := range publicCannedACLs {
		if strings.EqualFold(strings.TrimSpace(acl), c) {
			return true
		}
	}
	return false
}

// publicGroup names the public group a grantee URI denotes, if any. Both the
// http and https spellings are matched.
func publicGroup(uri string) string {
	u := strings.TrimSpace(uri)
	switch {
	case strings.HasSuffix(u, "/groups/global/AllUsers"):
		return "AllUsers (everyone)"
	case strings.HasSuffix(u, "/groups/global/AuthenticatedUsers"):
		return "AuthenticatedUsers (every AWS account)"
	}
	return ""
}

// aclPublic judges an ACL on its own.
func aclPublic(a ACL) engine.Outcome {
	if a.Canned.Unknown {
		return engine.Undecided(a.Canned.Path, "the canned ACL is unknown until apply")
	}
	if isPublicCanned(a.Canned.V) {
		return engine.Fail(a.Canned.Path, "the canned ACL %q grants access to the public", a.Canned.V)
	}
	var undecided *engine.Outcome
	for _, g := range a.Grants {
		if g.URI.Unknown {
			if undecided == nil {
				o := engine.Undecided(g.URI.Path, "the grantee of %s is unknown until apply", g.Path)
				undecided = &o
			}
			continue
		}
		if grp := publicGroup(g.URI.V); grp != "" {
			perm := g.Permission.V
			if g.Permission.Unknown || perm == "" {
				perm = "access"
			}
			return engine.Fail(g.URI.Path, "%s grants %s to %s", g.Path, perm, grp)
		}
	}
	if undecided != nil {
		return *undecided
	}
	if a.GrantsUnknown {
		return engine.Undecided(a.GrantsPath, "the ACL grants are unknown until apply")
	}
	return engine.Pass()
}

// aclCheck is FSBP S3.2/S3.3 on aws_s3_bucket_acl.
var aclCheck = engine.Check[ACL]{Control: "aws-s3-bucket-no-public-acl", Eval: aclPublic}
