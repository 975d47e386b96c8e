// Package emr judges the Amazon EMR block public access configuration and
// EMR security configurations.
package emr

import (
	"encoding/json"
	"fmt"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// portRange is one permitted_public_security_group_rule_range.
type portRange struct {
	Min, Max subject.Field[int64]
}

// blockPublicAccess is the subject of EMR.2. A live loader would fill it from
// GetBlockPublicAccessConfiguration (BlockPublicSecurityGroupRules,
// PermittedPublicSecurityGroupRuleRanges).
type blockPublicAccess struct {
	Enabled       subject.Field[bool]
	Permitted     []portRange
	PermittedPath string
	Unknown       bool // the permitted ranges cannot be enumerated
}

// decodeBlockPublicAccess reads aws_emr_block_public_access_configuration.
func decodeBlockPublicAccess(n subject.Node) blockPublicAccess {
	b := blockPublicAccess{Enabled: n.Get("block_public_security_group_rules").Bool(false)}
	ranges := n.Get("permitted_public_security_group_rule_range").Items()
	b.PermittedPath, b.Unknown = ranges.Path, ranges.Unknown
	for _, r := range ranges.Items {
		b.Permitted = append(b.Permitted, portRange{Min: r.Get("min_range").Int(0), Max: r.Get("max_range").Int(0)})
	}
	return b
}

// checkBlockPublicAccess is EMR.2: block public access is on and no port but
// 22 is an exception.
func checkBlockPublicAccess(b blockPublicAccess) engine.Outcome {
	if o := judge.True(b.Enabled, "clusters may be launched with security groups open to 0.0.0.0/0 or ::/0 on any port"); o.Status != engine.StatusPass {
		return o
	}
	if b.Unknown {
		return engine.Undecided(b.PermittedPath, "the permitted public port ranges are unknown until apply")
	}
	for _, r := range b.Permitted {
		switch {
		case r.Min.Unknown:
			return judge.Unknown(r.Min.Path)
		case r.Max.Unknown:
			return judge.Unknown(r.Max.Path)
		case r.Min.V != 22 || r.Max.V != 22:
			return engine.Fail(r.Min.Path, "ports %d-%d are permitted to be open to the internet; only port 22 may be an exception", r.Min.V, r.Max.V)
		}
	}
	return engine.Pass()
}

// securityConfiguration is the subject of EMR.3 and EMR.4: the parsed
// configuration JSON. A live loader would fill Doc from
// DescribeSecurityConfiguration SecurityConfiguration.
type securityConfiguration struct {
	Doc       subject.Field[string]
	AtRest    bool
	InTransit bool
	Err       error
}

// decodeSecurityConfiguration reads aws_emr_security_configuration values.
func decodeSecurityConfiguration(n subject.Node) securityConfiguration {
	sc := securityConfiguration{Doc: n.Get("configuration").String("")}
	if sc.Doc.Unknown || sc.Doc.Null {
		return sc
	}
	sc.AtRest, sc.InTransit, sc.Err = parseEncryption(sc.Doc.V)
	return sc
}

// parseEncryption reads EncryptionConfiguration.EnableAtRestEncryption and
// EnableInTransitEncryption from a security configuration document.
func parseEncryption(doc string) (atRest, inTransit bool, err error) {
	var raw struct {
		EncryptionConfiguration map[string]any `json:"EncryptionConfiguration"`
	}
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return false, false, fmt.Errorf("configuration is not a JSON object: %v", err)
	}
	ec := raw.EncryptionConfiguration
	return truthy(ec["EnableAtRestEncryption"]), truthy(ec["EnableInTransitEncryption"]), nil
}

func truthy(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		return strings.EqualFold(strings.TrimSpace(t), "true")
	}
	return false
}

func (sc securityConfiguration) judge(on bool, key, why string) engine.Outcome {
	f := sc.Doc
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case sc.Err != nil:
		return engine.Errored(f.Path, "%v", sc.Err)
	case !on:
		return engine.Fail(f.Path, "EncryptionConfiguration.%s is not true: %s", key, why)
	}
	return engine.Pass()
}

// checkAtRest is EMR.3.
func checkAtRest(sc securityConfiguration) engine.Outcome {
	return sc.judge(sc.AtRest, "EnableAtRestEncryption", "EMRFS data in S3 and local disks of the cluster are not encrypted by this configuration")
}

// checkInTransit is EMR.4.
func checkInTransit(sc securityConfiguration) engine.Outcome {
	return sc.judge(sc.InTransit, "EnableInTransitEncryption", "traffic between cluster nodes and to applications is not encrypted with TLS")
}

// Register adds the EMR checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_emr_block_public_access_configuration", decodeBlockPublicAccess,
		engine.Check[blockPublicAccess]{Control: "aws-emr-block-public-access", Eval: checkBlockPublicAccess})
	engine.Add(r, "aws_emr_security_configuration", decodeSecurityConfiguration,
		engine.Check[securityConfiguration]{Control: "aws-emr-security-configuration-encrypted-at-rest", Eval: checkAtRest},
		engine.Check[securityConfiguration]{Control: "aws-emr-security-configuration-encrypted-in-transit", Eval: checkInTransit},
	)
}
