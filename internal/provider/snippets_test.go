package provider_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A documentation snippet is a ```hcl or ```terraform block of README.md or
// of a template under templates/. The line before it may be an HTML comment
// (invisible in the rendered docs) that says how to run it:
//
//	<!-- snippet: fragment (why) -->          only `terraform fmt -check`ed
//	<!-- snippet: with FILE [FILE…] -->       planned together with FILEs (repository paths:
//	                                          an example, or the declarations under
//	                                          internal/provider/testdata/snippets)
//	<!-- snippet: with FILE; fails TEXT -->   its plan must fail naming TEXT
//
// Every other snippet must plan as written. The controls reference
// (templates/guides/controls.md.tmpl, generated from the catalog) holds the
// catalog's remediation snippets, which show only the arguments that fix a
// control ("# ..."): they are fragments by nature and are fmt-checked only.
type snippet struct {
	name     string // file:line
	body     string
	fragment bool
	with     []string
	fails    string
}

var snippetMarker = regexp.MustCompile(`^<!--\s*snippet:\s*(.*?)\s*-->$`)

func docSnippets(t *testing.T) []snippet {
	t.Helper()
	files := []string{"../../README.md"}
	for _, pattern := range []string{"../../templates/*.tmpl", "../../templates/*/*.tmpl"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	var out []snippet
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		generated := strings.HasSuffix(f, "guides/controls.md.tmpl")
		var cur *snippet
		prev := ""
		sc := bufio.NewScanner(strings.NewReader(string(src)))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for line := 1; sc.Scan(); line++ {
			text := sc.Text()
			trimmed := strings.TrimSpace(text)
			switch {
			case cur == nil && (trimmed == "```hcl" || trimmed == "```terraform"):
				cur = &snippet{name: fmt.Sprintf("%s:%d", strings.TrimPrefix(f, "../../"), line), fragment: generated}
				if m := snippetMarker.FindStringSubmatch(prev); m != nil {
					for _, part := range strings.Split(m[1], ";") {
						part = strings.TrimSpace(part)
						switch {
						case strings.HasPrefix(part, "fragment"):
							cur.fragment = true
						case strings.HasPrefix(part, "with "):
							cur.with = strings.Fields(strings.TrimPrefix(part, "with "))
						case strings.HasPrefix(part, "fails "):
							cur.fails = strings.TrimPrefix(part, "fails ")
						default:
							t.Errorf("%s: unknown snippet marker %q", cur.name, part)
						}
					}
				}
			case cur != nil && trimmed == "```":
				out = append(out, *cur)
				cur = nil
			case cur != nil:
				cur.body += text + "\n"
			}
			if trimmed != "" {
				prev = trimmed
			}
		}
		if cur != nil {
			t.Errorf("%s: unclosed code block", cur.name)
		}
	}
	return out
}

var cloudResource = regexp.MustCompile(`(?m)^\s*(?:resource|data)\s+"((azurerm|google)_[a-z0-9_]+)"`)

// snippetVersions makes a snippet module that names no required_providers
// use the baseline provider under its registry address.
const snippetVersions = `terraform {
  required_providers {
    baseline = { source = "cloudbaseline/baseline" }
  }
}
`

// snippetModules writes each snippet to plan as a child module under
// dir/snippets and returns the module blocks of those that must plan and,
// per snippet that must fail, its module block and the text it must name.
func snippetModules(t *testing.T, snippets []snippet, dir string) (planned []string, failing [][2]string) {
	t.Helper()
	for i, s := range snippets {
		if s.fragment {
			continue
		}
		name := fmt.Sprintf("s%03d", i)
		mod := filepath.Join(dir, "snippets", name)
		if err := os.MkdirAll(mod, 0o755); err != nil {
			t.Fatal(err)
		}
		all := s.body
		files := map[string][]byte{"snippet.tf": []byte("# " + s.name + "\n" + s.body)}
		for j, w := range s.with {
			src, err := os.ReadFile(filepath.Join("../..", w))
			if err != nil {
				t.Fatalf("%s: with %s: %v", s.name, w, err)
			}
			file := filepath.Base(w)
			if strings.HasSuffix(file, ".tf") {
				file = fmt.Sprintf("with%d_%s", j, file)
				all += string(src)
			}
			files[file] = src
		}
		if m := cloudResource.FindString(all); m != "" {
			t.Errorf("%s: %s needs a stand-in provider; plan it in TestAccExamples_azure/_google or mark the snippet", s.name, strings.TrimSpace(m))
		}
		if !strings.Contains(all, "required_providers") {
			files["versions.tf"] = []byte(snippetVersions)
		}
		for file, src := range files {
			if err := os.WriteFile(filepath.Join(mod, file), src, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		block := fmt.Sprintf("module %q {\n  source = %q\n}\n", name, "./snippets/"+name)
		if s.fails != "" {
			failing = append(failing, [2]string{block, s.fails})
		} else {
			planned = append(planned, block)
		}
	}
	if len(planned) < 12 {
		t.Fatalf("only %d snippets plan: keep fragments few", len(planned))
	}
	return planned, failing
}

// checkSnippetsFmt runs `fmt -check` once over every snippet, one file each.
func checkSnippetsFmt(t *testing.T, cli string, snippets []snippet) {
	t.Helper()
	dir := t.TempDir()
	byFile := map[string]string{}
	for i, s := range snippets {
		file := fmt.Sprintf("s%03d.tf", i)
		byFile[file] = s.name
		if err := os.WriteFile(filepath.Join(dir, file), []byte(s.body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(cli, "fmt", "-check", "-list=true", dir).CombinedOutput()
	if err == nil {
		return
	}
	for _, f := range strings.Fields(string(out)) {
		if name, ok := byFile[filepath.Base(f)]; ok {
			t.Errorf("%s: not `fmt` clean", name)
		}
	}
	if !t.Failed() {
		t.Fatalf("fmt -check: %v\n%s", err, out)
	}
}

// TestDocSnippets_found holds the extraction to the docs without a CLI.
func TestDocSnippets_found(t *testing.T) {
	snippets := docSnippets(t)
	fragments := 0
	for _, s := range snippets {
		if s.fragment && !strings.HasPrefix(s.name, "templates/guides/controls.md.tmpl") {
			fragments++
		}
	}
	if len(snippets) < 250 || fragments > 5 {
		t.Fatalf("%d snippets, %d of them hand-marked fragments: want the docs' snippets and few fragments", len(snippets), fragments)
	}
}
