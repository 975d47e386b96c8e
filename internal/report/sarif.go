package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// SARIF 2.1.0, the parts the report fills.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Results     []sarifResult     `json:"results"`
		Invocations []sarifInvocation `json:"invocations,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool `json:"executionSuccessful"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		FullName       string      `json:"fullName,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		Name                 string            `json:"name,omitempty"`
		ShortDescription     *sarifText        `json:"shortDescription,omitempty"`
		FullDescription      *sarifText        `json:"fullDescription,omitempty"`
		Help                 *sarifText        `json:"help,omitempty"`
		DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
		Properties           sarifRuleProperty `json:"properties"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProperty struct {
		Tags             []string `json:"tags"`
		SecuritySeverity string   `json:"security-severity"`
		Severity         string   `json:"severity"`
		Responsibility   string   `json:"responsibility,omitempty"`
		Frameworks       []string `json:"frameworks"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Kind                string            `json:"kind"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]any    `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine int `json:"startLine"`
	}
	sarifLogicalLocation struct {
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
)

// SARIFSchemaURI is the schema the log declares.
const SARIFSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// level maps a severity to a SARIF level.
func level(s engine.Severity) string {
	switch s {
	case engine.SeverityCritical, engine.SeverityHigh:
		return "error"
	case engine.SeverityMedium:
		return "warning"
	}
	return "note"
}

// securitySeverity is the CVSS-like score GitHub code scanning sorts by.
func securitySeverity(s engine.Severity) string {
	switch s {
	case engine.SeverityCritical:
		return "9.5"
	case engine.SeverityHigh:
		return "8.0"
	case engine.SeverityMedium:
		return "5.5"
	case engine.SeverityLow:
		return "3.0"
	}
	return "0.0"
}

// SARIF renders one run whose rules are the controls that appear in any
// finding and whose results are the failed, errored and unknown findings
// (waived findings are left out; an expired waiver is a failure and is in).
func SARIF(in Input, lookup func(string) *engine.Control) (string, error) {
	ids := controlIDs(in)
	index := map[string]int{}
	rules := make([]sarifRule, 0, len(ids))
	sample := map[string]engine.Finding{}
	for _, v := range in.Verdicts {
		for _, f := range v.Findings {
			if _, ok := sample[f.ControlID]; !ok {
				sample[f.ControlID] = f
			}
		}
	}
	for i, id := range ids {
		index[id] = i
		rules = append(rules, rule(id, sample[id], lookup(id)))
	}
	results := []sarifResult{}
	for _, v := range in.Verdicts {
		for _, f := range v.Findings {
			if !reported(f) {
				continue
			}
			results = append(results, result(in, v, f, index[f.ControlID]))
		}
	}
	log := sarifLog{
		Schema:  SARIFSchemaURI,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           "terraform-provider-baseline",
				FullName:       "terraform-provider-baseline (cloud shared responsibility checks)",
				InformationURI: "https://registry.terraform.io/providers/cloudbaseline/baseline/latest/docs",
				Version:        in.ToolVersion,
				Rules:          rules,
			}},
			Results:     results,
			Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		}},
	}
	out, err := json.MarshalIndent(log, "", "  ")
	return string(out), err
}

func rule(id string, f engine.Finding, c *engine.Control) sarifRule {
	title, desc, remediation, sev, resp, frameworks := f.Title, "", f.Remediation, f.Severity, string(f.Responsibility), f.Frameworks
	if c != nil {
		title, desc, remediation, sev, resp, frameworks = c.Title, strings.TrimSpace(c.Description), c.Remediation, c.Severity, string(c.Responsibility), c.Frameworks
	}
	if title == "" {
		title = id
	}
	if desc == "" {
		desc = title
	}
	var md strings.Builder
	fmt.Fprintf(&md, "**%s**\n\n%s\n\n", title, desc)
	fmt.Fprintf(&md, "Severity: %s. Responsibility: %s.\n\n", sev, orDash(resp))
	if len(frameworks) > 0 {
		fmt.Fprintf(&md, "Framework references: %s.\n\n", strings.Join(frameworks, ", "))
	}
	if r := strings.TrimSpace(remediation); r != "" {
		fmt.Fprintf(&md, "### Remediation\n\n%s\n", r)
	}
	text := fmt.Sprintf("%s\n\n%s\n\nSeverity: %s. Responsibility: %s. Frameworks: %s.\n\nRemediation:\n%s",
		title, desc, sev, orDash(resp), orDash(strings.Join(frameworks, ", ")), orDash(strings.TrimSpace(remediation)))
	tags := []string{"security", "terraform"}
	tags = append(tags, frameworks...)
	if frameworks == nil {
		frameworks = []string{}
	}
	return sarifRule{
		ID:                   id,
		Name:                 ruleName(id),
		ShortDescription:     &sarifText{Text: title},
		FullDescription:      &sarifText{Text: desc},
		Help:                 &sarifText{Text: text, Markdown: md.String()},
		DefaultConfiguration: sarifRuleConfig{Level: level(sev)},
		Properties: sarifRuleProperty{
			Tags: tags, SecuritySeverity: securitySeverity(sev), Severity: string(sev),
			Responsibility: resp, Frameworks: frameworks,
		},
	}
}

// ruleName turns aws-s3-bucket-tls-only into AwsS3BucketTlsOnly, SARIF's
// suggested PascalCase rule name.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func result(in Input, v Verdict, f engine.Finding, ruleIndex int) sarifResult {
	lvl := level(f.Severity)
	if f.Status == engine.StatusError {
		lvl = "error"
	}
	msg := f.Message
	if msg == "" {
		msg = f.Title
	}
	// A finding of a whole plan is located at its instance address.
	name := v.Name
	if f.Address != "" {
		name = f.Address
	}
	prefix := name
	if f.Attribute != "" {
		prefix += "." + f.Attribute
	}
	text := fmt.Sprintf("%s: %s", prefix, msg)
	switch f.Status {
	case engine.StatusUnknown:
		text += " (undecided: the deciding value is unknown until apply)"
	case engine.StatusError:
		text += " (the deciding value could not be read)"
	}
	if f.Waiver != nil && !f.Waiver.Active() {
		text += fmt.Sprintf(" (the waiver owned by %s expired on %s)", orDash(f.Waiver.Owner), f.Waiver.Expires)
	}
	fqn := name
	if f.Attribute != "" {
		fqn += "." + f.Attribute
	}
	// Logical locations: the resource (address, or the verdict's name) with
	// the attribute, and its resource type. A physical location names the
	// file only: the baseline judges values, not source lines, so it claims
	// no line.
	logical := []sarifLogicalLocation{{Name: name, FullyQualifiedName: fqn, Kind: "resource"}}
	if f.ResourceType != "" {
		logical = append(logical, sarifLogicalLocation{Name: f.ResourceType, FullyQualifiedName: f.ResourceType, Kind: "type"})
	}
	loc := sarifLocation{LogicalLocations: logical}
	if file := firstNonEmpty(v.File, in.SourceFile); file != "" {
		loc.PhysicalLocation = &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: file}}
	}
	sum := sha256.Sum256([]byte(name + "\x00" + f.ResourceType + "\x00" + f.ControlID + "\x00" + f.Attribute))
	props := map[string]any{
		"status":         string(f.Status),
		"severity":       string(f.Severity),
		"resource_type":  f.ResourceType,
		"attribute":      f.Attribute,
		"responsibility": string(f.Responsibility),
		"verdict":        v.Name,
	}
	if f.Address != "" {
		props["address"], props["module_address"] = f.Address, f.ModuleAddress
	}
	if f.Waiver != nil {
		props["waiver_reason"], props["waiver_owner"], props["waiver_expires"] = f.Waiver.Reason, f.Waiver.Owner, f.Waiver.Expires
	}
	return sarifResult{
		RuleID:              f.ControlID,
		RuleIndex:           ruleIndex,
		Kind:                "fail",
		Level:               lvl,
		Message:             sarifText{Text: text},
		Locations:           []sarifLocation{loc},
		PartialFingerprints: map[string]string{"baselineFinding/v1": hex.EncodeToString(sum[:16])},
		Properties:          props,
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
