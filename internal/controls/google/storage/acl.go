package storage

import (
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gcpiam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// ACL is a legacy access control list grant as judged: the entity of a
// *_access_control resource, or the predefined_acl and role_entity
// ("ROLE:entity") of a *_acl resource.
type ACL struct {
	Entities   []subject.Field[string]
	Predefined subject.Field[string]
	Path       string
	Unknown    bool
}

// decodeAccessControl reads google_storage_bucket_access_control,
// google_storage_object_access_control and
// google_storage_default_object_access_control.
func decodeAccessControl(n subject.Node) ACL {
	e := n.Get("entity").String("")
	return ACL{Entities: []subject.Field[string]{e}, Path: e.Path}
}

// decodeACL reads google_storage_bucket_acl and google_storage_object_acl.
func decodeACL(n subject.Node) ACL {
	a := decodeRoleEntity(n)
	a.Predefined = n.Get("predefined_acl").String("")
	return a
}

// decodeRoleEntity reads the role_entity list of an ACL resource
// (google_storage_default_object_acl has no predefined_acl).
func decodeRoleEntity(n subject.Node) ACL {
	re := n.Get("role_entity").Strings()
	a := ACL{Path: re.Path, Unknown: re.Unknown}
	for _, it := range re.Items {
		_, ent, _ := strings.Cut(it.V, ":")
		it.V = ent
		a.Entities = append(a.Entities, it)
	}
	a.Predefined = subject.Field[string]{Null: true}
	return a
}

// publicPredefined are the predefined ACLs that grant allUsers or
// allAuthenticatedUsers.
var publicPredefined = []string{"publicRead", "publicReadWrite", "authenticatedRead"}

// checkACLNotPublic is CIS 5.1 for the legacy ACLs that bypass IAM.
func checkACLNotPublic(a ACL) engine.Outcome {
	switch judge.Is(a.Predefined, publicPredefined...) {
	case subject.True:
		return engine.Fail(a.Predefined.Path, "predefined_acl %q grants access to everyone", a.Predefined.V)
	case subject.Unknown:
		return judge.Unknown(a.Predefined.Path)
	}
	if a.Unknown {
		return judge.Unknown(a.Path)
	}
	var undecided *engine.Outcome
	for _, e := range a.Entities {
		switch {
		case e.Unknown:
			o := judge.Unknown(e.Path)
			undecided = &o
		case gcpiam.PublicMember(e.V):
			return engine.Fail(e.Path, "%s", fmt.Sprintf("the ACL grants %s access: the data is public", strings.TrimSpace(e.V)))
		}
	}
	if undecided != nil {
		return *undecided
	}
	return engine.Pass()
}
