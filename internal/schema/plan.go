package schema

import (
	"fmt"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Restore returns the values of a plan's resource change as `self` holds them
// at plan: after (as encoding/json decodes it) with every path that
// after_unknown marks true made unknown.
func Restore(after, afterUnknown any) (subject.Value, error) {
	v, err := restore(after, afterUnknown, "")
	if err != nil {
		return subject.Null(), err
	}
	return subject.FromGo(v)
}

func restore(value, unknown any, path string) (any, error) {
	if unknown == true {
		return subject.UnknownValue(), nil
	}
	if value == nil {
		return nil, nil // nothing below a null is unknown
	}
	switch u := unknown.(type) {
	case nil, bool:
		return value, nil
	case map[string]any:
		src, ok := value.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: after_unknown has an object where values has %T", path, value)
		}
		out := make(map[string]any, len(src)+len(u))
		for k, v := range src {
			out[k] = v
		}
		for k, sub := range u {
			v, err := restore(src[k], sub, path+"."+k)
			if err != nil {
				return nil, err
			}
			if v != nil {
				out[k] = v
			}
		}
		return out, nil
	case []any:
		src, ok := value.([]any)
		if !ok || len(u) > len(src) {
			return nil, fmt.Errorf("%s: after_unknown has %d elements where values has %v", path, len(u), value)
		}
		out := append([]any(nil), src...)
		for i, sub := range u {
			v, err := restore(src[i], sub, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: after_unknown has %T", path, unknown)
}
