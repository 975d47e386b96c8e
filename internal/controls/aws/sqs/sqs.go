// Package sqs judges SQS queues.
package sqs

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/attr"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Queue is the subject of SQS.1. A live loader fills KMSKey from
// GetQueueAttributes KmsMasterKeyId and ManagedSSE from SqsManagedSseEnabled.
type Queue struct {
	KMSKey     subject.Field[string]
	ManagedSSE subject.Field[bool]
}

// DecodeQueue reads aws_sqs_queue values.
func DecodeQueue(n subject.Node) Queue {
	return Queue{
		KMSKey:     n.Get("kms_master_key_id").String(""),
		ManagedSSE: n.Get("sqs_managed_sse_enabled").Bool(false),
	}
}

// CheckEncrypted is SQS.1: SSE-KMS or SSE-SQS. Fail-closed choice: SQS turns
// SSE-SQS on for new queues by default, and in a plan an unset
// sqs_managed_sse_enabled is computed (unknown, so undecided); a value that is
// explicitly null is judged as not encrypted, since nothing in the
// configuration asks for encryption.
func CheckEncrypted(q Queue) engine.Outcome {
	kms := attr.IsSet(q.KMSKey)
	sse := q.ManagedSSE.Test(func(b bool) bool { return b })
	switch kms.Or(sse) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		at := q.KMSKey.Path
		if kms != subject.Unknown {
			at = q.ManagedSSE.Path
		}
		return engine.Undecided(at, "%s is unknown until apply", attr.Name(at))
	}
	if !q.ManagedSSE.Null {
		return engine.Fail(q.ManagedSSE.Path, "sqs_managed_sse_enabled is false and no kms_master_key_id is set: messages are stored unencrypted")
	}
	return engine.Fail(q.KMSKey.Path, "neither kms_master_key_id nor sqs_managed_sse_enabled = true is set: the configuration does not ask for encryption at rest")
}

// Register adds the SQS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_sqs_queue", DecodeQueue, engine.Check[Queue]{Control: "aws-sqs-queue-encrypted", Eval: CheckEncrypted})
}
