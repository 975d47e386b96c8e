// Package spanner judges Cloud Spanner databases and their IAM:
// customer-managed encryption keys and public access.
package spanner

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// database is a google_spanner_database as judged.
type database struct {
	Key  subject.Field[string]
	Keys subject.StringSeq
}

// decodeDatabase reads google_spanner_database: encryption_config.kms_key_name
// (one region) or kms_key_names (multi-region).
func decodeDatabase(n subject.Node) database {
	ec := n.Get("encryption_config").Block()
	return database{Key: ec.Get("kms_key_name").String(""), Keys: ec.Get("kms_key_names").Strings()}
}

// checkCMEK: the database is encrypted with Cloud KMS keys.
func checkCMEK(d database) engine.Outcome {
	if judge.IsSet(d.Key) == subject.True {
		return engine.Pass()
	}
	if d.Keys.Unknown {
		return judge.Unknown(d.Keys.Path)
	}
	for _, k := range d.Keys.Items {
		if o := judge.Set(k, ""); o.Status == engine.StatusPass {
			return o
		}
	}
	return judge.Set(d.Key, "the database is encrypted with Google-managed keys only")
}

// Register adds the Spanner checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_spanner_database", decodeDatabase, engine.Check[database]{Control: "google-spanner-database-cmek", Eval: checkCMEK})
	db := engine.Check[gcpiam.Grants]{Control: "google-spanner-iam-not-public", Eval: gcpiam.NotPublic("the Spanner database")}
	inst := engine.Check[gcpiam.Grants]{Control: "google-spanner-iam-not-public", Eval: gcpiam.NotPublic("the Spanner instance")}
	engine.Add(r, "google_spanner_database_iam_member", gcpiam.DecodeMember, db)
	engine.Add(r, "google_spanner_database_iam_binding", gcpiam.DecodeBinding, db)
	engine.Add(r, "google_spanner_database_iam_policy", gcpiam.DecodePolicy, db)
	engine.Add(r, "google_spanner_instance_iam_member", gcpiam.DecodeMember, inst)
	engine.Add(r, "google_spanner_instance_iam_binding", gcpiam.DecodeBinding, inst)
	engine.Add(r, "google_spanner_instance_iam_policy", gcpiam.DecodePolicy, inst)
}
