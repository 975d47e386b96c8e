// Package schemapack reads and writes schema packs: one provider's resource
// schemas, each readable without decoding the others.
package schemapack

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
)

// Pack holds one provider's resource schemas so that the binary reads one
// resource type's schema without decoding the others. A provider process
// that judges one resource type used to decode its provider's whole document
// first (8.5 MB of JSON for hashicorp/aws 5.100.0, about 180 ms), and
// Terraform starts such a process for each plan, validate and function walk.
//
// Layout (integers are unsigned varints):
//
//	packMagic
//	n, then n × (len(name), name, len(member)), names sorted
//	len(dict), dict
//	the n members, in the order of the names
//
// A member is the resource's `terraform providers schema -json` object
// ({"version": …, "block": …}) compressed with DEFLATE and the preset
// dictionary dict (32 KiB sampled from the schemas themselves), which keeps
// a pack about as small as the gzip of the whole document.
// tools/genschemapack writes the packs from internal/schema/providers/*.json.gz.
type Pack struct {
	names []string
	start []int // member i is data[start[i]:start[i+1]]
	dict  []byte
	data  []byte
}

const packMagic = "baseline-schema-pack 1\n"

// maxDict is DEFLATE's window, the most of a preset dictionary it uses.
const maxDict = 32 << 10

// Write writes the pack of resources (resource type → schema object).
func Write(w io.Writer, resources map[string]json.RawMessage) error {
	names := make([]string, 0, len(resources))
	for name := range resources {
		names = append(names, name)
	}
	sort.Strings(names)
	dict := packDict(names, resources)
	members := make([][]byte, len(names))
	for i, name := range names {
		var b bytes.Buffer
		fw, err := flate.NewWriterDict(&b, flate.BestCompression, dict)
		if err != nil {
			return err
		}
		if _, err := fw.Write(resources[name]); err != nil {
			return err
		}
		if err := fw.Close(); err != nil {
			return err
		}
		members[i] = b.Bytes()
	}
	out := []byte(packMagic)
	out = binary.AppendUvarint(out, uint64(len(names)))
	for i, name := range names {
		out = binary.AppendUvarint(out, uint64(len(name)))
		out = append(out, name...)
		out = binary.AppendUvarint(out, uint64(len(members[i])))
	}
	out = binary.AppendUvarint(out, uint64(len(dict)))
	out = append(out, dict...)
	for _, m := range members {
		out = append(out, m...)
	}
	_, err := w.Write(out)
	return err
}

// packDict samples about 40 schemas spread over the sorted names and keeps
// the last 32 KiB of them: the attribute and block syntax every member repeats.
func packDict(names []string, resources map[string]json.RawMessage) []byte {
	var sample []byte
	for i := 0; i < len(names) && len(sample) < maxDict; i += len(names)/40 + 1 {
		sample = append(sample, resources[names[i]]...)
	}
	if len(sample) > maxDict {
		sample = sample[len(sample)-maxDict:]
	}
	return sample
}

// ErrMalformed is the error of a pack Read cannot parse.
var ErrMalformed = errors.New("malformed schema pack")

// Read parses a pack's index; the members are read on demand.
func Read(data []byte) (*Pack, error) {
	if !bytes.HasPrefix(data, []byte(packMagic)) {
		return nil, ErrMalformed
	}
	r := packReader{b: data[len(packMagic):]}
	n := r.uvarint()
	if n > uint64(len(r.b)) { // each entry takes at least 2 bytes
		return nil, ErrMalformed
	}
	p := &Pack{names: make([]string, 0, n), start: make([]int, 0, n+1)}
	lengths := make([]uint64, 0, n)
	for range n {
		p.names = append(p.names, string(r.bytes(r.uvarint())))
		lengths = append(lengths, r.uvarint())
	}
	p.dict = r.bytes(r.uvarint())
	if r.err || len(p.dict) > maxDict || !slices.IsSorted(p.names) {
		return nil, ErrMalformed
	}
	p.data = r.b
	off := uint64(0)
	for _, l := range lengths {
		p.start = append(p.start, int(off))
		if off += l; off > uint64(len(p.data)) || off < l {
			return nil, ErrMalformed
		}
	}
	p.start = append(p.start, int(off))
	return p, nil
}

// Names lists the pack's resource types, sorted; the caller must not change it.
func (p *Pack) Names() []string { return p.names }

// Member returns the schema object of resource type name, ok false when the
// pack has none.
func (p *Pack) Member(name string) ([]byte, bool, error) {
	i, ok := slices.BinarySearch(p.names, name)
	if !ok {
		return nil, false, nil
	}
	fr := flate.NewReaderDict(bytes.NewReader(p.data[p.start[i]:p.start[i+1]]), p.dict)
	defer func() { _ = fr.Close() }() // a reader over memory: nothing to release
	b, err := io.ReadAll(fr)
	if err != nil {
		return nil, true, fmt.Errorf("%s: %w", name, err)
	}
	return b, true, nil
}

// packReader reads a pack's index, recording overruns instead of panicking.
type packReader struct {
	b   []byte
	err bool
}

func (r *packReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = true
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *packReader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)) {
		r.err = true
		r.b = nil
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// ResourceDocuments reads a gzipped `terraform providers schema -json`
// document holding one provider and returns its resource schema objects by
// resource type, as they are written: the input of Write.
func ResourceDocuments(path string) (map[string]json.RawMessage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read only
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var doc struct {
		ProviderSchemas map[string]struct {
			ResourceSchemas map[string]json.RawMessage `json:"resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.NewDecoder(gz).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.ProviderSchemas) != 1 {
		return nil, fmt.Errorf("%s: want one provider, found %d", path, len(doc.ProviderSchemas))
	}
	var out map[string]json.RawMessage
	for _, ps := range doc.ProviderSchemas {
		out = ps.ResourceSchemas
	}
	return out, nil
}
