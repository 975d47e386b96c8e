package liveaws

import (
	"context"
	"fmt"
	"sort"
	"strings"

	evec2 "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/ec2"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// SecurityGroup is a live security group and its subject.
type SecurityGroup struct {
	ID      string
	Name    string
	VPCID   string
	Tags    map[string]string
	Ingress int
	Egress  int
	Subject evec2.SecurityGroup
}

// ResourceType is the type the group is judged under: the default group of a
// VPC also gets EC2.2.
func (g SecurityGroup) ResourceType() string {
	if g.Name == "default" {
		return "aws_default_security_group"
	}
	return "aws_security_group"
}

// Raw is what waiver matches read: id, name, vpc_id and tags.
func (g SecurityGroup) Raw() subject.Value {
	return subject.Object(map[string]subject.Value{
		"id": subject.String(g.ID), "name": subject.String(g.Name), "vpc_id": subject.String(g.VPCID),
		"tags": stringMap(g.Tags),
	})
}

// Section is the group as one assessment section.
func (g SecurityGroup) Section() Section {
	return Section{ResourceType: g.ResourceType(), Subjects: []any{g.Subject}, Raw: g.Raw()}
}

func stringMap(m map[string]string) subject.Value {
	attrs := make(map[string]subject.Value, len(m))
	for k, v := range m {
		attrs[k] = subject.String(v)
	}
	return subject.Object(attrs)
}

// SecurityGroupFilter narrows LoadSecurityGroups.
type SecurityGroupFilter struct {
	VPCID      string
	NamePrefix string
	Tags       map[string]string
}

// LoadSecurityGroup reads one security group by id. A group that does not
// exist is a ReadError of kind KindNotFound.
func (c *Client) LoadSecurityGroup(ctx context.Context, id string) (*SecurityGroup, error) {
	svc, err := c.services(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := c.describeSecurityGroups(ctx, svc, []string{id}, nil, "security group "+id)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		if g.ID == id {
			return &g, nil
		}
	}
	return nil, &ReadError{Kind: KindNotFound, Operation: Operation{"EC2", "DescribeSecurityGroups"}, Action: "ec2:DescribeSecurityGroups",
		Resource: "security group " + id, Code: "InvalidGroup.NotFound", Err: fmt.Errorf("security group %s does not exist", id)}
}

// LoadSecurityGroups reads every security group of the Region that matches f
// (one paginated DescribeSecurityGroups call; filters run server-side).
func (c *Client) LoadSecurityGroups(ctx context.Context, f SecurityGroupFilter) ([]SecurityGroup, error) {
	svc, err := c.services(ctx)
	if err != nil {
		return nil, err
	}
	var filters []ec2Filter
	if f.VPCID != "" {
		filters = append(filters, ec2Filter{Name: "vpc-id", Values: []string{f.VPCID}})
	}
	keys := make([]string, 0, len(f.Tags))
	for k := range f.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		filters = append(filters, ec2Filter{Name: "tag:" + k, Values: []string{f.Tags[k]}})
	}
	groups, err := c.describeSecurityGroups(ctx, svc, nil, filters, "security groups")
	if err != nil {
		return nil, err
	}
	out := groups[:0:0]
	for _, g := range groups {
		if strings.HasPrefix(g.Name, f.NamePrefix) {
			out = append(out, g)
		}
	}
	return out, nil
}

func (c *Client) describeSecurityGroups(ctx context.Context, svc *services, ids []string, filters []ec2Filter, what string) ([]SecurityGroup, error) {
	key := fmt.Sprintf("ec2:DescribeSecurityGroups:%v:%v", ids, filterKey(filters))
	return cached(ctx, c, key, func(ctx context.Context) ([]SecurityGroup, error) {
		var out []SecurityGroup
		maxResults := 0
		if len(ids) == 0 {
			maxResults = 1000
		}
		err := svc.ec2.describeSecurityGroups(ctx, ids, filters, maxResults, func(page []ec2SecurityGroup) {
			for _, g := range page {
				out = append(out, liveGroup(g))
			}
		})
		if re := classify(err, Operation{"EC2", "DescribeSecurityGroups"}, what, "InvalidGroup.NotFound", "InvalidGroupId.Malformed", "InvalidGroupId.NotFound"); re != nil {
			return nil, re
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return out, nil
	})
}

func filterKey(fs []ec2Filter) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Name + "=" + strings.Join(f.Values, ",")
	}
	return strings.Join(parts, ";")
}

// liveGroup converts an EC2 security group into the subject the planned
// evaluators judge: one Permission per IpPermission, with the API's field
// names as attribute paths.
func liveGroup(g ec2SecurityGroup) SecurityGroup {
	sg := SecurityGroup{
		ID: g.GroupID, Name: g.GroupName, VPCID: g.VpcID,
		Tags: map[string]string{}, Ingress: len(g.IPPermissions), Egress: len(g.IPPermissionsEgress),
	}
	for _, t := range g.Tags {
		sg.Tags[t.Key] = t.Value
	}
	s := evec2.SecurityGroup{Default: sg.Name == "default", IngressCount: sg.Ingress, EgressCount: sg.Egress}
	for dir, perms := range map[string][]ec2IPPermission{"IpPermissions": g.IPPermissions, "IpPermissionsEgress": g.IPPermissionsEgress} {
		for i, p := range perms {
			s.Rules = append(s.Rules, livePermission(p, fmt.Sprintf("%s[%d]", dir, i), dir == "IpPermissions"))
		}
	}
	sort.SliceStable(s.Rules, func(i, j int) bool { return s.Rules[i].Path < s.Rules[j].Path })
	sg.Subject = s
	return sg
}

func livePermission(p ec2IPPermission, at string, ingress bool) netrange.Permission {
	perm := netrange.Permission{
		Path:     at,
		Ingress:  subject.Of(ingress, at),
		Protocol: subject.Of(p.IPProtocol, at+".IpProtocol"),
		FromPort: subject.Of(int64(deref(p.FromPort)), at+".FromPort"),
		ToPort:   subject.Of(int64(deref(p.ToPort)), at+".ToPort"),
		IPv4:     subject.StringSeq{Path: at + ".IpRanges"},
		IPv6:     subject.StringSeq{Path: at + ".Ipv6Ranges"},
	}
	for i, r := range p.IPRanges {
		perm.IPv4.Items = append(perm.IPv4.Items, subject.Of(r.CidrIP, fmt.Sprintf("%s.IpRanges[%d].CidrIp", at, i)))
	}
	for i, r := range p.IPv6Ranges {
		perm.IPv6.Items = append(perm.IPv6.Items, subject.Of(r.CidrIPv6, fmt.Sprintf("%s.Ipv6Ranges[%d].CidrIpv6", at, i)))
	}
	return perm
}

func deref(p *int32) int32 {
	if p == nil {
		return 0
	}
	return *p
}
