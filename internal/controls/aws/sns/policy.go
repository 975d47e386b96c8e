package sns

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/resourcepolicy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// topicPolicy is the access policy of a topic as JSON text: the policy
// argument of aws_sns_topic or of aws_sns_topic_policy. A live loader fills
// it from GetTopicAttributes Policy.
type topicPolicy struct {
	Policy subject.Field[string]
}

// decodeTopicPolicy reads the policy of aws_sns_topic and aws_sns_topic_policy
// values. aws_sns_topic's policy is Optional+Computed: left unset it is
// unknown at create and read as not set (attributes.yaml); SNS then writes
// its default policy, which allows the owner account only (a condition on
// AWS:SourceOwner).
func decodeTopicPolicy(n subject.Node) topicPolicy {
	return topicPolicy{Policy: n.Get("policy").String("")}
}

// checkNotPublic is SNS.4: no Allow statement is open to every principal
// without a condition that pins the caller or network (internal/policy).
func checkNotPublic(t topicPolicy) engine.Outcome {
	return resourcepolicy.NotPublic(t.Policy, "the topic policy", "anyone can use the topic as the statement's actions allow (publish, subscribe or change it)")
}
