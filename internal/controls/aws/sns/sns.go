// Package sns judges SNS topics.
package sns

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// topic is the subject of SNS.1. A live loader fills KMSKey from
// GetTopicAttributes KmsMasterKeyId.
type topic struct {
	KMSKey subject.Field[string]
}

// decodeTopic reads aws_sns_topic values.
func decodeTopic(n subject.Node) topic {
	return topic{KMSKey: n.Get("kms_master_key_id").String("")}
}

// checkEncrypted is SNS.1.
func checkEncrypted(t topic) engine.Outcome {
	return judge.Set(t.KMSKey, "messages are stored without server-side encryption; set a KMS key (alias/aws/sns or a customer managed key)")
}

// Register adds the SNS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_sns_topic", decodeTopic, engine.Check[topic]{Control: "aws-sns-topic-encrypted", Eval: checkEncrypted})
	public := engine.Check[topicPolicy]{Control: "aws-sns-topic-not-public", Eval: checkNotPublic}
	engine.Add(r, "aws_sns_topic", decodeTopicPolicy, public)
	engine.Add(r, "aws_sns_topic_policy", decodeTopicPolicy, public)
}
