// Package branchprotection judges how a GitHub repository's branches are
// protected: classic branch protection rules (github_branch_protection) and
// repository and organisation rulesets (github_repository_ruleset,
// github_organization_ruleset) that target the default branch. Reviews, stale approvals, administrators, force pushes, deletions
// and signed commits (CIS GitHub Benchmark v1.0.0 section 1.1).
package branchprotection

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// protection is what one rule or ruleset asks of the branches it covers.
// Each field holds the setting whose true value is the protective one
// (BlockForcePush, not "allows force pushes").
type protection struct {
	Ruleset bool
	// Applies is false for a ruleset that does not target the default
	// branch (or all branches); the controls then have nothing to judge.
	Applies subject.Tri
	Target  string // path explaining why a ruleset does not apply

	Reviews       string // path of the review block
	HasReviews    bool
	ReviewCount   subject.Field[int64]
	DismissStale  subject.Field[bool]
	EnforceAdmins subject.Field[bool] // branch protection: enforce_admins
	Enforcement   subject.Field[string]
	Bypass        []bypass
	BypassPath    string
	// The protective forms: true blocks force pushes, deletions, unsigned
	// commits. For branch protection they are the negation of allows_*.
	BlockForcePush subject.Field[bool]
	BlockDeletion  subject.Field[bool]
	RequireSigned  subject.Field[bool]
}

// bypass is one bypass actor of a ruleset.
type bypass struct {
	Type, Mode subject.Field[string]
}

// not inverts a boolean field, keeping its path, unknown and null marks.
func not(f subject.Field[bool]) subject.Field[bool] {
	f.V = !f.V
	return f
}

// decodeBranchProtection reads github_branch_protection. integrations/github
// plans its booleans false when unset and required_approving_review_count as
// 1 inside a required_pull_request_reviews block.
func decodeBranchProtection(n subject.Node) protection {
	rev := n.Get("required_pull_request_reviews")
	r := rev.Block()
	return protection{
		Applies:        subject.True,
		Reviews:        rev.Path(),
		HasReviews:     !r.IsNull(),
		ReviewCount:    r.Get("required_approving_review_count").Int(1),
		DismissStale:   r.Get("dismiss_stale_reviews").Bool(false),
		EnforceAdmins:  n.Get("enforce_admins").Bool(false),
		BlockForcePush: not(n.Get("allows_force_pushes").Bool(false)),
		BlockDeletion:  not(n.Get("allows_deletions").Bool(false)),
		RequireSigned:  n.Get("require_signed_commits").Bool(false),
	}
}

// defaultBranchRefs are the ruleset ref_name includes that cover the
// default branch.
var defaultBranchRefs = []string{"~DEFAULT_BRANCH", "~ALL"}

// decodeRuleset reads github_repository_ruleset and
// github_organization_ruleset (the same rules for the repositories its
// repository_name or repository_id conditions select). A ruleset applies when it
// targets branches and its conditions include ~DEFAULT_BRANCH or ~ALL.
func decodeRuleset(n subject.Node) protection {
	p := protection{Ruleset: true}
	target := n.Get("target").String("")
	include := n.Get("conditions").Block().Get("ref_name").Block().Get("include").Strings()
	p.Target = include.Path
	switch {
	case target.Unknown:
		p.Applies, p.Target = subject.Unknown, target.Path
	case !strings.EqualFold(target.V, "branch"):
		p.Applies = subject.False
	default:
		p.Applies = include.Any(func(s string) bool {
			for _, ref := range defaultBranchRefs {
				if strings.EqualFold(strings.TrimSpace(s), ref) {
					return true
				}
			}
			return false
		})
	}
	rules := n.Get("rules").Block()
	pr := rules.Get("pull_request")
	b := pr.Block()
	p.Reviews, p.HasReviews = pr.Path(), !b.IsNull()
	p.ReviewCount = b.Get("required_approving_review_count").Int(0)
	p.DismissStale = b.Get("dismiss_stale_reviews_on_push").Bool(false)
	p.Enforcement = n.Get("enforcement").String("")
	actors := n.Get("bypass_actors").Items()
	p.BypassPath = actors.Path
	for _, a := range actors.Items {
		p.Bypass = append(p.Bypass, bypass{Type: a.Get("actor_type").String(""), Mode: a.Get("bypass_mode").String("always")})
	}
	p.BlockForcePush = rules.Get("non_fast_forward").Bool(false)
	p.BlockDeletion = rules.Get("deletion").Bool(false)
	p.RequireSigned = rules.Get("required_signatures").Bool(false)
	return p
}

