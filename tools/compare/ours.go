package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Result statuses of one check on one resource, ours or a peer's. Our
// unknown and error count as not passing (fail closed) and are kept apart
// only for the report.
const (
	Pass    = "pass"
	Fail    = "fail"
	Unknown = "unknown"
	Error   = "error"
)

// Resource is our judgement of one resource change of a plan.
type Resource struct {
	Module  string
	Address string
	Type    string
	// Controls holds the status of every control checked on the resource.
	Controls map[string]string
	// Messages holds the message of every control that did not pass.
	Messages map[string]string
	// Companions are the addresses of the resources judged with this one
	// (a bucket's public access block, versioning, ...): peers report some
	// findings of the whole on them.
	Companions []string
}

// Key names the resource across modules: module:address.
func (r *Resource) Key() string { return r.Module + ":" + r.Address }

// Failing lists the controls that did not pass, sorted.
func (r *Resource) Failing() []string {
	var out []string
	for id, st := range r.Controls {
		if st != Pass {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// posture is the pseudo resource type judging a bucket with its companions.
const posture = "aws_s3_bucket_posture"

// companions maps each S3 bucket companion type to its attribute in the posture.
var companions = map[string]string{
	"aws_s3_bucket_public_access_block":                  "public_access_block",
	"aws_s3_bucket_policy":                               "policy",
	"aws_s3_bucket_acl":                                  "acl",
	"aws_s3_bucket_ownership_controls":                   "ownership_controls",
	"aws_s3_bucket_server_side_encryption_configuration": "server_side_encryption_configuration",
	"aws_s3_bucket_logging":                              "logging",
	"aws_s3_bucket_versioning":                           "versioning",
}

type plan struct {
	ResourceChanges []struct {
		Address string `json:"address"`
		Mode    string `json:"mode"`
		Type    string `json:"type"`
		Change  struct {
			Actions      []string `json:"actions"`
			After        any      `json:"after"`
			AfterUnknown any      `json:"after_unknown"`
		} `json:"change"`
	} `json:"resource_changes"`
	Configuration struct {
		RootModule configModule `json:"root_module"`
	} `json:"configuration"`
	// PriorState holds the data sources read at plan.
	PriorState struct {
		Values struct {
			RootModule stateModule `json:"root_module"`
		} `json:"values"`
	} `json:"prior_state"`
}

type stateModule struct {
	Resources []struct {
		Address string `json:"address"`
		Mode    string `json:"mode"`
		Type    string `json:"type"`
		Values  any    `json:"values"`
	} `json:"resources"`
	ChildModules []stateModule `json:"child_modules"`
}

type dataSource struct {
	Address, Type string
	Values        any
}

// dataSources lists the data sources of the module and its children.
func (m *stateModule) dataSources() []dataSource {
	var out []dataSource
	for _, r := range m.Resources {
		if r.Mode == "data" {
			out = append(out, dataSource{r.Address, r.Type, r.Values})
		}
	}
	for i := range m.ChildModules {
		out = append(out, m.ChildModules[i].dataSources()...)
	}
	return out
}

type configModule struct {
	Resources []struct {
		Address string `json:"address"`
		Mode    string `json:"mode"`
		Type    string `json:"type"`
		// Expressions holds an object per argument, a list of them per block.
		Expressions map[string]json.RawMessage `json:"expressions"`
	} `json:"resources"`
	ModuleCalls map[string]struct {
		Module configModule `json:"module"`
	} `json:"module_calls"`
}

// Judge judges every resource change of a plan (`terraform show -json`) of
// module with eng, as the provider would judge `self`: after with
// after_unknown restored; data sources read at plan are judged on their
// values. A bucket is also judged as one posture (aws_s3_bucket_posture) with
// the companions whose bucket argument refers to it, and those results are
// merged into the bucket's, since peers report such findings on the bucket;
// a VPC is judged with the flow logs whose vpc_id refers to it, as the
// catalog asks.
func Judge(eng *engine.Engine, module string, planJSON []byte) ([]*Resource, error) {
	var p plan
	if err := json.Unmarshal(planJSON, &p); err != nil {
		return nil, fmt.Errorf("%s: plan JSON: %w", module, err)
	}
	checked := checkedByType(eng)

	var out []*Resource
	values := map[string]subject.Value{} // address -> restored after
	byConfig := map[string]*Resource{}   // configuration address (no index) -> first instance
	for _, rc := range p.ResourceChanges {
		if rc.Mode != "managed" || rc.Change.After == nil || slices.Equal(rc.Change.Actions, []string{"delete"}) {
			continue
		}
		v, err := schema.Restore(rc.Change.After, rc.Change.AfterUnknown)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", module, rc.Address, err)
		}
		r := &Resource{Module: module, Address: rc.Address, Type: rc.Type, Controls: map[string]string{}, Messages: map[string]string{}}
		if err := judgeInto(eng, r, rc.Type, v, checked[rc.Type]); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", module, rc.Address, err)
		}
		values[rc.Address] = v
		cfg := configAddress(rc.Address)
		if _, ok := byConfig[cfg]; !ok {
			byConfig[cfg] = r
		}
		out = append(out, r)
	}

	// Data sources read at plan (aws_iam_policy_document): wholly known values.
	for _, ds := range p.PriorState.Values.RootModule.dataSources() {
		if _, ok := checked[ds.Type]; !ok {
			continue
		}
		v, err := schema.Restore(ds.Values, nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", module, ds.Address, err)
		}
		r := &Resource{Module: module, Address: ds.Address, Type: ds.Type, Controls: map[string]string{}, Messages: map[string]string{}}
		if err := judgeInto(eng, r, ds.Type, v, checked[ds.Type]); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", module, ds.Address, err)
		}
		out = append(out, r)
	}

	if err := withFlowLogs(eng, module, &p, checked, values, byConfig); err != nil {
		return nil, err
	}
	if err := judgePostures(eng, module, &p, checked, out, values, byConfig); err != nil {
		return nil, err
	}
	return out, nil
}

