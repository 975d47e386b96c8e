package planfile

import (
	"encoding/json"
	"strings"
)

// configIndex holds, per configuration address of a companion resource
// block (module.app.aws_s3_bucket_versioning.this), the references of the
// attribute that names what it belongs to (bucket, vpc_id).
type configIndex map[string][]string

type configModuleJSON struct {
	Resources []struct {
		Address     string                     `json:"address"`
		Mode        string                     `json:"mode"`
		Type        string                     `json:"type"`
		Expressions map[string]json.RawMessage `json:"expressions"`
	} `json:"resources"`
	ModuleCalls map[string]struct {
		Module *configModuleJSON `json:"module"`
	} `json:"module_calls"`
}

type expressionJSON struct {
	References []string `json:"references"`
}

// configuration reads the plan's configuration: only the references of the
// companion attributes are kept. The configuration is as large as the code,
// not the estate, so it is decoded as a whole.
func (r *reader) configuration() error {
	var c struct {
		RootModule configModuleJSON `json:"root_module"`
	}
	if err := r.dec.Decode(&c); err != nil {
		return readErr(err, "configuration")
	}
	r.config.add("", &c.RootModule, 0)
	return nil
}

// maxModuleDepth bounds the nesting of module calls read.
const maxModuleDepth = 64

func (ci configIndex) add(prefix string, m *configModuleJSON, depth int) {
	if m == nil || depth > maxModuleDepth {
		return
	}
	for _, res := range m.Resources {
		attr, ok := ownerAttr[res.Type]
		if !ok || res.Mode == "data" {
			continue
		}
		raw, ok := res.Expressions[attr]
		if !ok {
			continue
		}
		var e expressionJSON
		if json.Unmarshal(raw, &e) != nil {
			continue
		}
		ci[joinAddr(prefix, res.Address)] = e.References
	}
	for name, call := range m.ModuleCalls {
		ci.add(joinAddr(prefix, "module."+name), call.Module, depth+1)
	}
}

// refTarget finds, among the references of a companion, the one to a resource
// of ownerType: its name and its instance key ("" when the reference has
// none), such as aws_s3_bucket.this[0].id → ("this", "0").
func refTarget(refs []string, ownerType string) (name, key string, ok bool) {
	best := -1
	for i, ref := range refs {
		rest, found := strings.CutPrefix(ref, ownerType+".")
		if !found {
			continue
		}
		n, k := splitRef(rest)
		if n == "" {
			continue
		}
		// Prefer the most specific reference (with a key).
		if best < 0 || (k != "" && key == "") {
			best, name, key = i, n, k
		}
	}
	return name, key, best >= 0
}

// splitRef splits this[0].id into ("this", "0") and this["a"] into
// ("this", "\"a\"").
func splitRef(s string) (name, key string) {
	end := strings.IndexAny(s, ".[")
	if end < 0 {
		return s, ""
	}
	name = s[:end]
	if s[end] == '[' {
		if c := closing(s[end:]); c > 0 {
			key = s[end+1 : end+c]
		}
	}
	return name, key
}

// closing returns the index of the ] that closes the [ at s[0], skipping
// quoted strings, or -1.
func closing(s string) int {
	inStr, esc := false, false
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr:
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == ']':
			return i
		}
	}
	return -1
}