// applies returns the outcome for a ruleset the controls cannot judge (an
// unknown target) or need not (not the default branch), and ok = false;
// ok = true when the controls judge the protection.
func (p protection) applies() (engine.Outcome, bool) {
	switch p.Applies {
	case subject.Unknown:
		return judge.Unknown(p.Target), false
	case subject.False:
		return engine.Pass(), false
	}
	return engine.Outcome{}, true
}

// reviews: merging needs at least one approving review (CIS GitHub 1.1.3
// asks for two; one is the floor every protected default branch meets).
func reviews(p protection) engine.Outcome {
	if out, ok := p.applies(); !ok {
		return out
	}
	if !p.HasReviews {
		if p.Ruleset {
			return engine.Fail(p.Reviews, "the ruleset has no pull_request rule: changes reach the default branch without review")
		}
		return engine.Fail(p.Reviews, "required_pull_request_reviews is not set: changes reach the branch without review")
	}
	c := p.ReviewCount
	switch {
	case c.Unknown:
		return judge.Unknown(c.Path)
	case c.V < 1:
		return engine.Fail(c.Path, "required_approving_review_count is %d: a change merges without any approval", c.V)
	}
	return engine.Pass()
}

// dismissStale: approvals are dismissed when new commits are pushed (CIS
// GitHub 1.1.4).
func dismissStale(p protection) engine.Outcome {
	if out, ok := p.applies(); !ok {
		return out
	}
	if !p.HasReviews {
		return engine.Fail(p.Reviews, "no review is required, so no approval can be dismissed: require reviews and dismiss stale ones")
	}
	return judge.True(p.DismissStale, "an approval survives new commits pushed after it, which then merge unreviewed")
}

// enforceAdmins: administrators are held to the rules (CIS GitHub 1.1.14):
// enforce_admins for branch protection; for a ruleset, enforcement "active"
// and no actor that may always bypass it.
func enforceAdmins(p protection) engine.Outcome {
	if out, ok := p.applies(); !ok {
		return out
	}
	if !p.Ruleset {
		return judge.True(p.EnforceAdmins, "administrators can push to the branch past every rule")
	}
	if out := judge.OneOf(p.Enforcement, "an evaluate or disabled ruleset enforces nothing", "active"); out.Status != engine.StatusPass {
		return out
	}
	for _, b := range p.Bypass {
		switch judge.Is(b.Mode, "pull_request") {
		case subject.Unknown:
			return judge.Unknown(b.Mode.Path)
		case subject.False:
			return engine.Fail(b.Mode.Path, "bypass actor %s may always bypass the ruleset: limit bypass_mode to \"pull_request\" or remove the actor", b.Type.V)
		}
	}
	return engine.Pass()
}

// noForcePush: force pushes to the branch are refused (CIS GitHub 1.1.16).
func noForcePush(p protection) engine.Outcome {
	if out, ok := p.applies(); !ok {
		return out
	}
	if p.Ruleset {
		return judge.True(p.BlockForcePush, "force pushes can rewrite the default branch's history")
	}
	return protective(p.BlockForcePush, "allows_force_pushes is true: force pushes can rewrite the branch's history")
}

// noDeletion: the branch cannot be deleted (CIS GitHub 1.1.17).
func noDeletion(p protection) engine.Outcome {
	if out, ok := p.applies(); !ok {
		return out
	}
	if p.Ruleset {
		return judge.True(p.BlockDeletion, "the default branch can be deleted")
	}
	return protective(p.BlockDeletion, "allows_deletions is true: the branch can be deleted")
}

// protective judges an inverted allows_* field: V true is the protective
// value, so the failure names the argument as written.
func protective(f subject.Field[bool], msg string) engine.Outcome {
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Pass()
	}
	return engine.Fail(f.Path, "%s", msg)
}

// signedCommits: only signed commits reach the branch (CIS GitHub 1.1.12).
func signedCommits(p protection) engine.Outcome {
	if out, ok := p.applies(); !ok {
		return out
	}
	return judge.True(p.RequireSigned, "unsigned commits are accepted, so their authorship is not verified")
}

// Register adds the branch protection checks to r.
func Register(r *engine.Registry) {
	checks := []engine.Check[protection]{
		{Control: "github-branch-require-reviews", Eval: reviews},
		{Control: "github-branch-dismiss-stale-reviews", Eval: dismissStale},
		{Control: "github-branch-enforce-admins", Eval: enforceAdmins},
		{Control: "github-branch-no-force-push", Eval: noForcePush},
		{Control: "github-branch-no-deletion", Eval: noDeletion},
		{Control: "github-branch-signed-commits", Eval: signedCommits},
	}
	engine.Add(r, "github_branch_protection", decodeBranchProtection, checks...)
	engine.Add(r, "github_repository_ruleset", decodeRuleset, checks...)
	engine.Add(r, "github_organization_ruleset", decodeRuleset, checks...)
}
