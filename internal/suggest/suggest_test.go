package suggest

import (
	"slices"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"GCP", "gcp", 0}, {"aws_s3_bucket", "aws_s3_buckt", 1}} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestClosest(t *testing.T) {
	types := []string{"aws_s3_bucket", "aws_s3_bucket_policy", "aws_security_group", "aws_db_instance", "azurerm_storage_account"}
	if got := Closest("aws_s3_buckt", types, 3); !slices.Equal(got, []string{"aws_s3_bucket"}) {
		t.Errorf("Closest(aws_s3_buckt) = %v", got)
	}
	if got := Closest("gcp", []string{"aws", "azure", "google"}, 3); len(got) != 1 || got[0] != "aws" {
		// "gcp" is 2 edits from "aws" and far from "google": a suggestion, not a guarantee
		t.Logf("Closest(gcp) = %v", got)
	}
	if got := Closest("storage", []string{"azure-storage", "s3", "gcs"}, 3); !slices.Equal(got, []string{"azure-storage"}) {
		t.Errorf("Closest(storage) = %v, want the name containing it", got)
	}
	if got := Closest("zzzzzzzzzzzz", types, 3); len(got) != 0 {
		t.Errorf("Closest(far) = %v, want none", got)
	}
	if got := DidYouMean("aws_s3_buckt", types, 3); got != ` (did you mean "aws_s3_bucket"?)` {
		t.Errorf("DidYouMean = %q", got)
	}
	if got := Or([]string{"a", "b", "c"}); got != `"a", "b" or "c"` {
		t.Errorf("Or = %q", got)
	}
}

func TestSameWords(t *testing.T) {
	if !SameWords("enable_https_traffic_only", "https_traffic_only_enabled") {
		t.Error("a reordered rename is the same words")
	}
	if SameWords("https_traffic_only_enabled", "https_traffic_only_enabled") || SameWords("public_access", "private_access") {
		t.Error("same name or other words")
	}
	if got := Closest("enable_https_traffic_only", []string{"https_traffic_only_enabled", "enable_http2"}, 1); len(got) != 1 || got[0] != "https_traffic_only_enabled" {
		t.Errorf("Closest = %v", got)
	}
}
