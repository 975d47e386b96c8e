package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
)

func TestCloudOf(t *testing.T) {
	for id, want := range map[string]string{
		"CKV_AZURE_35": "azure", "CKV2_AZURE_1": "azure", "AVD-AZU-0012": "azure",
		"CKV_GCP_6": "google", "CKV2_GCP_3": "google", "AVD-GCP-0066": "google",
		"CKV_AWS_24": "aws", "AVD-AWS-0107": "aws", "CKV_TF_1": "", "AZU-0012": "",
	} {
		if got := checkCloud(id); got != want {
			t.Errorf("checkCloud(%s) = %q, want %q", id, got, want)
		}
	}
	for typ, want := range map[string]string{
		"aws_s3_bucket": "aws", "azurerm_storage_account": "azure", "google_storage_bucket": "google",
		"azuread_user": "", "github_repository": "",
	} {
		if got := typeCloud(typ); got != want {
			t.Errorf("typeCloud(%s) = %q, want %q", typ, got, want)
		}
	}
}

// TestCheckMappingOutOfScope checks the out-of-scope entries: a reason and
// nothing else, never also mapped, never listed twice.
func TestCheckMappingOutOfScope(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	ok := []Mapping{
		{Tool: "checkov", Check: "CKV_AZURE_3", Control: "azure-storage-https-only"},
		{Tool: "checkov", Check: "CKV_AZURE_43", OutOfScope: "naming rule"},
	}
	if err := CheckMapping(ok, eng); err != nil {
		t.Fatalf("valid entries: %v", err)
	}
	bad := []Mapping{
		{Tool: "checkov", Check: "CKV_AZURE_3", Control: "azure-storage-https-only"},
		{Tool: "checkov", Check: "CKV_AZURE_3", OutOfScope: "both"},
		{Tool: "checkov", Check: "CKV_AZURE_43", OutOfScope: "once"},
		{Tool: "checkov", Check: "CKV_AZURE_43", OutOfScope: "twice"},
		{Tool: "checkov", Check: "CKV_AZURE_206", OutOfScope: "with a control", Control: "azure-storage-https-only"},
		{Tool: "checkov", Check: "CKV_AZURE_1"},
		{Tool: "trivy", Check: "", OutOfScope: "no id"},
	}
	err = CheckMapping(bad, eng)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"entry 2 (checkov CKV_AZURE_3): mapped to a control and listed as out of scope",
		"entry 4 (checkov CKV_AZURE_43): listed as out of scope twice",
		"entry 5 (checkov CKV_AZURE_206): an out-of-scope check names no control",
		"entry 6 (checkov CKV_AZURE_1): names neither a control nor out_of_scope",
		"entry 7 (trivy ): no check id",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	// An out-of-scope check is no pair a difference may explain.
	d := []Difference{{Tool: "checkov", Check: "CKV_AZURE_43", Control: "", Resources: []string{"m:*"}, Ours: Fail, Kind: "scope", Explanation: "x", Reference: "y"}}
	if err := CheckDifferences(d, ok); err == nil || !strings.Contains(err.Error(), "not a pair of the mapping") {
		t.Errorf("difference on an out-of-scope check: %v", err)
	}
}

