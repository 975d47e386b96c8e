package kms

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// keyPolicy is a key policy as JSON text: the policy argument of aws_kms_key
// or of aws_kms_key_policy. A live loader fills it from GetKeyPolicy.
type keyPolicy struct {
	Policy subject.Field[string]
}

// decodeKeyPolicy reads the policy of aws_kms_key and aws_kms_key_policy
// values. aws_kms_key's policy is Optional+Computed: left unset it is unknown
// at create and read as not set (attributes.yaml); KMS then attaches the
// default key policy, which gives the key's own account access through IAM.
func decodeKeyPolicy(n subject.Node) keyPolicy {
	return keyPolicy{Policy: n.Get("policy").String("")}
}

// callerAccountNarrowed reports whether s is pinned to fixed accounts by
// kms:CallerAccount, the KMS condition key AWS managed key policies use for
// "every principal of this account": it narrows exactly as aws:SourceAccount
// does, so internal/policy judges it under that name.
func callerAccountNarrowed(s policy.Statement) bool {
	var conds []policy.Condition
	for _, c := range s.Conditions {
		if c.Key == "kms:calleraccount" {
			c.Key = "aws:sourceaccount"
			conds = append(conds, c)
		}
	}
	if len(conds) == 0 {
		return false
	}
	s.Conditions = conds
	return s.Narrowed()
}

// checkNotPublic is KMS.5: no Allow statement of the key policy is open to
// every principal without a condition that pins the caller (internal/policy,
// plus kms:CallerAccount).
func checkNotPublic(k keyPolicy) engine.Outcome {
	f := k.Policy
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "the key policy is unknown until apply")
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Pass()
	}
	p, err := policy.Parse([]byte(f.V))
	if err != nil {
		return engine.Errored(f.Path, "the key policy cannot be analysed: %v", err)
	}
	for _, m := range p.PublicStatements() {
		if st := statementAt(p, m.Index); st != nil && callerAccountNarrowed(*st) {
			continue
		}
		return engine.Fail(f.Path, "%s %s: principals of any AWS account can use or manage the key as the statement's actions allow", m.Where(), m.Reason)
	}
	return engine.Pass()
}

func statementAt(p *policy.Policy, index int) *policy.Statement {
	for i := range p.Statements {
		if p.Statements[i].Index == index {
			return &p.Statements[i]
		}
	}
	return nil
}
