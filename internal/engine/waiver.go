package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
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
	// Match narrows the waiver to subjects whose attribute matches a glob.
	// Keys are attribute paths: names joined by dots ("tags.Name", "bucket"),
	// with ["key"] for keys that hold dots and [n] for list elements
	// (`tags["kubernetes.io/cluster"]`, `ingress[0].description`). In the glob
	// `*` is any run of characters (including `/`), `?` one character and
	// `[abc]`/`[a-z]`/`[!a]` a class. Every entry must match; an attribute
	// that is absent, null, unknown or not a string, number or bool does not.
	Match map[string]string
	// Expired is set when the waiver was built after its expiry date.
	Expired bool

	matchers map[string]*regexp.Regexp
	paths    map[string][]pathStep
}

// Active reports whether the waiver still waives.
func (w *Waiver) Active() bool { return !w.Expired }

// ParseDay parses a day as YYYY-MM-DD or as an RFC 3339 timestamp (such as
// Terraform's plantimestamp()), whose UTC date is taken.
func ParseDay(s string) (time.Time, error) {
	if day, err := time.Parse(time.DateOnly, s); err == nil {
		return day, nil
	}
	ts, err := time.Parse(time.RFC3339, s)
	if err != nil {
		if notCalendarDay(s) {
			return time.Time{}, fmt.Errorf("%q is not a calendar date (the month has no such day)", s)
		}
		return time.Time{}, fmt.Errorf("%q is not a date in YYYY-MM-DD form or an RFC 3339 timestamp", s)
	}
	y, m, d := ts.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// NewWaiver validates a waiver and marks it expired relative to today: a
// waiver expiring on day D waives through D (inclusive) and is expired from
// D+1, judged on today's UTC date.
func NewWaiver(controlID, reason, owner, expires string, match map[string]string, today time.Time) (Waiver, error) {
	w := Waiver{ControlID: controlID, Reason: reason, Owner: owner, Expires: expires, Match: match}
	if controlID == "" {
		return w, fmt.Errorf("control_id must be set")
	}
	if strings.TrimSpace(reason) == "" {
		return w, fmt.Errorf("waiver for %s needs a reason", controlID)
	}
	if strings.TrimSpace(owner) == "" {
		return w, fmt.Errorf("waiver for %s needs an owner", controlID)
	}
	day, err := time.Parse(time.DateOnly, expires)
	if err != nil {
		if notCalendarDay(expires) {
			return w, fmt.Errorf("waiver for %s: expires %q is not a calendar date (the month has no such day)", controlID, expires)
		}
		return w, fmt.Errorf("waiver for %s: expires %q is not a date in YYYY-MM-DD form", controlID, expires)
	}
	w.matchers = make(map[string]*regexp.Regexp, len(match))
	w.paths = make(map[string][]pathStep, len(match))
	for attr, pattern := range match {
		steps, err := parsePath(attr)
		if err != nil {
			return w, fmt.Errorf("waiver for %s: match key %q: %w", controlID, attr, err)
		}
		re, err := compileGlob(pattern)
		if err != nil {
			return w, fmt.Errorf("waiver for %s: match pattern %q is malformed: %w", controlID, pattern, err)
		}
		w.paths[attr], w.matchers[attr] = steps, re
	}
	y, m, d := today.UTC().Date()
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
		steps, re := w.paths[attr], w.matchers[attr]
		if re == nil { // built without NewWaiver
			var err error
			if steps, err = parsePath(attr); err != nil {
				return false
			}
			if re, err = compileGlob(pattern); err != nil {
				return false
			}
		}
		s, ok := lookupString(raw, steps)
		if !ok || !re.MatchString(s) {
			return false
		}
	}
	return true
}

// pathStep is one step of a match path: an attribute or key name, or a list index.
type pathStep struct {
	name  string
	index int // -1 for a name
}

