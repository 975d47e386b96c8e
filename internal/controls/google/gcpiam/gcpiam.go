// Package gcpiam reads Google Cloud IAM grants for the service folders: members
// that mean "everyone" and IAM policy JSON (policy_data), as members, bindings
// or whole policies. Unknown stays undecided, never a pass.
package gcpiam

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// PublicMember reports whether an IAM member is allUsers or
// allAuthenticatedUsers (any case, surrounding spaces ignored).
func PublicMember(m string) bool {
	m = strings.ToLower(strings.TrimSpace(m))
	return m == "allusers" || m == "allauthenticatedusers"
}

// Binding is one role granted to members: a *_iam_member resource (one
// member), a *_iam_binding resource (members), or one binding of a
// *_iam_policy's policy_data. Policy is set when the bindings came from
// policy_data (the path then names policy_data).
type Binding struct {
	Role    subject.Field[string]
	Members subject.StringSeq
}

// Grants is what an IAM resource grants. Err, when set, is a policy_data
// that is not an IAM policy document.
type Grants struct {
	Bindings []Binding
	// Unknown is set when the policy document itself is unknown until apply.
	Unknown bool
	Path    string
	Err     string
}

// DecodeMember reads a *_iam_member resource (role, member).
func DecodeMember(n subject.Node) Grants {
	m := n.Get("member").String("")
	return Grants{Path: m.Path, Bindings: []Binding{{Role: n.Get("role").String(""), Members: subject.StringSeq{Path: m.Path, Items: []subject.Field[string]{m}}}}}
}

// DecodeBinding reads a *_iam_binding resource (role, members).
func DecodeBinding(n subject.Node) Grants {
	ms := n.Get("members").Strings()
	return Grants{Path: ms.Path, Bindings: []Binding{{Role: n.Get("role").String(""), Members: ms}}}
}

// DecodePolicy reads a *_iam_policy resource: policy_data is the JSON of
// an IAM policy ({"bindings":[{"role":…,"members":[…]}]}), usually from
// data.google_iam_policy.
func DecodePolicy(n subject.Node) Grants {
	f := n.Get("policy_data").String("")
	g := Grants{Path: f.Path}
	switch {
	case f.Unknown:
		g.Unknown = true
		return g
	case f.Null || strings.TrimSpace(f.V) == "":
		return g
	}
	var doc struct {
		Bindings []struct {
			Role    string   `json:"role"`
			Members []string `json:"members"`
		} `json:"bindings"`
	}
	if err := json.Unmarshal([]byte(f.V), &doc); err != nil {
		g.Err = fmt.Sprintf("policy_data is not an IAM policy document: %v", err)
		return g
	}
	for i, b := range doc.Bindings {
		at := fmt.Sprintf("%s.bindings[%d]", f.Path, i)
		bd := Binding{Role: subject.Of(b.Role, at+".role"), Members: subject.StringSeq{Path: at + ".members"}}
		for j, m := range b.Members {
			bd.Members.Items = append(bd.Members.Items, subject.Of(m, fmt.Sprintf("%s.members[%d]", at, j)))
		}
		g.Bindings = append(g.Bindings, bd)
	}
	return g
}

// Check judges every member of every binding: bad returns a reason when a
// (role, member) grant is not allowed, "" when it is. An unknown role or
// member that could be bad is undecided.
func (g Grants) Check(bad func(role, member string) string) engine.Outcome {
	if g.Err != "" {
		return engine.Errored(g.Path, "%s", g.Err)
	}
	if g.Unknown {
		return engine.Undecided(g.Path, "the IAM policy is unknown until apply")
	}
	var undecided *engine.Outcome
	note := func(path, what string) {
		if undecided == nil {
			o := engine.Undecided(path, "%s is unknown until apply", what)
			undecided = &o
		}
	}
	for _, b := range g.Bindings {
		if b.Members.Unknown {
			note(b.Members.Path, "the members list")
			continue
		}
		for _, m := range b.Members.Items {
			if m.Unknown {
				note(m.Path, "a member")
				continue
			}
			if b.Role.Unknown {
				// The role decides only when the member could be bad under
				// some role: try the broadest ones.
				if bad("roles/owner", m.V) != "" || bad("roles/iam.serviceAccountUser", m.V) != "" || bad("roles/viewer", m.V) != "" {
					note(b.Role.Path, "the role")
				}
				continue
			}
			if why := bad(b.Role.V, m.V); why != "" {
				return engine.Fail(m.Path, "%s", why)
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	return engine.Pass()
}

// NotPublic fails a grant of any role to allUsers or allAuthenticatedUsers on
// what ("the bucket", "the crypto key").
func NotPublic(what string) func(Grants) engine.Outcome {
	return func(g Grants) engine.Outcome {
		return g.Check(func(role, member string) string {
			if PublicMember(member) {
				return fmt.Sprintf("%s grants %s to %s: %s is public", strings.TrimSpace(member), role, what, what)
			}
			return ""
		})
	}
}
