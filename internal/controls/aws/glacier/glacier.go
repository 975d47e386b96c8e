// Package glacier judges S3 Glacier vaults: who their access policy and
// vault lock policy let in.
package glacier

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// VaultPolicy is a vault access policy or vault lock policy as JSON text. A
// live loader fills it from GetVaultAccessPolicy or GetVaultLock.
type VaultPolicy struct {
	Policy subject.Field[string]
	What   string // "vault access policy", "vault lock policy"
}

// DecodeVault reads the access_policy of aws_glacier_vault values (Optional:
// unset means no policy, the owner account's only).
func DecodeVault(n subject.Node) VaultPolicy {
	return VaultPolicy{Policy: n.Get("access_policy").String(""), What: "vault access policy"}
}

// DecodeVaultLock reads the policy of aws_glacier_vault_lock values.
func DecodeVaultLock(n subject.Node) VaultPolicy {
	return VaultPolicy{Policy: n.Get("policy").String(""), What: "vault lock policy"}
}

// CheckNotPublic fails an Allow to every principal that no condition narrows
// (internal/policy). A vault lock policy, once completed, cannot be changed.
func CheckNotPublic(v VaultPolicy) engine.Outcome {
	f := v.Policy
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "the %s is unknown until apply", v.What)
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Pass()
	}
	p, err := policy.Parse([]byte(f.V))
	if err != nil {
		return engine.Errored(f.Path, "the %s cannot be analysed: %v", v.What, err)
	}
	if m := p.PublicStatements(); len(m) > 0 {
		return engine.Fail(f.Path, "%s of the %s %s: principals of any AWS account can reach the archives as the statement's actions allow", m[0].Where(), v.What, m[0].Reason)
	}
	return engine.Pass()
}

// Register adds the Glacier checks to r.
func Register(r *engine.Registry) {
	c := engine.Check[VaultPolicy]{Control: "aws-glacier-vault-not-public", Eval: CheckNotPublic}
	engine.Add(r, "aws_glacier_vault", DecodeVault, c)
	engine.Add(r, "aws_glacier_vault_lock", DecodeVaultLock, c)
}
