// Package secretsmanager judges AWS Secrets Manager secrets: their resource
// policy, their rotation schedule and the KMS key that encrypts them.
package secretsmanager

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// secret is the subject of the secret controls. A live loader fills KMSKey
// and ReplicaKeys from DescribeSecret (KmsKeyId, ReplicationStatus) and
// Policy from GetResourcePolicy.
type secret struct {
	Policy      subject.Field[string]
	KMSKey      subject.Field[string]
	ReplicaKeys []subject.Field[string]
	// ReplicasUnknown is set when the replica set cannot be enumerated.
	ReplicasUnknown bool
	ReplicasPath    string
}

// decodeSecret reads aws_secretsmanager_secret values. policy and replica are
// Optional+Computed: left unset they are unknown at create and read as not
// set (attributes.yaml).
func decodeSecret(n subject.Node) secret {
	s := secret{
		Policy: n.Get("policy").String(""),
		KMSKey: n.Get("kms_key_id").String(""),
	}
	reps := n.Get("replica").Items()
	s.ReplicasUnknown, s.ReplicasPath = reps.Unknown, reps.Path
	for _, r := range reps.Items {
		s.ReplicaKeys = append(s.ReplicaKeys, r.Get("kms_key_id").String(""))
	}
	return s
}

// secretPolicy is the subject of aws_secretsmanager_secret_policy.
type secretPolicy struct {
	Policy            subject.Field[string]
	BlockPublicPolicy subject.Field[bool]
}

// decodeSecretPolicy reads aws_secretsmanager_secret_policy values.
func decodeSecretPolicy(n subject.Node) secretPolicy {
	return secretPolicy{
		Policy:            n.Get("policy").String(""),
		BlockPublicPolicy: n.Get("block_public_policy").Bool(false),
	}
}

// publicStatement returns the first statement of the policy text that is open
// to every principal without a narrowing condition (internal/policy), or an
// outcome when the text is unknown, empty or malformed.
func publicStatement(f subject.Field[string]) (*policy.Match, engine.Outcome) {
	switch {
	case f.Unknown:
		return nil, engine.Undecided(f.Path, "the secret's resource policy is unknown until apply")
	case f.Null || strings.TrimSpace(f.V) == "":
		return nil, engine.Pass()
	}
	p, err := policy.Parse([]byte(f.V))
	if err != nil {
		return nil, engine.Errored(f.Path, "the secret's resource policy cannot be analysed: %v", err)
	}
	if m := p.PublicStatements(); len(m) > 0 {
		return &m[0], engine.Outcome{}
	}
	return nil, engine.Pass()
}

const publicWhy = "principals of any AWS account can read or change the secret as the statement's actions allow"

// checkSecretNotPublic judges the inline policy of aws_secretsmanager_secret.
func checkSecretNotPublic(s secret) engine.Outcome {
	m, o := publicStatement(s.Policy)
	if m == nil {
		return o
	}
	return engine.Fail(s.Policy.Path, "%s %s: %s", m.Where(), m.Reason, publicWhy)
}

// checkPolicyNotPublic judges aws_secretsmanager_secret_policy. With
// block_public_policy = true Secrets Manager refuses a public policy, so the
// apply fails instead of exposing the secret; the policy is wrong either way.
func checkPolicyNotPublic(s secretPolicy) engine.Outcome {
	m, o := publicStatement(s.Policy)
	if m == nil {
		return o
	}
	if !s.BlockPublicPolicy.Unknown && s.BlockPublicPolicy.V {
		return engine.Fail(s.Policy.Path, "%s %s: block_public_policy is true, so Secrets Manager will refuse this policy at apply", m.Where(), m.Reason)
	}
	return engine.Fail(s.Policy.Path, "%s %s: %s (block_public_policy = true would have refused it)", m.Where(), m.Reason, publicWhy)
}

// isCMK reports whether a key id names a customer managed key, not the AWS
// managed key aws/secretsmanager.
func isCMK(key string) bool {
	k := strings.TrimSpace(key)
	return k != "" && !strings.HasSuffix(strings.ToLower(k), "alias/aws/secretsmanager")
}

func checkKey(f subject.Field[string], where string) (engine.Outcome, bool) {
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "kms_key_id of %s is unknown until apply", where), false
	case !isCMK(f.V):
		return engine.Fail(f.Path, "%s is encrypted with the AWS managed key aws/secretsmanager: set kms_key_id to a customer managed key whose policy the account controls", where), false
	}
	return engine.Pass(), true
}

// checkCMK passes when the secret and each replica name a customer managed
// KMS key.
func checkCMK(s secret) engine.Outcome {
	if o, ok := checkKey(s.KMSKey, "the secret"); !ok {
		return o
	}
	if s.ReplicasUnknown {
		return engine.Undecided(s.ReplicasPath, "the replicas are unknown until apply")
	}
	for _, k := range s.ReplicaKeys {
		if o, ok := checkKey(k, "a replica"); !ok {
			return o
		}
	}
	return engine.Pass()
}

// Register adds the Secrets Manager checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_secretsmanager_secret", decodeSecret,
		engine.Check[secret]{Control: "aws-secretsmanager-secret-not-public", Eval: checkSecretNotPublic},
		engine.Check[secret]{Control: "aws-secretsmanager-secret-cmk-encrypted", Eval: checkCMK},
	)
	engine.Add(r, "aws_secretsmanager_secret_policy", decodeSecretPolicy,
		engine.Check[secretPolicy]{Control: "aws-secretsmanager-secret-not-public", Eval: checkPolicyNotPublic})
	engine.Add(r, "aws_secretsmanager_secret_rotation", decodeRotation,
		engine.Check[rotation]{Control: "aws-secretsmanager-secret-rotation", Eval: checkRotation})
}
