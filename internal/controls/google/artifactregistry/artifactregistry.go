// Package artifactregistry judges Artifact Registry repositories and their
// IAM: customer-managed encryption keys and public readers.
package artifactregistry

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Repository is a google_artifact_registry_repository as judged.
type Repository struct{ Key subject.Field[string] }

// DecodeRepository reads google_artifact_registry_repository.
func DecodeRepository(n subject.Node) Repository {
	return Repository{Key: n.Get("kms_key_name").String("")}
}

// CheckCMEK: artifacts are encrypted with a Cloud KMS key.
func CheckCMEK(r Repository) engine.Outcome {
	return judge.Set(r.Key, "artifacts are encrypted with Google-managed keys only")
}

// Register adds the Artifact Registry checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_artifact_registry_repository", DecodeRepository, engine.Check[Repository]{Control: "google-artifactregistry-cmek", Eval: CheckCMEK})
	public := engine.Check[gcpiam.Grants]{Control: "google-artifactregistry-iam-not-public", Eval: gcpiam.NotPublic("the repository")}
	engine.Add(r, "google_artifact_registry_repository_iam_member", gcpiam.DecodeMember, public)
	engine.Add(r, "google_artifact_registry_repository_iam_binding", gcpiam.DecodeBinding, public)
	engine.Add(r, "google_artifact_registry_repository_iam_policy", gcpiam.DecodePolicy, public)
}
