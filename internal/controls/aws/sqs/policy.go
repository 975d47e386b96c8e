package sqs

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/resourcepolicy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// queuePolicy is the access policy of a queue as JSON text: the policy
// argument of aws_sqs_queue or of aws_sqs_queue_policy. A live loader fills it
// from GetQueueAttributes Policy.
type queuePolicy struct {
	Policy subject.Field[string]
}

// decodeQueuePolicy reads the policy of aws_sqs_queue and aws_sqs_queue_policy
// values. aws_sqs_queue's policy is Optional+Computed: left unset it is
// unknown at create and read as no policy (attributes.yaml); a queue without
// a policy is reachable by its owner account only.
func decodeQueuePolicy(n subject.Node) queuePolicy {
	return queuePolicy{Policy: n.Get("policy").String("")}
}

// checkNotPublic is SQS.3: no Allow statement is open to every principal
// without a condition that pins the caller or network (internal/policy).
func checkNotPublic(q queuePolicy) engine.Outcome {
	return resourcepolicy.NotPublic(q.Policy, "the queue policy", "anyone can use the queue as the statement's actions allow (send, receive, purge or change it)")
}
