// Package dms judges AWS Database Migration Service replication instances,
// endpoints and replication tasks.
package dms

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// replicationInstance is the subject of DMS.1. A live loader would fill it
// from DescribeReplicationInstances PubliclyAccessible.
type replicationInstance struct {
	PubliclyAccessible subject.Field[bool]
}

// decodeReplicationInstance reads aws_dms_replication_instance values.
// publicly_accessible is Optional+Computed; hashicorp/aws sends its value
// (false when unset) to CreateReplicationInstance, so an unset value is a
// private instance.
func decodeReplicationInstance(n subject.Node) replicationInstance {
	return replicationInstance{PubliclyAccessible: n.Get("publicly_accessible").Bool(false)}
}

// checkInstanceNotPublic is DMS.1.
func checkInstanceNotPublic(ri replicationInstance) engine.Outcome {
	f := ri.PubliclyAccessible
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Fail(f.Path, "the replication instance has a public IP address and is reachable from outside its VPC; it cannot be made private after creation")
	}
	return engine.Pass()
}

// endpoint is the subject of the DMS endpoint controls. A live loader would
// fill it from DescribeEndpoints (EngineName, SslMode,
// RedisSettings.SslSecurityProtocol).
type endpoint struct {
	Engine        subject.Field[string]
	SSLMode       subject.Field[string]
	RedisProtocol subject.Field[string]
}

// decodeEndpoint reads aws_dms_endpoint values. ssl_mode is Optional+Computed
// and the DMS API default is "none"; redis_settings.ssl_security_protocol
// defaults to "ssl-encryption".
func decodeEndpoint(n subject.Node) endpoint {
	return endpoint{
		Engine:        n.Get("engine_name").String(""),
		SSLMode:       n.Get("ssl_mode").String("none"),
		RedisProtocol: n.Get("redis_settings").Block().Get("ssl_security_protocol").String("ssl-encryption"),
	}
}

// noSSLMode lists the endpoint engines whose connections ssl_mode does not
// govern: services reached over their HTTPS APIs (s3, dynamodb, kinesis,
// neptune, elasticsearch, opensearch), Amazon Redshift (which DMS always
// reaches over SSL), and kafka and redis, which have their own TLS settings.
var noSSLMode = []string{"s3", "dynamodb", "kinesis", "neptune", "elasticsearch", "opensearch", "redshift", "redshift-serverless", "kafka", "redis"}

func engineOf(e endpoint) string { return strings.ToLower(strings.TrimSpace(e.Engine.V)) }

// checkSSL is DMS.9.
func checkSSL(e endpoint) engine.Outcome {
	if e.Engine.Unknown {
		return engine.Undecided(e.Engine.Path, "engine_name is unknown until apply, and whether ssl_mode applies depends on it")
	}
	eng := engineOf(e)
	for _, x := range noSSLMode {
		if eng == x {
			return engine.Pass()
		}
	}
	f := e.SSLMode
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null:
		return engine.Fail(f.Path, "ssl_mode is not set and defaults to \"none\": data migrated through the endpoint travels in plain text; set ssl_mode = \"verify-full\" (or \"require\")")
	case strings.EqualFold(strings.TrimSpace(f.V), "none"):
		return engine.Fail(f.Path, "ssl_mode is \"none\": data migrated through the endpoint travels in plain text; set ssl_mode = \"verify-full\" (or \"require\")")
	}
	return engine.Pass()
}

// checkRedisTLS is DMS.12: a Redis OSS endpoint does not use the plaintext
// protocol. Endpoints of other engines pass.
func checkRedisTLS(e endpoint) engine.Outcome {
	if e.Engine.Unknown {
		return judge.Unknown(e.Engine.Path)
	}
	if engineOf(e) != "redis" {
		return engine.Pass()
	}
	f := e.RedisProtocol
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(strings.TrimSpace(f.V), "plaintext"):
		return engine.Fail(f.Path, "ssl_security_protocol is \"plaintext\": data written to Redis travels unencrypted; use \"ssl-encryption\"")
	}
	return engine.Pass()
}

// Register adds the DMS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_dms_replication_instance", decodeReplicationInstance,
		engine.Check[replicationInstance]{Control: "aws-dms-replication-instance-not-public", Eval: checkInstanceNotPublic})
	engine.Add(r, "aws_dms_endpoint", decodeEndpoint,
		engine.Check[endpoint]{Control: "aws-dms-endpoint-ssl", Eval: checkSSL},
		engine.Check[endpoint]{Control: "aws-dms-endpoint-redis-tls", Eval: checkRedisTLS},
	)
	engine.Add(r, "aws_dms_replication_task", decodeTask,
		engine.Check[task]{Control: "aws-dms-task-source-logging", Eval: checkSourceLogging},
		engine.Check[task]{Control: "aws-dms-task-target-logging", Eval: checkTargetLogging},
	)
}
