package policy

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse checks that Parse and every analysis are total: no panic on any
// input, and every failure is a *ParseError.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`))
	f.Add([]byte(`{"Statement":{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":false}}}}`))
	// The 100-statement benchmark policy is not a seed: minimising inputs that
	// large stalls the fuzzer for the whole -fuzzminimizetime.
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError: %v", err, err)
			}
			if p != nil {
				t.Fatal("policy returned with an error")
			}
			return
		}
		for _, m := range p.PublicStatements() {
			if m.Index < 0 || m.Index >= len(p.Statements) || m.Reason == "" {
				t.Fatalf("bad match %+v", m)
			}
		}
		_, _ = p.DeniesInsecureTransport()
		for _, m := range append(p.ServiceWildcards(), p.DecryptsAllKMSKeys()...) {
			if p.Statements[m.Index].Effect != Allow || m.Reason == "" {
				t.Fatalf("bad match %+v", m)
			}
		}
		for _, s := range p.Statements {
			for _, c := range s.Conditions {
				_ = FixedValue(c.Key, strings.Join(c.Values, ""))
			}
		}
		for _, m := range p.GrantsFullAdmin() {
			if p.Statements[m.Index].Effect != Allow {
				t.Fatalf("admin grant from a %s statement", p.Statements[m.Index].Effect)
			}
		}
	})
}
