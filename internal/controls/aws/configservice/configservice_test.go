package configservice

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func rec(all, global, recording bool) Recorder {
	return Recorder{
		AllSupported:  subject.Of(all, "recording_group.all_supported"),
		IncludeGlobal: subject.Of(global, "recording_group.include_global_resource_types"),
		Recording:     subject.Of(recording, "recording"),
	}
}

func TestCheckAccount(t *testing.T) {
	tests := []struct {
		name string
		recs []Recorder
		want engine.Status
	}{
		{"no recorder", nil, engine.StatusFail},
		{"stopped recorder", []Recorder{rec(true, true, false)}, engine.StatusFail},
		{"recorder without global types", []Recorder{rec(true, false, true)}, engine.StatusFail},
		{"complete recorder", []Recorder{rec(true, true, true)}, engine.StatusPass},
		{"recording unknown", []Recorder{{AllSupported: subject.Of(true, ""), IncludeGlobal: subject.Of(true, ""), Recording: subject.Field[bool]{Unknown: true}}}, engine.StatusUnknown},
	}
	for _, tt := range tests {
		if got := checkAccount(Account{Recorders: tt.recs}).Status; got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}
