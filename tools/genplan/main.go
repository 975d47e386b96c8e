// Command genplan writes the JSON of a large, real-shaped saved plan for
// benchmarks: it replicates the module instances of template plans (real
// `terraform show -json` outputs of hashicorp/aws 5.100.0 resources and of the
// azurerm and google schema stand-ins) as instances of for_each module calls,
// until the plan holds -n resource instances. Companions stay in their
// module instance with their bucket or VPC, and every value `after_unknown`
// marks in a template stays unknown; names are made unique per instance.
//
//	go run ./tools/genplan -n 10000 -o plan.json
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

var templates = []string{
	"internal/planfile/testdata/modules-plan.json",
	"internal/planfile/testdata/standin-azure-google-plan.json",
	"tools/genplan/testdata/aws-template-plan.json",
}

type plan struct {
	FormatVersion    string           `json:"format_version"`
	TerraformVersion string           `json:"terraform_version"`
	ResourceChanges  []map[string]any `json:"resource_changes"`
	Configuration    struct {
		ProviderConfig map[string]any `json:"provider_config"`
		RootModule     configModule   `json:"root_module"`
	} `json:"configuration"`
}

type configModule struct {
	Resources   []map[string]any          `json:"resources,omitempty"`
	ModuleCalls map[string]map[string]any `json:"module_calls,omitempty"`
}

// group is one module instance of a template plan: its managed resource
// changes and its configuration.
type group struct {
	name    string
	changes []map[string]any
	config  any
}

func main() {
	n := flag.Int("n", 10000, "resource instances to write")
	out := flag.String("o", "plan.json", "output file")
	flag.Parse()
	if err := run(*n, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genplan:", err)
		os.Exit(1)
	}
}

func run(n int, out string) error {
	var groups []group
	providerConfig := map[string]any{}
	version := ""
	for ti, file := range templates {
		b, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		var p plan
		if err := json.Unmarshal(b, &p); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		version = p.TerraformVersion
		for k, v := range p.Configuration.ProviderConfig {
			providerConfig[k] = v
		}
		byModule := map[string][]map[string]any{}
		for _, rc := range p.ResourceChanges {
			if rc["mode"] != "managed" {
				continue
			}
			m, _ := rc["module_address"].(string)
			byModule[m] = append(byModule[m], rc)
		}
		mods := make([]string, 0, len(byModule))
		for m := range byModule {
			mods = append(mods, m)
		}
		sort.Strings(mods)
		for _, m := range mods {
			cfg := p.Configuration.RootModule
			if m != "" {
				call := strings.TrimPrefix(stripKeys(m), "module.")
				mc, ok := cfg.ModuleCalls[call]
				if !ok {
					return fmt.Errorf("%s: no configuration for %s", file, m)
				}
				groups = append(groups, group{name: fmt.Sprintf("t%d_%s", ti, call), changes: byModule[m], config: mc["module"]})
				continue
			}
			groups = append(groups, group{name: fmt.Sprintf("t%d_root", ti), changes: byModule[m], config: configModule{Resources: cfg.Resources}})
		}
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := &writer{w: bufio.NewWriterSize(f, 1<<20)}
	w.printf(`{"format_version":"1.2","terraform_version":%q,"planned_values":{"root_module":{"child_modules":[`, version)
	// planned_values, then resource_changes, then prior_state and
	// configuration, in the order Terraform writes them.
	count := 0
	type inst struct {
		g   *group
		key string
	}
	var insts []inst
	for i := 0; count < n; i++ {
		g := &groups[i%len(groups)]
		insts = append(insts, inst{g, fmt.Sprintf("%05d", i)})
		count += len(g.changes)
	}
	for i, in := range insts {
		if i > 0 {
			w.printf(",")
		}
		mod := fmt.Sprintf(`module.%s[%q]`, in.g.name, in.key)
		w.printf(`{"address":%q,"resources":[`, mod)
		for j, rc := range in.g.changes {
			if j > 0 {
				w.printf(",")
			}
			c := rename(rc, mod, in.key)
			change := c["change"].(map[string]any)
			w.json(map[string]any{"address": c["address"], "mode": "managed", "type": c["type"], "name": c["name"], "index": c["index"],
				"provider_name": c["provider_name"], "schema_version": 0, "values": change["after"], "sensitive_values": change["after_sensitive"]})
		}
		w.printf("]}")
	}
	w.printf(`]}},"resource_changes":[`)
	first := true
	for _, in := range insts {
		mod := fmt.Sprintf(`module.%s[%q]`, in.g.name, in.key)
		for _, rc := range in.g.changes {
			if !first {
				w.printf(",\n")
			}
			first = false
			w.json(rename(rc, mod, in.key))
		}
	}
	w.printf(`],"prior_state":{"format_version":"1.0","terraform_version":%q,"values":{"root_module":{}}},"configuration":`, version)
	calls := map[string]any{}
	for _, g := range groups {
		calls[g.name] = map[string]any{"source": "./modules/" + g.name, "for_each_expression": map[string]any{"references": []string{"local.keys"}}, "module": g.config}
	}
	w.json(map[string]any{"provider_config": providerConfig, "root_module": map[string]any{"module_calls": calls}})
	w.printf(`,"applyable":true,"complete":true,"errored":false}`)
	if w.err == nil {
		w.err = w.w.Flush()
	}
	if w.err != nil {
		return w.err
	}
	fmt.Fprintf(os.Stderr, "genplan: %d resource instances in %d module instances of %d template modules written to %s\n", count, len(insts), len(groups), out)
	return nil
}

// rename places a template change in module instance mod: its address, its
// module address and every string that holds a template name made unique.
func rename(rc map[string]any, mod, key string) map[string]any {
	c := map[string]any{}
	for k, v := range rc {
		c[k] = v
	}
	local := rc["type"].(string) + "." + rc["name"].(string)
	if idx, ok := rc["index"]; ok && idx != nil {
		b, _ := json.Marshal(idx)
		local += "[" + string(b) + "]"
	}
	c["address"] = mod + "." + local
	c["module_address"] = mod
	ch := map[string]any{}
	for k, v := range rc["change"].(map[string]any) {
		ch[k] = v
	}
	ch["after"] = uniq(ch["after"], key)
	c["change"] = ch
	return c
}

// uniq suffixes the names that must be unique per instance.
func uniq(v any, key string) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := make(map[string]any, len(m))
	for k, x := range m {
		out[k] = x
		switch k {
		case "bucket", "name", "identifier", "target_prefix":
			if s, ok := x.(string); ok && s != "" {
				out[k] = s + "-" + key
			}
		}
	}
	return out
}

func stripKeys(addr string) string {
	var b strings.Builder
	depth := 0
	inStr := false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inStr:
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
		case depth > 0 && c == '"':
			inStr = true
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

type writer struct {
	w   *bufio.Writer
	err error
}

func (w *writer) printf(format string, args ...any) {
	if w.err == nil {
		_, w.err = fmt.Fprintf(w.w, format, args...)
	}
}

func (w *writer) json(v any) {
	if w.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		w.err = err
		return
	}
	_, w.err = w.w.Write(b)
}