// checkedByType is, per resource type, the sorted ids of the controls of eng
// that check it.
func checkedByType(eng *engine.Engine) map[string][]string {
	checked := map[string][]string{} // resource type -> control ids
	for id, types := range eng.Checked() {
		for _, t := range types {
			checked[t] = append(checked[t], id)
		}
	}
	for t, ids := range checked {
		sort.Strings(ids)
		checked[t] = slices.Compact(ids)
	}

	return checked
}

// withFlowLogs judges each VPC again with the flow logs whose vpc_id refers to
// it, as the catalog asks: merge(aws_vpc.this, { flow_logs = [aws_flow_log.this] }).
func withFlowLogs(eng *engine.Engine, module string, p *plan, checked map[string][]string, values map[string]subject.Value, byConfig map[string]*Resource) error {
	flowLogs := map[*Resource][]subject.Value{}
	for _, cr := range p.Configuration.RootModule.all("") {
		if cr.Type != "aws_flow_log" || cr.Mode != "managed" || byConfig[cr.Address] == nil {
			continue
		}
		if vpc := referenced(cr.refs["vpc_id"], "aws_vpc", byConfig); vpc != nil {
			flowLogs[vpc] = append(flowLogs[vpc], values[byConfig[cr.Address].Address])
			vpc.Companions = append(vpc.Companions, byConfig[cr.Address].Address)
		}
	}
	for vpc, logs := range flowLogs {
		merged := map[string]subject.Value{}
		v := values[vpc.Address]
		for _, name := range v.AttrNames() {
			merged[name], _ = v.Attr(name)
		}
		merged["flow_logs"] = subject.List(logs...)
		if err := rejudge(eng, vpc, vpc.Type, subject.Object(merged), checked[vpc.Type]); err != nil {
			return fmt.Errorf("%s: %s (with its flow logs): %w", module, vpc.Address, err)
		}
	}

	return nil
}

// judgePostures judges each bucket as a posture with the companions found
// through their bucket argument's references.
func judgePostures(eng *engine.Engine, module string, p *plan, checked map[string][]string, out []*Resource, values map[string]subject.Value, byConfig map[string]*Resource) error {
	postures := map[*Resource]map[string]subject.Value{}
	for _, r := range out {
		if r.Type == "aws_s3_bucket" {
			postures[r] = map[string]subject.Value{"bucket": values[r.Address]}
		}
	}
	for _, cr := range p.Configuration.RootModule.all("") {
		key, ok := companions[cr.Type]
		if !ok || cr.Mode != "managed" {
			continue
		}
		comp := byConfig[cr.Address]
		if comp == nil {
			continue
		}
		bucket := bucketOf(cr.refs["bucket"], cr.bucketName, byConfig, out, values)
		if bucket == nil {
			continue
		}
		if _, taken := postures[bucket][key]; !taken {
			postures[bucket][key] = values[comp.Address]
			bucket.Companions = append(bucket.Companions, comp.Address)
		}
	}
	for _, r := range out {
		attrs, ok := postures[r]
		if !ok {
			continue
		}
		if err := judgeInto(eng, r, posture, subject.Object(attrs), checked[posture]); err != nil {
			return fmt.Errorf("%s: %s (as %s): %w", module, r.Address, posture, err)
		}
	}
	return nil
}

