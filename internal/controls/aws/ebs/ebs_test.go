package ebs

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// A block device whose encrypted flag has the wrong type is a decoding error
// naming the path, never a panic or a pass.
func TestDecodeInstanceVolumes_typeError(t *testing.T) {
	v, err := subject.FromGo(map[string]any{"root_block_device": []any{map[string]any{"encrypted": []any{true}}}})
	if err != nil {
		t.Fatal(err)
	}
	d, root := subject.Decode(v)
	decodeInstanceVolumes(root)
	if d.Err() == nil || d.Err().Error() != "root_block_device[0].encrypted: expected bool, got list" {
		t.Fatalf("got %v", d.Err())
	}
}

func TestCheckDefaultEncryption_live(t *testing.T) {
	if got := checkDefaultEncryption(DefaultEncryption{Enabled: subject.Of(false, "ebs_encryption_by_default")}); got.Status != "fail" {
		t.Fatalf("got %+v", got)
	}
}
