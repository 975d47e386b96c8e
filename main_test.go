package main

import (
	"maps"
	"testing"
)

func TestQuietLogs(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{"no log variable: the SDK loggers are off", map[string]string{"HOME": "/root"},
			map[string]string{"HOME": "/root", "TF_LOG_SDK": "off", "TF_LOG_SDK_PROTO": "off", "TF_LOG_SDK_FRAMEWORK": "off"}},
		{"an empty TF_LOG keeps logs off", map[string]string{"TF_LOG": ""},
			map[string]string{"TF_LOG": "", "TF_LOG_SDK": "off", "TF_LOG_SDK_PROTO": "off", "TF_LOG_SDK_FRAMEWORK": "off"}},
		{"TF_LOG: left as the user asked", map[string]string{"TF_LOG": "trace"}, map[string]string{"TF_LOG": "trace"}},
		{"TF_LOG_PROVIDER: left as the user asked", map[string]string{"TF_LOG_PROVIDER": "debug"}, map[string]string{"TF_LOG_PROVIDER": "debug"}},
		{"an SDK level: left as the user asked", map[string]string{"TF_LOG_SDK_PROTO": "trace"}, map[string]string{"TF_LOG_SDK_PROTO": "trace"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := maps.Clone(tc.env)
			quietLogs(func(k string) (string, bool) { v, ok := env[k]; return v, ok },
				func(k, v string) error { env[k] = v; return nil })
			if !maps.Equal(env, tc.want) {
				t.Errorf("environment %v, want %v", env, tc.want)
			}
		})
	}
}
