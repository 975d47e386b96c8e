// Package cloudrun judges Cloud Run services (google_cloud_run_v2_service and
// the v1 google_cloud_run_service) and their IAM: ingress, public invokers
// and customer-managed encryption keys.
package cloudrun

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// service is a Cloud Run service as judged.
type service struct {
	Ingress subject.Field[string]
	Key     subject.Field[string]
}

// decodeV2 reads google_cloud_run_v2_service: ingress defaults to
// INGRESS_TRAFFIC_ALL; template.encryption_key unset means Google-managed
// encryption.
func decodeV2(n subject.Node) service {
	return service{
		Ingress: n.Get("ingress").String("INGRESS_TRAFFIC_ALL"),
		Key:     n.Get("template").Block().Get("encryption_key").String(""),
	}
}

// decodeV1 reads google_cloud_run_service: the ingress is the
// metadata.annotations entry run.googleapis.com/ingress (default "all"), the
// key the template.metadata.annotations entry
// run.googleapis.com/encryption-key.
func decodeV1(n subject.Node) service {
	in := judge.MapEntry(n.Get("metadata").Block().Get("annotations"), "run.googleapis.com/ingress")
	if in.Null {
		in.V = "all"
	}
	return service{
		Ingress: in,
		Key:     judge.MapEntry(n.Get("template").Block().Get("metadata").Block().Get("annotations"), "run.googleapis.com/encryption-key"),
	}
}

// checkIngress: the service accepts traffic only from the VPC and Cloud
// Load Balancing, not directly from the internet.
func checkIngress(s service) engine.Outcome {
	return judge.OneOf(s.Ingress, "the service's run.app URL accepts requests from the whole internet",
		"INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", "internal", "internal-and-cloud-load-balancing")
}

// checkCMEK: the container image and revision data are encrypted with a
// Cloud KMS key.
func checkCMEK(s service) engine.Outcome {
	return judge.Set(s.Key, "the service is encrypted with Google-managed keys only")
}

// Register adds the Cloud Run checks to r.
func Register(r *engine.Registry) {
	for rt, dec := range map[string]func(subject.Node) service{"google_cloud_run_v2_service": decodeV2, "google_cloud_run_service": decodeV1} {
		engine.Add(r, rt, dec,
			engine.Check[service]{Control: "google-cloudrun-ingress-restricted", Eval: checkIngress},
			engine.Check[service]{Control: "google-cloudrun-cmek", Eval: checkCMEK})
	}
	public := engine.Check[gcpiam.Grants]{Control: "google-cloudrun-iam-not-public", Eval: gcpiam.NotPublic("the Cloud Run service")}
	for _, v := range []string{"google_cloud_run_v2_service", "google_cloud_run_service"} {
		engine.Add(r, v+"_iam_member", gcpiam.DecodeMember, public)
		engine.Add(r, v+"_iam_binding", gcpiam.DecodeBinding, public)
		engine.Add(r, v+"_iam_policy", gcpiam.DecodePolicy, public)
	}
}
