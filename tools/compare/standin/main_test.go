package main

import (
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/standin"
)

func TestProviderName(t *testing.T) {
	for _, c := range []struct{ binary, override, want string }{
		{"terraform-provider-azurerm_v4.79.0", "", "azurerm"},
		{"terraform-provider-google_v6.50.0", "", "google"},
		{"standin", "google", "google"},
	} {
		got, err := providerName(c.binary, c.override)
		if err != nil || got != c.want {
			t.Errorf("providerName(%q, %q) = %q, %v; want %q", c.binary, c.override, got, err, c.want)
		}
	}
	if _, err := providerName("terraform-provider-aws_v5.100.0", ""); err == nil {
		t.Error("a stand-in for aws")
	}
}

func TestTypesOf(t *testing.T) {
	file := standin.SchemaFile("google-" + standin.GoogleVersion + ".json.gz")
	got, err := typesOf(file, "google", "azurerm_storage_account, google_storage_bucket,google_storage_bucket,google_sql_database_instance")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "google_storage_bucket,google_sql_database_instance" {
		t.Errorf("types %v", got)
	}
	all, err := typesOf(file, "google", "azurerm_storage_account")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 500 {
		t.Errorf("every type of the schema: %d", len(all))
	}
}
