// Package lambda judges AWS Lambda: who may invoke a function (its
// resource-based policy, built from aws_lambda_permission statements, and its
// function URL) and whether the function runs in a VPC.
package lambda

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// permission is one statement of a function's resource-based policy, as
// aws_lambda_permission declares it. Lambda's AddPermission turns
// source_account into a StringEquals AWS:SourceAccount condition, source_arn
// into ArnLike AWS:SourceArn and principal_org_id into StringEquals
// aws:PrincipalOrgID; function_url_auth_type into a
// lambda:FunctionUrlAuthType condition, which restricts nobody.
type permission struct {
	Action         subject.Field[string]
	Principal      subject.Field[string]
	SourceAccount  subject.Field[string]
	SourceARN      subject.Field[string]
	PrincipalOrgID subject.Field[string]
	URLAuthType    subject.Field[string]
}

// decodePermission reads aws_lambda_permission values.
func decodePermission(n subject.Node) permission {
	return permission{
		Action:         n.Get("action").String(""),
		Principal:      n.Get("principal").String(""),
		SourceAccount:  n.Get("source_account").String(""),
		SourceARN:      n.Get("source_arn").String(""),
		PrincipalOrgID: n.Get("principal_org_id").String(""),
		URLAuthType:    n.Get("function_url_auth_type").String(""),
	}
}

// isService reports whether a principal is an AWS service principal
// (s3.amazonaws.com, events.amazonaws.com, ...).
func isService(p string) bool {
	p = strings.ToLower(p)
	return strings.HasSuffix(p, ".amazonaws.com") || strings.HasSuffix(p, ".amazonaws.com.cn")
}

func blank(f subject.Field[string]) bool { return f.Null || strings.TrimSpace(f.V) == "" }

// condition is the statement condition a permission argument becomes.
type condition struct {
	f        subject.Field[string]
	operator string
	key      string
}

// narrowing returns, in three-valued logic, whether the given arguments pin
// the statement to fixed callers, judged by internal/policy's notion of a
// narrowing condition; and the path of the argument that decides an unknown.
func narrowing(conds ...condition) (subject.Tri, string) {
	st := policy.Statement{Effect: policy.Allow, Principal: &policy.Principal{All: true}}
	unknownAt := ""
	for _, c := range conds {
		switch {
		case c.f.Unknown:
			if unknownAt == "" {
				unknownAt = c.f.Path
			}
		case !blank(c.f):
			base := strings.ToLower(c.operator)
			st.Conditions = append(st.Conditions, policy.Condition{
				Operator: c.operator, Base: base, Key: strings.ToLower(c.key), Values: []string{strings.TrimSpace(c.f.V)},
			})
		}
	}
	switch {
	case st.Narrowed():
		return subject.True, ""
	case unknownAt != "":
		return subject.Unknown, unknownAt
	}
	return subject.False, ""
}

// checkPermissionNotPublic is Lambda.1 on one permission: a principal "*"
// (any AWS account, or anyone for a function URL with auth type NONE) or an
// AWS service principal is allowed only with a condition that pins the
// caller: source_account, source_arn or principal_org_id with a fixed value.
// For s3.amazonaws.com only source_account (or principal_org_id) counts, as
// Lambda.1 asks: a bucket ARN names no account, and a deleted bucket's name
// can be taken by anyone.
func checkPermissionNotPublic(p permission) engine.Outcome {
	pr := p.Principal
	switch {
	case pr.Unknown:
		return judge.Unknown(pr.Path)
	case blank(pr):
		return engine.Pass()
	}
	who := strings.TrimSpace(pr.V)
	everyone := strings.Contains(who, "*")
	service := !everyone && isService(who)
	if !everyone && !service {
		return engine.Pass() // an account id or an IAM ARN: a named principal
	}
	conds := []condition{
		{p.SourceAccount, "StringEquals", "aws:SourceAccount"},
		{p.PrincipalOrgID, "StringEquals", "aws:PrincipalOrgID"},
	}
	s3 := strings.EqualFold(who, "s3.amazonaws.com")
	if !s3 {
		conds = append(conds, condition{p.SourceARN, "ArnLike", "aws:SourceArn"})
	}
	narrowed, at := narrowing(conds...)
	switch narrowed {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return engine.Undecided(at, "whether %s pins the caller of principal %q is unknown until apply", judge.Name(at), who)
	}
	switch {
	case everyone && strings.EqualFold(strings.TrimSpace(p.URLAuthType.V), "NONE"):
		return engine.Fail(pr.Path, "principal %q with function_url_auth_type \"NONE\" lets anyone on the internet invoke the function URL without authentication", who)
	case everyone:
		return engine.Fail(pr.Path, "principal %q without source_account, source_arn or principal_org_id lets every AWS account invoke the function", who)
	case s3:
		return engine.Fail(p.SourceAccount.Path, "principal \"s3.amazonaws.com\" without source_account lets a bucket in any account invoke the function (a bucket ARN names no account)")
	}
	return engine.Fail(pr.Path, "service principal %q without source_arn or source_account lets that service act for any account and invoke the function (confused deputy)", who)
}

// functionURL is the subject of Lambda.1 on a function URL.
type functionURL struct {
	AuthType subject.Field[string]
}

// decodeFunctionURL reads aws_lambda_function_url values.
func decodeFunctionURL(n subject.Node) functionURL {
	return functionURL{AuthType: n.Get("authorization_type").String("")}
}

// checkFunctionURLNotPublic is Lambda.1 on a function URL: authorization_type
// NONE serves the function to anyone who has the URL.
func checkFunctionURLNotPublic(u functionURL) engine.Outcome {
	f := u.AuthType
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(strings.TrimSpace(f.V), "NONE"):
		return engine.Fail(f.Path, "authorization_type is \"NONE\": anyone on the internet who has the URL can invoke the function without signing the request")
	}
	return engine.Pass()
}

// function is the subject of Lambda.3. A live loader fills Subnets from
// GetFunctionConfiguration VpcConfig.SubnetIds.
type function struct {
	Subnets subject.StringSeq
}

// decodeFunction reads aws_lambda_function values: the subnet_ids of the
// vpc_config block (absent block: no subnets).
func decodeFunction(n subject.Node) function {
	vpc := n.Get("vpc_config").Block()
	if vpc.IsNull() {
		return function{Subnets: subject.StringSeq{Null: true, Path: "vpc_config"}}
	}
	return function{Subnets: vpc.Get("subnet_ids").Strings()}
}

// checkInVPC is Lambda.3: the function is attached to subnets of a VPC.
func checkInVPC(f function) engine.Outcome {
	s := f.Subnets
	switch {
	case s.Unknown:
		return judge.Unknown(s.Path)
	case len(s.Items) == 0:
		return engine.Fail(s.Path, "the function is not attached to a VPC: it runs on Lambda-managed networking, outside the security groups, routes and flow logs of your VPCs")
	}
	return engine.Pass()
}

// Register adds the Lambda checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_lambda_permission", decodePermission, engine.Check[permission]{Control: "aws-lambda-function-not-public", Eval: checkPermissionNotPublic})
	engine.Add(r, "aws_lambda_function_url", decodeFunctionURL, engine.Check[functionURL]{Control: "aws-lambda-function-not-public", Eval: checkFunctionURLNotPublic})
	engine.Add(r, "aws_lambda_function", decodeFunction, engine.Check[function]{Control: "aws-lambda-function-in-vpc", Eval: checkInVPC})
}
