package policy

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func mustParse(t testing.TB, doc string) *Policy {
	t.Helper()
	p, err := Parse([]byte(doc))
	if err != nil {
		t.Fatalf("Parse(%s): %v", doc, err)
	}
	return p
}

func TestPublicStatements(t *testing.T) {
	cases := []struct {
		name   string
		doc    string
		public bool
	}{
		{"principal star without condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, true},
		{"AWS star string without condition", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}}`, true},
		{"AWS star in a list", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]},"Action":["s3:GetObject"],"Resource":["*"]}]}`, true},
		{"AWS account principal", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}]}`, false},
		{"service principal", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"*"}]}`, false},
		{"NotPrincipal with Allow", `{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*"}]}`, true},
		{"deny with star is not public", `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`, false},
		{"narrowed by SourceVpce", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c"}}}]}`, false},
		{"narrowed by PrincipalOrgID list, key in other case", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"AWS:PRINCIPALORGID":["o-abc123"]}}}]}`, false},
		{"narrowed by SourceAccount", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`, false},
		{"narrowed by SourceArn ArnLike", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudfront::111122223333:distribution/*"}}}]}`, false},
		{"narrowed by ForAnyValue PrincipalAccount", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:PrincipalAccount":"111122223333"}}}]}`, false},
		{"SourceIp private CIDR narrows", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.0.2.7"]}}}]}`, false},
		{"SourceIp 0.0.0.0/0 does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}]}`, true},
		{"SourceIp list with ::/0 does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","::/0"]}}}]}`, true},
		{"NotIpAddress does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`, true},
		{"wildcard value does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalOrgID":"*"}}}]}`, true},
		{"IfExists does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}}]}`, true},
		{"ForAllValues does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:SourceVpce":"vpce-1"}}}]}`, true},
		{"StringNotEquals does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]}`, true},
		{"unrelated condition does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":true}}}]}`, true},
		// Defect: a partial wildcard in a narrowing key pins nothing.
		{"PrincipalArn any account does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*"}}}]}`, true},
		{"PrincipalArn any account root does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":["arn:aws:iam::*:root"]}}}]}`, true},
		{"PrincipalArn one account with a role wildcard narrows", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/app-*"}}}]}`, false},
		{"PrincipalArn list with one open value does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::111122223333:root","arn:aws:iam::*:role/x"]}}}]}`, true},
		{"SourceArn without an account field narrows", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"*"},{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::source-bucket"}}}]}`, false},
		{"SourceArn wildcard bucket does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::*"}}}]}`, true},
		{"SourceAccount prefix does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"StringLike":{"aws:SourceAccount":"1111*"}}}]}`, true},
		{"PrincipalOrgID prefix does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalOrgID":"o-*"}}}]}`, true},
		{"SourceVpce with a policy variable does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"${aws:SourceVpce}"}}}]}`, true},
		// Defect: aws:userid is a narrowing key.
		{"narrowed by userid", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"AIDAEXAMPLEUSERID"}}}]}`, false},
		{"narrowed by a role's sessions userid", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":["AROAEXAMPLEROLEID:*"]}}}]}`, false},
		{"userid wildcard does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"AROA*"}}}]}`, true},
		{"SourceIp under StringEquals does not narrow", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceIp":"10.0.0.1"}}}]}`, true},
		{"second statement public", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"},{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*"}]}`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := mustParse(t, tc.doc).PublicStatements()
			if (len(got) > 0) != tc.public {
				t.Fatalf("public = %v, want %v (%+v)", len(got) > 0, tc.public, got)
			}
			for _, m := range got {
				if m.Reason == "" || m.Where() == "" {
					t.Fatalf("match without reason: %+v", m)
				}
			}
		})
	}
}

func TestFixedValue(t *testing.T) {
	cases := []struct {
		key, v string
		fixed  bool
	}{
		{"aws:principalarn", "arn:aws:iam::111122223333:role/app", true},
		{"aws:principalarn", "arn:aws:iam::111122223333:*", true},
		{"aws:principalarn", "arn:aws:iam::*:root", false},
		{"aws:principalarn", "arn:aws:iam::*", false},
		{"aws:principalarn", "arn:aws:iam::11112222333?:root", false},
		{"aws:principalarn", "*", false},
		{"aws:sourcearn", "arn:aws:s3:::bucket", true},
		{"aws:sourcearn", "arn:aws:s3:::bucket-*", false},
		{"aws:userid", "AROAEXAMPLE:*", true},
		{"aws:userid", "*:session", false},
		{"aws:userid", ":*", false},
		{"aws:sourceaccount", "111122223333", true},
		{"aws:sourceaccount", "", false},
		{"aws:sourceip", "203.0.113.0/24", true},
		{"aws:sourceip", "0.0.0.0/0", false},
		{"aws:securetransport", "true", false},
	}
	for _, tc := range cases {
		if got := FixedValue(tc.key, tc.v); got != tc.fixed {
			t.Errorf("FixedValue(%q, %q) = %v, want %v", tc.key, tc.v, got, tc.fixed)
		}
	}
}

func TestServiceWildcards(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		want bool
	}{
		{"service wildcard", `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:*"],"Resource":"arn:aws:s3:::b/*"}]}`, true},
		{"service wildcard in other case", `{"Statement":{"Effect":"Allow","Action":"EC2:**","Resource":"*"}}`, true},
		{"star", `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, true},
		{"prefix wildcard is scoped", `{"Statement":{"Effect":"Allow","Action":["ec2:Describe*","s3:Get*"],"Resource":"*"}}`, false},
		{"deny service wildcard", `{"Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}`, false},
		{"allow NotAction", `{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`, true},
		{"empty service", `{"Statement":{"Effect":"Allow","Action":":*","Resource":"*"}}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := mustParse(t, tc.doc).ServiceWildcards()
			if (len(got) > 0) != tc.want {
				t.Fatalf("got %+v, want match = %v", got, tc.want)
			}
		})
	}
}

func TestDecryptsAllKMSKeys(t *testing.T) {
	doc := func(action, resource string) string {
		return `{"Statement":[{"Effect":"Allow","Action":` + action + `,` + resource + `}]}`
	}
	cases := []struct {
		name string
		doc  string
		want bool
	}{
		{"decrypt on star", doc(`"kms:Decrypt"`, `"Resource":"*"`), true},
		{"kms star on star", doc(`["kms:*"]`, `"Resource":["*"]`), true},
		{"reencrypt wildcard on every key ARN", doc(`"kms:ReEncrypt*"`, `"Resource":"arn:aws:kms:*:*:key/*"`), true},
		{"decrypt on a partial ARN", doc(`"kms:Decrypt"`, `"Resource":"arn:aws:kms:*"`), true},
		{"decrypt on one account's keys", doc(`"kms:Decrypt"`, `"Resource":"arn:aws:kms:eu-west-1:111122223333:key/*"`), false},
		{"decrypt on one key", doc(`"kms:Decrypt"`, `"Resource":"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"`), false},
		{"encrypt only", doc(`["kms:Encrypt","kms:GenerateDataKey"]`, `"Resource":"*"`), false},
		{"decrypt on s3 objects", doc(`"kms:Decrypt"`, `"Resource":"arn:aws:s3:::b/*"`), false},
		{"NotResource", doc(`"kms:Decrypt"`, `"NotResource":"arn:aws:kms:eu-west-1:111122223333:key/k"`), true},
		{"NotAction leaving decrypt", `{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`, true},
		{"NotAction excluding kms", `{"Statement":{"Effect":"Allow","NotAction":"kms:*","Resource":"*"}}`, false},
		{"deny", `{"Statement":{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := mustParse(t, tc.doc).DecryptsAllKMSKeys()
			if (len(got) > 0) != tc.want {
				t.Fatalf("got %+v, want match = %v", got, tc.want)
			}
		})
	}
}

func TestPublicStatements_names(t *testing.T) {
	got := mustParse(t, `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"},{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`).PublicStatements()
	if len(got) != 1 || got[0].Where() != `Statement[1] (Sid "Open")` {
		t.Fatalf("got %+v", got)
	}
}

func TestDeniesInsecureTransport(t *testing.T) {
	tls := func(action, cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":` + action +
			`,"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":` + cond + `}]}`
	}
	cases := []struct {
		name string
		doc  string
		want bool
	}{
		{"string false", tls(`"s3:*"`, `{"Bool":{"aws:SecureTransport":"false"}}`), true},
		{"JSON false", tls(`"s3:*"`, `{"Bool":{"aws:SecureTransport":false}}`), true},
		{"list of false", tls(`["s3:*"]`, `{"Bool":{"aws:SecureTransport":["false"]}}`), true},
		{"key in other case", tls(`"s3:*"`, `{"Bool":{"AWS:SecureTransport":"false"}}`), true},
		{"action star", tls(`"*"`, `{"Bool":{"aws:SecureTransport":"false"}}`), true},
		{"action GetObject", tls(`"s3:GetObject"`, `{"Bool":{"aws:SecureTransport":"false"}}`), true},
		{"BoolIfExists", tls(`"s3:*"`, `{"BoolIfExists":{"aws:SecureTransport":"false"}}`), true},
		{"true is not a TLS deny", tls(`"s3:*"`, `{"Bool":{"aws:SecureTransport":"true"}}`), false},
		{"PutObject only does not cover reads", tls(`"s3:PutObject"`, `{"Bool":{"aws:SecureTransport":"false"}}`), false},
		{"StringEquals is not Bool", tls(`"s3:*"`, `{"StringEquals":{"aws:SecureTransport":"false"}}`), false},
		{"allow is not a deny", strings.Replace(tls(`"s3:*"`, `{"Bool":{"aws:SecureTransport":"false"}}`), `"Deny"`, `"Allow"`, 1), false},
		{"principal AWS star", `{"Statement":{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`, true},
		{"principal one account", `{"Statement":{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`, false},
		{"bucket resource only", `{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`, false},
		{"no condition", `{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, got := mustParse(t, tc.doc).DeniesInsecureTransport()
			if got != tc.want {
				t.Fatalf("DeniesInsecureTransport = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGrantsFullAdmin(t *testing.T) {
	cases := []struct {
		name  string
		doc   string
		admin bool
	}{
		{"star on star", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, true},
		{"star colon star in a list", `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","*:*"],"Resource":["*"]}]}`, true},
		{"star on one bucket", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b"}]}`, false},
		{"s3 star on star", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, false},
		{"deny star", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`, false},
		{"condition does not help", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`, true},
		{"NotAction s3 leaves IAM", `{"Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}`, true},
		{"NotAction power user", `{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}]}`, false},
		{"NotResource star action", `{"Statement":[{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::secret/*"}]}`, true},
		{"NotResource star excludes all", `{"Statement":[{"Effect":"Allow","Action":"*","NotResource":"*"}]}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := mustParse(t, tc.doc).GrantsFullAdmin()
			if (len(got) > 0) != tc.admin {
				t.Fatalf("admin = %v, want %v (%+v)", len(got) > 0, tc.admin, got)
			}
		})
	}
}

func TestParse_forms(t *testing.T) {
	single := mustParse(t, `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`)
	list := mustParse(t, `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}`)
	if len(single.Statements) != 1 || len(list.Statements) != 1 {
		t.Fatal("want one statement each")
	}
	if fmt.Sprint(single.Statements[0].Action) != fmt.Sprint(list.Statements[0].Action) {
		t.Fatalf("string and list forms differ: %v vs %v", single.Statements[0].Action, list.Statements[0].Action)
	}
	// jsonencode(jsonencode(...)): a JSON string holding the document.
	twice := mustParse(t, `"{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}"`)
	if len(twice.PublicStatements()) != 1 {
		t.Fatal("double-encoded document not analysed")
	}
	// jsonencode writes null for unset values.
	nulls := mustParse(t, `{"Version":"2012-10-17","Statement":[{"Sid":null,"Effect":"Allow","Action":"*","Resource":"*","Condition":null,"Principal":null}]}`)
	if len(nulls.GrantsFullAdmin()) != 1 {
		t.Fatal("nulls not treated as absent")
	}
	cond := mustParse(t, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10},"ForAnyValue:StringLike":{"aws:TagKeys":["a*","b"]}}}}`)
	if n := len(cond.Statements[0].Conditions); n != 2 {
		t.Fatalf("conditions = %d, want 2", n)
	}
	for _, c := range cond.Statements[0].Conditions {
		if c.Base == "stringlike" && (c.Qualifier != "foranyvalue" || c.Key != "aws:tagkeys") {
			t.Fatalf("bad condition %+v", c)
		}
		if c.Base == "numericlessthan" && c.Values[0] != "10" {
			t.Fatalf("bad number %+v", c)
		}
	}
}

func TestParse_errors(t *testing.T) {
	cases := []struct {
		name, doc, want string
	}{
		{"empty", ``, "empty"},
		{"truncated", `{"Statement":[`, "malformed JSON"},
		{"trailing data", `{"Statement":{"Effect":"Allow","Action":"*"}} x`, "after the document"},
		{"not an object", `[1,2]`, "must be a JSON object"},
		{"no statement", `{"Version":"2012-10-17"}`, "Statement: is missing"},
		{"bad version", `{"Version":"2020-01-01","Statement":[]}`, "Version"},
		{"unknown element", `{"Statment":[]}`, "Statment: unknown policy element"}, //nolint:misspell // the misspelling is the test
		{"statement number", `{"Statement":[1]}`, "Statement[0]: must be an object"},
		{"no effect", `{"Statement":[{"Action":"*"}]}`, "Statement[0].Effect: is missing"},
		{"bad effect", `{"Statement":[{"Effect":"Permit","Action":"*"}]}`, `"Permit" is not`},
		{"no action", `{"Statement":[{"Effect":"Allow","Resource":"*"}]}`, "neither Action nor NotAction"},
		{"both actions", `{"Statement":[{"Effect":"Allow","Action":"*","NotAction":"s3:*"}]}`, "both Action and NotAction"},
		{"both resources", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"x"}]}`, "both Resource and NotResource"},
		{"action number", `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject",3]}]}`, "Statement[0].Action[1]: must be a string"},
		{"principal string", `{"Statement":[{"Effect":"Allow","Action":"*","Principal":"arn:aws:iam::1:root"}]}`, "Statement[0].Principal"},
		{"principal value", `{"Statement":[{"Effect":"Allow","Action":"*","Principal":{"AWS":1}}]}`, "Statement[0].Principal.AWS"},
		{"condition not object", `{"Statement":[{"Effect":"Allow","Action":"*","Condition":"x"}]}`, "Statement[0].Condition"},
		{"condition value object", `{"Statement":[{"Effect":"Allow","Action":"*","Condition":{"StringEquals":{"aws:SourceVpce":{"a":1}}}}]}`, "aws:SourceVpce: must be a string"},
		{"bad qualifier", `{"Statement":[{"Effect":"Allow","Action":"*","Condition":{"ForSomeValues:StringEquals":{"k":"v"}}}]}`, "set qualifier"},
		{"unknown statement element", `{"Statement":[{"Effect":"Allow","Action":"*","Resources":"*"}]}`, "Statement[0].Resources: unknown statement element"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.doc))
			if err == nil {
				t.Fatal("want an error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestGlob(t *testing.T) {
	cases := []struct {
		p, s string
		want bool
	}{
		{"*", "s3:GetObject", true},
		{"s3:*", "S3:GetObject", true},
		{"s3:Get*", "s3:getobject", true},
		{"s3:Put*", "s3:GetObject", false},
		{"s3:GetObjec?", "s3:GetObject", true},
		{"iam:*Policy*", "iam:AttachRolePolicy", true},
		{"", "x", false},
		{"", "", true},
		{strings.Repeat("*a", 50) + "b", strings.Repeat("a", 200), false},
	}
	for _, tc := range cases {
		if got := Glob(tc.p, tc.s); got != tc.want {
			t.Errorf("Glob(%q, %q) = %v, want %v", tc.p, tc.s, got, tc.want)
		}
	}
}

// hundredStatements builds a policy of 100 statements mixing every shape the
// analyses look at.
func hundredStatements() []byte {
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i := 0; i < 100; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, `{"Sid":"S%d","Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket-%d","arn:aws:s3:::bucket-%d/*"],"Condition":{"StringEquals":{"aws:SourceVpce":["vpce-%08d"]},"IpAddress":{"aws:SourceIp":["10.%d.0.0/16"]}}}`, i, i, i, i, i%256)
		case 1:
			fmt.Fprintf(&b, `{"Sid":"S%d","Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"arn:aws:s3:::bucket-%d/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`, i, i)
		case 2:
			fmt.Fprintf(&b, `{"Sid":"S%d","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::444455556666:role/r%d"]},"NotAction":["iam:*","organizations:*"],"Resource":"*"}`, i, i)
		default:
			fmt.Fprintf(&b, `{"Sid":"S%d","Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs-%d/*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::src-%d"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}`, i, i, i)
		}
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func BenchmarkPublicStatements100(b *testing.B) {
	doc := hundredStatements()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := Parse(doc)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(p.PublicStatements()); n != 0 {
			b.Fatalf("public statements = %d, want 0", n)
		}
		if _, ok := p.DeniesInsecureTransport(); !ok {
			b.Fatal("TLS deny not found")
		}
		_ = p.GrantsFullAdmin()
	}
}
