package planfile

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// numberPrecision is the precision Terraform's own number values carry.
const numberPrecision = 512

// toValue converts a decoded `after` (or state `values`) into a subject value,
// making unknown every path that unknown (the decoded `after_unknown`) marks
// true. Terraform leaves unknown attributes out of `after` (or writes null),
// so an attribute that only unknown names is added as unknown.
func toValue(x, unknown any) (subject.Value, error) {
	if b, ok := unknown.(bool); ok && b {
		return subject.UnknownValue(), nil
	}
	switch t := x.(type) {
	case nil:
		return subject.Null(), nil
	case bool:
		return subject.Bool(t), nil
	case string:
		return subject.String(t), nil
	case json.Number:
		f, _, err := big.ParseFloat(string(t), 10, numberPrecision, big.ToNearestEven)
		if err != nil {
			return subject.Null(), fmt.Errorf("number %s: %w", t, err)
		}
		return subject.Number(f), nil
	case []any:
		um, _ := unknown.([]any)
		elems := make([]subject.Value, len(t))
		for i, e := range t {
			var u any
			if i < len(um) {
				u = um[i]
			}
			v, err := toValue(e, u)
			if err != nil {
				return subject.Null(), fmt.Errorf("[%d]: %w", i, err)
			}
			elems[i] = v
		}
		return subject.List(elems...), nil
	case map[string]any:
		um, _ := unknown.(map[string]any)
		attrs := make(map[string]subject.Value, len(t)+len(um))
		for k, e := range t {
			v, err := toValue(e, um[k])
			if err != nil {
				return subject.Null(), fmt.Errorf("%s: %w", k, err)
			}
			attrs[k] = v
		}
		for k, u := range um {
			if _, ok := t[k]; ok {
				continue
			}
			if b, ok := u.(bool); ok && b {
				attrs[k] = subject.UnknownValue()
			}
		}
		return subject.Object(attrs), nil
	}
	return subject.Null(), fmt.Errorf("unexpected JSON value of Go type %T", x)
}

// sensitiveTexts collects the text of every scalar of x that the sensitivity
// mask (the decoded `after_sensitive` or `sensitive_values`) marks, so that
// no message quotes one.
func sensitiveTexts(x, mask any, out map[string]bool) {
	if b, ok := mask.(bool); ok && b {
		allTexts(x, out)
		return
	}
	switch m := mask.(type) {
	case []any:
		xs, _ := x.([]any)
		for i := range m {
			if i < len(xs) {
				sensitiveTexts(xs[i], m[i], out)
			}
		}
	case map[string]any:
		xm, _ := x.(map[string]any)
		for k, sub := range m {
			sensitiveTexts(xm[k], sub, out)
		}
	}
}

func allTexts(x any, out map[string]bool) {
	switch t := x.(type) {
	case string:
		if t != "" {
			out[t] = true
		}
	case json.Number:
		out[string(t)] = true
	case bool:
		out[strconv.FormatBool(t)] = true
	case []any:
		for _, e := range t {
			allTexts(e, out)
		}
	case map[string]any:
		for _, e := range t {
			allTexts(e, out)
		}
	}
}

// redactor replaces sensitive texts in messages.
type redactor []string

// Redacted stands in for a sensitive value in a message.
const Redacted = "(sensitive value)"

func newRedactor(texts map[string]bool) redactor {
	if len(texts) == 0 {
		return nil
	}
	out := make(redactor, 0, len(texts))
	for t := range texts {
		out = append(out, t)
	}
	// Longest first, so a value containing another is replaced whole.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func (r redactor) apply(s string) string {
	for _, t := range r {
		if strings.Contains(s, t) {
			s = strings.ReplaceAll(s, t, Redacted)
		}
	}
	return s
}
