// Package suggest names the closest valid values to a misspelt one, for
// "did you mean …" in errors and warnings.
package suggest

import (
	"sort"
	"strings"
)

// Distance is the Levenshtein edit distance between a and b, compared
// case-insensitively, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Closest returns up to n candidates nearest to name: those within an edit
// distance of a third of the longer string (at least 2), or that contain name
// or are contained in it, nearest first (ties sorted by name). None when
// nothing is close.
func Closest(name string, candidates []string, n int) []string {
	type scored struct {
		s string
		d int
	}
	low := strings.ToLower(name)
	var out []scored
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] {
			continue
		}
		seen[c] = true
		d := Distance(name, c)
		limit := max(2, max(len(name), len(c))/3)
		lc := strings.ToLower(c)
		contains := low != "" && (strings.Contains(lc, low) || strings.Contains(low, lc))
		if SameWords(name, c) {
			d = 0 // a rename that reorders the words: enable_x → x_enabled
		}
		if d <= limit || contains {
			out = append(out, scored{c, d})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].d != out[j].d {
			return out[i].d < out[j].d
		}
		return out[i].s < out[j].s
	})
	if len(out) > n {
		out = out[:n]
	}
	names := make([]string, len(out))
	for i, s := range out {
		names[i] = s.s
	}
	return names
}

// DidYouMean is " (did you mean a, b or c?)" for the closest candidates, or ""
// when none is close.
func DidYouMean(name string, candidates []string, n int) string {
	c := Closest(name, candidates, n)
	if len(c) == 0 {
		return ""
	}
	return " (did you mean " + Or(c) + "?)"
}

// Or joins quoted names as "a", "b" or "c".
func Or(names []string) string {
	q := make([]string, len(names))
	for i, s := range names {
		q[i] = `"` + s + `"`
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// SameWords reports whether a and b (snake_case names) differ only in the
// order of their words and in an -ed or -s ending, as when a provider renames
// enable_https_traffic_only to https_traffic_only_enabled.
func SameWords(a, b string) bool {
	if strings.EqualFold(a, b) {
		return false
	}
	wa, wb := words(a), words(b)
	if len(wa) != len(wb) || len(wa) < 2 {
		return false
	}
	sort.Strings(wa)
	sort.Strings(wb)
	for i := range wa {
		if wa[i] != wb[i] {
			return false
		}
	}
	return true
}

func words(s string) []string {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	for i, p := range parts {
		switch {
		case strings.HasSuffix(p, "ed") && len(p) > 4:
			p = strings.TrimSuffix(p, "d")
		case strings.HasSuffix(p, "s") && len(p) > 3:
			p = strings.TrimSuffix(p, "s")
		}
		parts[i] = p
	}
	return parts
}
