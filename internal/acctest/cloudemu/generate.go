package cloudemu

import (
	"fmt"

	"cloud.google.com/go/securitycenter/apiv2/securitycenterpb"
)

// GeneratedAssessments makes PerSub assessments in each of Subs
// subscriptions on demand (nothing is held): assessment i of a subscription
// is for storage account i and recommendation Keys[i % len(Keys)], and every
// third is Unhealthy.
type GeneratedAssessments struct {
	Subs   []string
	PerSub int
	Keys   []string
}

// Len implements Assessments.
func (g GeneratedAssessments) Len(string) int { return g.PerSub }

// At implements Assessments.
func (g GeneratedAssessments) At(sub string, i int) Assessment {
	status := "Healthy"
	if i%3 == 0 {
		status = "Unhealthy"
	}
	return Assessment{Key: g.Keys[i%len(g.Keys)], Status: status,
		ResourceID: fmt.Sprintf("/subscriptions/%s/resourceGroups/rg-%d/providers/Microsoft.Storage/storageAccounts/sa%06d", sub, i%10, i)}
}

// GeneratedSubscriptions returns n subscription ids.
func GeneratedSubscriptions(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%08x-0000-4000-8000-%012x", i+1, i+1)
	}
	return out
}

// GeneratedFindings makes N findings over Projects projects on demand:
// finding i is in project i % Projects, of category Categories[i % len].
type GeneratedFindings struct {
	N, Projects int
	Org         string
	Categories  []string
}

// Len implements Findings.
func (g GeneratedFindings) Len() int { return g.N }

// At implements Findings.
func (g GeneratedFindings) At(i int) *securitycenterpb.ListFindingsResponse_ListFindingsResult {
	p := fmt.Sprintf("project-%04d", i%g.Projects)
	return Finding(g.Org, p, g.Categories[i%len(g.Categories)], "HIGH", fmt.Sprintf("//storage.googleapis.com/projects/%s/buckets/b%06d", p, i), "google.cloud.storage.Bucket")
}
