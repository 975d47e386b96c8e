package schemapack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
)

func sample() map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for i := range 50 {
		out[fmt.Sprintf("aws_thing_%02d", i)] = json.RawMessage(fmt.Sprintf(`{"version":%d,"block":{"attributes":{"name":{"type":"string","optional":true},"n%d":{"type":"number","computed":true}}}}`, i, i))
	}
	return out
}

func write(t testing.TB, docs map[string]json.RawMessage) []byte {
	var b bytes.Buffer
	if err := Write(&b, docs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	docs := sample()
	p, err := Read(write(t, docs))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Names()) != len(docs) {
		t.Fatalf("%d names, want %d", len(p.Names()), len(docs))
	}
	for name, want := range docs {
		got, ok, err := p.Member(name)
		if !ok || err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: got %q %v %v, want %q", name, got, ok, err, want)
		}
	}
	if _, ok, err := p.Member("aws_absent"); ok || err != nil {
		t.Errorf("absent type: ok %v, err %v", ok, err)
	}
}

func TestReadMalformed(t *testing.T) {
	good := write(t, sample())
	for name, data := range map[string][]byte{
		"empty":             nil,
		"wrong magic":       append([]byte("not a pack\n"), good[len(packMagic):]...),
		"truncated index":   good[:len(packMagic)+20],
		"truncated members": good[:len(good)-10],
	} {
		if _, err := Read(data); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v, want ErrMalformed", name, err)
		}
	}
}

// FuzzRead: Read never panics, and a pack it accepts serves every member it
// names without panicking.
func FuzzRead(f *testing.F) {
	f.Add(write(f, sample()))
	f.Add([]byte(packMagic))
	f.Add([]byte(packMagic + "\x01\x01a\x05\x00abcde"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Read(data)
		if err != nil {
			return
		}
		for _, name := range p.Names() {
			_, _, _ = p.Member(name)
		}
	})
}

// BenchmarkReadMember is what a provider process pays to reach one resource
// type's schema: read the index of the hashicorp/aws 5.100.0 pack and
// decompress aws_security_group (it used to decode the whole 8.5 MB document).
func BenchmarkReadMember(b *testing.B) {
	data, err := os.ReadFile("../providers/aws-5.100.0.pack")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p, err := Read(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok, err := p.Member("aws_security_group"); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
