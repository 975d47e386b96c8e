package opensearch

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// placement is the subject of Opensearch.2 (ES.2): whether the domain sits in
// a VPC or has a public endpoint. A live loader would fill it from
// DescribeDomain VPCOptions.SubnetIds.
type placement struct {
	VPCOptions subject.Field[bool] // a vpc_options block is present
	SubnetIDs  subject.StringSeq
}

// decodePlacement reads the vpc_options block of aws_opensearch_domain and
// aws_elasticsearch_domain values. A domain created without vpc_options has a
// public endpoint, and that cannot be changed later.
func decodePlacement(n subject.Node) placement {
	vpc := n.Get("vpc_options").Block()
	return placement{
		VPCOptions: subject.Field[bool]{V: !vpc.IsNull(), Unknown: vpc.IsUnknown(), Path: vpc.Path()},
		SubnetIDs:  vpc.Get("subnet_ids").Strings(),
	}
}

// checkInVPC is Opensearch.2 (ES.2).
func checkInVPC(p placement) engine.Outcome {
	nonEmpty := func(s string) bool { return strings.TrimSpace(s) != "" }
	switch {
	case p.VPCOptions.Unknown:
		return judge.Unknown(p.VPCOptions.Path)
	case !p.VPCOptions.V:
		return engine.Fail(p.VPCOptions.Path, "vpc_options is not set: the domain gets a public endpoint, guarded only by its access policy, and cannot be moved into a VPC later")
	}
	switch p.SubnetIDs.Any(nonEmpty) {
	case subject.Unknown:
		// Subnets created in the same plan are unknown but will be set: the
		// domain is placed in a VPC either way once vpc_options lists them.
		if p.SubnetIDs.Unknown {
			return engine.Undecided(p.SubnetIDs.Path, "vpc_options subnet_ids is unknown until apply")
		}
		return engine.Pass()
	case subject.False:
		return engine.Fail(p.SubnetIDs.Path, "vpc_options has no subnet_ids: the domain gets a public endpoint")
	}
	return engine.Pass()
}

// registerVPC adds the VPC placement check (its own subject) to r.
func registerVPC(r *engine.Registry) {
	check := engine.Check[placement]{Control: "aws-opensearch-in-vpc", Eval: checkInVPC}
	engine.Add(r, "aws_opensearch_domain", decodePlacement, check)
	engine.Add(r, "aws_elasticsearch_domain", decodePlacement, check)
}
