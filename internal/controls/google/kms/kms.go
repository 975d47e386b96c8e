// Package kms judges Cloud KMS crypto keys: rotation period and IAM grants
// to allUsers or allAuthenticatedUsers.
package kms

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strconv"
	"strings"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// maxRotation is the longest rotation period CIS 1.10 allows: 90 days.
const maxRotation = 90 * 24 * time.Hour

// Key is a google_kms_crypto_key as judged.
type Key struct {
	Purpose  subject.Field[string]
	Rotation subject.Field[string]
}

// decodeKey reads google_kms_crypto_key: purpose defaults to
// ENCRYPT_DECRYPT; rotation_period unset means the key never rotates.
func decodeKey(n subject.Node) Key {
	return Key{Purpose: n.Get("purpose").String("ENCRYPT_DECRYPT"), Rotation: n.Get("rotation_period").String("")}
}

// parseDuration reads a Cloud KMS duration: seconds with up to nine
// fractional digits and an "s" suffix ("7776000s", "86400.5s").
func parseDuration(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "s") {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "s"), 64)
	if err != nil || f < 0 {
		return 0, false
	}
	return time.Duration(f * float64(time.Second)), true
}

// checkRotation is CIS 1.10. Automatic rotation exists only for symmetric
// ENCRYPT_DECRYPT keys: asymmetric and MAC keys cannot rotate automatically
// and pass as not applicable.
func checkRotation(k Key) engine.Outcome {
	if k.Purpose.Unknown {
		return engine.Undecided(k.Purpose.Path, "purpose is unknown until apply, so whether rotation applies is not known")
	}
	if !strings.EqualFold(strings.TrimSpace(k.Purpose.V), "ENCRYPT_DECRYPT") {
		return engine.Pass()
	}
	f := k.Rotation
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Fail(f.Path, "rotation_period is not set: the key is never rotated automatically")
	}
	d, ok := parseDuration(f.V)
	if !ok {
		return engine.Errored(f.Path, "rotation_period %q is not a duration in seconds such as \"7776000s\"", f.V)
	}
	if d > maxRotation {
		return engine.Fail(f.Path, "rotation_period %q is longer than 90 days (7776000s) by %s", f.V, d-maxRotation)
	}
	return engine.Pass()
}

// Register adds the Cloud KMS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_kms_crypto_key", decodeKey, engine.Check[Key]{Control: "google-kms-key-rotation-90-days", Eval: checkRotation})
	key := engine.Check[gcpiam.Grants]{Control: "google-kms-key-not-public", Eval: gcpiam.NotPublic("the crypto key")}
	engine.Add(r, "google_kms_crypto_key_iam_member", gcpiam.DecodeMember, key)
	engine.Add(r, "google_kms_crypto_key_iam_binding", gcpiam.DecodeBinding, key)
	engine.Add(r, "google_kms_crypto_key_iam_policy", gcpiam.DecodePolicy, key)
	ring := engine.Check[gcpiam.Grants]{Control: "google-kms-key-not-public", Eval: gcpiam.NotPublic("the key ring")}
	engine.Add(r, "google_kms_key_ring_iam_member", gcpiam.DecodeMember, ring)
	engine.Add(r, "google_kms_key_ring_iam_binding", gcpiam.DecodeBinding, ring)
	engine.Add(r, "google_kms_key_ring_iam_policy", gcpiam.DecodePolicy, ring)
}
