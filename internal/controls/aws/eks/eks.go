// Package eks judges Amazon EKS clusters.
package eks

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// cluster is the subject of EKS.1, EKS.3 and EKS.8. A live loader would fill
// it from DescribeCluster (resourcesVpcConfig.endpointPublicAccess and
// publicAccessCidrs, encryptionConfig[].resources, logging.clusterLogging).
type cluster struct {
	PublicAccess subject.Field[bool]
	PublicCIDRs  subject.StringSeq
	// EncryptionConfig is whether an encryption_config block is present.
	EncryptionConfig subject.Field[bool]
	SecretResources  subject.StringSeq
	LogTypes         subject.StringSeq
}

// decodeCluster reads aws_eks_cluster values. endpoint_public_access defaults
// to true (the EKS API and the provider schema default); public_access_cidrs
// left unset is 0.0.0.0/0.
func decodeCluster(n subject.Node) cluster {
	vpc := n.Get("vpc_config").Block()
	enc := n.Get("encryption_config").Block()
	return cluster{
		PublicAccess:     vpc.Get("endpoint_public_access").Bool(true),
		PublicCIDRs:      vpc.Get("public_access_cidrs").Strings(),
		EncryptionConfig: subject.Field[bool]{V: !enc.IsNull(), Unknown: enc.IsUnknown(), Path: enc.Path()},
		SecretResources:  enc.Get("resources").Strings(),
		LogTypes:         n.Get("enabled_cluster_log_types").Strings(),
	}
}

func isWorld(s string) bool {
	s = strings.TrimSpace(s)
	return s == "0.0.0.0/0" || s == "::/0"
}

// checkEndpointNotPublic is EKS.1. As the FSBP control does, a public
// endpoint fails even when public_access_cidrs narrows who may reach it; the
// message says whether it is open to the whole internet.
func checkEndpointNotPublic(c cluster) engine.Outcome {
	f := c.PublicAccess
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case !f.V:
		return engine.Pass()
	}
	exposure := "reachable from the internet (from the networks in public_access_cidrs)"
	switch {
	case c.PublicCIDRs.Null || (len(c.PublicCIDRs.Items) == 0 && !c.PublicCIDRs.Unknown):
		exposure = "reachable from the whole internet (public_access_cidrs defaults to 0.0.0.0/0)"
	case c.PublicCIDRs.Any(isWorld) == subject.True:
		exposure = "reachable from the whole internet (public_access_cidrs includes 0.0.0.0/0)"
	}
	if f.Null {
		return engine.Fail(f.Path, "endpoint_public_access is not set and defaults to true: the Kubernetes API server endpoint is %s", exposure)
	}
	return engine.Fail(f.Path, "endpoint_public_access is true: the Kubernetes API server endpoint is %s", exposure)
}

// checkSecretsEncrypted is EKS.3: an encryption_config whose resources name
// "secrets" (the only value EKS accepts today).
func checkSecretsEncrypted(c cluster) engine.Outcome {
	switch {
	case c.EncryptionConfig.Unknown:
		return judge.Unknown(c.EncryptionConfig.Path)
	case !c.EncryptionConfig.V:
		return engine.Fail(c.EncryptionConfig.Path, "encryption_config is not set: Kubernetes secrets are not envelope-encrypted with a KMS key the account controls")
	}
	isSecrets := func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "secrets") }
	switch c.SecretResources.Any(isSecrets) {
	case subject.Unknown:
		return engine.Undecided(c.SecretResources.First(isSecrets), "encryption_config resources are unknown until apply")
	case subject.False:
		return engine.Fail(c.SecretResources.Path, "encryption_config resources do not include \"secrets\": Kubernetes secrets are not envelope-encrypted with the KMS key")
	}
	return engine.Pass()
}

// checkAuditLogging is EKS.8: enabled_cluster_log_types includes "audit".
// Control plane logging is off unless log types are listed.
func checkAuditLogging(c cluster) engine.Outcome {
	isAudit := func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "audit") }
	s := c.LogTypes
	switch s.Any(isAudit) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return engine.Undecided(s.First(isAudit), "enabled_cluster_log_types is unknown until apply")
	}
	if s.Null || len(s.Items) == 0 {
		return engine.Fail(s.Path, "enabled_cluster_log_types is not set: the control plane sends no Kubernetes audit log to CloudWatch Logs")
	}
	return engine.Fail(s.Path, "enabled_cluster_log_types does not include \"audit\": Kubernetes API requests are not recorded")
}

// Register adds the EKS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_eks_cluster", decodeCluster,
		engine.Check[cluster]{Control: "aws-eks-endpoint-not-public", Eval: checkEndpointNotPublic},
		engine.Check[cluster]{Control: "aws-eks-secrets-encrypted", Eval: checkSecretsEncrypted},
		engine.Check[cluster]{Control: "aws-eks-audit-logging", Eval: checkAuditLogging},
	)
}
