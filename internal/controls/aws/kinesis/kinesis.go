// Package kinesis judges Kinesis data streams and Data Firehose delivery
// streams.
package kinesis

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// stream is the subject of Kinesis.1. A live loader fills EncryptionType from
// DescribeStreamSummary EncryptionType.
type stream struct {
	EncryptionType subject.Field[string]
}

// decodeStream reads aws_kinesis_stream values (encryption_type defaults to
// NONE).
func decodeStream(n subject.Node) stream {
	return stream{EncryptionType: n.Get("encryption_type").String("NONE")}
}

// checkEncrypted is Kinesis.1.
func checkEncrypted(s stream) engine.Outcome {
	f := s.EncryptionType
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(f.V, "KMS"):
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "encryption_type is not set and defaults to NONE: records are stored unencrypted")
	}
	return engine.Fail(f.Path, "encryption_type is %q: records are stored unencrypted; use KMS", f.V)
}

// Register adds the Kinesis checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_kinesis_stream", decodeStream, engine.Check[stream]{Control: "aws-kinesis-stream-encrypted", Eval: checkEncrypted})
	engine.Add(r, "aws_kinesis_firehose_delivery_stream", decodeDeliveryStream,
		engine.Check[deliveryStream]{Control: "aws-firehose-delivery-stream-encrypted", Eval: checkFirehoseEncrypted})
}
