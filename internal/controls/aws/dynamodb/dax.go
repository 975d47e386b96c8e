package dynamodb

// DynamoDB Accelerator (DAX) clusters: encryption at rest (DynamoDB.3) and in
// transit (DynamoDB.7).

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// DAXCluster is the subject of the DAX controls. A live loader would fill it
// from DescribeClusters (SSEDescription.Status, ClusterEndpointEncryptionType).
type DAXCluster struct {
	AtRest             subject.Field[bool]
	EndpointEncryption subject.Field[string]
}

// DecodeDAXCluster reads aws_dax_cluster values: without a
// server_side_encryption block (or with enabled unset) the cluster is not
// encrypted at rest; cluster_endpoint_encryption_type defaults to NONE.
func DecodeDAXCluster(n subject.Node) DAXCluster {
	return DAXCluster{
		AtRest:             n.Get("server_side_encryption").Block().Get("enabled").Bool(false),
		EndpointEncryption: n.Get("cluster_endpoint_encryption_type").String("NONE"),
	}
}

// CheckDAXAtRest is DynamoDB.3.
func CheckDAXAtRest(c DAXCluster) engine.Outcome {
	return judge.True(c.AtRest, "the cluster's cached data, configuration and logs are not encrypted, and this cannot be changed after creation")
}

// CheckDAXInTransit is DynamoDB.7.
func CheckDAXInTransit(c DAXCluster) engine.Outcome {
	f := c.EndpointEncryption
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(strings.TrimSpace(f.V), "TLS"):
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "cluster_endpoint_encryption_type is not set and defaults to NONE: clients talk to the cluster in plain text; set it to \"TLS\" (it cannot be changed after creation)")
	}
	return engine.Fail(f.Path, "cluster_endpoint_encryption_type is %q: clients talk to the cluster in plain text; set it to \"TLS\" (it cannot be changed after creation)", f.V)
}
