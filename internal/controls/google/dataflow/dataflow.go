// Package dataflow judges Dataflow jobs (google_dataflow_job): workers
// without public IP addresses and customer-managed encryption keys.
package dataflow

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Job is a google_dataflow_job as judged.
type Job struct {
	IPConfig subject.Field[string]
	Key      subject.Field[string]
}

// DecodeJob reads google_dataflow_job: ip_configuration unset means
// WORKER_IP_PUBLIC.
func DecodeJob(n subject.Node) Job {
	return Job{IPConfig: n.Get("ip_configuration").String("WORKER_IP_PUBLIC"), Key: n.Get("kms_key_name").String("")}
}

// CheckPrivateIP: workers have internal IP addresses only.
func CheckPrivateIP(j Job) engine.Outcome {
	return judge.OneOf(j.IPConfig, "every worker VM gets an external IP address", "WORKER_IP_PRIVATE")
}

// CheckCMEK: the job's state and disks are encrypted with a Cloud KMS key.
func CheckCMEK(j Job) engine.Outcome {
	return judge.Set(j.Key, "the job's state and worker disks are encrypted with Google-managed keys only")
}

// Register adds the Dataflow checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_dataflow_job", DecodeJob,
		engine.Check[Job]{Control: "google-dataflow-job-no-public-ip", Eval: CheckPrivateIP},
		engine.Check[Job]{Control: "google-dataflow-job-cmek", Eval: CheckCMEK})
}
