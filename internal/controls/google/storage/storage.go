// Package storage judges Cloud Storage buckets and their IAM: uniform
// bucket-level access, public access prevention, and grants to allUsers or
// allAuthenticatedUsers.
package storage

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// bucket is a google_storage_bucket as judged.
type bucket struct {
	Uniform subject.Field[bool]
	PAP     subject.Field[string]
}

// decodeBucket reads google_storage_bucket: uniform_bucket_level_access
// defaults to false; public_access_prevention unset means "inherited" (from
// the organization policy), which is not "enforced".
func decodeBucket(n subject.Node) bucket {
	return bucket{
		Uniform: n.Get("uniform_bucket_level_access").Bool(false),
		PAP:     n.Get("public_access_prevention").String("inherited"),
	}
}

// checkUniform is CIS 5.2.
func checkUniform(b bucket) engine.Outcome {
	f := b.Uniform
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "uniform_bucket_level_access is not set and defaults to false: object ACLs can still grant access beside IAM")
	}
	return engine.Fail(f.Path, "uniform_bucket_level_access is false: object ACLs can still grant access beside IAM")
}

// checkPAP is the preventive half of CIS 5.1.
func checkPAP(b bucket) engine.Outcome {
	f := b.PAP
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(strings.TrimSpace(f.V), "enforced"):
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "public_access_prevention is not set and defaults to \"inherited\": the bucket can be made public unless an organization policy forbids it")
	}
	return engine.Fail(f.Path, "public_access_prevention is %q, not \"enforced\": the bucket can be made public", f.V)
}

// Register adds the Cloud Storage checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_storage_bucket", decodeBucket,
		engine.Check[bucket]{Control: "google-storage-bucket-uniform-access", Eval: checkUniform},
		engine.Check[bucket]{Control: "google-storage-bucket-public-access-prevention", Eval: checkPAP})
	acl := engine.Check[ACL]{Control: "google-storage-acl-not-public", Eval: checkACLNotPublic}
	for _, rt := range []string{"google_storage_bucket_access_control", "google_storage_object_access_control", "google_storage_default_object_access_control"} {
		engine.Add(r, rt, decodeAccessControl, acl)
	}
	engine.Add(r, "google_storage_bucket_acl", decodeACL, acl)
	engine.Add(r, "google_storage_object_acl", decodeACL, acl)
	engine.Add(r, "google_storage_default_object_acl", decodeRoleEntity, acl)
	public := engine.Check[gcpiam.Grants]{Control: "google-storage-bucket-iam-not-public", Eval: gcpiam.NotPublic("the bucket")}
	engine.Add(r, "google_storage_bucket_iam_member", gcpiam.DecodeMember, public)
	engine.Add(r, "google_storage_bucket_iam_binding", gcpiam.DecodeBinding, public)
	engine.Add(r, "google_storage_bucket_iam_policy", gcpiam.DecodePolicy, public)
}
