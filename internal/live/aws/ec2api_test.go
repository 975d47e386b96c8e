package liveaws

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

func ec2TestClient(t *testing.T, answer func(form url.Values) string) (*ec2Client, *[]url.Values) {
	t.Helper()
	var forms []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(b))
		forms = append(forms, form)
		_, _ = io.WriteString(w, answer(form))
	}))
	t.Cleanup(srv.Close)
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKID", "secret", "")}
	c, err := newEC2Client(cfg, srv.URL, func(Operation) {})
	if err != nil {
		t.Fatal(err)
	}
	return c, &forms
}

// A security group in EC2's XML shape becomes the subject the planned
// evaluators judge, across pages, with filters sent as Filter.N members.
func TestEC2_describeSecurityGroupsPagesAndDecodes(t *testing.T) {
	c, forms := ec2TestClient(t, func(form url.Values) string {
		if form.Get("NextToken") == "" {
			return `<DescribeSecurityGroupsResponse><securityGroupInfo><item><groupId>sg-1</groupId><groupName>web</groupName><vpcId>vpc-1</vpcId>
<ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges>
<ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item></ipv6Ranges></item></ipPermissions>
<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>
<tagSet><item><key>team</key><value>a</value></item></tagSet></item></securityGroupInfo><nextToken>p2</nextToken></DescribeSecurityGroupsResponse>`
		}
		return `<DescribeSecurityGroupsResponse><securityGroupInfo><item><groupId>sg-2</groupId><groupName>default</groupName><vpcId>vpc-1</vpcId></item></securityGroupInfo></DescribeSecurityGroupsResponse>`
	})
	var groups []SecurityGroup
	err := c.describeSecurityGroups(context.Background(), nil, []ec2Filter{{Name: "vpc-id", Values: []string{"vpc-1"}}, {Name: "tag:team", Values: []string{"a", "b"}}}, 1000,
		func(page []ec2SecurityGroup) {
			for _, g := range page {
				groups = append(groups, liveGroup(g))
			}
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(*forms) != 2 || (*forms)[1].Get("NextToken") != "p2" {
		t.Fatalf("requests %v, want two pages", *forms)
	}
	f := (*forms)[0]
	if f.Get("Filter.1.Name") != "vpc-id" || f.Get("Filter.1.Value.1") != "vpc-1" || f.Get("Filter.2.Name") != "tag:team" || f.Get("Filter.2.Value.2") != "b" || f.Get("MaxResults") != "1000" {
		t.Errorf("request members %v", f)
	}
	if len(groups) != 2 || groups[0].Tags["team"] != "a" || groups[0].Ingress != 1 || groups[0].Egress != 1 || groups[1].ResourceType() != "aws_default_security_group" {
		t.Fatalf("groups %+v", groups)
	}
	var ingress, egress bool
	for _, r := range groups[0].Subject.Rules {
		switch r.Path {
		case "IpPermissions[0]":
			ingress = r.Ingress.V && r.Protocol.V == "tcp" && r.FromPort.V == 22 && r.ToPort.V == 22 &&
				len(r.IPv4.Items) == 1 && r.IPv4.Items[0].V == "0.0.0.0/0" && r.IPv4.Items[0].Path == "IpPermissions[0].IpRanges[0].CidrIp" &&
				len(r.IPv6.Items) == 1 && r.IPv6.Items[0].V == "::/0"
		case "IpPermissionsEgress[0]":
			egress = !r.Ingress.V && r.Protocol.V == "-1" && r.FromPort.V == 0
		}
	}
	if !ingress || !egress {
		t.Errorf("rules %+v", groups[0].Subject.Rules)
	}
}

// A service that repeats its pagination token ends the read with an error,
// not with a partial list.
func TestEC2_repeatedTokenIsAnError(t *testing.T) {
	c, forms := ec2TestClient(t, func(url.Values) string {
		return `<DescribeVpcsResponse><vpcSet><item><vpcId>vpc-1</vpcId></item></vpcSet><nextToken>same</nextToken></DescribeVpcsResponse>`
	})
	_, err := c.describeVpcs(context.Background())
	if err == nil || !strings.Contains(err.Error(), "repeated its pagination token") {
		t.Fatalf("err = %v", err)
	}
	if len(*forms) != 2 {
		t.Errorf("%d requests, want 2", len(*forms))
	}
}
