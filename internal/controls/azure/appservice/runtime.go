package appservice

import (
	"strconv"
	"strings"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// runtimeReviewed is the date the end-of-support table was last reviewed: a
// runtime whose support ended on or before it fails. Judging against a fixed
// date keeps verdicts reproducible; bump it (and the table) when reviewing.
var runtimeReviewed = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// endOfSupport lists, per application_stack argument, language versions and
// the date their upstream support ended (the App Service language support
// policy follows the community end of life): python.org, nodejs.org,
// php.net and the .NET support policy.
var endOfSupport = map[string]map[string]time.Time{
	"python_version": {
		"2.7": day(2020, 1, 1), "3.6": day(2021, 12, 23), "3.7": day(2023, 6, 27),
		"3.8": day(2024, 10, 7), "3.9": day(2025, 10, 31), "3.10": day(2026, 10, 31),
	},
	"node_version": {
		"12": day(2022, 4, 30), "14": day(2023, 4, 30), "16": day(2023, 9, 11),
		"18": day(2025, 4, 30), "20": day(2026, 4, 30),
	},
	"php_version": {
		"5.6": day(2018, 12, 31), "7.0": day(2019, 1, 10), "7.1": day(2019, 12, 1), "7.2": day(2020, 11, 30),
		"7.3": day(2021, 12, 6), "7.4": day(2022, 11, 28), "8.0": day(2023, 11, 26), "8.1": day(2025, 12, 31),
	},
	"dotnet_version": {
		"2.1": day(2021, 8, 21), "3.1": day(2022, 12, 13), "5": day(2022, 5, 10), "6": day(2024, 11, 12),
		"7": day(2024, 5, 14), "8": day(2026, 11, 10), "9": day(2026, 11, 10),
	},
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// runtimeKey reduces a version as azurerm spells it ("3.9", "v8.0", "~18",
// "18-lts", "8.1") to the table's key for the runtime: major.minor for
// Python and PHP, the major for Node.js and .NET (but 2.1, 3.1).
func runtimeKey(arg, v string) (string, bool) {
	v = strings.TrimSpace(strings.ToLower(v))
	v = strings.TrimLeft(v, "v~^=")
	v = strings.TrimSuffix(v, "-lts")
	parts := strings.Split(v, ".")
	major, err := strconv.Atoi(parts[0])
	if err != nil || major < 0 {
		return "", false
	}
	minor := -1
	if len(parts) > 1 {
		if m, err := strconv.Atoi(parts[1]); err == nil {
			minor = m
		}
	}
	switch arg {
	case "python_version", "php_version":
		if minor < 0 {
			return "", false
		}
		return strconv.Itoa(major) + "." + strconv.Itoa(minor), true
	case "dotnet_version":
		if major < 4 && minor >= 0 {
			return strconv.Itoa(major) + "." + strconv.Itoa(minor), true
		}
	}
	return strconv.Itoa(major), true
}

// runtime is one language version of site_config.application_stack.
type runtime struct {
	Arg string
	V   subject.Field[string]
}

// decodeRuntimes reads the application_stack versions the table knows.
func decodeRuntimes(sc subject.Node) []runtime {
	stack := sc.Get("application_stack").Block()
	var out []runtime
	raw := stack.Value()
	if raw.Kind() == subject.KindUnknown {
		return []runtime{{Arg: "application_stack", V: subject.Field[string]{Path: stack.Path(), Unknown: true}}}
	}
	for _, arg := range []string{"python_version", "node_version", "php_version", "dotnet_version"} {
		// Each resource type has some of these arguments: look for the key
		// in the raw value first, so only arguments the type has are read.
		if raw.Kind() != subject.KindObject {
			break
		}
		if _, ok := raw.Attr(arg); !ok {
			continue
		}
		out = append(out, runtime{Arg: arg, V: stack.Get(arg).String("")})
	}
	return out
}

func supportedRuntime(a app) engine.Outcome {
	var undecided *engine.Outcome
	for _, r := range a.Runtimes {
		if r.V.Unknown {
			o := engine.Undecided(r.V.Path, "%s is unknown until apply", r.Arg)
			if undecided == nil {
				undecided = &o
			}
			continue
		}
		if r.V.Null || strings.TrimSpace(r.V.V) == "" {
			continue
		}
		key, ok := runtimeKey(r.Arg, r.V.V)
		if !ok {
			continue // not a version the table can place ("Off", a custom image tag)
		}
		if end, known := endOfSupport[r.Arg][key]; known && !end.After(runtimeReviewed) {
			return engine.Fail(r.V.Path, "%s %q reached end of support on %s: it no longer gets security fixes", r.Arg, r.V.V, end.Format("2006-01-02"))
		}
	}
	if undecided != nil {
		return *undecided
	}
	return engine.Pass()
}
