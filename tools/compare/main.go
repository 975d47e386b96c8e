// Command compare is the judging and comparing half of the peer-comparison
// suite (scripts/compare.sh, make compare). For each module folder under
// -modules that holds a plan.json (`terraform show -json`), it judges every
// resource change with the catalog as the provider judges `self`, reads the
// peers' reports beside it (checkov.json, trivy.json), pairs each mapped peer
// check with our control on each resource (tools/compare/mapping.yaml) and
// prints our verdicts, the agreement per tool and every difference with its
// explanation (tools/compare/differences.yaml). It exits 1 when a difference
// is unexplained or an input cannot be read.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

func main() {
	modules := flag.String("modules", "", "folder of module folders, each with plan.json and the peers' reports")
	mappingFile := flag.String("mapping", "tools/compare/mapping.yaml", "mapping table: peer check id -> control id")
	diffFile := flag.String("differences", "tools/compare/differences.yaml", "explained differences")
	versions := flag.String("versions", "", "peer versions for the report: checkov=3.3.30,trivy=0.74.0")
	quiet := flag.Bool("quiet", false, "do not print our verdict of every resource")
	flag.Parse()
	if *modules == "" {
		fmt.Fprintln(os.Stderr, "usage: compare -modules DIR [-mapping FILE] [-differences FILE]")
		os.Exit(2)
	}
	if err := run(*modules, *mappingFile, *diffFile, *versions, *quiet); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run(modulesDir, mappingFile, diffFile, versions string, quiet bool) error {
	eng, err := catalog.Engine()
	if err != nil {
		return err
	}
	mapping, err := LoadMapping(mappingFile, eng)
	if err != nil {
		return err
	}
	diffs, err := LoadDifferences(diffFile, mapping)
	if err != nil {
		return err
	}
	plans, err := findPlans(modulesDir)
	if err != nil {
		return err
	}
	ours, reports, problems, err := readModules(eng, modulesDir, plans)
	if err != nil {
		return err
	}
	printVerdicts(ours, len(reports), quiet)
	fmt.Println()

	c := Compare(ours, reports, mapping, diffs, CheckedTypes(eng))
	vs := map[string]string{}
	for _, kv := range strings.Split(versions, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vs[k] = v
		}
	}
	if err := c.Print(os.Stdout, vs); err != nil {
		return err
	}
	if len(problems) > 0 {
		fmt.Println()
		fmt.Println("Problems:")
		for _, p := range problems {
			fmt.Println("  " + p)
		}
	}
	switch n, u := c.Unexplained(), c.UnlistedChecks(); {
	case n > 0:
		return fmt.Errorf("%d UNEXPLAINED difference(s): explain each in %s (with the cloud's definition that decides it) or fix our control", n, diffFile)
	case u > 0:
		return fmt.Errorf("%d peer check(s) of %s neither mapped nor listed as out of scope in %s", u, strings.Join(ListedClouds, ", "), mappingFile)
	case len(problems) > 0:
		return fmt.Errorf("%d input(s) could not be read", len(problems))
	}
	return nil
}

// findPlans lists the plan.json files below modulesDir, sorted.
func findPlans(modulesDir string) ([]string, error) {
	var plans []string
	err := filepath.WalkDir(modulesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".terraform") {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "plan.json" {
			plans = append(plans, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(plans)
	return plans, nil
}

// readModules judges every plan and reads the peers' reports next to it;
// problems are the inputs that could not be read.
func readModules(eng *engine.Engine, modulesDir string, plans []string) (ours []*Resource, reports map[string]map[string]*PeerReport, problems []string, err error) {
	reports = map[string]map[string]*PeerReport{}
	for _, p := range plans {
		dir := filepath.Dir(p)
		module, _ := filepath.Rel(modulesDir, dir)
		module = filepath.ToSlash(module)
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, nil, err
		}
		rs, err := Judge(eng, module, data)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		ours = append(ours, rs...)
		reports[module] = map[string]*PeerReport{}
		for tool, parse := range map[string]func([]byte) (*PeerReport, error){"checkov": ParseCheckov, "trivy": ParseTrivy} {
			raw, err := os.ReadFile(filepath.Join(dir, tool+".json"))
			if os.IsNotExist(err) {
				continue
			}
			if err == nil {
				var rep *PeerReport
				if rep, err = parse(raw); err == nil {
					reports[module][tool] = rep
					continue
				}
			}
			problems = append(problems, fmt.Sprintf("%s: %v", module, err))
		}
	}
	return ours, reports, problems, nil
}

// printVerdicts prints how many resources were judged and, unless quiet,
// each judged resource's verdict.
func printVerdicts(ours []*Resource, modules int, quiet bool) {
	judged := 0
	for _, r := range ours {
		if len(r.Controls) > 0 {
			judged++
		}
	}
	fmt.Printf("Our verdicts: %d resources in %d modules, %d of them of a type the catalog checks\n", len(ours), modules, judged)
	if !quiet {
		for _, r := range ours {
			if len(r.Controls) == 0 {
				continue
			}
			failing := r.Failing()
			verdict := "pass"
			if len(failing) > 0 {
				parts := make([]string, len(failing))
				for i, id := range failing {
					parts[i] = id
					if st := r.Controls[id]; st != Fail {
						parts[i] += "(" + st + ")"
					}
				}
				verdict = "fail: " + strings.Join(parts, ", ")
			}
			fmt.Printf("  %-70s %-45s %s\n", r.Key(), r.Type, verdict)
		}
	}
}

// CheckedTypes returns, per control id, the resource types it is checked on
// in planned values; a control checked on the bucket posture counts as
// checked on aws_s3_bucket, where Judge reports it.
func CheckedTypes(eng *engine.Engine) map[string][]string {
	out := map[string][]string{}
	for id, types := range eng.Checked() {
		types = slices.Clone(types)
		if slices.Contains(types, posture) && !slices.Contains(types, "aws_s3_bucket") {
			types = append(types, "aws_s3_bucket")
		}
		sort.Strings(types)
		out[id] = slices.Compact(types) // a type with two check groups is listed twice
	}
	return out
}
