package iam

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// AccountSummary is the subject of the root user controls, for the pseudo
// resource type aws_account. Its values mirror IAM GetAccountSummary's
// SummaryMap in snake_case:
//
//	account_access_keys_present  AccountAccessKeysPresent (1 if the root user has access keys)
//	account_mfa_enabled          AccountMFAEnabled        (1 if the root user has MFA)
//
// Each accepts a number (0/1, as the API returns it) or a bool. Live loaders
// build it with subject.Of from the SummaryMap.
type AccountSummary struct {
	AccessKeysPresent subject.Field[bool]
	MFAEnabled        subject.Field[bool]
}

// decodeAccountSummary reads aws_account values.
func decodeAccountSummary(n subject.Node) AccountSummary {
	return AccountSummary{
		AccessKeysPresent: flag(n.Get("account_access_keys_present")),
		MFAEnabled:        flag(n.Get("account_mfa_enabled")),
	}
}

// flag reads a 0/1 number or a bool.
func flag(n subject.Node) subject.Field[bool] {
	if n.Value().Kind() == subject.KindNumber {
		i := n.Int(0)
		return subject.Field[bool]{V: i.V != 0, Path: i.Path}
	}
	return n.Bool(false)
}

func rootNoAccessKeys(a AccountSummary) engine.Outcome {
	f := a.AccessKeysPresent
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "whether the root user has access keys is unknown")
	case f.Null:
		return engine.Undecided(f.Path, "account_access_keys_present is not given (live mode reads it from GetAccountSummary)")
	case f.V:
		return engine.Fail(f.Path, "the root user has access keys; delete them and use IAM roles instead")
	}
	return engine.Pass()
}

func rootMFA(a AccountSummary) engine.Outcome {
	f := a.MFAEnabled
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "whether the root user has MFA is unknown")
	case f.Null:
		return engine.Undecided(f.Path, "account_mfa_enabled is not given (live mode reads it from GetAccountSummary)")
	case !f.V:
		return engine.Fail(f.Path, "the root user has no MFA device")
	}
	return engine.Pass()
}

// Root user checks, exported for live loaders.
var (
	rootNoAccessKeysCheck = engine.Check[AccountSummary]{Control: "aws-iam-root-no-access-keys", Eval: rootNoAccessKeys}
	rootMFACheck          = engine.Check[AccountSummary]{Control: "aws-iam-root-mfa", Eval: rootMFA}
)

// accountChecks are the aws_account checks.
func accountChecks() []engine.Check[AccountSummary] {
	return []engine.Check[AccountSummary]{rootNoAccessKeysCheck, rootMFACheck}
}
