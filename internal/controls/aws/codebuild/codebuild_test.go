package codebuild

import "testing"

func TestHasCredentials(t *testing.T) {
	for loc, want := range map[string]bool{
		"https://bitbucket.org/example/app.git":                       false,
		"https://ci-bot:ATBBx9f3kLmN@bitbucket.org/example/app.git":   true,
		"https://ghp_abcdefghijklmnop@github.com/example/lib.git":     true,
		"git@bitbucket.org:example/app.git":                           false,
		"assets-bucket/build/assets.zip":                              false,
		"https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app": false,
		"": false,
	} {
		if got := hasCredentials(loc); got != want {
			t.Errorf("hasCredentials(%q) = %v, want %v", loc, got, want)
		}
	}
}
