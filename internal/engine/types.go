// Package engine judges subjects against the control catalog. It knows nothing
// of Terraform's plugin framework or of any cloud SDK: adapters hand it plain
// values and get findings and verdicts back.
package engine

import (
	"fmt"
	"strings"
)

// Severity of a control.
type Severity string

const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
	SeverityInfo     Severity = "info"
)

// Severities lists the severities from most to least severe.
var Severities = []Severity{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow, SeverityInfo}

// Rank orders severities: critical is 4, info is 0, anything else -1.
func (s Severity) Rank() int {
	switch s {
	case SeverityCritical:
		return 4
	case SeverityHigh:
		return 3
	case SeverityMedium:
		return 2
	case SeverityLow:
		return 1
	case SeverityInfo:
		return 0
	}
	return -1
}

// ParseSeverity validates a severity name.
func ParseSeverity(s string) (Severity, error) {
	sv := Severity(strings.ToLower(s))
	if sv.Rank() < 0 {
		return "", fmt.Errorf("unknown severity %q: use one of critical, high, medium, low, info", s)
	}
	return sv, nil
}

// Status of one control's result on one subject.
type Status string

const (
	StatusPass    Status = "pass"
	StatusFail    Status = "fail"
	StatusUnknown Status = "unknown"
	StatusWaived  Status = "waived"
	StatusError   Status = "error"
)

// Responsibility says which side of the shared responsibility line owns a duty.
type Responsibility string

const (
	Customer Responsibility = "customer"
	Shared   Responsibility = "shared"
	Provider Responsibility = "provider"
)

// Control is the catalog metadata of one control.
type Control struct {
	ID             string         `yaml:"id"`
	Title          string         `yaml:"title"`
	Description    string         `yaml:"description"`
	Severity       Severity       `yaml:"severity"`
	Area           string         `yaml:"area"`
	Cloud          string         `yaml:"cloud"`
	Service        string         `yaml:"service"`
	ServiceModel   string         `yaml:"service_model"`
	Responsibility Responsibility `yaml:"responsibility"`
	Frameworks     []string       `yaml:"frameworks"`
	ResourceTypes  []string       `yaml:"resource_types"`
	Modes          []string       `yaml:"modes"`
	// Profile "strict" keeps a control out of the foundational baseline
	// whatever its severity: a choice such as a customer-managed KMS key
	// named by the configuration, which AWS's own default encryption meets
	// in substance.
	Profile string `yaml:"profile"`
	// Fix is the one-line change that makes a failing value pass; violations
	// and diagnostics print it after the message.
	Fix         string `yaml:"fix"`
	Remediation string `yaml:"remediation"`
	Notes       string `yaml:"notes"`
}

// HasFramework reports whether the control maps to framework ref, matched as a
// whole reference ("aws-fsbp:S3.8") or as a framework name ("cis-aws-v3.0").
func (c *Control) HasFramework(ref string) bool {
	for _, f := range c.Frameworks {
		if strings.EqualFold(f, ref) {
			return true
		}
		if name, _, ok := strings.Cut(f, ":"); ok && strings.EqualFold(name, ref) {
			return true
		}
	}
	return false
}

// Outcome is what an evaluator says about one control on one subject.
type Outcome struct {
	Status    Status
	Attribute string
	Message   string
}

// Pass is a passing outcome.
func Pass() Outcome { return Outcome{Status: StatusPass} }

// Fail is a failing outcome naming the offending attribute.
func Fail(attr, format string, args ...any) Outcome {
	return Outcome{Status: StatusFail, Attribute: attr, Message: fmt.Sprintf(format, args...)}
}

// Undecided is the outcome when the deciding attribute is unknown until apply.
func Undecided(attr, format string, args ...any) Outcome {
	return Outcome{Status: StatusUnknown, Attribute: attr, Message: fmt.Sprintf(format, args...)}
}

// Errored is the outcome when the deciding value cannot be read (malformed
// policy JSON, an unparsable CIDR): never a pass.
func Errored(attr, format string, args ...any) Outcome {
	return Outcome{Status: StatusError, Attribute: attr, Message: fmt.Sprintf(format, args...)}
}

// Finding is the reported result of one control on one subject that did not pass.
type Finding struct {
	ControlID      string
	Title          string
	Severity       Severity
	Status         Status
	ResourceType   string
	Attribute      string
	Message        string
	Fix            string
	Remediation    string
	Responsibility Responsibility
	ServiceModel   string
	Frameworks     []string
	Waiver         *Waiver
	// Address and ModuleAddress name the resource instance of a whole plan or
	// state the finding is about (module.app.aws_s3_bucket.logs and
	// module.app); empty for values judged one at a time.
	Address       string
	ModuleAddress string
}

// Verdict is the judgement of one subject.
type Verdict struct {
	ResourceType string
	// Known is false when unknown findings remain under the "defer" policy and
	// nothing failed: the compliant result is then unknown until apply.
	Known     bool
	Compliant bool
	Findings  []Finding
	Passed    int
	Failed    int
	Unknown   int
	Waived    int
	Errored   int
}

// Violations renders failed, errored and (unless deferred or warned) unknown
// findings as one line each, for error_message and diagnostics.
func (v Verdict) Violations(policy UnknownPolicy) []string {
	out := make([]string, 0, len(v.Findings))
	for _, f := range v.Findings {
		switch f.Status {
		case StatusFail, StatusError:
		case StatusUnknown:
			if policy != UnknownFail {
				continue
			}
		default:
			continue
		}
		out = append(out, f.Line())
	}
	return out
}

// primaryRefs are the benchmark references (FSBP, CIS) of a finding, or its
// NIST references when it has no other; the full list stays in Frameworks.
func (f Finding) primaryRefs() []string {
	var out []string
	for _, r := range f.Frameworks {
		if !strings.HasPrefix(r, "nist-") {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return f.Frameworks
	}
	return out
}

// Line renders a finding on one line, in a stable format:
//
//	[<address>: ]<control_id> [<refs>] (<severity>[, <status>]): <attribute>: <message>. Fix: <fix>
//
// refs are the benchmark references (FSBP, CIS, …; NIST only when the control
// maps to nothing else), the status is shown unless it is fail, the attribute
// only when the finding names one, the message ends a sentence, and
// " Fix: <fix>" is left out when the control has no fix or the finding is waived.
func (f Finding) Line() string {
	var b strings.Builder
	if f.Address != "" {
		b.WriteString(f.Address)
		b.WriteString(": ")
	}
	b.WriteString(f.ControlID)
	if refs := f.primaryRefs(); len(refs) > 0 {
		b.WriteString(" [")
		b.WriteString(strings.Join(refs, ", "))
		b.WriteString("]")
	}
	var tags []string
	if f.Severity != "" {
		tags = append(tags, string(f.Severity))
	}
	if f.Status != StatusFail {
		tags = append(tags, string(f.Status))
	}
	if len(tags) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(tags, ", "))
		b.WriteString(")")
	}
	b.WriteString(": ")
	if f.Attribute != "" {
		b.WriteString(f.Attribute)
		b.WriteString(": ")
	}
	b.WriteString(sentence(f.Message))
	if f.Fix != "" && f.Status != StatusWaived {
		b.WriteString(" Fix: ")
		b.WriteString(f.Fix)
	}
	return b.String()
}

// sentence ends s with a full stop unless it ends a sentence already.
func sentence(s string) string {
	s = strings.TrimRight(s, " ")
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}
