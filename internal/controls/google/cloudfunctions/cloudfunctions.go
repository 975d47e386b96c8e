// Package cloudfunctions judges Cloud Functions (google_cloudfunctions_function,
// 1st gen, and google_cloudfunctions2_function) and their IAM: ingress,
// public invokers and customer-managed encryption keys.
package cloudfunctions

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// function is a Cloud Function as judged.
type function struct {
	Ingress subject.Field[string]
	Key     subject.Field[string]
}

// decodeV1 reads google_cloudfunctions_function: ingress_settings defaults
// to ALLOW_ALL.
func decodeV1(n subject.Node) function {
	return function{Ingress: n.Get("ingress_settings").String("ALLOW_ALL"), Key: n.Get("kms_key_name").String("")}
}

// decodeV2 reads google_cloudfunctions2_function:
// service_config.ingress_settings defaults to ALLOW_ALL.
func decodeV2(n subject.Node) function {
	return function{Ingress: n.Get("service_config").Block().Get("ingress_settings").String("ALLOW_ALL"), Key: n.Get("kms_key_name").String("")}
}

// checkIngress: the function accepts requests only from the VPC (and Cloud
// Load Balancing), not directly from the internet.
func checkIngress(f function) engine.Outcome {
	return judge.OneOf(f.Ingress, "the function's URL accepts requests from the whole internet", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB")
}

// checkCMEK: the function's source and image are encrypted with a Cloud
// KMS key.
func checkCMEK(f function) engine.Outcome {
	return judge.Set(f.Key, "the function is encrypted with Google-managed keys only")
}

// Register adds the Cloud Functions checks to r.
func Register(r *engine.Registry) {
	for rt, dec := range map[string]func(subject.Node) function{"google_cloudfunctions_function": decodeV1, "google_cloudfunctions2_function": decodeV2} {
		engine.Add(r, rt, dec,
			engine.Check[function]{Control: "google-cloudfunctions-ingress-restricted", Eval: checkIngress},
			engine.Check[function]{Control: "google-cloudfunctions-cmek", Eval: checkCMEK})
	}
	public := engine.Check[gcpiam.Grants]{Control: "google-cloudfunctions-iam-not-public", Eval: gcpiam.NotPublic("the function")}
	for _, v := range []string{"google_cloudfunctions_function", "google_cloudfunctions2_function"} {
		engine.Add(r, v+"_iam_member", gcpiam.DecodeMember, public)
		engine.Add(r, v+"_iam_binding", gcpiam.DecodeBinding, public)
		engine.Add(r, v+"_iam_policy", gcpiam.DecodePolicy, public)
	}
}
