// Package opensearch judges OpenSearch (and legacy Elasticsearch) domains.
package opensearch

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"regexp"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// domain is the subject of the OpenSearch encryption controls. A live loader
// fills it from DescribeDomain (EncryptionAtRestOptions.Enabled,
// NodeToNodeEncryptionOptions.Enabled, DomainEndpointOptions.EnforceHTTPS and
// TLSSecurityPolicy).
type domain struct {
	AtRest       subject.Field[bool]
	NodeToNode   subject.Field[bool]
	EnforceHTTPS subject.Field[bool]
	TLSPolicy    subject.Field[string]
}

// decodeDomain reads aws_opensearch_domain and aws_elasticsearch_domain values.
// A missing encrypt_at_rest or node_to_node_encryption block means disabled.
// enforce_https defaults to true inside domain_endpoint_options (hashicorp/aws
// documentation); an unset tls_security_policy is judged as not meeting the
// control: the service default is not the latest policy (see checkHTTPS).
func decodeDomain(n subject.Node) domain {
	ep := n.Get("domain_endpoint_options").Block()
	return domain{
		AtRest:       n.Get("encrypt_at_rest").Block().Get("enabled").Bool(false),
		NodeToNode:   n.Get("node_to_node_encryption").Block().Get("enabled").Bool(false),
		EnforceHTTPS: ep.Get("enforce_https").Bool(true),
		TLSPolicy:    ep.Get("tls_security_policy").String(""),
	}
}

// checkAtRest is Opensearch.1 (ES.1).
func checkAtRest(d domain) engine.Outcome {
	return judge.True(d.AtRest, "indices, logs, swap files and automated snapshots are stored unencrypted")
}

// checkNodeToNode is Opensearch.3 (ES.3).
func checkNodeToNode(d domain) engine.Outcome {
	return judge.True(d.NodeToNode, "traffic between the domain's nodes is not encrypted with TLS")
}

// latestTLSPolicy is the latest TLS security policy of OpenSearch Service
// domain endpoints, the one FSBP Opensearch.8 and ES.8 ask for: TLS 1.2 or
// later with perfect-forward-secrecy cipher suites only.
const latestTLSPolicy = "Policy-Min-TLS-1-2-PFS-2023-10"

// latestTLS matches the latest policy, and any TLS 1.3 minimum policy the
// service may add (stricter still).
var latestTLS = regexp.MustCompile(`(?i)^(Policy-Min-TLS-1-2-PFS-2023-10|Policy-Min-TLS-1-3\b.*)$`)

// checkHTTPS is Opensearch.8 (ES.8): HTTPS enforced with the latest TLS
// security policy. FSBP's current text fails a domain whose TLSSecurityPolicy
// is not the latest (Policy-Min-TLS-1-2-PFS-2023-10), so
// Policy-Min-TLS-1-2-2019-07, which still negotiates cipher suites without
// forward secrecy, fails too. The service default (TLS 1.0 for domains created
// before 2025, Policy-Min-TLS-1-2-2019-07 since) is not the latest either, so
// an unset policy fails naming the argument, and so do values that lack the
// key (a state from before the default changed): no default passes.
func checkHTTPS(d domain) engine.Outcome {
	if o := judge.True(d.EnforceHTTPS, "the domain endpoint accepts plain HTTP"); o.Status != engine.StatusPass {
		return o
	}
	p := d.TLSPolicy
	switch {
	case p.Unknown && !p.Absent:
		return judge.Unknown(p.Path)
	case p.Null || p.Absent || p.V == "":
		return engine.Fail(p.Path, "tls_security_policy is not set: the service default policy (Policy-Min-TLS-1-2-2019-07 for domains created since 2025, Policy-Min-TLS-1-0-2019-07 with TLS 1.0 before) is not the latest; set %s", latestTLSPolicy)
	case strings.HasPrefix(strings.ToLower(p.V), "policy-min-tls-1-0") || strings.HasPrefix(strings.ToLower(p.V), "policy-min-tls-1-1"):
		return engine.Fail(p.Path, "tls_security_policy %q accepts TLS versions older than 1.2; set %s", p.V, latestTLSPolicy)
	case !latestTLS.MatchString(p.V):
		return engine.Fail(p.Path, "tls_security_policy %q is not the latest TLS security policy (it allows cipher suites without perfect forward secrecy); set %s", p.V, latestTLSPolicy)
	}
	return engine.Pass()
}

// Register adds the OpenSearch checks to r.
func Register(r *engine.Registry) {
	registerAccessPolicy(r)
	checks := []engine.Check[domain]{
		{Control: "aws-opensearch-encrypted-at-rest", Eval: checkAtRest},
		{Control: "aws-opensearch-node-to-node-encryption", Eval: checkNodeToNode},
		{Control: "aws-opensearch-https-tls", Eval: checkHTTPS},
	}
	engine.Add(r, "aws_opensearch_domain", decodeDomain, checks...)
	engine.Add(r, "aws_elasticsearch_domain", decodeDomain, checks...)
	registerVPC(r)
}
