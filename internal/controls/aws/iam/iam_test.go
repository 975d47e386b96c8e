package iam

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func TestAccountChecks_live(t *testing.T) {
	// A live loader maps GetAccountSummary's SummaryMap to the same subject.
	summary := map[string]int32{"AccountAccessKeysPresent": 0, "AccountMFAEnabled": 1}
	a := AccountSummary{
		AccessKeysPresent: subject.Of(summary["AccountAccessKeysPresent"] != 0, "AccountAccessKeysPresent"),
		MFAEnabled:        subject.Of(summary["AccountMFAEnabled"] != 0, "AccountMFAEnabled"),
	}
	for _, c := range accountChecks() {
		if o := c.Eval(a); o.Status != engine.StatusPass {
			t.Errorf("%s: %s %s", c.Control, o.Status, o.Message)
		}
	}
	a.MFAEnabled = subject.Of(false, "AccountMFAEnabled")
	if o := rootMFACheck.Eval(a); o.Status != engine.StatusFail {
		t.Errorf("root MFA off: %s", o.Status)
	}
}

func TestPasswordChecks_absentPolicy(t *testing.T) {
	for _, c := range passwordChecks() {
		if o := c.Eval(PasswordPolicy{Absent: true}); o.Status != engine.StatusFail {
			t.Errorf("%s without a policy: %s", c.Control, o.Status)
		}
	}
}

func TestNoAdmin_severalDocs(t *testing.T) {
	p := policies{Docs: []subject.Field[string]{
		{Unknown: true, Path: "inline_policy[0].policy"},
		subject.Of(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`, "inline_policy[1].policy"),
	}}
	if o := noAdmin(p); o.Status != engine.StatusFail || o.Attribute != "inline_policy[1].policy" {
		t.Fatalf("got %+v, want a failure at inline_policy[1].policy", o)
	}
}
