package catalog

import (
	"strings"
	"testing"
)

// Every azure-policy and gcp-sha item of the catalog is well formed, and the
// catalog carries them where the joins need them.
func TestJoinItemsWellFormed(t *testing.T) {
	eng, err := Engine()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, c := range eng.Controls() {
		for _, f := range c.Frameworks {
			name, item, _ := strings.Cut(f, ":")
			if p := joinItemProblem(c.Cloud, name, item); p != "" {
				t.Errorf("%s: %s", c.ID, p)
			}
			count[name]++
		}
	}
	if count["azure-policy"] < 15 || count["gcp-sha"] < 30 {
		t.Errorf("join items: %d azure-policy, %d gcp-sha; want the Azure and Google controls that have a counterpart to carry one", count["azure-policy"], count["gcp-sha"])
	}
	for _, bad := range []struct{ cloud, fw, item string }{
		{"azure", "azure-policy", "404C3081-A854-4457-AE30-26A93EF643F9"},
		{"azure", "azure-policy", "17k78e20-9358-41c9-923c-fb736d382a12"},
		{"aws", "azure-policy", "404c3081-a854-4457-ae30-26a93ef643f9"},
		{"google", "gcp-sha", "public_bucket_acl"},
		{"google", "gcp-sha", "PUBLIC BUCKET"},
		{"azure", "gcp-sha", "PUBLIC_BUCKET_ACL"},
	} {
		if joinItemProblem(bad.cloud, bad.fw, bad.item) == "" {
			t.Errorf("%s %s:%s accepted", bad.cloud, bad.fw, bad.item)
		}
	}
	if p := joinItemProblem("google", "gcp-sha", "PUBLIC_BUCKET_ACL"); p != "" {
		t.Error(p)
	}
}
