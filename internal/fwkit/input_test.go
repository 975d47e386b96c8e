package fwkit

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func controlsSet(ids ...string) types.Set {
	if ids == nil {
		return types.SetNull(types.StringType)
	}
	elems := make([]attr.Value, len(ids))
	for i, id := range ids {
		elems[i] = types.StringValue(id)
	}
	return types.SetValueMust(types.StringType, elems)
}

// TestCheckInput: what baseline_check and baseline_guardrail warn about, and
// the one error (a controls selection judging nothing of the type).
func TestCheckInput(t *testing.T) {
	ctx := context.Background()
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	v, err := subject.FromGo(map[string]any{"name": "acct", "enable_nfs_v3": false})
	if err != nil {
		t.Fatal(err)
	}
	w, err := engine.NewWaiver("azure-storage-https-only", "r", "o", "2099-01-01", map[string]string{"network_rule.bypass": "*"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.Diagnostics
	ok := CheckInput(ctx, eng, "azurerm_storage_account", v, nil, engine.Options{Waivers: engine.Waivers{w}},
		Selection{Controls: controlsSet("azure-storage-https-only", "aws-s3-bucket-versioning")}, &diags)
	if !ok || diags.HasError() {
		t.Fatalf("errors: %v", diags)
	}
	var all []string
	for _, d := range diags.Warnings() {
		all = append(all, d.Summary()+": "+d.Detail())
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{
		"Unknown Attribute In Values: azurerm_storage_account has no attribute enable_nfs_v3 in the azurerm 4.79.0 schema the baseline judges",
		"Waiver Match Path Cannot Match: The waiver for azure-storage-https-only matches network_rule.bypass",
		"(did you mean network_rules?)",
		"Control Does Not Judge Resource Type: controls: aws-s3-bucket-versioning does not judge azurerm_storage_account (it judges aws_s3_bucket",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("warnings lack %q:\n%s", want, text)
		}
	}
	diags = nil
	if CheckInput(ctx, eng, "azurerm_storage_account", v, nil, engine.Options{}, Selection{Controls: controlsSet("aws-s3-bucket-versioning")}, &diags) || !diags.HasError() {
		t.Fatalf("a selection judging nothing passed: %v", diags)
	}
	if d := diags.Errors()[0]; d.Summary() != "Controls Judge Nothing" || !strings.Contains(d.Detail(), "aws-s3-bucket-versioning judges aws_s3_bucket") {
		t.Errorf("error: %s: %s", d.Summary(), d.Detail())
	}
	// The provider's controls (opts, not the selection) serve every type: no error.
	diags = nil
	if !CheckInput(ctx, eng, "azurerm_storage_account", subject.Object(nil), nil, engine.Options{Controls: []string{"aws-s3-bucket-versioning"}}, Selection{Controls: controlsSet()}, &diags) || len(diags) != 0 {
		t.Errorf("provider-wide controls: %v", diags)
	}
}
