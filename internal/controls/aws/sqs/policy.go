package sqs

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// QueuePolicy is the access policy of a queue as JSON text: the policy
// argument of aws_sqs_queue or of aws_sqs_queue_policy. A live loader fills it
// from GetQueueAttributes Policy.
type QueuePolicy struct {
	Policy subject.Field[string]
}

// DecodeQueuePolicy reads the policy of aws_sqs_queue and aws_sqs_queue_policy
// values. aws_sqs_queue's policy is Optional+Computed: left unset it is
// unknown at create and read as no policy (attributes.yaml); a queue without
// a policy is reachable by its owner account only.
func DecodeQueuePolicy(n subject.Node) QueuePolicy {
	return QueuePolicy{Policy: n.Get("policy").String("")}
}

// CheckNotPublic is SQS.3: no Allow statement is open to every principal
// without a condition that pins the caller or network (internal/policy).
func CheckNotPublic(q QueuePolicy) engine.Outcome {
	f := q.Policy
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "the queue policy is unknown until apply")
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Pass()
	}
	p, err := policy.Parse([]byte(f.V))
	if err != nil {
		return engine.Errored(f.Path, "the queue policy cannot be analysed: %v", err)
	}
	if m := p.PublicStatements(); len(m) > 0 {
		return engine.Fail(f.Path, "%s %s: anyone can use the queue as the statement's actions allow (send, receive, purge or change it)", m[0].Where(), m[0].Reason)
	}
	return engine.Pass()
}
