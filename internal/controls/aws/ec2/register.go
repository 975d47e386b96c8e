package ec2

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/resourcepolicy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Register adds the EC2 network checks to r.
func Register(r *engine.Registry) {
	sg := securityGroupChecks()
	engine.Add(r, "aws_security_group", decodeSecurityGroup, sg...)
	engine.Add(r, "aws_default_security_group", decodeDefaultSecurityGroup, append(sg, defaultSecurityGroupCheck)...)
	engine.Add(r, "aws_security_group_rule", decodeSecurityGroupRule, sg...)
	engine.Add(r, "aws_vpc_security_group_ingress_rule", decodeVPCIngressRule, sg...)
	engine.Add(r, "aws_network_acl", decodeNetworkACL, networkACLCheck)
	engine.Add(r, "aws_default_network_acl", decodeNetworkACL, networkACLCheck)
	engine.Add(r, "aws_network_acl_rule", decodeNetworkACLRule, networkACLCheck)
	engine.Add(r, "aws_instance", decodeInstance, instanceChecks()...)
	engine.Add(r, "aws_launch_template", DecodeLaunchTemplate, IMDSv2Check)
	engine.Add(r, "aws_launch_template", decodeLaunchTemplateInterfaces, launchTemplatePublicIPCheck)
	engine.Add(r, "aws_subnet", decodeSubnet, subnetCheck)
	engine.Add(r, "aws_ec2_transit_gateway", decodeTransitGateway, transitGatewayCheck)
	ami := engine.Check[resourcepolicy.Sharing]{Control: "aws-ec2-ami-not-public", Eval: resourcepolicy.NotPublicShared}
	engine.Add(r, "aws_ami_launch_permission", decodeAMILaunchPermission, ami)
	for _, rt := range []string{"aws_ami", "aws_ami_copy", "aws_ami_from_instance"} {
		engine.Add(r, rt, decodeAMI, ami)
	}
}

// decodeAMILaunchPermission reads aws_ami_launch_permission values (account_id,
// group, organization_arn, organizational_unit_arn; only group "all" is public).
func decodeAMILaunchPermission(n subject.Node) resourcepolicy.Sharing {
	return resourcepolicy.Sharing{What: "AMI", Targets: resourcepolicy.Targets(n.Get("account_id").String(""), n.Get("group").String("")), Public: subject.Field[bool]{Null: true}}
}

// decodeAMI reads aws_ami, aws_ami_copy and aws_ami_from_instance values: the
// computed "public" attribute.
func decodeAMI(n subject.Node) resourcepolicy.Sharing {
	return resourcepolicy.Sharing{What: "AMI", Public: n.Get("public").Bool(false)}
}
