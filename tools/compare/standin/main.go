// Command standin serves the schema stand-in of hashicorp/azurerm or
// hashicorp/google (internal/acctest/standin) as a provider plugin binary, so
// that the terraform CLI plans azurerm and google resource blocks offline for
// make compare (scripts/compare.sh). The binary is installed into a
// filesystem mirror as terraform-provider-<name>_v<version>; the name it is
// run under chooses the provider. It holds the resource types of its provider
// named in BASELINE_STANDIN_TYPES (comma-separated; the other providers' types
// there are ignored), or every type of the schema when none is named (slower
// to start). Plan only: apply never calls a cloud.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	sdk "github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/hashicorp/terraform-plugin-sdk/v2/plugin"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/standin"
	tfschema "github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
)

func main() {
	name, err := providerName(filepath.Base(os.Args[0]), os.Getenv("BASELINE_STANDIN_PROVIDER"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "standin:", err)
		os.Exit(1)
	}
	file := standin.SchemaFile(name + "-" + versions[name] + ".json.gz")
	types, err := typesOf(file, name, os.Getenv("BASELINE_STANDIN_TYPES"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "standin:", err)
		os.Exit(1)
	}
	p, err := standin.New(file, types...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "standin:", err)
		os.Exit(1)
	}
	plugin.Serve(&plugin.ServeOpts{ProviderFunc: func() *sdk.Provider { return p }})
}

// versions are the provider versions whose schemas the stand-ins model.
var versions = map[string]string{"azurerm": standin.AzurermVersion, "google": standin.GoogleVersion}

// providerName is the provider the binary stands in for: override when set,
// else the name of the binary (terraform-provider-azurerm_v4.79.0).
func providerName(binary, override string) (string, error) {
	name := override
	if name == "" {
		name = strings.TrimPrefix(binary, "terraform-provider-")
		name, _, _ = strings.Cut(name, "_")
	}
	if _, ok := versions[name]; !ok {
		return "", fmt.Errorf("no stand-in for %q (run as terraform-provider-azurerm_v%s or terraform-provider-google_v%s)", name, standin.AzurermVersion, standin.GoogleVersion)
	}
	return name, nil
}

// typesOf is the types of provider name in the comma-separated list, or every
// resource type of the schema at file when the list names none.
func typesOf(file, name, list string) ([]string, error) {
	var types []string
	for _, t := range strings.Split(list, ",") {
		if t = strings.TrimSpace(t); strings.HasPrefix(t, name+"_") && !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	if len(types) > 0 {
		return types, nil
	}
	doc, err := tfschema.Load(file)
	if err != nil {
		return nil, err
	}
	for t := range doc.Resources {
		types = append(types, t)
	}
	sort.Strings(types)
	return types, nil
}
