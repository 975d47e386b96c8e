// Package artifactregistry judges Artifact Registry repositories and their
// IAM: customer-managed encryption keys and public readers.
package artifactregistry

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// repository is a google_artifact_registry_repository as judged.
type repository struct{ Key subject.Field[string] }

// decodeRepository reads google_artifact_registry_repository.
func decodeRepository(n subject.Node) repository {
	return repository{Key: n.Get("kms_key_name").String("")}
}

// checkCMEK: artifacts are encrypted with a Cloud KMS key.
func checkCMEK(r repository) engine.Outcome {
	return judge.Set(r.Key, "artifacts are encrypted with Google-managed keys only")
}

// Register adds the Artifact Registry checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_artifact_registry_repository", decodeRepository, engine.Check[repository]{Control: "google-artifactregistry-cmek", Eval: checkCMEK})
	public := engine.Check[gcpiam.Grants]{Control: "google-artifactregistry-iam-not-public", Eval: gcpiam.NotPublic("the repository")}
	engine.Add(r, "google_artifact_registry_repository_iam_member", gcpiam.DecodeMember, public)
	engine.Add(r, "google_artifact_registry_repository_iam_binding", gcpiam.DecodeBinding, public)
	engine.Add(r, "google_artifact_registry_repository_iam_policy", gcpiam.DecodePolicy, public)
}
