package s3

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// BucketPolicy is a bucket policy as raw JSON text plus its attribute path, so
// planned values and GetBucketPolicy output run the same analysis.
type BucketPolicy struct {
	Policy subject.Field[string]
}

// decodeBucketPolicy reads aws_s3_bucket_policy values.
func decodeBucketPolicy(n subject.Node) BucketPolicy {
	return BucketPolicy{Policy: n.Get("policy").String("")}
}

// parse returns the parsed policy, or nil for an empty policy, or an outcome
// when the text is unknown or malformed.
func parse(f subject.Field[string]) (*policy.Policy, *engine.Outcome) {
	if f.Unknown {
		o := engine.Undecided(f.Path, "the policy is unknown until apply")
		return nil, &o
	}
	if strings.TrimSpace(f.V) == "" {
		return nil, nil
	}
	p, err := policy.Parse([]byte(f.V))
	if err != nil {
		o := engine.Errored(f.Path, "the policy cannot be analysed: %v", err)
		return nil, &o
	}
	return p, nil
}

// policyPublic fails on an Allow to everyone that no condition narrows.
func policyPublic(f subject.Field[string]) engine.Outcome {
	p, o := parse(f)
	if o != nil {
		return *o
	}
	if p == nil {
		return engine.Pass()
	}
	if m := p.PublicStatements(); len(m) > 0 {
		return engine.Fail(f.Path, "%s %s", m[0].Where(), m[0].Reason)
	}
	return engine.Pass()
}

// policyTLSOnly passes when the policy denies requests without TLS.
func policyTLSOnly(f subject.Field[string]) engine.Outcome {
	p, o := parse(f)
	if o != nil {
		return *o
	}
	if p == nil {
		return engine.Fail(f.Path, "the bucket policy is empty, so nothing denies requests made without TLS")
	}
	if _, ok := p.DeniesInsecureTransport(); ok {
		return engine.Pass()
	}
	return engine.Fail(f.Path, "no statement denies requests made without TLS: add a Deny for every principal on s3:* with the condition Bool aws:SecureTransport = \"false\"")
}

// policyChecks are the aws_s3_bucket_policy checks.
func policyChecks() []engine.Check[BucketPolicy] {
	return []engine.Check[BucketPolicy]{
		{Control: "aws-s3-bucket-no-public-policy", Eval: func(b BucketPolicy) engine.Outcome { return policyPublic(b.Policy) }},
		{Control: "aws-s3-bucket-tls-only", Eval: func(b BucketPolicy) engine.Outcome { return policyTLSOnly(b.Policy) }},
	}
}
