// Package msk judges Amazon MSK provisioned clusters and MSK Connect
// connectors: encryption in transit, public access, client authentication,
// the key that encrypts broker storage, and logging.
package msk

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// cluster is the subject of the MSK cluster controls. A live loader would
// fill it from DescribeClusterV2 (EncryptionInfo, BrokerNodeGroupInfo
// .ConnectivityInfo.PublicAccess.Type, ClientAuthentication, LoggingInfo).
type cluster struct {
	InCluster    subject.Field[bool]
	ClientBroker subject.Field[string]
	PublicAccess subject.Field[string]
	// ClientAuth is whether a client_authentication block is declared (null
	// when it is not); Unauthenticated its unauthenticated flag.
	ClientAuth      subject.Field[bool]
	Unauthenticated subject.Field[bool]
	KMSKey          subject.Field[string]
	BrokerLogs      []subject.Field[bool] // enabled of cloudwatch_logs, firehose, s3
	BrokerLogsPath  string
}

// decodeCluster reads aws_msk_cluster values. Without an encryption_info
// block, or with the encryption_in_transit arguments unset, MSK encrypts
// between brokers (in_cluster true) and accepts TLS clients only
// (client_broker "TLS"). public_access.type defaults to DISABLED.
func decodeCluster(n subject.Node) cluster {
	enc := n.Get("encryption_info").Block()
	transit := enc.Get("encryption_in_transit").Block()
	pub := n.Get("broker_node_group_info").Block().Get("connectivity_info").Block().Get("public_access").Block()
	c := cluster{
		InCluster:    transit.Get("in_cluster").Bool(true),
		ClientBroker: transit.Get("client_broker").String("TLS"),
		PublicAccess: pub.Get("type").String("DISABLED"),
		KMSKey:       enc.Get("encryption_at_rest_kms_key_arn").String(""),
	}
	ca := n.Get("client_authentication").Block()
	switch {
	case ca.IsUnknown():
		c.ClientAuth = subject.Field[bool]{Unknown: true, Path: ca.Path()}
	case ca.IsNull():
		c.ClientAuth = subject.Field[bool]{Null: true, Path: ca.Path()}
	default:
		c.ClientAuth = subject.Of(true, ca.Path())
	}
	c.Unauthenticated = ca.Get("unauthenticated").Bool(false)
	logs := n.Get("logging_info").Block().Get("broker_logs").Block()
	c.BrokerLogsPath = logs.Path()
	for _, dest := range []string{"cloudwatch_logs", "firehose", "s3"} {
		c.BrokerLogs = append(c.BrokerLogs, logs.Get(dest).Block().Get("enabled").Bool(false))
	}
	return c
}

// checkInCluster is MSK.1.
func checkInCluster(c cluster) engine.Outcome {
	f := c.InCluster
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null || f.V:
		return engine.Pass()
	}
	return engine.Fail(f.Path, "in_cluster is false: data between the brokers travels in plain text")
}

// checkClientTLS passes when brokers accept TLS client connections only.
func checkClientTLS(c cluster) engine.Outcome {
	f := c.ClientBroker
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null || strings.EqualFold(strings.TrimSpace(f.V), "TLS"):
		return engine.Pass()
	}
	return engine.Fail(f.Path, "client_broker is %q: the brokers accept plain-text client connections; use \"TLS\"", f.V)
}

// checkNotPublic is MSK.4.
func checkNotPublic(c cluster) engine.Outcome {
	f := c.PublicAccess
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "public_access.type is unknown until apply")
	case f.Null || strings.EqualFold(strings.TrimSpace(f.V), "DISABLED"):
		return engine.Pass()
	}
	return engine.Fail(f.Path, "public_access.type is %q: the brokers have public IP addresses and anyone on the internet can reach them; use \"DISABLED\"", f.V)
}

// checkNoUnauthenticated is MSK.6.
func checkNoUnauthenticated(c cluster) engine.Outcome {
	switch {
	case c.ClientAuth.Unknown:
		return judge.Unknown(c.ClientAuth.Path)
	case c.ClientAuth.Null:
		return engine.Fail(c.ClientAuth.Path, "client_authentication is not set: clients connect without credentials; enable IAM (sasl.iam), SASL/SCRAM or mutual TLS")
	}
	f := c.Unauthenticated
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Fail(f.Path, "unauthenticated is true: any client with network access can read and write topics without credentials")
	}
	return engine.Pass()
}

