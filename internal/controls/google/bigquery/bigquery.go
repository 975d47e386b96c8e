// Package bigquery judges BigQuery datasets and tables: public access and
// customer-managed encryption keys.
package bigquery

import (
	"fmt"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// cmek is the customer-managed key of a dataset (default) or table.
type cmek struct {
	Block string
	Key   subject.Field[string]
}

// decodeDatasetKey reads google_bigquery_dataset.default_encryption_configuration.
func decodeDatasetKey(n subject.Node) cmek {
	b := n.Get("default_encryption_configuration")
	return cmek{Block: b.Path(), Key: b.Block().Get("kms_key_name").String("")}
}

// decodeTableKey reads google_bigquery_table.encryption_configuration.
func decodeTableKey(n subject.Node) cmek {
	b := n.Get("encryption_configuration")
	return cmek{Block: b.Path(), Key: b.Block().Get("kms_key_name").String("")}
}

// checkCMEK passes when a Cloud KMS key is named (CIS 7.2, 7.3).
func checkCMEK(c cmek) engine.Outcome {
	switch {
	case c.Key.Unknown:
		return judge.Unknown(c.Key.Path)
	case c.Key.Null || strings.TrimSpace(c.Key.V) == "":
		return engine.Fail(c.Block, "%s is not set: Google-managed keys encrypt the data", c.Block)
	}
	return engine.Pass()
}

// decodeAccessResource reads google_bigquery_dataset_access.
func decodeAccessResource(n subject.Node) gcpiam.Grants {
	g := gcpiam.Grants{Path: n.Path()}
	g.Bindings = accessBindings(n, g.Bindings)
	return g
}

// accessBindings appends the grants of one access entry (a
// google_bigquery_dataset_access or an access block): its special_group and
// iam_member, each with the entry's role.
func accessBindings(n subject.Node, out []gcpiam.Binding) []gcpiam.Binding {
	role := n.Get("role").String("")
	for _, f := range []subject.Field[string]{n.Get("special_group").String(""), n.Get("iam_member").String("")} {
		if !f.Null && (f.Unknown || f.V != "") {
			out = append(out, gcpiam.Binding{Role: role, Members: subject.StringSeq{Path: f.Path, Items: []subject.Field[string]{f}}})
		}
	}
	return out
}

// decodeDatasetBlocks reads google_bigquery_dataset access blocks.
func decodeDatasetBlocks(n subject.Node) gcpiam.Grants {
	g := gcpiam.Grants{}
	items := n.Get("access").Items()
	g.Path, g.Unknown = items.Path, items.Unknown
	for _, it := range items.Items {
		g.Bindings = accessBindings(it, g.Bindings)
	}
	return g
}

// notPublic is CIS 7.1.
func notPublic(g gcpiam.Grants) engine.Outcome {
	return g.Check(func(role, member string) string {
		if gcpiam.PublicMember(member) {
			return fmt.Sprintf("%s is granted %s on the dataset: the dataset is public", strings.TrimSpace(member), role)
		}
		return ""
	})
}

// Register adds the BigQuery checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_bigquery_dataset", decodeDatasetKey, engine.Check[cmek]{Control: "google-bigquery-dataset-cmek", Eval: checkCMEK})
	engine.Add(r, "google_bigquery_table", decodeTableKey, engine.Check[cmek]{Control: "google-bigquery-table-cmek", Eval: checkCMEK})
	public := engine.Check[gcpiam.Grants]{Control: "google-bigquery-dataset-not-public", Eval: notPublic}
	engine.Add(r, "google_bigquery_dataset", decodeDatasetBlocks, public)
	engine.Add(r, "google_bigquery_dataset_access", decodeAccessResource, public)
	engine.Add(r, "google_bigquery_dataset_iam_member", gcpiam.DecodeMember, public)
	engine.Add(r, "google_bigquery_dataset_iam_binding", gcpiam.DecodeBinding, public)
	engine.Add(r, "google_bigquery_dataset_iam_policy", gcpiam.DecodePolicy, public)
}
