package dynamodb

// DynamoDB Accelerator (DAX) clusters: encryption at rest (DynamoDB.3) and in
// transit (DynamoDB.7).

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// daxCluster is the subject of the DAX controls. A live loader would fill it
// from DescribeClusters (SSEDescription.Status, ClusterEndpointEncryptionType).
type daxCluster struct {
	AtRest             subject.Field[bool]
	EndpointEncryption subject.Field[string]
}

// decodeDAXCluster reads aws_dax_cluster values: without a
// server_side_encryption block (or with enabled unset) the cluster is not
// encrypted at rest; cluster_endpoint_encryption_type defaults to NONE.
func decodeDAXCluster(n subject.Node) daxCluster {
	return daxCluster{
		AtRest:             n.Get("server_side_encryption").Block().Get("enabled").Bool(false),
		EndpointEncryption: n.Get("cluster_endpoint_encryption_type").String("NONE"),
	}
}

// checkDAXAtRest is DynamoDB.3.
func checkDAXAtRest(c daxCluster) engine.Outcome {
	return judge.True(c.AtRest, "the cluster's cached data, configuration and logs are not encrypted, and this cannot be changed after creation")
}

// checkDAXInTransit is DynamoDB.7.
func checkDAXInTransit(c daxCluster) engine.Outcome {
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
