package appservice

import "testing"

func TestRuntimeKey(t *testing.T) {
	for _, c := range []struct{ arg, in, want string }{
		{"python_version", "3.9", "3.9"},
		{"python_version", "3", ""},
		{"node_version", "~18", "18"},
		{"node_version", "18-lts", "18"},
		{"node_version", "20-LTS", "20"},
		{"dotnet_version", "v8.0", "8"},
		{"dotnet_version", "3.1", "3.1"},
		{"php_version", "8.1", "8.1"},
		{"php_version", "Off", ""},
	} {
		got, ok := runtimeKey(c.arg, c.in)
		if (c.want == "") == ok || got != c.want {
			t.Errorf("runtimeKey(%s, %q) = %q, %v; want %q", c.arg, c.in, got, ok, c.want)
		}
	}
}

// FuzzRuntimeKey: no version string panics.
func FuzzRuntimeKey(f *testing.F) {
	f.Add("v8.0")
	f.Add("~18")
	f.Fuzz(func(t *testing.T, v string) {
		for _, arg := range []string{"python_version", "node_version", "php_version", "dotnet_version"} {
			_, _ = runtimeKey(arg, v)
		}
	})
}
