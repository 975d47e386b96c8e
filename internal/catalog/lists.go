package catalog

import (
	"sort"
	"strings"
)

// Lists are the values the catalog's controls take, for documentation and
// for naming valid values in errors: clouds, services per cloud and the
// frameworks controls map to, each sorted.
type Lists struct {
	Clouds     []string
	Services   map[string][]string // cloud → service names
	Frameworks []string
}

// CatalogLists derives Lists from the built-in catalog (empty when it does not load).
func CatalogLists() Lists {
	l := Lists{Services: map[string][]string{}}
	eng, err := Engine()
	if err != nil {
		return l
	}
	clouds, services, frameworks := map[string]bool{}, map[string]map[string]bool{}, map[string]bool{}
	for _, c := range eng.Controls() {
		clouds[c.Cloud] = true
		if services[c.Cloud] == nil {
			services[c.Cloud] = map[string]bool{}
		}
		services[c.Cloud][c.Service] = true
		for _, f := range c.Frameworks {
			name, _, _ := strings.Cut(f, ":")
			frameworks[name] = true
		}
	}
	l.Clouds = sortedKeys(clouds)
	for cloud, s := range services {
		l.Services[cloud] = sortedKeys(s)
	}
	l.Frameworks = sortedKeys(frameworks)
	return l
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Code renders values as "`a`, `b` and `c`".
func Code(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// ServicesDoc renders the services per cloud: "aws: `s3`, …; azure: …".
func (l Lists) ServicesDoc() string {
	parts := make([]string, 0, len(l.Clouds))
	for _, c := range l.Clouds {
		parts = append(parts, c+": "+Code(l.Services[c]))
	}
	return strings.Join(parts, "; ")
}
