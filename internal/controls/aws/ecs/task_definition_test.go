package ecs

import "testing"

func TestParseContainerDefinitions(t *testing.T) {
	cs, err := parseContainerDefinitions(`[{"name":"app","privileged":"true","readonlyRootFilesystem":true,
		"logConfiguration":{"logDriver":"awsfirelens"},
		"environment":[{"name":"aws_secret_access_key","value":"x"},{"name":"STAGE","value":"prod"}]},{}]`)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("got %d containers", len(cs))
	}
	c := cs[0]
	if !c.Privileged || !c.ReadonlyRoot || c.LogDriver != "awsfirelens" || len(c.PlainCredsEnv) != 1 {
		t.Errorf("first container decoded as %+v", c)
	}
	if cs[1].Name != "#1" || cs[1].LogDriver != "" {
		t.Errorf("unnamed container decoded as %+v", cs[1])
	}
	if _, err := parseContainerDefinitions(`{"name":"app"}`); err == nil {
		t.Error("an object instead of an array parsed")
	}
}
