package acctest

import (
	"slices"
	"strings"
	"testing"
)

func TestRepresentative(t *testing.T) {
	names := []string{"passB", "failB", "passA", "failA", "passC"}
	fails := func(n string) bool { return strings.HasPrefix(n, "fail") }
	t.Setenv("TF_ACC_PROVIDER_HOST", "registry.terraform.io")
	if got := Representative(slices.Clone(names), fails); len(got) != len(names) {
		t.Fatalf("terraform runs %v, want every case", got)
	}
	t.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
	if got, want := Representative(slices.Clone(names), fails), []string{"failA", "passA"}; !slices.Equal(got, want) {
		t.Fatalf("OpenTofu runs %v, want %v", got, want)
	}
}
