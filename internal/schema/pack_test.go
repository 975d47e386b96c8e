package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema/schemapack"
)

// TestPacksMatchSources holds each embedded pack to the schema document it
// was written from: the same resource types, each with the same schema
// object. `make generate` (tools/genschemapack) rewrites stale packs.
func TestPacksMatchSources(t *testing.T) {
	sources, err := filepath.Glob("providers/*.json.gz")
	if err != nil || len(sources) == 0 {
		t.Fatalf("no schema documents: %v", err)
	}
	for _, src := range sources {
		packFile := strings.TrimSuffix(src, ".json.gz") + ".pack"
		t.Run(filepath.Base(src), func(t *testing.T) {
			docs, err := schemapack.ResourceDocuments(src)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(packFile)
			if err != nil {
				t.Fatalf("%v: run make generate", err)
			}
			p, err := schemapack.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Names()) != len(docs) {
				t.Fatalf("%s has %d resource types, %s %d: run make generate", packFile, len(p.Names()), src, len(docs))
			}
			for name, want := range docs {
				got, ok, err := p.Member(name)
				if !ok || err != nil || !bytes.Equal(got, want) {
					t.Fatalf("%s: %s differs from %s (ok %v, err %v): run make generate", name, packFile, src, ok, err)
				}
			}
		})
	}
}
