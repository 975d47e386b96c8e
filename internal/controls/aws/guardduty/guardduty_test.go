package guardduty

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func TestCheckAccount(t *testing.T) {
	on := Detector{Enabled: subject.Of(true, "status")}
	off := Detector{Enabled: subject.Of(false, "status")}
	for _, tt := range []struct {
		name string
		ds   []Detector
		want engine.Status
	}{
		{"none", nil, engine.StatusFail},
		{"suspended", []Detector{off}, engine.StatusFail},
		{"enabled", []Detector{off, on}, engine.StatusPass},
	} {
		if got := checkAccount(Account{Detectors: tt.ds}).Status; got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}
