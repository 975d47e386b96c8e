package inputcheck

import (
	"strings"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func TestAttributes_extensionsAndRenames(t *testing.T) {
	v, err := subject.FromGo(map[string]any{"cidr_block": "10.0.0.0/16", "flow_logs": []any{}, "enable_dns_hostname": true})
	if err != nil {
		t.Fatal(err)
	}
	got := Attributes("aws_vpc", v)
	if len(got) != 1 || !strings.Contains(got[0].Detail, "enable_dns_hostname") || !strings.Contains(got[0].Detail, "did you mean enable_dns_hostnames?") || !got[0].Set {
		t.Fatalf("got %+v, want only enable_dns_hostname (flow_logs is the baseline's own key)", got)
	}
	v, _ = subject.FromGo(map[string]any{"name": "a", "enable_non_ssl_port": false})
	if got := Attributes("azurerm_redis_cache", v); len(got) != 1 || !got[0].Set {
		t.Fatalf("a renamed argument at its zero value counts as set: %+v", got)
	}
	// An older major's name the catalog reads is judged, not unknown.
	v, _ = subject.FromGo(map[string]any{"name": "a", "enable_https_traffic_only": false})
	if got := Attributes("azurerm_storage_account", v); len(got) != 0 {
		t.Fatalf("enable_https_traffic_only is read for azurerm 3.x plans, not unknown: %+v", got)
	}
	v, _ = subject.FromGo(map[string]any{"name": "a", "some_future_argument": false})
	if got := Attributes("azurerm_storage_account", v); len(got) != 1 || got[0].Set {
		t.Fatalf("an unknown argument at its zero value is reported but not set: %+v", got)
	}
}

func TestMatchPaths_onlyJudgingControls(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	w := func(id string) engine.Waiver {
		wv, err := engine.NewWaiver(id, "r", "o", "2099-01-01", map[string]string{"tag.Name": "x"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return wv
	}
	if got := MatchPaths(eng, "aws_security_group", engine.Waivers{w("aws-s3-bucket-versioning")}); len(got) != 0 {
		t.Errorf("a waiver of a control that does not judge the type: %+v", got)
	}
	got := MatchPaths(eng, "aws_security_group", engine.Waivers{w("aws-ec2-sg-no-world-ssh")})
	if len(got) != 1 || !strings.Contains(got[0].Detail, "did you mean tags?") {
		t.Errorf("got %+v", got)
	}
}
