// Package redshift judges Redshift provisioned clusters and their parameter
// groups.
package redshift

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// cluster is the subject of the Redshift cluster controls. A live loader fills
// it from DescribeClusters (Encrypted, PubliclyAccessible, EnhancedVpcRouting).
type cluster struct {
	Encrypted          subject.Field[bool]
	PubliclyAccessible subject.Field[bool]
	EnhancedVPCRouting subject.Field[bool]
}

// decodeCluster reads aws_redshift_cluster values. Fail-closed choice: an
// unset encrypted is judged false. (Older hashicorp/aws versions default it to
// false; newer ones and the Redshift API encrypt new clusters by default, in
// which case a real plan shows the value as true and this never fires.) In
// 6.x encrypted is a string ("true"/"false"), which Bool reads.
//
// publicly_accessible has a schema default, so a real plan always carries it:
// true in hashicorp/aws 5.x, false in 6.x. An unset value (hand-written
// values) is judged public, fail closed. enhanced_vpc_routing is
// Optional+Computed and off unless set.
func decodeCluster(n subject.Node) cluster {
	return cluster{
		Encrypted:          n.Get("encrypted").Bool(false),
		PubliclyAccessible: n.Get("publicly_accessible").Bool(true),
		EnhancedVPCRouting: n.Get("enhanced_vpc_routing").Bool(false),
	}
}

// checkEncrypted is Redshift.10.
func checkEncrypted(c cluster) engine.Outcome {
	return judge.True(c.Encrypted, "the cluster's data blocks, metadata and snapshots are not encrypted")
}

// checkNotPublic is Redshift.1.
func checkNotPublic(c cluster) engine.Outcome {
	f := c.PubliclyAccessible
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null:
		return engine.Fail(f.Path, "publicly_accessible is not set, and hashicorp/aws 5.x defaults it to true; set publicly_accessible = false")
	case f.V:
		return engine.Fail(f.Path, "the cluster is publicly accessible: its endpoint resolves to a public IP address")
	}
	return engine.Pass()
}

// checkEnhancedVPCRouting is Redshift.7.
func checkEnhancedVPCRouting(c cluster) engine.Outcome {
	return judge.True(c.EnhancedVPCRouting, "COPY and UNLOAD traffic to data repositories bypasses the VPC's security groups, network ACLs, endpoints and flow logs")
}

// parameterGroup is the subject of Redshift.2: the require_ssl parameter of
// a cluster parameter group.
type parameterGroup struct {
	// RequireSSL is the value of parameter require_ssl; null when the group
	// does not set it.
	RequireSSL subject.Field[string]
	// Params is the parameter set (its path, unknown flag) for messages.
	Params subject.Seq
}

// decodeParameterGroup reads aws_redshift_parameter_group values: parameter is
// a set of {name, value} blocks.
func decodeParameterGroup(n subject.Node) parameterGroup {
	pg := parameterGroup{Params: n.Get("parameter").Items()}
	pg.RequireSSL = subject.Field[string]{Null: true, Path: pg.Params.Path}
	for _, p := range pg.Params.Items {
		name := p.Get("name").String("")
		if name.Unknown {
			pg.RequireSSL = subject.Field[string]{Unknown: true, Path: name.Path}
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name.V), "require_ssl") {
			pg.RequireSSL = p.Get("value").String("")
			return pg
		}
	}
	return pg
}

// checkRequireSSL is Redshift.2.
func checkRequireSSL(pg parameterGroup) engine.Outcome {
	f := pg.RequireSSL
	switch {
	case pg.Params.Unknown:
		return judge.Unknown(pg.Params.Path)
	case f.Unknown:
		return engine.Undecided(f.Path, "whether the group sets require_ssl is unknown until apply")
	case f.Null:
		return engine.Fail(f.Path, "the parameter group does not set require_ssl, so the family default applies, which has long been false; add parameter { name = \"require_ssl\", value = \"true\" }")
	case !strings.EqualFold(strings.TrimSpace(f.V), "true"):
		return engine.Fail(f.Path, "require_ssl is %q: clusters using this group accept unencrypted connections", f.V)
	}
	return engine.Pass()
}

// Register adds the Redshift checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_redshift_cluster", decodeCluster,
		engine.Check[cluster]{Control: "aws-redshift-cluster-encrypted", Eval: checkEncrypted},
		engine.Check[cluster]{Control: "aws-redshift-cluster-not-public", Eval: checkNotPublic},
		engine.Check[cluster]{Control: "aws-redshift-cluster-enhanced-vpc-routing", Eval: checkEnhancedVPCRouting},
	)
	engine.Add(r, "aws_redshift_parameter_group", decodeParameterGroup,
		engine.Check[parameterGroup]{Control: "aws-redshift-parameter-group-require-ssl", Eval: checkRequireSSL},
	)
}
