package catalog

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// TestAttributes_defaultsRecorded: every attributes.yaml entry of every cloud
// whose meaning is "unset, the default decides" records the default, since
// when it holds and its source, and a dated default reads an absent key as
// unknown.
func TestAttributes_defaultsRecorded(t *testing.T) {
	all, err := loadAttributes(controls.Files)
	if err != nil {
		t.Fatal(err)
	}
	unset, dated := 0, 0
	for rt, paths := range all {
		for path, a := range paths {
			if a.Meaning().Unknown != subject.UnknownIsUnset {
				continue
			}
			unset++
			if a.Default == nil || !strings.HasPrefix(a.Source, "https://") {
				t.Errorf("%s.%s: default %v, since %q, source %q", rt, path, a.Default, a.Since, a.Source)
			}
			if a.Dated() {
				dated++
			}
			if a.Meaning().AbsentIsUnknown != a.Dated() {
				t.Errorf("%s.%s: AbsentIsUnknown = %v for since %q", rt, path, a.Meaning().AbsentIsUnknown, a.Since)
			}
		}
	}
	if unset < 80 || dated < 4 {
		t.Fatalf("only %d unset entries (%d dated) checked", unset, dated)
	}
	cluster := all["aws_rds_cluster"]["storage_encrypted"]
	if cluster.Since != "2026-02-18" || !strings.Contains(cluster.Source, "AuroraUserGuide/Overview.Encryption") {
		t.Errorf("aws_rds_cluster.storage_encrypted: since %q, source %q", cluster.Since, cluster.Source)
	}
}

// TestLoadAttributes_defaultRules: the loader rejects an entry read as unset
// without its default, since or source, and malformed dates and sources.
func TestLoadAttributes_defaultRules(t *testing.T) {
	const ok = `default: "false", since: "always", source: "https://example.com/doc"`
	cases := []struct {
		name, entry, wantErr string
	}{
		{"complete", `{unknown: unset, why: w, ` + ok + `}`, ""},
		{"dated", `{unknown: unset, why: w, default: "true", since: "2022-10", source: "https://example.com/doc"}`, ""},
		{"year only", `{unknown: unset, why: w, default: "true", since: "2025", source: "https://example.com/doc"}`, ""},
		{"not unset needs nothing", `{unknown: unknown, why: w}`, ""},
		{"missing all", `{unknown: unset, why: w}`, "default, source is missing"},
		{"no since: never changed", `{unknown: unset, why: w, default: false, source: "https://example.com/doc"}`, ""},
		{"list default", `{unknown: unset, why: w, default: [], source: "https://example.com/doc"}`, ""},
		{"missing source", `{unknown: unset, why: w, default: "false", since: always}`, "source is missing"},
		{"default named on another entry", `{zero: unset, why: w, default: "x"}`, "source is missing"},
		{"bad date", `{unknown: unset, why: w, default: "false", since: "Oct 2022", source: "https://example.com/doc"}`, "neither a date"},
		{"bad month", `{unknown: unset, why: w, default: "false", since: "2022-13", source: "https://example.com/doc"}`, "neither a date"},
		{"http source", `{unknown: unset, why: w, default: "false", since: always, source: "http://example.com"}`, "not an https URL"},
		{"unknown field", `{unknown: unset, why: w, ` + ok + `, sincee: always}`, "field sincee not found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"aws/x/attributes.yaml": {Data: []byte("aws_x:\n  a: " + c.entry + "\n")}}
			got, err := loadAttributes(fsys)
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("rejected: %v", err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, c.wantErr)
			case c.wantErr == "" && got["aws_x"]["a"].Meaning().AbsentIsUnknown != got["aws_x"]["a"].Dated():
				t.Fatalf("AbsentIsUnknown does not follow since %q", got["aws_x"]["a"].Since)
			}
		})
	}
}
