package report

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Time       string          `xml:"time,attr"`
		Properties junitProperties `xml:"properties"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperties struct {
		Property []junitProperty `xml:"property"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
		Skipped   *junitProblem `xml:"skipped,omitempty"`
	}
	junitProblem struct {
		Type    string `xml:"type,attr,omitempty"`
		Message string `xml:"message,attr,omitempty"`
		Text    string `xml:",chardata"`
	}
)

// JUnit renders one testsuite per verdict and one testcase per finding:
// failed findings are failures, errored ones errors, waived ones skipped, and
// unknown ones failures when they made the verdict non-compliant (else
// skipped). Passed controls are one passing testcase per verdict, since
// verdicts count them without naming them.
func JUnit(in Input) (string, error) {
	root := junitSuites{Name: "baseline", Time: "0"}
	for _, v := range in.Verdicts {
		s := junitSuite{Name: v.Name, Time: "0"}
		s.Properties.Property = []junitProperty{
			{Name: "resource_type", Value: v.ResourceType},
			{Name: "compliant", Value: strconv.FormatBool(v.Compliant)},
		}
		classname := "baseline." + v.Name
		for _, f := range v.Findings {
			c := junitCase{Name: f.ControlID, Classname: classname, Time: "0"}
			if f.Address != "" {
				c.Name = f.Address + ": " + f.ControlID
			}
			p := &junitProblem{Type: string(f.Severity), Message: oneLine(f), Text: detailText(f)}
			switch {
			case f.Status == engine.StatusFail:
				c.Failure = p
				s.Failures++
			case f.Status == engine.StatusError:
				p.Type = "error"
				c.Error = p
				s.Errors++
			case f.Status == engine.StatusUnknown && !v.Compliant:
				p.Type = "unknown"
				c.Failure = p
				s.Failures++
			default: // waived, or unknown under a warn policy
				c.Skipped = p
				s.Skipped++
			}
			s.Cases = append(s.Cases, c)
		}
		if v.Passed > 0 {
			s.Cases = append(s.Cases, junitCase{Name: fmt.Sprintf("%d passed controls", v.Passed), Classname: classname, Time: "0"})
		}
		s.Tests = len(s.Cases)
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
		root.Suites = append(root.Suites, s)
	}
	out, err := xml.MarshalIndent(root, "", "  ")
	if err != nil {
		return "", err
	}
	return xml.Header + string(out) + "\n", nil
}

func oneLine(f engine.Finding) string {
	switch f.Status {
	case engine.StatusWaived:
		if f.Waiver == nil {
			return "waived"
		}
		return fmt.Sprintf("waived by %s until %s: %s", f.Waiver.Owner, f.Waiver.Expires, f.Waiver.Reason)
	case engine.StatusUnknown:
		return "undecided: " + f.Message
	}
	return f.Message
}

func detailText(f engine.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (severity %s, %s responsibility)\n", f.Title, f.Severity, orDash(string(f.Responsibility)))
	if f.Address != "" {
		fmt.Fprintf(&b, "Address: %s\n", f.Address)
	}
	if f.Attribute != "" {
		fmt.Fprintf(&b, "Attribute: %s\n", f.Attribute)
	}
	if len(f.Frameworks) > 0 {
		fmt.Fprintf(&b, "Frameworks: %s\n", strings.Join(f.Frameworks, ", "))
	}
	if f.Message != "" {
		fmt.Fprintf(&b, "\n%s\n", f.Message)
	}
	if f.Waiver != nil {
		state := "active"
		if !f.Waiver.Active() {
			state = "expired"
		}
		fmt.Fprintf(&b, "\nWaiver (%s): %s, owner %s, expires %s\n", state, f.Waiver.Reason, orDash(f.Waiver.Owner), f.Waiver.Expires)
	}
	if r := strings.TrimSpace(f.Remediation); r != "" {
		fmt.Fprintf(&b, "\nRemediation:\n%s\n", r)
	}
	return b.String()
}
