package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// PeerResult is one peer check's result on one resource of a module.
type PeerResult struct {
	Tool    string
	Check   string
	Address string // "" for a passed check the peer reports without a resource
	Status  string // pass or fail
	Title   string
}

// PeerReport is what one peer said about one module.
type PeerReport struct {
	Tool    string
	Results []PeerResult
	// ImplicitPass is true when the peer reports a passed check once per
	// module rather than per resource (Trivy): every resource in the check's
	// scope it did not fail then passed.
	ImplicitPass bool
}

// ParseCheckov reads `checkov -o json` output: one report object, or a list
// of them when several frameworks ran.
func ParseCheckov(data []byte) (*PeerReport, error) {
	type check struct {
		CheckID         string `json:"check_id"`
		CheckName       string `json:"check_name"`
		Resource        string `json:"resource"`
		ResourceAddress string `json:"resource_address"`
	}
	type report struct {
		CheckType string `json:"check_type"`
		Results   struct {
			PassedChecks []check `json:"passed_checks"`
			FailedChecks []check `json:"failed_checks"`
		} `json:"results"`
	}
	data = bytes.TrimSpace(data)
	var reports []report
	switch {
	case len(data) == 0:
		return nil, fmt.Errorf("checkov: empty report")
	case data[0] == '[':
		if err := json.Unmarshal(data, &reports); err != nil {
			return nil, fmt.Errorf("checkov: %w", err)
		}
	default:
		var r report
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, fmt.Errorf("checkov: %w", err)
		}
		reports = []report{r}
	}
	out := &PeerReport{Tool: "checkov"}
	add := func(cs []check, status string) {
		for _, c := range cs {
			addr := c.ResourceAddress
			if addr == "" {
				addr = c.Resource
			}
			out.Results = append(out.Results, PeerResult{Tool: "checkov", Check: c.CheckID, Address: addr, Status: status, Title: c.CheckName})
		}
	}
	for _, r := range reports {
		add(r.Results.PassedChecks, Pass)
		add(r.Results.FailedChecks, Fail)
	}
	return out, nil
}

// ParseTrivy reads `trivy config --format json --include-non-failures`
// output. A failure names its resource (CauseMetadata.Resource); a success
// is reported once per check and target, without one.
func ParseTrivy(data []byte) (*PeerReport, error) {
	var doc struct {
		Results []struct {
			Target            string `json:"Target"`
			Misconfigurations []struct {
				ID            string `json:"ID"`
				AVDID         string `json:"AVDID"`
				Title         string `json:"Title"`
				Status        string `json:"Status"`
				CauseMetadata struct {
					Resource string `json:"Resource"`
				} `json:"CauseMetadata"`
			} `json:"Misconfigurations"`
		} `json:"Results"`
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("trivy: empty report")
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("trivy: %w", err)
	}
	out := &PeerReport{Tool: "trivy", ImplicitPass: true}
	for _, r := range doc.Results {
		for _, m := range r.Misconfigurations {
			// Trivy up to 0.5x reports AVDID "AVD-AWS-0107"; later versions
			// only ID "AWS-0107". The mapping uses the AVD- form.
			id := m.AVDID
			if id == "" {
				id = m.ID
			}
			if id != "" && !strings.HasPrefix(id, "AVD-") {
				id = "AVD-" + id
			}
			var st string
			switch strings.ToUpper(m.Status) {
			case "FAIL":
				st = Fail
			case "PASS":
				st = Pass
			default: // EXCEPTION (suppressed) and anything new: not a verdict
				continue
			}
			addr := trivyAddress(m.CauseMetadata.Resource)
			if st == Pass {
				addr = "" // a success carries no resource worth trusting
			}
			out.Results = append(out.Results, PeerResult{Tool: "trivy", Check: id, Address: addr, Status: st, Title: m.Title})
		}
	}
	return out, nil
}

// trivyAddress turns Trivy's resource name into a plan address: it may
// prefix the module path or quote instance keys differently.
func trivyAddress(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "resource.")
	return s
}
