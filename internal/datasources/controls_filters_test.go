package datasources

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
)

// TestControlsFilters_unknownValues: a filter value the catalog does not have
// is an error naming the valid values (issue 22), not an empty list.
func TestControlsFilters_unknownValues(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	null := types.StringNull()
	base := controlsModel{Cloud: null, Service: null, Area: null, Severity: null, MinimumSeverity: null, Framework: null, ResourceType: null}
	cases := map[string]struct {
		set  func(*controlsModel)
		want []string
	}{
		"cloud gcp":           {func(m *controlsModel) { m.Cloud = types.StringValue("gcp") }, []string{`Cloud "gcp" is not in the catalog (did you mean "google"?)`, "aws, azure, azuread, github, google"}},
		"framework cis-azure": {func(m *controlsModel) { m.Framework = types.StringValue("cis-azure") }, []string{`Framework "cis-azure" is not in the catalog (did you mean "cis-azure-v3.0"`}},
		"framework item":      {func(m *controlsModel) { m.Framework = types.StringValue("aws-fsbp:S3.99") }, []string{`No control maps to aws-fsbp item "S3.99"`}},
		"resource type":       {func(m *controlsModel) { m.ResourceType = types.StringValue("aws_s3_buckt") }, []string{`Resource type "aws_s3_buckt" is not in the catalog (did you mean "aws_s3_bucket"`}},
		"service":             {func(m *controlsModel) { m.Service = types.StringValue("azure-storag") }, []string{`Service "azure-storag" is not in the catalog (did you mean "azure-storage"`, "responsibility-matrix service ids"}},
	}
	for name, c := range cases {
		m := base
		c.set(&m)
		var diags diag.Diagnostics
		if _, ok := validateFilters(eng, m, &diags); ok || !diags.HasError() {
			t.Errorf("%s: no error", name)
			continue
		}
		detail := diags.Errors()[0].Detail()
		for _, w := range c.want {
			if !strings.Contains(detail, w) {
				t.Errorf("%s: %q does not contain %q", name, detail, w)
			}
		}
	}
	// One service naming: the matrix id baseline_responsibility takes selects
	// the same controls as the catalog's service name.
	count := func(m controlsModel) int {
		var diags diag.Diagnostics
		svc, ok := validateFilters(eng, m, &diags)
		if !ok {
			t.Fatalf("%v", diags)
		}
		n := 0
		for _, c := range eng.Controls() {
			if matches(c, m, svc) {
				n++
			}
		}
		return n
	}
	byMatrix, byCatalog := base, base
	byMatrix.Service = types.StringValue("azure-storage")
	byCatalog.Service, byCatalog.Cloud = types.StringValue("storage"), types.StringValue("azure")
	if a, b := count(byMatrix), count(byCatalog); a == 0 || a != b {
		t.Errorf("service azure-storage selects %d controls, service storage on azure %d: want the same, more than none", a, b)
	}
	ok := base
	ok.Cloud, ok.Framework = types.StringValue("google"), types.StringValue("cis-gcp-v3.0")
	if count(ok) == 0 {
		t.Error("valid filters select nothing")
	}
}