// TestCompareClouds compares Azure and Google resources with Checkov and
// Trivy reports parsed from their JSON: agreement per cloud, checks out of
// scope, checks neither mapped nor out of scope (which fail the run) and
// stale explanations only where the explained resource was compared.
func TestCompareClouds(t *testing.T) {
	checkov := []byte(`{"check_type": "terraform_plan", "results": {
	  "passed_checks": [
	    {"check_id": "CKV_AZURE_3", "resource": "azurerm_storage_account.ok", "resource_address": "azurerm_storage_account.ok"},
	    {"check_id": "CKV_GCP_29", "resource": "google_storage_bucket.ok", "resource_address": "google_storage_bucket.ok"},
	    {"check_id": "CKV_AZURE_999", "resource": "azurerm_storage_account.ok", "resource_address": "azurerm_storage_account.ok"}
	  ],
	  "failed_checks": [
	    {"check_id": "CKV_AZURE_3", "resource": "azurerm_storage_account.bad", "resource_address": "azurerm_storage_account.bad"},
	    {"check_id": "CKV_AZURE_43", "resource": "azurerm_storage_account.bad", "resource_address": "azurerm_storage_account.bad"},
	    {"check_id": "CKV_GCP_29", "resource": "google_storage_bucket.bad", "resource_address": "google_storage_bucket.bad"},
	    {"check_id": "CKV_GCP_9999", "resource": "google_storage_bucket.bad", "resource_address": "google_storage_bucket.bad"},
	    {"check_id": "CKV_AWS_9999", "resource": "aws_s3_bucket.x", "resource_address": "aws_s3_bucket.x"}
	  ]}}`)
	trivy := []byte(`{"Results": [{"Target": "plan.json", "Misconfigurations": [
	  {"ID": "AZU-0008", "Title": "https", "Status": "FAIL", "CauseMetadata": {"Resource": "azurerm_storage_account.ok"}},
	  {"ID": "GCP-0002", "Title": "uniform", "Status": "PASS", "CauseMetadata": {"Resource": ""}},
	  {"ID": "AZU-0777", "Title": "unlisted", "Status": "PASS", "CauseMetadata": {"Resource": ""}}
	]}]}`)
	ck, err := ParseCheckov(checkov)
	if err != nil {
		t.Fatal(err)
	}
	tv, err := ParseTrivy(trivy)
	if err != nil {
		t.Fatal(err)
	}
	if tv.Results[0].Check != "AVD-AZU-0008" || tv.Results[1].Check != "AVD-GCP-0002" {
		t.Fatalf("trivy ids %+v", tv.Results)
	}
	res := func(addr, typ, control, st string) *Resource {
		return &Resource{Module: "corpus/azure-storage", Address: addr, Type: typ, Controls: map[string]string{control: st}}
	}
	ours := []*Resource{
		res("azurerm_storage_account.ok", "azurerm_storage_account", "azure-storage-https-only", Pass),
		res("azurerm_storage_account.bad", "azurerm_storage_account", "azure-storage-https-only", Fail),
		res("google_storage_bucket.ok", "google_storage_bucket", "google-storage-bucket-uniform-access", Pass),
		res("google_storage_bucket.bad", "google_storage_bucket", "google-storage-bucket-uniform-access", Unknown),
	}
	checked := map[string][]string{
		"azure-storage-https-only":             {"azurerm_storage_account"},
		"google-storage-bucket-uniform-access": {"google_storage_bucket"},
	}
	mapping := []Mapping{
		{Tool: "checkov", Check: "CKV_AZURE_3", Control: "azure-storage-https-only"},
		{Tool: "checkov", Check: "CKV_GCP_29", Control: "google-storage-bucket-uniform-access"},
		{Tool: "checkov", Check: "CKV_AZURE_43", OutOfScope: "naming rule"},
		{Tool: "trivy", Check: "AVD-AZU-0008", Control: "azure-storage-https-only"},
		{Tool: "trivy", Check: "AVD-GCP-0002", Control: "google-storage-bucket-uniform-access"},
	}
	diffs := []Difference{
		{Tool: "trivy", Check: "AVD-AZU-0008", Control: "azure-storage-https-only", Resources: []string{"corpus/azure-storage:azurerm_storage_account.ok"}, Ours: Pass, Kind: "peer-wrong", Explanation: "x", Reference: "y"},
		// Names a resource no compared module holds: not stale.
		{Tool: "checkov", Check: "CKV_AZURE_3", Control: "azure-storage-https-only", Resources: []string{"*/*:azurerm_storage_account.gone"}, Ours: Pass, Kind: "scope", Explanation: "x", Reference: "y"},
		// Names a compared resource whose verdicts agree: stale.
		{Tool: "checkov", Check: "CKV_AZURE_3", Control: "azure-storage-https-only", Resources: []string{"*/*:azurerm_storage_account.bad"}, Ours: Fail, Kind: "scope", Explanation: "x", Reference: "y"},
		// Names a compared module without a wildcard: stale though the resource is gone.
		{Tool: "checkov", Check: "CKV_GCP_29", Control: "google-storage-bucket-uniform-access", Resources: []string{"corpus/azure-storage:google_storage_bucket.gone"}, Ours: Pass, Kind: "scope", Explanation: "x", Reference: "y"},
	}
	reports := map[string]map[string]*PeerReport{"corpus/azure-storage": {"checkov": ck, "trivy": tv}}
	c := Compare(ours, reports, mapping, diffs, checked)

	if s := c.CloudStats("checkov", "azure"); s.Compared != 2 || s.BothPass != 1 || s.BothFail != 1 {
		t.Errorf("checkov azure %+v", s)
	}
	if s := c.CloudStats("checkov", "google"); s.Compared != 2 || s.BothPass != 1 || s.BothFail != 1 {
		t.Errorf("checkov google (our unknown fails closed) %+v", s)
	}
	if s := c.CloudStats("checkov", "aws"); s.Compared != 0 {
		t.Errorf("checkov aws %+v", s)
	}
	if s := c.Stats("checkov"); s.Compared != 4 {
		t.Errorf("checkov all %+v", s)
	}
	// Trivy fails the compliant account (explained) and passes the rest implicitly.
	if s := c.CloudStats("trivy", "azure"); s.Compared != 2 || s.Explained != 1 || s.BothFail != 0 {
		t.Errorf("trivy azure %+v", s)
	}
	if s := c.CloudStats("trivy", "google"); s.Compared != 2 || s.Unexplained != 1 {
		t.Errorf("trivy google %+v", s)
	}
	if c.OutOfScope["checkov"]["CKV_AZURE_43"] != 1 || c.Unmapped["checkov"]["CKV_AZURE_43"] != 0 {
		t.Errorf("out of scope %v, unmapped %v", c.OutOfScope, c.Unmapped)
	}
	// Unlisted: Azure and Google checks, passed or failed; an AWS check is only unmapped.
	if c.Unlisted["checkov"]["CKV_AZURE_999"] != 1 || c.Unlisted["checkov"]["CKV_GCP_9999"] != 1 || c.Unlisted["trivy"]["AVD-AZU-0777"] != 1 {
		t.Errorf("unlisted %v", c.Unlisted)
	}
	if c.Unmapped["checkov"]["CKV_AWS_9999"] != 1 || c.Unlisted["checkov"]["CKV_AWS_9999"] != 0 {
		t.Errorf("an AWS check: unmapped %v, unlisted %v", c.Unmapped, c.Unlisted)
	}
	if c.UnlistedChecks() != 3 {
		t.Errorf("UnlistedChecks %d", c.UnlistedChecks())
	}
	var stale []string
	for _, d := range c.Stale {
		stale = append(stale, d.Resources[0])
	}
	if strings.Join(stale, " ") != "*/*:azurerm_storage_account.bad corpus/azure-storage:google_storage_bucket.gone" {
		t.Errorf("stale %v", stale)
	}

	var out bytes.Buffer
	if err := c.Print(&out, map[string]string{"checkov": "3.3.30"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"checkov  3.3.30   all       4 compared,    4 agree (100.0%",
		"                   azure     2 compared,    2 agree (100.0%: 1 both fail, 1 both pass)",
		"                   google    2 compared,    2 agree (100.0%",
		"checks listed as out of scope in mapping.yaml that failed something (1)",
		"!!! checkov checks of azure, google neither mapped nor listed as out of scope in mapping.yaml (2): CKV_AZURE_999×1 CKV_GCP_9999×1",
		"!!! UNEXPLAINED [trivy] AVD-GCP-0002 <-> google-storage-bucket-uniform-access on corpus/azure-storage:google_storage_bucket.bad: ours unknown, trivy pass",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "  aws ") {
		t.Errorf("a cloud without pairs is printed:\n%s", out.String())
	}
}
