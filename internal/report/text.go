package report

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// Markdown renders a summary table and, per verdict with findings, a table
// of its findings, for pull request comments and job summaries.
func Markdown(in Input) string {
	t := in.Totals()
	var b strings.Builder
	status := "✅ compliant"
	if !t.Compliant {
		status = "❌ not compliant"
	}
	fmt.Fprintf(&b, "# Baseline report: %s\n\n", status)
	fmt.Fprintf(&b, "%d verdicts: %d passed, %d failed, %d unknown, %d waived, %d errored.\n\n", t.Verdicts, t.Passed, t.Failed, t.Unknown, t.Waived, t.Errored)
	b.WriteString("| Verdict | Resource type | Compliant | Passed | Failed | Unknown | Waived | Errored |\n|---|---|---|---|---|---|---|---|\n")
	for _, v := range in.Verdicts {
		fmt.Fprintf(&b, "| %s | `%s` | %s | %d | %d | %d | %d | %d |\n", mdCell(v.Name), v.ResourceType, yesNo(v.Compliant), v.Passed, v.Failed, v.Unknown, v.Waived, v.Errored)
	}
	for _, v := range in.Verdicts {
		if len(v.Findings) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n\n| Status | Severity | Control | Attribute | Message | Frameworks |\n|---|---|---|---|---|---|\n", mdCell(v.Name))
		for _, f := range v.Findings {
			msg := f.Message
			if f.Waiver != nil {
				state := "waiver"
				if !f.Waiver.Active() {
					state = "expired waiver"
				}
				msg += fmt.Sprintf(" (%s: %s, owner %s, expires %s)", state, f.Waiver.Reason, orDash(f.Waiver.Owner), f.Waiver.Expires)
			}
			attr := "-"
			if f.Attribute != "" {
				attr = "`" + f.Attribute + "`"
			}
			if f.Address != "" {
				attr = "`" + f.Address + "` " + attr
			}
			fmt.Fprintf(&b, "| %s | %s | `%s` | %s | %s | %s |\n", f.Status, f.Severity, f.ControlID, attr, mdCell(msg), mdCell(strings.Join(f.Frameworks, ", ")))
		}
	}
	return b.String()
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}

type (
	jsonReport struct {
		Summary  jsonSummary   `json:"summary"`
		Verdicts []jsonVerdict `json:"verdicts"`
	}
	jsonSummary struct {
		Compliant bool `json:"compliant"`
		Verdicts  int  `json:"verdicts"`
		jsonCounts
	}
	jsonCounts struct {
		Passed  int `json:"passed"`
		Failed  int `json:"failed"`
		Unknown int `json:"unknown"`
		Waived  int `json:"waived"`
		Errored int `json:"errored"`
	}
	jsonVerdict struct {
		Name         string `json:"name"`
		ResourceType string `json:"resource_type"`
		Compliant    bool   `json:"compliant"`
		jsonCounts
		Findings []jsonFinding `json:"findings"`
	}
	jsonFinding struct {
		ControlID      string   `json:"control_id"`
		Title          string   `json:"title"`
		Severity       string   `json:"severity"`
		Status         string   `json:"status"`
		ResourceType   string   `json:"resource_type"`
		Attribute      string   `json:"attribute"`
		Message        string   `json:"message"`
		Fix            string   `json:"fix"`
		Remediation    string   `json:"remediation"`
		Responsibility string   `json:"responsibility"`
		Frameworks     []string `json:"frameworks"`
		WaiverReason   *string  `json:"waiver_reason"`
		WaiverOwner    *string  `json:"waiver_owner"`
		WaiverExpires  *string  `json:"waiver_expires"`
		WaiverExpired  *bool    `json:"waiver_expired"`
		Address        string   `json:"address,omitempty"`
		ModuleAddress  string   `json:"module_address,omitempty"`
	}
)

// JSON renders the verdicts with a summary, in the attribute names the
// provider uses everywhere else.
func JSON(in Input) (string, error) {
	t := in.Totals()
	r := jsonReport{
		Summary:  jsonSummary{Compliant: t.Compliant, Verdicts: t.Verdicts, jsonCounts: jsonCounts{t.Passed, t.Failed, t.Unknown, t.Waived, t.Errored}},
		Verdicts: []jsonVerdict{},
	}
	for _, v := range in.Verdicts {
		jv := jsonVerdict{Name: v.Name, ResourceType: v.ResourceType, Compliant: v.Compliant,
			jsonCounts: jsonCounts{v.Passed, v.Failed, v.Unknown, v.Waived, v.Errored}, Findings: []jsonFinding{}}
		for _, f := range v.Findings {
			jv.Findings = append(jv.Findings, jsonFindingOf(f))
		}
		r.Verdicts = append(r.Verdicts, jv)
	}
	out, err := json.MarshalIndent(r, "", "  ")
	return string(out), err
}

func jsonFindingOf(f engine.Finding) jsonFinding {
	frameworks := f.Frameworks
	if frameworks == nil {
		frameworks = []string{}
	}
	jf := jsonFinding{
		ControlID: f.ControlID, Title: f.Title, Severity: string(f.Severity), Status: string(f.Status),
		ResourceType: f.ResourceType, Attribute: f.Attribute, Message: f.Message, Fix: f.Fix, Remediation: f.Remediation,
		Responsibility: string(f.Responsibility), Frameworks: frameworks, Address: f.Address, ModuleAddress: f.ModuleAddress,
	}
	if w := f.Waiver; w != nil {
		expired := !w.Active()
		jf.WaiverReason, jf.WaiverOwner, jf.WaiverExpires, jf.WaiverExpired = &w.Reason, &w.Owner, &w.Expires, &expired
	}
	return jf
}
