package kinesis

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// deliveryStream is the subject of DataFirehose.1. A live loader would fill
// it from DescribeDeliveryStream (DeliveryStreamEncryptionConfiguration.Status,
// Source.KinesisStreamSourceDescription).
type deliveryStream struct {
	SSE          subject.Field[bool]
	StreamSource subject.Field[bool] // kinesis_source_configuration is present
}

// decodeDeliveryStream reads aws_kinesis_firehose_delivery_stream values.
// server_side_encryption.enabled defaults to false.
func decodeDeliveryStream(n subject.Node) deliveryStream {
	src := n.Get("kinesis_source_configuration").Block()
	return deliveryStream{
		SSE:          n.Get("server_side_encryption").Block().Get("enabled").Bool(false),
		StreamSource: subject.Field[bool]{V: !src.IsNull(), Unknown: src.IsUnknown(), Path: src.Path()},
	}
}

// checkFirehoseEncrypted is DataFirehose.1. A stream that reads from a
// Kinesis data stream keeps no data at rest of its own (the records stay in
// the source stream, judged by Kinesis.1) and cannot take
// server_side_encryption, so it passes.
func checkFirehoseEncrypted(d deliveryStream) engine.Outcome {
	switch {
	case d.StreamSource.Unknown:
		return judge.Unknown(d.StreamSource.Path)
	case d.StreamSource.V:
		return engine.Pass()
	}
	return judge.True(d.SSE, "records buffered by the delivery stream are not encrypted with a KMS key")
}
