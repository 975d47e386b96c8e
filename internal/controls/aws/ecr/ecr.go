// Package ecr judges Amazon ECR private repositories: image scanning (at the
// repository and at the registry), the repository policy and the encryption
// key of the repository.
package ecr

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/resourcepolicy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// repository is the subject of the repository controls. A live loader fills
// ScanOnPush from DescribeRepositories imageScanningConfiguration.scanOnPush
// and EncryptionType and KMSKey from encryptionConfiguration.
type repository struct {
	ScanOnPush     subject.Field[bool]
	EncryptionType subject.Field[string]
	KMSKey         subject.Field[string]
}

// decodeRepository reads aws_ecr_repository values. Without an
// image_scanning_configuration block images are not scanned on push; without
// an encryption_configuration block (or with encryption_type unset) ECR
// encrypts with AES256, S3-managed keys.
func decodeRepository(n subject.Node) repository {
	enc := n.Get("encryption_configuration").Block()
	return repository{
		ScanOnPush:     n.Get("image_scanning_configuration").Block().Get("scan_on_push").Bool(false),
		EncryptionType: enc.Get("encryption_type").String("AES256"),
		KMSKey:         enc.Get("kms_key").String(""),
	}
}

// checkScanOnPush is ECR.1 on a repository.
func checkScanOnPush(r repository) engine.Outcome {
	return judge.True(r.ScanOnPush, "pushed images are not scanned for software vulnerabilities (unless a registry scanning rule covers the repository)")
}

// isCMK reports whether a kms_key names a customer managed key: not empty and
// not the AWS managed alias aws/ecr.
func isCMK(key string) bool {
	k := strings.TrimSpace(key)
	return k != "" && !strings.HasSuffix(strings.ToLower(k), "alias/aws/ecr")
}

// checkCMK is ECR.5: the repository is encrypted with a customer managed KMS
// key (encryption_type KMS or KMS_DSSE and kms_key naming the key).
func checkCMK(r repository) engine.Outcome {
	t := r.EncryptionType
	switch {
	case t.Unknown:
		return judge.Unknown(t.Path)
	case !strings.EqualFold(strings.TrimSpace(t.V), "KMS") && !strings.EqualFold(strings.TrimSpace(t.V), "KMS_DSSE"):
		return engine.Fail(t.Path, "the repository is encrypted with AES256 (S3-managed keys), not with a customer managed KMS key; set encryption_type = \"KMS\" and kms_key (it cannot be changed after creation)")
	}
	k := r.KMSKey
	switch {
	case k.Unknown:
		return engine.Undecided(k.Path, "kms_key is unknown until apply (left unset, ECR uses the AWS managed key aws/ecr)")
	case !isCMK(k.V):
		return engine.Fail(k.Path, "the repository uses the AWS managed key aws/ecr: set kms_key to a customer managed key whose policy the account controls")
	}
	return engine.Pass()
}

// registryScanning is the registry-wide scanning configuration. A live loader
// fills it from GetRegistryScanningConfiguration.
type registryScanning struct {
	Rules subject.Seq
}

// decodeRegistryScanning reads aws_ecr_registry_scanning_configuration values.
func decodeRegistryScanning(n subject.Node) registryScanning {
	return registryScanning{Rules: n.Get("rule").Items()}
}

// checkRegistryScanning is ECR.1 for the registry: some rule scans every
// repository (a filter "*") on push or continuously. Rules whose filters match
// only some repositories leave the others unscanned.
func checkRegistryScanning(r registryScanning) engine.Outcome {
	rules := r.Rules
	if rules.Unknown {
		return engine.Undecided(rules.Path, "the scanning rules are unknown until apply")
	}
	scanning, undecided := false, ""
	for _, rule := range rules.Items {
		freq := rule.Get("scan_frequency").String("")
		if freq.Unknown {
			undecided = freq.Path
			continue
		}
		if strings.EqualFold(freq.V, "MANUAL") || strings.TrimSpace(freq.V) == "" {
			continue
		}
		scanning = true
		filters := rule.Get("repository_filter").Items()
		if filters.Unknown {
			undecided = filters.Path
			continue
		}
		for _, f := range filters.Items {
			v := f.Get("filter").String("")
			switch {
			case v.Unknown:
				undecided = v.Path
			case strings.Trim(strings.TrimSpace(v.V), "*") == "" && v.V != "":
				return engine.Pass()
			}
		}
	}
	switch {
	case undecided != "":
		return engine.Undecided(undecided, "%s is unknown until apply", judge.Name(undecided))
	case scanning:
		return engine.Fail(rules.Path, "no rule scans every repository (a repository_filter \"*\"): repositories outside the filters are not scanned by the registry")
	}
	return engine.Fail(rules.Path, "no rule scans on push or continuously: images are scanned only when someone asks")
}

// repositoryPolicy is a repository policy as JSON text. A live loader fills it
// from GetRepositoryPolicy.
type repositoryPolicy struct {
	Policy subject.Field[string]
}

// decodeRepositoryPolicy reads aws_ecr_repository_policy values.
func decodeRepositoryPolicy(n subject.Node) repositoryPolicy {
	return repositoryPolicy{Policy: n.Get("policy").String("")}
}

// checkPolicyNotPublic fails an Allow to every principal that no condition
// narrows (internal/policy).
func checkPolicyNotPublic(r repositoryPolicy) engine.Outcome {
	return resourcepolicy.NotPublic(r.Policy, "the repository policy", "principals of any AWS account can pull (or push) images as the statement's actions allow")
}

// Register adds the ECR checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_ecr_repository", decodeRepository,
		engine.Check[repository]{Control: "aws-ecr-image-scanning", Eval: checkScanOnPush},
		engine.Check[repository]{Control: "aws-ecr-repository-cmk-encrypted", Eval: checkCMK},
	)
	engine.Add(r, "aws_ecr_registry_scanning_configuration", decodeRegistryScanning,
		engine.Check[registryScanning]{Control: "aws-ecr-image-scanning", Eval: checkRegistryScanning})
	engine.Add(r, "aws_ecr_repository_policy", decodeRepositoryPolicy,
		engine.Check[repositoryPolicy]{Control: "aws-ecr-repository-not-public", Eval: checkPolicyNotPublic})
}
