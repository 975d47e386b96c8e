// Package kms judges customer managed KMS keys.
package kms

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// key is the subject of the key rotation control. A live loader fills Spec and
// Usage from DescribeKey (KeySpec, KeyUsage), CustomKeyStore from
// CustomKeyStoreId, Origin from Origin, and RotationEnabled from
// GetKeyRotationStatus.
type key struct {
	Spec            subject.Field[string]
	Usage           subject.Field[string]
	CustomKeyStore  subject.Field[string]
	RotationEnabled subject.Field[bool]
}

// decodeKey reads aws_kms_key values: customer_master_key_spec defaults to
// SYMMETRIC_DEFAULT, key_usage to ENCRYPT_DECRYPT, enable_key_rotation to false.
func decodeKey(n subject.Node) key {
	return key{
		Spec:            n.Get("customer_master_key_spec").String("SYMMETRIC_DEFAULT"),
		Usage:           n.Get("key_usage").String("ENCRYPT_DECRYPT"),
		CustomKeyStore:  n.Get("custom_key_store_id").String(""),
		RotationEnabled: n.Get("enable_key_rotation").Bool(false),
	}
}

// checkRotation is KMS.4 / CIS 3.6. Automatic rotation exists only for
// symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) whose key
// material AWS KMS generates and holds: asymmetric, HMAC and custom key store
// keys cannot rotate automatically, so the control does not apply (pass).
// (Keys with imported material are aws_kms_external_key, not judged here.)
func checkRotation(k key) engine.Outcome {
	if k.Spec.Unknown {
		return engine.Undecided(k.Spec.Path, "customer_master_key_spec is unknown until apply, so whether rotation applies is not known")
	}
	if !strings.EqualFold(k.Spec.V, "SYMMETRIC_DEFAULT") {
		return engine.Pass()
	}
	if !k.Usage.Unknown && !strings.EqualFold(k.Usage.V, "ENCRYPT_DECRYPT") {
		return engine.Pass()
	}
	if !k.CustomKeyStore.Unknown && !k.CustomKeyStore.Null && k.CustomKeyStore.V != "" {
		return engine.Pass()
	}
	f := k.RotationEnabled
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Pass() // rotation is on, whatever the key turns out to be
	case k.Usage.Unknown:
		return engine.Undecided(k.Usage.Path, "key_usage is unknown until apply, so whether rotation applies is not known")
	case k.CustomKeyStore.Unknown:
		return engine.Undecided(k.CustomKeyStore.Path, "custom_key_store_id is unknown until apply, so whether rotation applies is not known")
	case f.Null:
		return engine.Fail(f.Path, "enable_key_rotation is not set and defaults to false: the symmetric key's material is never rotated")
	}
	return engine.Fail(f.Path, "enable_key_rotation is false: the symmetric key's material is never rotated")
}

// Register adds the KMS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_kms_key", decodeKey, engine.Check[key]{Control: "aws-kms-key-rotation", Eval: checkRotation})
	public := engine.Check[keyPolicy]{Control: "aws-kms-key-not-public", Eval: checkNotPublic}
	engine.Add(r, "aws_kms_key", decodeKeyPolicy, public)
	engine.Add(r, "aws_kms_key_policy", decodeKeyPolicy, public)
}
