package secretsmanager

import (
	"errors"
	"testing"
)

func TestLongestGap(t *testing.T) {
	for expr, want := range map[string]int{
		"rate(30 days)":             30,
		"rate(1 day)":               1,
		"rate(12 hours)":            1,
		"cron(0 16 1 * ? *)":        31,
		"cron(0 16 ? * SUN#1 *)":    37,
		"cron(0 8 1 */2 ? *)":       62,
		"cron(0 8 1 1,4,7,10 ? *)":  93,
		"cron(0 8 15 JAN-DEC ? *)":  31,
		"cron(0 8 31 * ? *)":        62,
		"cron(0 8 L * ? *)":         34,
		"cron(0 8 1 6 ? *)":         372,
		"cron(0 0 1,15 2-12/2 ? *)": 62,
	} {
		got, err := longestGap(expr)
		if err != nil || got != want {
			t.Errorf("longestGap(%q) = %d, %v; want %d", expr, got, err, want)
		}
	}
	for _, expr := range []string{"rate(0 days)", "rate(3 weeks)", "cron(0 8 1 * ?)", "cron(0 8 1 13 ? *)", "at(2025-01-01T00:00:00)", "cron(0 8 32 * ? *)", "cron(0 8 30 2 ? *)"} {
		if _, err := longestGap(expr); err == nil {
			t.Errorf("longestGap(%q): want an error", expr)
		}
	}
	if _, err := longestGap("cron(0 8 1 * ? 2026)"); !errors.Is(err, errYearBound) {
		t.Errorf("a year-bound schedule: got %v", err)
	}
}