// parsePath splits `a.b["c.d"][0].e` into steps.
func parsePath(p string) ([]pathStep, error) {
	var steps []pathStep
	i := 0
	expectName := true
	for i < len(p) {
		switch p[i] {
		case '[':
			end := strings.IndexByte(p[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [")
			}
			inner := p[i+1 : i+end]
			if s, err := strconv.Unquote(inner); err == nil && strings.HasPrefix(inner, `"`) {
				steps = append(steps, pathStep{name: s, index: -1})
			} else if n, err := strconv.Atoi(inner); err == nil && n >= 0 {
				steps = append(steps, pathStep{index: n})
			} else {
				return nil, fmt.Errorf(`[%s] is neither a quoted key nor a list index`, inner)
			}
			i += end + 1
			expectName = false
		case '.':
			if expectName {
				return nil, fmt.Errorf("empty name")
			}
			i++
			expectName = true
		default:
			if !expectName {
				return nil, fmt.Errorf("missing . before %q", p[i:])
			}
			j := i
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			steps = append(steps, pathStep{name: p[i:j], index: -1})
			i = j
			expectName = false
		}
	}
	if expectName {
		return nil, fmt.Errorf("empty name")
	}
	return steps, nil
}

// compileGlob turns a glob into an anchored regular expression.
func compileGlob(glob string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString(`^`)
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; c {
		case '*':
			b.WriteString(`.*`)
		case '?':
			b.WriteString(`.`)
		case '[':
			end := strings.IndexByte(glob[i+1:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [")
			}
			class := glob[i+1 : i+1+end]
			if class == "" || class == "!" {
				return nil, fmt.Errorf("empty character class")
			}
			if class[0] == '!' {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case '\\':
			if i+1 < len(glob) {
				i++
				b.WriteString(regexp.QuoteMeta(glob[i : i+1]))
			} else {
				b.WriteString(`\\`)
			}
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString(`$`)
	return regexp.Compile(b.String())
}

// lookupString follows steps through objects and lists and returns a known
// string, number or bool at its end.
func lookupString(v subject.Value, steps []pathStep) (string, bool) {
	for _, st := range steps {
		switch {
		case st.index >= 0:
			if v.Kind() != subject.KindList || st.index >= len(v.Elems()) {
				return "", false
			}
			v = v.Elems()[st.index]
		default:
			if v.Kind() != subject.KindObject {
				return "", false
			}
			next, ok := v.Attr(st.name)
			if !ok {
				return "", false
			}
			v = next
		}
	}
	switch v.Kind() {
	case subject.KindString, subject.KindNumber, subject.KindBool:
	default:
		return "", false
	}
	_, n := subject.Decode(v)
	f := n.String("")
	return f.V, true
}

// notCalendarDay reports whether s has the YYYY-MM-DD form (or starts an RFC
// 3339 timestamp with it) with a month of 01-12 but a day the month does not
// have, such as 2026-02-30.
func notCalendarDay(s string) bool {
	if len(s) < 10 || (len(s) > 10 && s[10] != 'T' && s[10] != 't') {
		return false
	}
	var y, m, d int
	if n, err := fmt.Sscanf(s[:10], "%4d-%2d-%2d", &y, &m, &d); n != 3 || err != nil || s[4] != '-' || s[7] != '-' {
		return false
	}
	if m < 1 || m > 12 || d < 1 {
		return m >= 1 && m <= 12 && d < 1
	}
	return d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// SplitMatchPath splits a waiver match path (`tags["k.8s/x"]`, `ingress[0].cidr_blocks[1]`)
// into names, with every list index as "[*]", for checking it against a schema.
func SplitMatchPath(p string) ([]string, error) {
	steps, err := parsePath(p)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = s.name
		if s.index >= 0 {
			out[i] = "[*]"
		}
	}
	return out, nil
}

// MatchPaths are the match paths of the waiver, sorted.
func (w *Waiver) MatchPaths() []string {
	out := make([]string, 0, len(w.Match))
	for p := range w.Match {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