// checkCMK passes when broker storage is encrypted with a KMS key named by the
// configuration rather than the AWS managed key aws/kafka.
func checkCMK(c cluster) engine.Outcome {
	f := c.KMSKey
	if f.Unknown {
		return engine.Undecided(f.Path, "encryption_at_rest_kms_key_arn is unknown until apply: it is either not set (the AWS managed key aws/kafka) or a key created in this plan")
	}
	return judge.Set(f, "broker storage is encrypted with the AWS managed key aws/kafka, whose key policy the account cannot restrict")
}

// checkBrokerLogs passes when broker logs go to at least one destination.
func checkBrokerLogs(c cluster) engine.Outcome {
	undecided := ""
	for _, f := range c.BrokerLogs {
		switch {
		case f.Unknown:
			undecided = f.Path
		case f.V:
			return engine.Pass()
		}
	}
	if undecided != "" {
		return engine.Undecided(undecided, "whether broker logs are delivered is unknown until apply")
	}
	return engine.Fail(c.BrokerLogsPath, "broker logs are not delivered to CloudWatch Logs, Firehose or S3: broker errors and authentication failures are not recorded; enable logging_info.broker_logs")
}

// connector is the subject of the MSK Connect controls. A live loader would
// fill it from DescribeConnector (KafkaClusterEncryptionInTransit,
// LogDelivery.WorkerLogDelivery).
type connector struct {
	Encryption subject.Field[string]
	WorkerLogs []subject.Field[bool]
	LogsPath   string
}

// decodeConnector reads aws_mskconnect_connector values. encryption_type
// defaults to PLAINTEXT; worker logs are delivered nowhere unless
// log_delivery says so.
func decodeConnector(n subject.Node) connector {
	c := connector{Encryption: n.Get("kafka_cluster_encryption_in_transit").Block().Get("encryption_type").String("PLAINTEXT")}
	logs := n.Get("log_delivery").Block().Get("worker_log_delivery").Block()
	c.LogsPath = logs.Path()
	for _, dest := range []string{"cloudwatch_logs", "firehose", "s3"} {
		c.WorkerLogs = append(c.WorkerLogs, logs.Get(dest).Block().Get("enabled").Bool(false))
	}
	return c
}

// checkConnectorTLS is MSK.3.
func checkConnectorTLS(c connector) engine.Outcome {
	f := c.Encryption
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(strings.TrimSpace(f.V), "TLS"):
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "encryption_type is not set and defaults to PLAINTEXT: the connector talks to the Kafka cluster in plain text; set it to \"TLS\" (it cannot be changed later)")
	}
	return engine.Fail(f.Path, "encryption_type is %q: the connector talks to the Kafka cluster in plain text; set it to \"TLS\" (it cannot be changed later)", f.V)
}

// checkConnectorLogs is MSK.5.
func checkConnectorLogs(c connector) engine.Outcome {
	undecided := ""
	for _, f := range c.WorkerLogs {
		switch {
		case f.Unknown:
			undecided = f.Path
		case f.V:
			return engine.Pass()
		}
	}
	if undecided != "" {
		return engine.Undecided(undecided, "whether worker logs are delivered is unknown until apply")
	}
	return engine.Fail(c.LogsPath, "worker logs are not delivered to CloudWatch Logs, Firehose or S3; enable log_delivery.worker_log_delivery (it cannot be changed later)")
}

// Register adds the MSK checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_msk_cluster", decodeCluster,
		engine.Check[cluster]{Control: "aws-msk-cluster-in-cluster-encryption", Eval: checkInCluster},
		engine.Check[cluster]{Control: "aws-msk-cluster-client-tls", Eval: checkClientTLS},
		engine.Check[cluster]{Control: "aws-msk-cluster-not-public", Eval: checkNotPublic},
		engine.Check[cluster]{Control: "aws-msk-cluster-no-unauthenticated-access", Eval: checkNoUnauthenticated},
		engine.Check[cluster]{Control: "aws-msk-cluster-kms-cmk", Eval: checkCMK},
		engine.Check[cluster]{Control: "aws-msk-cluster-broker-logs", Eval: checkBrokerLogs},
	)
	engine.Add(r, "aws_mskconnect_connector", decodeConnector,
		engine.Check[connector]{Control: "aws-mskconnect-connector-tls", Eval: checkConnectorTLS},
		engine.Check[connector]{Control: "aws-mskconnect-connector-logs", Eval: checkConnectorLogs},
	)
}
