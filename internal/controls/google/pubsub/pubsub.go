// Package pubsub judges Pub/Sub topics and subscriptions: customer-managed
// encryption keys and IAM grants to allUsers or allAuthenticatedUsers.
package pubsub

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Topic is a google_pubsub_topic as judged.
type Topic struct{ Key subject.Field[string] }

// decodeTopic reads google_pubsub_topic: kms_key_name unset means
// Google-managed encryption.
func decodeTopic(n subject.Node) Topic { return Topic{Key: n.Get("kms_key_name").String("")} }

// checkCMEK: messages are encrypted with a Cloud KMS key.
func checkCMEK(t Topic) engine.Outcome {
	return judge.Set(t.Key, "messages are encrypted with Google-managed keys only")
}

// Register adds the Pub/Sub checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_pubsub_topic", decodeTopic, engine.Check[Topic]{Control: "google-pubsub-topic-cmek", Eval: checkCMEK})
	topic := engine.Check[gcpiam.Grants]{Control: "google-pubsub-iam-not-public", Eval: gcpiam.NotPublic("the topic")}
	sub := engine.Check[gcpiam.Grants]{Control: "google-pubsub-iam-not-public", Eval: gcpiam.NotPublic("the subscription")}
	engine.Add(r, "google_pubsub_topic_iam_member", gcpiam.DecodeMember, topic)
	engine.Add(r, "google_pubsub_topic_iam_binding", gcpiam.DecodeBinding, topic)
	engine.Add(r, "google_pubsub_topic_iam_policy", gcpiam.DecodePolicy, topic)
	engine.Add(r, "google_pubsub_subscription_iam_member", gcpiam.DecodeMember, sub)
	engine.Add(r, "google_pubsub_subscription_iam_binding", gcpiam.DecodeBinding, sub)
	engine.Add(r, "google_pubsub_subscription_iam_policy", gcpiam.DecodePolicy, sub)
}
