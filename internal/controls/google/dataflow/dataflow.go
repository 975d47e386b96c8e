// Package dataflow judges Dataflow jobs (google_dataflow_job): workers
// without public IP addresses and customer-managed encryption keys.
package dataflow

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// job is a google_dataflow_job as judged.
type job struct {
	IPConfig subject.Field[string]
	Key      subject.Field[string]
}

// decodeJob reads google_dataflow_job: ip_configuration unset means
// WORKER_IP_PUBLIC.
func decodeJob(n subject.Node) job {
	return job{IPConfig: n.Get("ip_configuration").String("WORKER_IP_PUBLIC"), Key: n.Get("kms_key_name").String("")}
}

// checkPrivateIP: workers have internal IP addresses only.
func checkPrivateIP(j job) engine.Outcome {
	return judge.OneOf(j.IPConfig, "every worker VM gets an external IP address", "WORKER_IP_PRIVATE")
}

// checkCMEK: the job's state and disks are encrypted with a Cloud KMS key.
func checkCMEK(j job) engine.Outcome {
	return judge.Set(j.Key, "the job's state and worker disks are encrypted with Google-managed keys only")
}

// Register adds the Dataflow checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_dataflow_job", decodeJob,
		engine.Check[job]{Control: "google-dataflow-job-no-public-ip", Eval: checkPrivateIP},
		engine.Check[job]{Control: "google-dataflow-job-cmek", Eval: checkCMEK})
}
