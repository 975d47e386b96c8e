package iam

import (
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// PasswordPolicy is the account password policy
// (aws_iam_account_password_policy, GetAccountPasswordPolicy). Null fields take
// what hashicorp/aws sends, which is the API default: minimum length 6 (the
// schema default), no reuse prevention, no character requirements, no expiry.
type PasswordPolicy struct {
	// Absent is set by live loaders when the account has no password policy
	// (NoSuchEntity).
	Absent           bool
	MinimumLength    subject.Field[int64]
	ReusePrevention  subject.Field[int64]
	RequireUppercase subject.Field[bool]
	RequireLowercase subject.Field[bool]
	RequireNumbers   subject.Field[bool]
	RequireSymbols   subject.Field[bool]
	MaxAge           subject.Field[int64]
}

// decodePasswordPolicy reads aws_iam_account_password_policy values.
func decodePasswordPolicy(n subject.Node) PasswordPolicy {
	return PasswordPolicy{
		MinimumLength:    n.Get("minimum_password_length").Int(6),
		ReusePrevention:  n.Get("password_reuse_prevention").Int(0),
		RequireUppercase: n.Get("require_uppercase_characters").Bool(false),
		RequireLowercase: n.Get("require_lowercase_characters").Bool(false),
		RequireNumbers:   n.Get("require_numbers").Bool(false),
		RequireSymbols:   n.Get("require_symbols").Bool(false),
		MaxAge:           n.Get("max_password_age").Int(0),
	}
}

const noPolicy = "the account has no password policy; add an aws_iam_account_password_policy"

func defaulted(f subject.Field[int64]) string {
	if f.Null {
		return fmt.Sprintf("not set (default %d)", f.V)
	}
	return fmt.Sprint(f.V)
}

func atLeast(name string, minimum int64, get func(PasswordPolicy) subject.Field[int64]) func(PasswordPolicy) engine.Outcome {
	return func(p PasswordPolicy) engine.Outcome {
		if p.Absent {
			return engine.Fail("", "%s with %s of at least %d", noPolicy, name, minimum)
		}
		f := get(p)
		switch {
		case f.Unknown:
			return engine.Undecided(f.Path, "%s is unknown until apply", name)
		case f.V < minimum:
			return engine.Fail(f.Path, "%s is %s; it must be at least %d", name, defaulted(f), minimum)
		}
		return engine.Pass()
	}
}

// maxPasswordAge is the longest password lifetime the complexity control
// accepts, in days (CIS v1.2 1.11 / Security Hub IAM.17).
const maxPasswordAge = 90

func complexity(p PasswordPolicy) engine.Outcome {
	if p.Absent {
		return engine.Fail("", "%s requiring upper and lower case letters, numbers and symbols, with max_password_age of at most %d days", noPolicy, maxPasswordAge)
	}
	var missing []string
	var missingAt, unknownAt string
	for _, fl := range []struct {
		name string
		f    subject.Field[bool]
	}{
		{"require_uppercase_characters", p.RequireUppercase},
		{"require_lowercase_characters", p.RequireLowercase},
		{"require_numbers", p.RequireNumbers},
		{"require_symbols", p.RequireSymbols},
	} {
		switch {
		case fl.f.Unknown:
			if unknownAt == "" {
				unknownAt = fl.f.Path
			}
		case !fl.f.V:
			missing = append(missing, fl.name)
			if missingAt == "" {
				missingAt = fl.f.Path
			}
		}
	}
	if len(missing) > 0 {
		return engine.Fail(missingAt, "%s must be true (null means false)", strings.Join(missing, ", "))
	}
	age := p.MaxAge
	switch {
	case age.Unknown:
		if unknownAt == "" {
			unknownAt = age.Path
		}
	case age.V <= 0:
		return engine.Fail(age.Path, "max_password_age is %s, so passwords never expire; set it to at most %d days", defaulted(age), maxPasswordAge)
	case age.V > maxPasswordAge:
		return engine.Fail(age.Path, "max_password_age is %d days; it must be at most %d", age.V, maxPasswordAge)
	}
	if unknownAt != "" {
		return engine.Undecided(unknownAt, "the password policy's %s is unknown until apply", unknownAt)
	}
	return engine.Pass()
}

// passwordChecks are the aws_iam_account_password_policy checks.
func passwordChecks() []engine.Check[PasswordPolicy] {
	return []engine.Check[PasswordPolicy]{
		{Control: "aws-iam-password-policy-strong", Eval: atLeast("minimum_password_length", 14, func(p PasswordPolicy) subject.Field[int64] { return p.MinimumLength })},
		{Control: "aws-iam-password-reuse-prevention", Eval: atLeast("password_reuse_prevention", 24, func(p PasswordPolicy) subject.Field[int64] { return p.ReusePrevention })},
		{Control: "aws-iam-password-policy-complexity", Eval: complexity},
	}
}
