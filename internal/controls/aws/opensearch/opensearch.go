// Package opensearch judges OpenSearch (and legacy Elasticsearch) domains.
package opensearch

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"regexp"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Domain is the subject of the OpenSearch encryption controls. A live loader
// fills it from DescribeDomain (EncryptionAtRestOptions.Enabled,
// NodeToNodeEncryptionOptions.Enabled, DomainEndpointOptions.EnforceHTTPS and
// TLSSecurityPolicy).
type Domain struct {
	AtRest       subject.Field[bool]
	NodeToNode   subject.Field[bool]
	EnforceHTTPS subject.Field[bool]
	TLSPolicy    subject.Field[string]
}

// DecodeDomain reads aws_opensearch_domain and aws_elasticsearch_domain values.
// A missing encrypt_at_rest or node_to_node_encryption block means disabled.
// enforce_https defaults to true inside domain_endpoint_options (hashicorp/aws
// documentation); an unset tls_security_policy is judged as not meeting the
// control, since the service default has allowed TLS 1.0.
func DecodeDomain(n subject.Node) Domain {
	ep := n.Get("domain_endpoint_options").Block()
	return Domain{
		AtRest:       n.Get("encrypt_at_rest").Block().Get("enabled").Bool(false),
		NodeToNode:   n.Get("node_to_node_encryption").Block().Get("enabled").Bool(false),
		EnforceHTTPS: ep.Get("enforce_https").Bool(true),
		TLSPolicy:    ep.Get("tls_security_policy").String(""),
	}
}

// CheckAtRest is Opensearch.1 (ES.1).
func CheckAtRest(d Domain) engine.Outcome {
	return judge.True(d.AtRest, "indices, logs, swap files and automated snapshots are stored unencrypted")
}

// CheckNodeToNode is Opensearch.3 (ES.3).
func CheckNodeToNode(d Domain) engine.Outcome {
	return judge.True(d.NodeToNode, "traffic between the domain's nodes is not encrypted with TLS")
}

// tls12 matches the TLS security policies whose minimum is TLS 1.2 or later:
// Policy-Min-TLS-1-2-2019-07 and Policy-Min-TLS-1-2-PFS-2023-10 today.
var tls12 = regexp.MustCompile(`(?i)^Policy-Min-TLS-1-[23]\b`)

// CheckHTTPS is Opensearch.8 (ES.8): HTTPS enforced with a TLS 1.2+ policy.
// FSBP calls for the "latest" policy; this check accepts both TLS 1.2
// policies (the PFS one is the latest), as the AWS Config rule
// opensearch-https-required does by parameter.
func CheckHTTPS(d Domain) engine.Outcome {
	if o := judge.True(d.EnforceHTTPS, "the domain endpoint accepts plain HTTP"); o.Status != engine.StatusPass {
		return o
	}
	p := d.TLSPolicy
	switch {
	case p.Unknown:
		return judge.Unknown(p.Path)
	case p.Null || p.V == "":
		return engine.Fail(p.Path, "tls_security_policy is not set; set Policy-Min-TLS-1-2-PFS-2023-10 so that TLS 1.0 and 1.1 are refused")
	case !tls12.MatchString(p.V):
		return engine.Fail(p.Path, "tls_security_policy %q accepts TLS versions older than 1.2", p.V)
	}
	return engine.Pass()
}

// Register adds the OpenSearch checks to r.
func Register(r *engine.Registry) {
	checks := []engine.Check[Domain]{
		{Control: "aws-opensearch-encrypted-at-rest", Eval: CheckAtRest},
		{Control: "aws-opensearch-node-to-node-encryption", Eval: CheckNodeToNode},
		{Control: "aws-opensearch-https-tls", Eval: CheckHTTPS},
	}
	engine.Add(r, "aws_opensearch_domain", DecodeDomain, checks...)
	engine.Add(r, "aws_elasticsearch_domain", DecodeDomain, checks...)
	registerVPC(r)
}
