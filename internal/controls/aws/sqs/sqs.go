// Package sqs judges SQS queues.
package sqs

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// queue is the subject of SQS.1. A live loader fills KMSKey from
// GetQueueAttributes KmsMasterKeyId and ManagedSSE from SqsManagedSseEnabled.
type queue struct {
	KMSKey     subject.Field[string]
	ManagedSSE subject.Field[bool]
}

// decodeQueue reads aws_sqs_queue values. An unset sqs_managed_sse_enabled
// (unknown at create: Optional+Computed) takes today's default for a new
// queue: SQS has encrypted new queues with SSE-SQS since October 2022. Values
// that lack the key altogether (a state written by a provider version before
// the attribute existed) are unknown: the queue may predate that default
// (attributes.yaml, a dated default).
func decodeQueue(n subject.Node) queue {
	return queue{
		KMSKey:     n.Get("kms_master_key_id").String(""),
		ManagedSSE: n.Get("sqs_managed_sse_enabled").Bool(true),
	}
}

// checkEncrypted is SQS.1: SSE-KMS or SSE-SQS.
func checkEncrypted(q queue) engine.Outcome {
	kms := judge.IsSet(q.KMSKey)
	sse := q.ManagedSSE.Test(func(b bool) bool { return b })
	switch kms.Or(sse) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		at := q.KMSKey.Path
		if kms != subject.Unknown {
			at = q.ManagedSSE.Path
		}
		if kms != subject.Unknown && q.ManagedSSE.Absent {
			return engine.Undecided(at, "sqs_managed_sse_enabled is absent from the values (a state written by a provider version that predates it): the queue may predate SSE-SQS by default (October 2022), so whether it is encrypted is not known; refresh the state with a current provider or set sqs_managed_sse_enabled = true")
		}
		return engine.Undecided(at, "%s is unknown until apply", judge.Name(at))
	}
	return engine.Fail(q.ManagedSSE.Path, "sqs_managed_sse_enabled is false and no kms_master_key_id is set: messages are stored unencrypted")
}

// Register adds the SQS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_sqs_queue", decodeQueue, engine.Check[queue]{Control: "aws-sqs-queue-encrypted", Eval: checkEncrypted})
	public := engine.Check[queuePolicy]{Control: "aws-sqs-queue-not-public", Eval: checkNotPublic}
	engine.Add(r, "aws_sqs_queue", decodeQueuePolicy, public)
	engine.Add(r, "aws_sqs_queue_policy", decodeQueuePolicy, public)
}
