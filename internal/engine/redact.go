package engine

import (
	"sort"
	"strconv"
	"strings"
)

// Redacted replaces the value of a sensitive attribute in a finding.
const Redacted = "(sensitive value)"

// minRedact is the shortest sensitive value replaced wherever it appears;
// a shorter one is replaced only where it appears quoted, so that a
// one-letter secret does not garble every word of a message.
const minRedact = 4

// Redact removes the given sensitive values from every finding's message and
// attribute path, raw or as %q would quote them. Violation lines are built
// from these fields and the catalog's static texts only, so after Redact they
// carry no sensitive value.
func (v *Verdict) Redact(secrets []string) {
	if len(secrets) == 0 {
		return
	}
	var pairs []string
	seen := map[string]bool{}
	add := func(old string) {
		if old != "" && !seen[old] {
			seen[old] = true
			pairs = append(pairs, old)
		}
	}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		quoted := strconv.Quote(s)
		add(quoted)
		if len(s) >= minRedact {
			add(s)
			add(quoted[1 : len(quoted)-1])
		}
	}
	// Longest first, so a secret that contains another is replaced whole.
	sort.Slice(pairs, func(i, j int) bool { return len(pairs[i]) > len(pairs[j]) })
	args := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		args = append(args, p, Redacted)
	}
	r := strings.NewReplacer(args...)
	for i := range v.Findings {
		f := &v.Findings[i]
		f.Message = r.Replace(f.Message)
		f.Attribute = r.Replace(f.Attribute)
	}
}
