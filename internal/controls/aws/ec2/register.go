package ec2

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/resourcepolicy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Register adds the EC2 network checks to r.
func Register(r *engine.Registry) {
	sg := SecurityGroupChecks()
	engine.Add(r, "aws_security_group", DecodeSecurityGroup, sg...)
	engine.Add(r, "aws_default_security_group", DecodeDefaultSecurityGroup, append(sg, DefaultSecurityGroupCheck)...)
	engine.Add(r, "aws_security_group_rule", DecodeSecurityGroupRule, sg...)
	engine.Add(r, "aws_vpc_security_group_ingress_rule", DecodeVPCIngressRule, sg...)
	engine.Add(r, "aws_network_acl", DecodeNetworkACL, NetworkACLCheck)
	engine.Add(r, "aws_default_network_acl", DecodeNetworkACL, NetworkACLCheck)
	engine.Add(r, "aws_network_acl_rule", DecodeNetworkACLRule, NetworkACLCheck)
	engine.Add(r, "aws_instance", DecodeInstance, InstanceChecks()...)
	engine.Add(r, "aws_launch_template", DecodeLaunchTemplate, IMDSv2Check)
	engine.Add(r, "aws_launch_template", DecodeLaunchTemplateInterfaces, LaunchTemplatePublicIPCheck)
	engine.Add(r, "aws_subnet", DecodeSubnet, SubnetCheck)
	engine.Add(r, "aws_ec2_transit_gateway", DecodeTransitGateway, TransitGatewayCheck)
	ami := engine.Check[resourcepolicy.Sharing]{Control: "aws-ec2-ami-not-public", Eval: resourcepolicy.NotPublicShared}
	engine.Add(r, "aws_ami_launch_permission", DecodeAMILaunchPermission, ami)
	for _, rt := range []string{"aws_ami", "aws_ami_copy", "aws_ami_from_instance"} {
		engine.Add(r, rt, DecodeAMI, ami)
	}
}

// DecodeAMILaunchPermission reads aws_ami_launch_permission values (account_id,
// group, organization_arn, organizational_unit_arn; only group "all" is public).
func DecodeAMILaunchPermission(n subject.Node) resourcepolicy.Sharing {
	return resourcepolicy.Sharing{What: "AMI", Targets: resourcepolicy.Targets(n.Get("account_id").String(""), n.Get("group").String("")), Public: subject.Field[bool]{Null: true}}
}

// DecodeAMI reads aws_ami, aws_ami_copy and aws_ami_from_instance values: the
// computed "public" attribute.
func DecodeAMI(n subject.Node) resourcepolicy.Sharing {
	return resourcepolicy.Sharing{What: "AMI", Public: n.Get("public").Bool(false)}
}
