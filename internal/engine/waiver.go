package engine

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Waiver accepts a control's failure for a reason, an owner and until a date.
type Waiver struct {
	ControlID string
	Reason    string
	Owner     string
	Expires   string // YYYY-MM-DD, inclusive
	// Match narrows the waiver to subjects whose attribute (a dotted path such
	// as "tags.Name" or "bucket") matches a glob. Every entry must match.
	Match map[string]string
	// Expired is set when the waiver was parsed after its expiry date.
	Expired bool
}

// Active reports whether the waiver still waives.
func (w *Waiver) Active() bool { return !w.Expired }

// NewWaiver validates a waiver and marks it expired relative to today.
func NewWaiver(controlID, reason, owner, expires string, match map[string]string, today time.Time) (Waiver, error) {
	w := Waiver{ControlID: controlID, Reason: reason, Owner: owner, Expires: expires, Match: match}
	if controlID == "" {
		return w, fmt.Errorf("control_id must be set")
	}
	if strings.TrimSpace(reason) == "" {
		return w, fmt.Errorf("waiver for %s needs a reason", controlID)
	}
	day, err := time.Parse("2006-01-02", expires)
	if err != nil {
		return w, fmt.Errorf("waiver for %s: expires %q is not a date in YYYY-MM-DD form", controlID, expires)
	}
	for _, pattern := range match {
		if _, err := path.Match(pattern, ""); err != nil {
			return w, fmt.Errorf("waiver for %s: match pattern %q is malformed", controlID, pattern)
		}
	}
	y, m, d := today.Date()
	w.Expired = day.Before(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
	return w, nil
}

// Waivers is a list of waivers; the first active match wins, else the first
// expired match (so the finding can say its waiver expired).
type Waivers []Waiver

// For returns the waiver that applies to controlID on raw, if any.
func (ws Waivers) For(controlID string, raw subject.Value) *Waiver {
	var expired *Waiver
	for i := range ws {
		w := &ws[i]
		if w.ControlID != controlID || !w.matches(raw) {
			continue
		}
		if w.Active() {
			return w
		}
		if expired == nil {
			expired = w
		}
	}
	return expired
}

func (w *Waiver) matches(raw subject.Value) bool {
	for attr, pattern := range w.Match {
		s, ok := lookupString(raw, attr)
		if !ok {
			return false
		}
		if m, _ := path.Match(pattern, s); !m {
			return false
		}
	}
	return true
}

// lookupString follows a dotted path through objects and returns a known
// string, number or bool at its end.
func lookupString(v subject.Value, dotted string) (string, bool) {
	for _, name := range strings.Split(dotted, ".") {
		if v.Kind() != subject.KindObject {
			return "", false
		}
		next, ok := v.Attr(name)
		if !ok {
			return "", false
		}
		v = next
	}
	_, n := subject.Decode(v)
	f := n.String("")
	if f.Unknown || f.Null || v.Kind() == subject.KindList || v.Kind() == subject.KindObject {
		return "", false
	}
	return f.V, true
}
