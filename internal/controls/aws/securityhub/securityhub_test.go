package securityhub

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func TestCheckHub_live(t *testing.T) {
	for _, tt := range []struct {
		name string
		hub  Hub
		want engine.Status
	}{
		{"not enabled", Hub{Enabled: subject.Of(false, "hub")}, engine.StatusFail},
		{"enabled without standards", Hub{Enabled: subject.Of(true, "hub"), StandardsCounted: true}, engine.StatusFail},
		{"enabled with a standard", Hub{Enabled: subject.Of(true, "hub"), StandardsCounted: true, EnabledStandards: 1}, engine.StatusPass},
	} {
		if got := checkHub(tt.hub).Status; got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}
