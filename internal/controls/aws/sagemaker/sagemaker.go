// Package sagemaker judges Amazon SageMaker notebook instances.
package sagemaker

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// notebook is the subject of SageMaker.1, .2 and .3 and of the KMS control.
// A live loader would fill it from DescribeNotebookInstance
// (DirectInternetAccess, SubnetId, RootAccess, KmsKeyId).
type notebook struct {
	DirectInternet subject.Field[string]
	SubnetID       subject.Field[string]
	RootAccess     subject.Field[string]
	KMSKeyID       subject.Field[string]
}

// decodeNotebook reads aws_sagemaker_notebook_instance values.
// direct_internet_access and root_access default to "Enabled" (the API and the
// provider schema default).
func decodeNotebook(n subject.Node) notebook {
	return notebook{
		DirectInternet: n.Get("direct_internet_access").String("Enabled"),
		SubnetID:       n.Get("subnet_id").String(""),
		RootAccess:     n.Get("root_access").String("Enabled"),
		KMSKeyID:       n.Get("kms_key_id").String(""),
	}
}

// disabled judges a setting that must be "Disabled"; what completes the
// failure message.
func disabled(f subject.Field[string], what string) engine.Outcome {
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(strings.TrimSpace(f.V), "Disabled"):
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "%s is not set and defaults to \"Enabled\": %s", judge.Name(f.Path), what)
	}
	return engine.Fail(f.Path, "%s is %q: %s", judge.Name(f.Path), f.V, what)
}

// checkNoDirectInternet is SageMaker.1.
func checkNoDirectInternet(nb notebook) engine.Outcome {
	return disabled(nb.DirectInternet, "the notebook reaches (and is reachable through) the internet outside the VPC's controls")
}

// checkInVPC is SageMaker.2: a subnet_id places the notebook's network
// interface in the account's VPC.
func checkInVPC(nb notebook) engine.Outcome {
	return judge.Set(nb.SubnetID, "the notebook runs in the SageMaker service VPC, outside the account's security groups, network ACLs and flow logs")
}

// checkNoRootAccess is SageMaker.3.
func checkNoRootAccess(nb notebook) engine.Outcome {
	return disabled(nb.RootAccess, "notebook users get root on the instance and can change its software and network settings")
}

// checkKMS is the strict control: the ML storage volume is encrypted with a
// KMS key the account names (otherwise an AWS managed key).
func checkKMS(nb notebook) engine.Outcome {
	return judge.Set(nb.KMSKeyID, "the ML storage volume is encrypted with a key AWS manages, not one whose key policy the account controls")
}

// Register adds the SageMaker checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_sagemaker_notebook_instance", decodeNotebook,
		engine.Check[notebook]{Control: "aws-sagemaker-notebook-no-direct-internet", Eval: checkNoDirectInternet},
		engine.Check[notebook]{Control: "aws-sagemaker-notebook-in-vpc", Eval: checkInVPC},
		engine.Check[notebook]{Control: "aws-sagemaker-notebook-no-root-access", Eval: checkNoRootAccess},
		engine.Check[notebook]{Control: "aws-sagemaker-notebook-kms-encrypted", Eval: checkKMS},
	)
}
