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

// Service is a Cloud Run service as judged.
type Service struct {
	Ingress subject.Field[string]
	Key     subject.Field[string]
}

// DecodeV2 reads google_cloud_run_v2_service: ingress defaults to
// INGRESS_TRAFFIC_ALL; template.encryption_key unset means Google-managed
// encryption.
func DecodeV2(n subject.Node) Service {
	return Service{
		Ingress: n.Get("ingress").String("INGRESS_TRAFFIC_ALL"),
		Key:     n.Get("template").Block().Get("encryption_key").String(""),
	}
}

// DecodeV1 reads google_cloud_run_service: the ingress is the
// metadata.annotations entry run.googleapis.com/ingress (default "all"), the
// key the template.metadata.annotations entry
// run.googleapis.com/encryption-key.
func DecodeV1(n subject.Node) Service {
	in := judge.MapEntry(n.Get("metadata").Block().Get("annotations"), "run.googleapis.com/ingress")
	if in.Null {
		in.V = "all"
	}
	return Service{
		Ingress: in,
		Key:     judge.MapEntry(n.Get("template").Block().Get("metadata").Block().Get("annotations"), "run.googleapis.com/encryption-key"),
	}
}

// CheckIngress: the service accepts traffic only from the VPC and Cloud
// Load Balancing, not directly from the internet.
func CheckIngress(s Service) engine.Outcome {
	return judge.OneOf(s.Ingress, "the service's run.app URL accepts requests from the whole internet",
		"INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", "internal", "internal-and-cloud-load-balancing")
}

// CheckCMEK: the container image and revision data are encrypted with a
// Cloud KMS key.
func CheckCMEK(s Service) engine.Outcome {
	return judge.Set(s.Key, "the service is encrypted with Google-managed keys only")
}

// Register adds the Cloud Run checks to r.
func Register(r *engine.Registry) {
	for rt, dec := range map[string]func(subject.Node) Service{"google_cloud_run_v2_service": DecodeV2, "google_cloud_run_service": DecodeV1} {
		engine.Add(r, rt, dec,
			engine.Check[Service]{Control: "google-cloudrun-ingress-restricted", Eval: CheckIngress},
			engine.Check[Service]{Control: "google-cloudrun-cmek", Eval: CheckCMEK})
	}
	public := engine.Check[gcpiam.Grants]{Control: "google-cloudrun-iam-not-public", Eval: gcpiam.NotPublic("the Cloud Run service")}
	for _, v := range []string{"google_cloud_run_v2_service", "google_cloud_run_service"} {
		engine.Add(r, v+"_iam_member", gcpiam.DecodeMember, public)
		engine.Add(r, v+"_iam_binding", gcpiam.DecodeBinding, public)
		engine.Add(r, v+"_iam_policy", gcpiam.DecodePolicy, public)
	}
}
