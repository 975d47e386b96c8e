package cloudtrail_test

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/cloudtrail"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func liveTrail(name string, multi, logging bool, kms string) cloudtrail.Trail {
	return cloudtrail.Trail{
		Name:             name,
		MultiRegion:      subject.Of(multi, "is_multi_region_trail"),
		Logging:          subject.Of(logging, "is_logging"),
		GlobalEvents:     subject.Of(true, "include_global_service_events"),
		LogValidation:    subject.Of(true, "log_file_validation_enabled"),
		KMSKeyID:         subject.Of(kms, "kms_key_id"),
		CloudWatchLog:    subject.Of("arn:aws:logs:eu-west-1:1:log-group:t:*", "cloud_watch_logs_log_group_arn"),
		ManagementEvents: subject.TriOf(cloudtrail.RecordsAllManagementEvents(nil, nil)),
	}
}

func TestAccountMultiRegion(t *testing.T) {
	tests := []struct {
		name   string
		trails []cloudtrail.Trail
		want   engine.Status
	}{
		{"no trails", nil, engine.StatusFail},
		{"one regional trail", []cloudtrail.Trail{liveTrail("a", false, true, "k")}, engine.StatusFail},
		{"multi-region trail not logging", []cloudtrail.Trail{liveTrail("a", true, false, "k")}, engine.StatusFail},
		{"one good trail among others", []cloudtrail.Trail{liveTrail("a", false, true, "k"), liveTrail("b", true, true, "k")}, engine.StatusPass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cloudtrail.AccountMultiRegion(cloudtrail.Account{Trails: tt.trails}).Status; got != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestAccountChecks_throughEngine(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	acct := cloudtrail.Account{Trails: []cloudtrail.Trail{liveTrail("good", true, true, "key"), liveTrail("plain", false, true, "")}}
	v, err := eng.EvaluateSubject("aws_cloudtrail", acct, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v.Passed != 3 || v.Failed != 1 || len(v.Findings) != 1 || v.Findings[0].ControlID != "aws-cloudtrail-kms-encrypted" {
		t.Fatalf("unexpected verdict: %+v", v)
	}
	if want := "trail plain: "; len(v.Findings[0].Message) < len(want) || v.Findings[0].Message[:len(want)] != want {
		t.Fatalf("message does not name the trail: %q", v.Findings[0].Message)
	}
}

func TestRecordsAllManagementEvents(t *testing.T) {
	mgmt := []cloudtrail.AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Management"}}}
	readOnly := append(mgmt, cloudtrail.AdvancedFieldSelector{Field: "readOnly", Equals: []string{"true"}})
	tests := []struct {
		name     string
		basic    []cloudtrail.EventSelector
		advanced [][]cloudtrail.AdvancedFieldSelector
		want     bool
	}{
		{"no selectors", nil, nil, true},
		{"basic all", []cloudtrail.EventSelector{{ReadWriteType: "All", IncludeManagementEvents: true}}, nil, true},
		{"basic write only", []cloudtrail.EventSelector{{ReadWriteType: "WriteOnly", IncludeManagementEvents: true}}, nil, false},
		{"basic excludes kms", []cloudtrail.EventSelector{{ReadWriteType: "All", IncludeManagementEvents: true, ExcludeManagementEventSources: []string{"kms.amazonaws.com"}}}, nil, false},
		{"advanced management", nil, [][]cloudtrail.AdvancedFieldSelector{mgmt}, true},
		{"advanced read only", nil, [][]cloudtrail.AdvancedFieldSelector{readOnly}, false},
	}
	for _, tt := range tests {
		if got := cloudtrail.RecordsAllManagementEvents(tt.basic, tt.advanced); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
