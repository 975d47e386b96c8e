// Package secretmanager judges Secret Manager secrets and their IAM:
// rotation schedule, customer-managed encryption keys and public access.
package secretmanager

import (
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// maxRotation is 90 days in seconds.
const maxRotation = 90 * 24 * 3600

// secret is a google_secret_manager_secret as judged.
type secret struct {
	Rotation     subject.Node
	Period       subject.Field[string]
	AutoKey      subject.Field[string]
	Auto         subject.Node
	Replicas     subject.Seq
	ReplicaKeys  []subject.Field[string]
	ReplPath     string
	ReplUnknown  bool
	ReplicasNull bool
}

// decodeSecret reads google_secret_manager_secret: without a rotation block
// the secret is never rotated; without customer_managed_encryption its
// replicas use Google-managed keys.
func decodeSecret(n subject.Node) secret {
	rot := n.Get("rotation").Block()
	rep := n.Get("replication").Block()
	s := secret{Rotation: rot, Period: rot.Get("rotation_period").String(""), ReplPath: rep.Path(), ReplUnknown: rep.IsUnknown()}
	s.Auto = rep.Get("auto").Block()
	s.AutoKey = s.Auto.Get("customer_managed_encryption").Block().Get("kms_key_name").String("")
	s.Replicas = rep.Get("user_managed").Block().Get("replicas").Items()
	for _, it := range s.Replicas.Items {
		s.ReplicaKeys = append(s.ReplicaKeys, it.Get("customer_managed_encryption").Block().Get("kms_key_name").String(""))
	}
	return s
}

// seconds parses a duration in seconds such as "7776000s".
func seconds(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "s") {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "s"), 64)
	return v, err == nil && v >= 0
}

// checkRotation: a rotation schedule of 90 days or less.
func checkRotation(s secret) engine.Outcome {
	f := s.Period
	switch {
	case s.Rotation.IsUnknown():
		return judge.Unknown(s.Rotation.Path())
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Fail(f.Path, "rotation.rotation_period is not set: Secret Manager never notifies that the secret is due for rotation")
	}
	v, ok := seconds(f.V)
	if !ok {
		return engine.Errored(f.Path, "rotation_period %q is not a duration in seconds such as \"7776000s\"", f.V)
	}
	if v > maxRotation {
		return engine.Fail(f.Path, "rotation_period %q is longer than 90 days (7776000s)", f.V)
	}
	return engine.Pass()
}

// checkCMEK: every replica is encrypted with a Cloud KMS key.
func checkCMEK(s secret) engine.Outcome {
	if s.ReplUnknown {
		return judge.Unknown(s.ReplPath)
	}
	if !s.Auto.IsNull() {
		return judge.Set(s.AutoKey, "the automatically replicated secret is encrypted with Google-managed keys only")
	}
	if s.Replicas.Unknown {
		return judge.Unknown(s.Replicas.Path)
	}
	if len(s.ReplicaKeys) == 0 {
		return engine.Fail(s.ReplPath, "replication sets no customer_managed_encryption: the secret is encrypted with Google-managed keys only")
	}
	outs := make([]engine.Outcome, len(s.ReplicaKeys))
	for i, k := range s.ReplicaKeys {
		outs[i] = judge.Set(k, "this replica is encrypted with Google-managed keys only")
	}
	return judge.Worst(outs...)
}

// Register adds the Secret Manager checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_secret_manager_secret", decodeSecret,
		engine.Check[secret]{Control: "google-secretmanager-rotation", Eval: checkRotation},
		engine.Check[secret]{Control: "google-secretmanager-cmek", Eval: checkCMEK})
	public := engine.Check[gcpiam.Grants]{Control: "google-secretmanager-iam-not-public", Eval: gcpiam.NotPublic("the secret")}
	engine.Add(r, "google_secret_manager_secret_iam_member", gcpiam.DecodeMember, public)
	engine.Add(r, "google_secret_manager_secret_iam_binding", gcpiam.DecodeBinding, public)
	engine.Add(r, "google_secret_manager_secret_iam_policy", gcpiam.DecodePolicy, public)
}
