// Package vertexai judges Vertex AI Workbench instances
// (google_workbench_instance) and user-managed notebooks
// (google_notebooks_instance): no public IP address and no root access.
package vertexai

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// notebook is a Workbench or notebooks instance as judged.
type notebook struct {
	NoPublicIP  subject.Field[bool]
	DisableRoot subject.Field[string]
}

// decodeWorkbench reads google_workbench_instance: gce_setup.disable_public_ip
// defaults to false; root access is on unless gce_setup.metadata sets
// notebook-disable-root.
func decodeWorkbench(n subject.Node) notebook {
	g := n.Get("gce_setup").Block()
	return notebook{NoPublicIP: g.Get("disable_public_ip").Bool(false), DisableRoot: judge.MapEntry(g.Get("metadata"), "notebook-disable-root")}
}

// decodeNotebook reads google_notebooks_instance: no_public_ip defaults to
// false; root access is on unless metadata sets notebook-disable-root.
func decodeNotebook(n subject.Node) notebook {
	return notebook{NoPublicIP: n.Get("no_public_ip").Bool(false), DisableRoot: judge.MapEntry(n.Get("metadata"), "notebook-disable-root")}
}

// checkNoPublicIP: the instance has no external IP address.
func checkNoPublicIP(nb notebook) engine.Outcome {
	return judge.True(nb.NoPublicIP, "the notebook VM gets an external IP address")
}

// checkNoRoot: users of the notebook cannot become root.
func checkNoRoot(nb notebook) engine.Outcome {
	f := nb.DisableRoot
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null:
		return engine.Fail(f.Path, "metadata notebook-disable-root is not set: notebook users have root (sudo) access")
	case judge.Truthy(f.V):
		return engine.Pass()
	}
	return engine.Fail(f.Path, "metadata notebook-disable-root is %q: notebook users have root (sudo) access", f.V)
}

// Register adds the Vertex AI checks to r.
func Register(r *engine.Registry) {
	for rt, dec := range map[string]func(subject.Node) notebook{"google_workbench_instance": decodeWorkbench, "google_notebooks_instance": decodeNotebook} {
		engine.Add(r, rt, dec,
			engine.Check[notebook]{Control: "google-vertexai-notebook-no-public-ip", Eval: checkNoPublicIP},
			engine.Check[notebook]{Control: "google-vertexai-notebook-no-root", Eval: checkNoRoot})
	}
}
