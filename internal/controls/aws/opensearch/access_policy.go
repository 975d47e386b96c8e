package opensearch

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// access is the subject of the access policy control: the domain's access
// policy and what else stands between the endpoint and the internet. A live
// loader fills it from DescribeDomain (AccessPolicies, VPCOptions.SubnetIds,
// AdvancedSecurityOptions.Enabled and AnonymousAuthEnabled).
type access struct {
	Policy  subject.Field[string]
	Subnets subject.StringSeq
	// FineGrained is advanced_security_options.enabled: every request is
	// authenticated by fine-grained access control.
	FineGrained subject.Field[bool]
	// Anonymous is anonymous_auth_enabled (OpenSearch only): unauthenticated
	// requests are let in with the anonymous role.
	Anonymous subject.Field[bool]
}

func decodeAccess(n subject.Node, anonymous bool) access {
	sec := n.Get("advanced_security_options").Block()
	a := access{
		Policy:      n.Get("access_policies").String(""),
		Subnets:     n.Get("vpc_options").Block().Get("subnet_ids").Strings(),
		FineGrained: sec.Get("enabled").Bool(false),
		Anonymous:   subject.Field[bool]{Null: true},
	}
	if anonymous {
		a.Anonymous = sec.Get("anonymous_auth_enabled").Bool(false)
	}
	return a
}

// decodeOpenSearchAccess reads aws_opensearch_domain values. access_policies
// and advanced_security_options are Optional+Computed: left unset they are
// unknown at create and read as not set (attributes.yaml).
func decodeOpenSearchAccess(n subject.Node) access { return decodeAccess(n, true) }

// decodeElasticsearchAccess reads aws_elasticsearch_domain values, which have
// no anonymous authentication.
func decodeElasticsearchAccess(n subject.Node) access { return decodeAccess(n, false) }

// checkAccessPolicyNotPublic fails a domain with a public endpoint whose
// access policy allows every principal without a narrowing condition
// (internal/policy, e.g. an aws:SourceIp range), unless fine-grained access
// control authenticates every request. In a VPC the security groups decide
// who reaches the endpoint, so an open policy there is not public.
func checkAccessPolicyNotPublic(a access) engine.Outcome {
	f := a.Policy
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Pass() // no access policy: only the account's IAM principals
	}
	p, err := policy.Parse([]byte(f.V))
	if err != nil {
		return engine.Errored(f.Path, "access_policies cannot be analysed: %v", err)
	}
	ms := p.PublicStatements()
	if len(ms) == 0 {
		return engine.Pass()
	}
	switch s := a.Subnets; {
	case s.Unknown:
		return engine.Undecided(s.Path, "the access policy is open, and whether the domain is in a VPC (subnet_ids) is unknown until apply")
	case len(s.Items) > 0:
		return engine.Pass()
	}
	fg, anon := a.FineGrained, a.Anonymous
	switch {
	case fg.Unknown:
		return engine.Undecided(fg.Path, "the access policy is open, and whether fine-grained access control is enabled is unknown until apply")
	case fg.V && anon.Unknown:
		return engine.Undecided(anon.Path, "the access policy is open, and anonymous_auth_enabled is unknown until apply")
	case fg.V && !anon.V:
		return engine.Pass()
	case fg.V:
		return engine.Fail(anon.Path, "%s %s, and anonymous_auth_enabled lets unauthenticated requests from the internet in", ms[0].Where(), ms[0].Reason)
	}
	return engine.Fail(f.Path, "%s %s: the domain has a public endpoint and no fine-grained access control, so anyone on the internet can send requests as the statement's actions allow", ms[0].Where(), ms[0].Reason)
}

// registerAccessPolicy adds the access policy check (its own subject) to r.
func registerAccessPolicy(r *engine.Registry) {
	c := engine.Check[access]{Control: "aws-opensearch-access-policy-not-public", Eval: checkAccessPolicyNotPublic}
	engine.Add(r, "aws_opensearch_domain", decodeOpenSearchAccess, c)
	engine.Add(r, "aws_elasticsearch_domain", decodeElasticsearchAccess, c)
}
