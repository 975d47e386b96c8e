// Package schema reads provider schemas in the format `terraform providers
// schema -json` prints, and completes hand-written resource values the way the
// provider plans them. Tests use it to hold the evaluators to the real shapes
// of hashicorp/aws, azurerm and google values; the provider binary embeds the
// same schemas (Embedded) to check the attribute paths of an organisation's
// own controls.
package schema

import (
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Provider is the resource (and data source) schemas of one provider.
type Provider struct {
	// Name is the provider's local name, the last part of its source
	// address ("aws", "azurerm").
	Name string
	// Version is the provider version of an embedded schema ("5.100.0").
	Version string
	// Lossy is set for a schema whose attributes named "description" were
	// lost when its descriptions were stripped (see providers/README.md).
	Lossy       bool
	Resources   map[string]*Block
	DataSources map[string]*Block
	// Config is the provider block's schema; nil when the document has none.
	Config *Block
}

// Block is a schema block: attributes and nested blocks.
type Block struct {
	Attributes map[string]*Attribute   `json:"attributes"`
	BlockTypes map[string]*NestedBlock `json:"block_types"`
}

// Attribute is one attribute of a block.
type Attribute struct {
	Type       Type `json:"type"`
	Required   bool `json:"required"`
	Optional   bool `json:"optional"`
	Computed   bool `json:"computed"`
	Sensitive  bool `json:"sensitive"`
	Deprecated bool `json:"deprecated"`
}

// NestedBlock is a nested block type.
type NestedBlock struct {
	NestingMode string `json:"nesting_mode"` // single, group, list, set, map
	Block       *Block `json:"block"`
	MinItems    int    `json:"min_items"`
	MaxItems    int    `json:"max_items"`
}

// Type is a cty type in its JSON form: "string", "number", "bool",
// ["list", T], ["set", T], ["map", T], ["object", {name: T}], ["tuple", [T...]].
type Type struct {
	Kind  string // string, number, bool, dynamic, list, set, map, object, tuple
	Elem  *Type
	Attrs map[string]Type
}

// UnmarshalJSON reads a cty type.
func (t *Type) UnmarshalJSON(b []byte) error {
	var prim string
	if err := json.Unmarshal(b, &prim); err == nil {
		t.Kind = prim
		return nil
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(b, &parts); err != nil || len(parts) != 2 {
		return fmt.Errorf("unsupported type %s", b)
	}
	if err := json.Unmarshal(parts[0], &t.Kind); err != nil {
		return err
	}
	switch t.Kind {
	case "list", "set", "map":
		t.Elem = &Type{}
		return json.Unmarshal(parts[1], t.Elem)
	case "object":
		return json.Unmarshal(parts[1], &t.Attrs)
	case "tuple":
		// Read like a list of anything; the engine does not tell them apart.
		t.Kind, t.Elem = "list", &Type{Kind: "dynamic"}
		return nil
	}
	return fmt.Errorf("unsupported type kind %q", t.Kind)
}

// IsCollection reports whether t is a list, set or map.
func (t Type) IsCollection() bool { return t.Kind == "list" || t.Kind == "set" || t.Kind == "map" }

// Load reads a gzipped `terraform providers schema -json` document holding
// one provider.
func Load(path string) (*Provider, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return decode(gz, path)
}

//go:embed providers/*.json.gz
var embedded embed.FS

var (
	embeddedOnce sync.Once
	embeddedAll  []*Provider
	embeddedErr  error
)

// Embedded returns the provider schemas the binary carries (see
// providers/README.md), newest last per provider; they are decoded once, on
// the first call.
func Embedded() ([]*Provider, error) {
	embeddedOnce.Do(func() {
		names, err := embedded.ReadDir("providers")
		if err != nil {
			embeddedErr = err
			return
		}
		var files []string
		for _, n := range names {
			if strings.HasSuffix(n.Name(), ".json.gz") {
				files = append(files, n.Name())
			}
		}
		sort.Strings(files)
		for _, name := range files {
			f, err := embedded.Open(path.Join("providers", name))
			if err != nil {
				embeddedErr = err
				return
			}
			gz, err := gzip.NewReader(f)
			if err != nil {
				embeddedErr = fmt.Errorf("%s: %w", name, err)
				return
			}
			p, err := decode(gz, name)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				embeddedErr = err
				return
			}
			p.Version = strings.TrimSuffix(strings.TrimPrefix(name, p.Name+"-"), ".json.gz")
			p.Lossy = p.Name != "aws" || p.Version != "5.100.0"
			embeddedAll = append(embeddedAll, p)
		}
	})
	return embeddedAll, embeddedErr
}

func decode(r io.Reader, name string) (*Provider, error) {
	var doc struct {
		ProviderSchemas map[string]struct {
			Provider          *struct{ Block *Block }           `json:"provider"`
			ResourceSchemas   map[string]struct{ Block *Block } `json:"resource_schemas"`
			DataSourceSchemas map[string]struct{ Block *Block } `json:"data_source_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.ProviderSchemas) != 1 {
		return nil, fmt.Errorf("%s: want one provider, found %d", name, len(doc.ProviderSchemas))
	}
	p := &Provider{Resources: map[string]*Block{}, DataSources: map[string]*Block{}}
	for addr, ps := range doc.ProviderSchemas {
		p.Name = addr[strings.LastIndexByte(addr, '/')+1:]
		if ps.Provider != nil {
			p.Config = ps.Provider.Block
		}
		for name, s := range ps.ResourceSchemas {
			p.Resources[name] = s.Block
		}
		for name, s := range ps.DataSourceSchemas {
			p.DataSources[name] = s.Block
		}
	}
	return p, nil
}

// Found is what an attribute path names in a block: an attribute (with the
// type at the path, which is inside the attribute's type for paths into an
// object-typed attribute) or a nested block.
type Found struct {
	Attribute *Attribute // the top attribute the path goes through
	Type      Type       // the type at the path, for attributes
	Block     *NestedBlock
	Inner     bool // the path goes into an attribute's object type
}

// Lookup resolves a path ("ingress[*].cidr_blocks[*]", and the
// object-literal form "metadata_options.http_tokens" of a block) in b.
func (b *Block) Lookup(path string) (Found, error) {
	steps, err := subject.SplitPath(path)
	if err != nil {
		return Found{}, err
	}
	cur := b
	var found Found
	for i := 0; i < len(steps); i++ {
		name := steps[i]
		if name == "[*]" {
			continue // an element of a list or set block
		}
		if a, ok := cur.Attributes[name]; ok {
			found = Found{Attribute: a, Type: a.Type}
			for _, inner := range steps[i+1:] {
				t := found.Type
				if inner == "[*]" {
					if !t.IsCollection() {
						return Found{}, fmt.Errorf("%s: %s is not a collection", path, name)
					}
					found.Type = *t.Elem
					continue
				}
				for t.IsCollection() {
					t = *t.Elem
				}
				at, ok := t.Attrs[inner]
				if t.Kind != "object" || !ok {
					return Found{}, fmt.Errorf("%s: %q is not an attribute of %s", path, inner, name)
				}
				found.Type, found.Inner = at, true
			}
			return found, nil
		}
		nb, ok := cur.BlockTypes[name]
		if !ok {
			return Found{}, fmt.Errorf("%s: no attribute or block %q", path, name)
		}
		found = Found{Block: nb}
		cur = nb.Block
	}
	return found, nil
}
