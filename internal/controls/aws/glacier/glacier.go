// Package glacier judges S3 Glacier vaults: who their access policy and
// vault lock policy let in.
package glacier

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/resourcepolicy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// vaultPolicy is a vault access policy or vault lock policy as JSON text. A
// live loader fills it from GetVaultAccessPolicy or GetVaultLock.
type vaultPolicy struct {
	Policy subject.Field[string]
	What   string // "vault access policy", "vault lock policy"
}

// decodeVault reads the access_policy of aws_glacier_vault values (Optional:
// unset means no policy, the owner account's only).
func decodeVault(n subject.Node) vaultPolicy {
	return vaultPolicy{Policy: n.Get("access_policy").String(""), What: "vault access policy"}
}

// decodeVaultLock reads the policy of aws_glacier_vault_lock values.
func decodeVaultLock(n subject.Node) vaultPolicy {
	return vaultPolicy{Policy: n.Get("policy").String(""), What: "vault lock policy"}
}

// checkNotPublic fails an Allow to every principal that no condition narrows
// (internal/policy). A vault lock policy, once completed, cannot be changed.
func checkNotPublic(v vaultPolicy) engine.Outcome {
	return resourcepolicy.NotPublic(v.Policy, "the "+v.What, "principals of any AWS account can reach the archives as the statement's actions allow")
}

// Register adds the Glacier checks to r.
func Register(r *engine.Registry) {
	c := engine.Check[vaultPolicy]{Control: "aws-glacier-vault-not-public", Eval: checkNotPublic}
	engine.Add(r, "aws_glacier_vault", decodeVault, c)
	engine.Add(r, "aws_glacier_vault_lock", decodeVaultLock, c)
}
