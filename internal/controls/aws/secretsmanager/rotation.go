package secretsmanager

import (
	"errors"
	"fmt"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// maxRotationDays is the longest a secret may go between automatic
// rotations: SecretsManager.4's default maxDaysSinceRotation.
const maxRotationDays = 90

// rotation is the automatic rotation of one secret, as
// aws_secretsmanager_secret_rotation declares it. A live loader fills it from
// DescribeSecret RotationEnabled and RotationRules.
type rotation struct {
	AfterDays subject.Field[int64]
	Schedule  subject.Field[string]
}

// decodeRotation reads aws_secretsmanager_secret_rotation values.
func decodeRotation(n subject.Node) rotation {
	rules := n.Get("rotation_rules").Block()
	return rotation{
		AfterDays: rules.Get("automatically_after_days").Int(0),
		Schedule:  rules.Get("schedule_expression").String(""),
	}
}

// checkRotation is SecretsManager.1 with SecretsManager.4's bound: the
// secret rotates automatically, at least every maxRotationDays days.
func checkRotation(r rotation) engine.Outcome {
	d, s := r.AfterDays, r.Schedule
	switch {
	case d.Unknown:
		return judge.Unknown(d.Path)
	case s.Unknown:
		return judge.Unknown(s.Path)
	case !d.Null && d.V > 0:
		if d.V > maxRotationDays {
			return engine.Fail(d.Path, "automatically_after_days is %d: the secret goes more than %d days without rotation", d.V, maxRotationDays)
		}
		return engine.Pass()
	case s.Null || strings.TrimSpace(s.V) == "":
		return engine.Fail(s.Path, "rotation_rules sets neither automatically_after_days nor schedule_expression: the secret is not rotated automatically")
	}
	days, err := longestGap(s.V)
	if errors.Is(err, errYearBound) {
		return engine.Fail(s.Path, "schedule_expression %q: %v", s.V, err)
	}
	if err != nil {
		return engine.Errored(s.Path, "schedule_expression %q cannot be analysed: %v", s.V, err)
	}
	if days > maxRotationDays {
		return engine.Fail(s.Path, "schedule_expression %q can leave up to %d days between rotations, more than %d", s.V, days, maxRotationDays)
	}
	return engine.Pass()
}

// errYearBound marks a cron schedule whose year field ends the rotation.
var errYearBound = errors.New("the year field limits the schedule to some years, after which the secret is no longer rotated")

// longestGap returns an upper bound, in days, on the time between two runs of
// a Secrets Manager schedule expression: rate(N days|hours) or a six-field
// cron(minutes hours day-of-month month day-of-week year). For cron, k months
// between two months that have a run allow at most 31*k days, plus a few days
// when the day is chosen by weekday (day-of-month "?") or nearest weekday
// ("W"). A day-of-month a month lacks (31 in April) skips that month; February
// is taken as 28 days.
func longestGap(expr string) (int, error) {
	e := strings.TrimSpace(expr)
	lower := strings.ToLower(e)
	switch {
	case strings.HasPrefix(lower, "rate(") && strings.HasSuffix(lower, ")"):
		f := strings.Fields(e[len("rate(") : len(e)-1])
		if len(f) != 2 {
			return 0, fmt.Errorf("rate() takes a number and a unit")
		}
		n, err := strconv.Atoi(f[0])
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("rate() needs a positive whole number, not %q", f[0])
		}
		switch strings.TrimSuffix(strings.ToLower(f[1]), "s") {
		case "day":
			return n, nil
		case "hour":
			return (n + 23) / 24, nil
		}
		return 0, fmt.Errorf("unit %q is not days or hours", f[1])
	case strings.HasPrefix(lower, "cron(") && strings.HasSuffix(lower, ")"):
		f := strings.Fields(e[len("cron(") : len(e)-1])
		if len(f) != 6 {
			return 0, fmt.Errorf("cron() takes six fields (minutes hours day-of-month month day-of-week year), not %d", len(f))
		}
		if y := f[5]; y != "*" && y != "?" {
			return 0, errYearBound
		}
		firstDay, slack, err := dayOfMonth(f[2])
		if err != nil {
			return 0, err
		}
		months, err := monthSet(f[3])
		if err != nil {
			return 0, err
		}
		var runs [12]bool
		runsAtAll := false
		for m := range months {
			runs[m] = months[m] && firstDay <= monthDays[m]
			runsAtAll = runsAtAll || runs[m]
		}
		if !runsAtAll {
			return 0, fmt.Errorf("the schedule never runs: no chosen month has day %d", firstDay)
		}
		gap := 0
		for m := 0; m < 12; m++ {
			if !runs[m] {
				continue
			}
			next := 1
			for !runs[(m+next)%12] {
				next++
			}
			gap = max(gap, next)
		}
		return 31*gap + slack, nil
	}
	return 0, fmt.Errorf("not a rate() or cron() expression")
}

// monthDays are the shortest lengths of the months (February 28).
var monthDays = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// dayOfMonth reads a cron day-of-month field: the earliest day it names (1
// for "*", "?", "L" and the like) and the slack, in days, that weekday-based
// choices add to the bound.
func dayOfMonth(field string) (first, slack int, err error) {
	switch f := strings.ToUpper(field); {
	case f == "*":
		return 1, 0, nil
	case f == "?":
		return 1, 6, nil // chosen by day-of-week: up to six days later in the next month
	case strings.HasPrefix(f, "L"):
		return 1, 3, nil
	}
	first = 32
	for _, part := range strings.Split(field, ",") {
		p := strings.ToUpper(part)
		if strings.HasSuffix(p, "W") {
			p, slack = strings.TrimSuffix(p, "W"), 3
		}
		p, _, _ = strings.Cut(p, "/")
		p, _, _ = strings.Cut(p, "-")
		if p == "*" {
			p = "1"
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 31 {
			return 0, 0, fmt.Errorf("day-of-month %q is not 1-31, *, ?, L or W", part)
		}
		first = min(first, n)
	}
	return first, slack, nil
}

var monthNames = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

func monthNumber(s string) (int, error) {
	for i, n := range monthNames {
		if strings.EqualFold(s, n) {
			return i + 1, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 12 {
		return 0, fmt.Errorf("month %q is not 1-12 or JAN-DEC", s)
	}
	return n, nil
}

// monthSet expands a cron month field ("*", "1,4,7,10", "JAN-JUN", "*/3",
// "2-12/2") into the months it matches (index 0 is January).
func monthSet(field string) ([12]bool, error) {
	var set [12]bool
	for _, part := range strings.Split(field, ",") {
		rng, stepText, hasStep := strings.Cut(part, "/")
		step := 1
		if hasStep {
			n, err := strconv.Atoi(stepText)
			if err != nil || n < 1 {
				return set, fmt.Errorf("month step %q is not a positive number", stepText)
			}
			step = n
		}
		lo, hi := 1, 12
		switch {
		case rng == "*" || rng == "?":
		case strings.Contains(rng, "-"):
			a, b, _ := strings.Cut(rng, "-")
			var err error
			if lo, err = monthNumber(a); err != nil {
				return set, err
			}
			if hi, err = monthNumber(b); err != nil {
				return set, err
			}
		default:
			n, err := monthNumber(rng)
			if err != nil {
				return set, err
			}
			lo, hi = n, n
			if hasStep {
				hi = 12
			}
		}
		if lo > hi {
			return set, fmt.Errorf("month range %q runs backwards", rng)
		}
		for m := lo; m <= hi; m += step {
			set[m-1] = true
		}
	}
	return set, nil
}