// judgeInto evaluates each of ids on v as resourceType, one control at a
// time so that a control that ran and passed is told from one that did not
// run, and merges the results into r: the worse status wins.
func judgeInto(eng *engine.Engine, r *Resource, resourceType string, v subject.Value, ids []string) error {
	return judge(eng, r, resourceType, v, ids, false)
}

// rejudge is judgeInto where the new results replace the old ones.
func rejudge(eng *engine.Engine, r *Resource, resourceType string, v subject.Value, ids []string) error {
	return judge(eng, r, resourceType, v, ids, true)
}

func judge(eng *engine.Engine, r *Resource, resourceType string, v subject.Value, ids []string, replace bool) error {
	for _, id := range ids {
		verdict, err := eng.Evaluate(resourceType, v, engine.Options{Controls: []string{id}})
		if _, unsupported := err.(*engine.UnsupportedTypeError); unsupported {
			return nil
		}
		if err != nil {
			return err
		}
		st, msg := "", ""
		switch {
		case len(verdict.Findings) > 0:
			f := verdict.Findings[0]
			st, msg = string(f.Status), f.Message
			if f.Attribute != "" {
				msg = f.Attribute + ": " + msg
			}
		case verdict.Passed > 0:
			st = Pass
		default:
			continue // the control did not run on this value
		}
		if replace || rank(st) > rank(r.Controls[id]) {
			r.Controls[id] = st
			delete(r.Messages, id)
			if msg != "" {
				r.Messages[id] = msg
			}
		}
	}
	return nil
}

func rank(st string) int {
	switch st {
	case Pass:
		return 1
	case Unknown, string(engine.StatusWaived):
		return 2
	case Error:
		return 3
	case Fail:
		return 4
	}
	return 0
}

// configAddress strips instance keys: aws_s3_bucket.b["x"] -> aws_s3_bucket.b.
func configAddress(addr string) string {
	var b strings.Builder
	depth := 0
	for _, c := range addr {
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteRune(c)
		}
	}
	return b.String()
}

type configResource struct {
	Address, Mode, Type string
	// refs holds the references of each top-level argument, with module prefix.
	refs       map[string][]string
	bucketName string
}

// all lists the module's resources and those of its calls, with addresses
// as resource_changes spell them (module.x.aws_s3_bucket.b).
func (m *configModule) all(prefix string) []configResource {
	var out []configResource
	for _, r := range m.Resources {
		cr := configResource{Address: prefix + r.Address, Mode: r.Mode, Type: r.Type, refs: map[string][]string{}}
		for arg, raw := range r.Expressions {
			var e struct {
				References    []string `json:"references"`
				ConstantValue any      `json:"constant_value"`
			}
			if json.Unmarshal(raw, &e) != nil { // a block: a list of objects
				continue
			}
			for _, ref := range e.References {
				cr.refs[arg] = append(cr.refs[arg], prefix+ref)
			}
			if s, ok := e.ConstantValue.(string); ok && arg == "bucket" {
				cr.bucketName = s
			}
		}
		out = append(out, cr)
	}
	names := make([]string, 0, len(m.ModuleCalls))
	for name := range m.ModuleCalls {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		call := m.ModuleCalls[name]
		out = append(out, call.Module.all(prefix+"module."+name+".")...)
	}
	return out
}

// referenced returns the resource of type typ that one of refs names: a
// reference is the resource address followed by an attribute
// (aws_s3_bucket.b.id), or the address alone.
func referenced(refs []string, typ string, byConfig map[string]*Resource) *Resource {
	for _, ref := range refs {
		for cut := ref; cut != ""; {
			if r, ok := byConfig[cut]; ok && r.Type == typ {
				return r
			}
			i := strings.LastIndexByte(cut, '.')
			if i < 0 {
				break
			}
			cut = cut[:i]
		}
	}
	return nil
}

// bucketOf finds the aws_s3_bucket a companion's bucket argument names: by
// reference or by a literal bucket name.
func bucketOf(refs []string, name string, byConfig map[string]*Resource, all []*Resource, values map[string]subject.Value) *Resource {
	if r := referenced(refs, "aws_s3_bucket", byConfig); r != nil {
		return r
	}
	if name == "" {
		return nil
	}
	for _, r := range all {
		if r.Type != "aws_s3_bucket" {
			continue
		}
		if b, ok := values[r.Address].Attr("bucket"); ok {
			if s, ok := b.Text(); ok && s == name {
				return r
			}
		}
	}
	return nil
}
