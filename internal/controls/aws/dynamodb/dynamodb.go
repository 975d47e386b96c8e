// Package dynamodb judges DynamoDB tables and DynamoDB Accelerator (DAX)
// clusters.
package dynamodb

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// table is the subject of the DynamoDB KMS control. A live loader fills
// KMSEncrypted from DescribeTable SSEDescription (SSEType KMS, Status ENABLED).
type table struct {
	KMSEncrypted subject.Field[bool]
}

// decodeTable reads aws_dynamodb_table values. Every table is encrypted at
// rest; without a server_side_encryption block (or with enabled = false) the
// key is an AWS owned key that the account can neither see nor control. With
// enabled = true the key is the AWS managed key aws/dynamodb, or the customer
// managed key in kms_key_arn.
func decodeTable(n subject.Node) table {
	b := n.Get("server_side_encryption")
	if b.Absent() {
		// Values without the block (a dated default, so read as unknown):
		// before November 2018 the table was unencrypted, since then it has
		// an AWS owned key; neither is a KMS key, so the control fails anyway.
		return table{KMSEncrypted: subject.Field[bool]{Null: true, Absent: true, Path: b.Path()}}
	}
	return table{KMSEncrypted: b.Block().Get("enabled").Bool(false)}
}

// checkKMS passes when the table's key is a KMS key in the account.
func checkKMS(t table) engine.Outcome {
	f := t.KMSEncrypted
	switch {
	case f.Absent:
		return engine.Fail(f.Path, "server_side_encryption is absent from the values: the table has an AWS owned key at best (none if it predates encryption by default, November 2018); enable server_side_encryption with a KMS key")
	case f.Unknown:
		return engine.Undecided(f.Path, "server_side_encryption.enabled is unknown until apply")
	case !f.V:
		return engine.Fail(f.Path, "the table is encrypted with an AWS owned key: key use is not logged in CloudTrail and access cannot be controlled by a key policy; enable server_side_encryption with a KMS key")
	}
	return engine.Pass()
}

// Register adds the DynamoDB checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_dynamodb_table", decodeTable, engine.Check[table]{Control: "aws-dynamodb-table-kms-encrypted", Eval: checkKMS})
	engine.Add(r, "aws_dax_cluster", decodeDAXCluster,
		engine.Check[daxCluster]{Control: "aws-dax-cluster-encrypted-at-rest", Eval: checkDAXAtRest},
		engine.Check[daxCluster]{Control: "aws-dax-cluster-encrypted-in-transit", Eval: checkDAXInTransit},
	)
}
