package acctest

import (
	"net/http"
	"strings"
	"testing"
)

// TestMotoGaps_recordsUnimplemented sends the real moto server an operation it
// does not implement and one it implements that answers a real 404: only the
// first is recorded as a gap of the emulator.
func TestMotoGaps_recordsUnimplemented(t *testing.T) {
	m := SharedMoto(t)
	n := m.gaps.count()
	send := func(target, body string) int {
		req, _ := http.NewRequest(http.MethodPost, m.Endpoint+"/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", target)
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cloudtrail/aws4_request, SignedHeaders=host, Signature=0")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := send("CloudTrail_20131101.NoSuchOperationOfTheEmulator", "{}"); code < 400 {
		t.Fatalf("moto %s answered an unknown operation with %d", m.Version(), code)
	}
	// GetTrail of a trail that does not exist: implemented, an AWS error.
	if code := send("CloudTrail_20131101.GetTrail", `{"Name":"no-such-trail"}`); code < 400 {
		t.Fatalf("GetTrail of a missing trail answered %d", code)
	}
	gaps := m.gaps.since(n)
	if len(gaps) != 1 || !strings.Contains(gaps[0], "cloudtrail NoSuchOperationOfTheEmulator") {
		t.Fatalf("gaps = %v, want only cloudtrail NoSuchOperationOfTheEmulator", gaps)
	}
	if v := m.Version(); v == "?" || v == "" {
		t.Fatalf("moto version not read: %q", v)
	}
}
