// Package schema reads provider schemas in the format `terraform providers
// schema -json` prints, and completes hand-written resource values the way the
// provider plans them. Tests use it to hold the evaluators to the real shapes
// of hashicorp/aws, azurerm, google and azuread and integrations/github values; the provider binary embeds the
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
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema/schemapack"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Provider is the resource (and data source) schemas of one provider.
type Provider struct {
	// Name is the provider's local name, the last part of its source
	// address ("aws", "azurerm").
	Name        string
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

//go:embed providers/*.pack
var embedded embed.FS

// Schema is one provider schema the binary carries (see providers/README.md),
// read lazily from its pack: the first call reads the pack's index, and each
// resource's block is decoded when first asked for.
type Schema struct {
	Name    string // "aws", "azurerm", "google", "azuread", "github"
	Version string // "5.100.0"
	// Lossy is set for a schema whose attributes named "description" were
	// lost when its descriptions were stripped (see providers/README.md).
	Lossy bool

	file   string
	once   sync.Once
	err    error
	pack   *schemapack.Pack
	mu     sync.Mutex
	blocks map[string]*Block
}

var embeddedList = sync.OnceValues(func() ([]*Schema, error) {
	names, err := embedded.ReadDir("providers")
	if err != nil {
		return nil, err
	}
	var out []*Schema
	for _, n := range names {
		file := n.Name()
		if !strings.HasSuffix(file, ".pack") {
			continue
		}
		base := strings.TrimSuffix(file, ".pack")
		i := strings.LastIndexByte(base, '-')
		if i < 0 {
			return nil, fmt.Errorf("embedded schema %s is not named <provider>-<version>.pack", file)
		}
		s := &Schema{Name: base[:i], Version: base[i+1:], file: file, blocks: map[string]*Block{}}
		s.Lossy = s.Name != "aws" || s.Version != "5.100.0"
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out, nil
})

// Embedded lists the provider schemas the binary carries, sorted by name
// and version. Nothing is decoded until a resource is asked for.
func Embedded() ([]*Schema, error) { return embeddedList() }

// For returns the embedded schemas of the provider that serves resource type
// rt, judged by its prefix (aws_, azurerm_, google_, azuread_, github_).
func For(rt string) ([]*Schema, error) {
	all, err := Embedded()
	if err != nil {
		return nil, err
	}
	var out []*Schema
	for _, s := range all {
		if strings.HasPrefix(rt, s.Name+"_") {
			out = append(out, s)
		}
	}
	return out, nil
}

// ResourceTypes lists the resource types of this provider version, sorted.
func (s *Schema) ResourceTypes() []string {
	s.once.Do(s.index)
	if s.err != nil {
		return nil
	}
	return slices.Clone(s.pack.Names())
}

// Resource returns the schema of resource type rt, if this provider version has it.
func (s *Schema) Resource(rt string) (*Block, bool, error) {
	s.once.Do(s.index)
	if s.err != nil {
		return nil, false, s.err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.blocks[rt]; ok {
		return b, true, nil
	}
	raw, ok, err := s.pack.Member(rt)
	if !ok || err != nil {
		return nil, ok, err
	}
	var r struct{ Block *Block }
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, false, fmt.Errorf("%s: %s: %w", s.file, rt, err)
	}
	s.blocks[rt] = r.Block
	return r.Block, true, nil
}

func (s *Schema) index() {
	data, err := embedded.ReadFile(path.Join("providers", s.file))
	if err == nil {
		s.pack, err = schemapack.Read(data)
	}
	if err != nil {
		s.err = fmt.Errorf("%s: %w", s.file, err)
	}
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
