// Package sns judges SNS topics.
package sns

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Topic is the subject of SNS.1. A live loader fills KMSKey from
// GetTopicAttributes KmsMasterKeyId.
type Topic struct {
	KMSKey subject.Field[string]
}

// DecodeTopic reads aws_sns_topic values.
func DecodeTopic(n subject.Node) Topic {
	return Topic{KMSKey: n.Get("kms_master_key_id").String("")}
}

// CheckEncrypted is SNS.1.
func CheckEncrypted(t Topic) engine.Outcome {
	return judge.Set(t.KMSKey, "messages are stored without server-side encryption; set a KMS key (alias/aws/sns or a customer managed key)")
}

// Register adds the SNS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_sns_topic", DecodeTopic, engine.Check[Topic]{Control: "aws-sns-topic-encrypted", Eval: CheckEncrypted})
	public := engine.Check[TopicPolicy]{Control: "aws-sns-topic-not-public", Eval: CheckNotPublic}
	engine.Add(r, "aws_sns_topic", DecodeTopicPolicy, public)
	engine.Add(r, "aws_sns_topic_policy", DecodeTopicPolicy, public)
}
