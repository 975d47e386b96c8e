// Command genschemapack writes internal/schema/providers/<provider>-<version>.pack
// from each <provider>-<version>.json.gz beside it: the per-resource form the
// provider binary embeds (see internal/schema/schemapack). `make generate` runs it.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema/schemapack"
)

const dir = "internal/schema/providers"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	sources, err := filepath.Glob(filepath.Join(dir, "*.json.gz"))
	if err != nil {
		return err
	}
	for _, src := range sources {
		docs, err := schemapack.ResourceDocuments(src)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := schemapack.Write(&b, docs); err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		if err := os.WriteFile(strings.TrimSuffix(src, ".json.gz")+".pack", b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
