package planfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/s3"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/vpc"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Options select what is judged and how.
type Options struct {
	Engine *engine.Engine
	// Eval selects and tunes the controls, as for `self`. Its waivers may also
	// match `address` and `module_address` (globs on the instance's address
	// and its module's: `module.legacy.aws_s3_bucket.*`), besides attributes.
	Eval engine.Options
	// Modules are globs on module addresses ("root" is the root module):
	// an instance is judged when its module, or a module above it, matches
	// one of them (all when none is given) and none of those prefixed "!".
	Modules []string
}

// Summary is what was judged of one instance address.
type Summary struct {
	Type    string
	Passed  int
	Failed  int
	Unknown int
	Waived  int
	Errored int
}

// Result is the judgement of a whole plan or state.
type Result struct {
	Kind             string // KindPlan or KindState
	FormatVersion    string
	TerraformVersion string
	// Verdict holds every finding (each with Address and ModuleAddress) and
	// the counts over all instances; Compliant as for one value.
	Verdict engine.Verdict
	// Resources maps each judged or present instance address to its summary.
	Resources map[string]*Summary
	// ResourceTypes are the types present that some control judges, sorted.
	ResourceTypes []string
	// UnjudgedTypes are the types present that no control judges, sorted.
	UnjudgedTypes []string
}

// ReadFile judges the plan or state JSON at path.
func ReadFile(path string, opts Options) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &Error{Problem: ProblemMissing, Detail: fmt.Sprintf("%s does not exist; %s", path, howToMake), Err: err}
		}
		return nil, &Error{Problem: ProblemUnreadable, Detail: err.Error(), Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		return nil, &Error{Problem: ProblemUnreadable, Detail: path + " is a directory; " + howToMake}
	}
	return Read(f, opts)
}

// Read judges plan or state JSON read from r.
func Read(r io.Reader, opts Options) (*Result, error) {
	if opts.Engine == nil {
		return nil, errors.New("planfile: no engine")
	}
	j := newJudge(opts)
	rd := newReader(r, j.take)
	rd.config = j.config
	if err := rd.run(); err != nil {
		return nil, err
	}
	j.finish()
	res := j.result()
	res.Kind, res.FormatVersion, res.TerraformVersion = rd.kind, rd.format, rd.tfVersion
	return res, nil
}

// The companion families judged together, keyed by the owner's type: the
// companion types and, for each, the key of the owner's posture values that
// holds it.
var (
	s3Companions = map[string]string{
		"aws_s3_bucket_public_access_block":                  s3.KeyPublicAccessBlock,
		"aws_s3_bucket_policy":                               s3.KeyPolicy,
		"aws_s3_bucket_acl":                                  s3.KeyACL,
		"aws_s3_bucket_ownership_controls":                   s3.KeyOwnership,
		"aws_s3_bucket_server_side_encryption_configuration": s3.KeyEncryption,
		"aws_s3_bucket_logging":                              s3.KeyLogging,
		"aws_s3_bucket_versioning":                           s3.KeyVersioning,
	}
	// ownerAttr is the attribute of a companion that names its owner.
	ownerAttr = map[string]string{"aws_flow_log": "vpc_id"}
)

func init() {
	for t := range s3Companions {
		ownerAttr[t] = "bucket"
	}
}

// DataSourceTypes are the data sources judged: those whose values the
// catalog's controls read (a data source may share its name with a resource
// type of another shape, such as data.aws_s3_bucket, so only these are).
var DataSourceTypes = map[string]bool{"aws_iam_policy_document": true}

const (
	typeBucket  = "aws_s3_bucket"
	typePosture = "aws_s3_bucket_posture"
	typeVPC     = "aws_vpc"
	typeFlowLog = "aws_flow_log"
)

// held is an instance of a companion family, kept until the end.
type held struct {
	in     *instance
	value  subject.Value
	redact redactor
	owner  *held // the bucket or VPC it was matched to
	kids   []*held
}

type judge struct {
	opts     Options
	eval     engine.Options // without waivers: judge applies them by address
	waivers  []addrWaiver
	include  []string
	exclude  []string
	config   configIndex
	total    engine.Verdict
	res      map[string]*Summary
	judged   map[string]bool // types with checks
	unjudged map[string]bool
	held     map[string][]*held // by module address
	modOrder []string
}

// addrWaiver is a waiver whose match may name the instance address.
type addrWaiver struct {
	w         engine.Waiver // the attribute part of the match
	address   string
	module    string
	hasAddr   bool
	hasModule bool
}

func newJudge(opts Options) *judge {
	j := &judge{
		opts: opts, eval: opts.Eval, config: configIndex{},
		total:  engine.Verdict{ResourceType: "plan", Findings: []engine.Finding{}},
		res:    map[string]*Summary{},
		judged: map[string]bool{}, unjudged: map[string]bool{}, held: map[string][]*held{},
	}
	j.eval.Waivers = nil
	for _, w := range opts.Eval.Waivers {
		aw := addrWaiver{w: w}
		rest := map[string]string{}
		for k, p := range w.Match {
			switch k {
			case "address":
				aw.address, aw.hasAddr = p, true
			case "module_address":
				aw.module, aw.hasModule = p, true
			default:
				rest[k] = p
			}
		}
		aw.w.Match = rest
		j.waivers = append(j.waivers, aw)
	}
	for _, m := range opts.Modules {
		if p, ok := strings.CutPrefix(m, "!"); ok {
			j.exclude = append(j.exclude, p)
		} else {
			j.include = append(j.include, m)
		}
	}
	return j
}

// selectedModule applies Options.Modules to a module address.
func (j *judge) selectedModule(module string) bool {
	if len(j.include) == 0 && len(j.exclude) == 0 {
		return true
	}
	chain := moduleChain(module)
	matchAny := func(globs []string) bool {
		for _, g := range globs {
			for _, m := range chain {
				if Glob(g, m) {
					return true
				}
			}
		}
		return false
	}
	if len(j.include) > 0 && !matchAny(j.include) {
		return false
	}
	return !matchAny(j.exclude)
}

// moduleChain lists a module address and the modules above it:
// module.a.module.b → module.a.module.b, module.a; the root module is "root".
func moduleChain(module string) []string {
	if module == "" {
		return []string{"root"}
	}
	out := []string{}
	for m := module; m != ""; {
		out = append(out, m)
		i := strings.LastIndex(m, ".module.")
		if i < 0 {
			break
		}
		m = m[:i]
	}
	return out
}

// take receives each instance as the reader meets it.
func (j *judge) take(in *instance) error {
	if !j.selectedModule(in.ModuleAddress) || (in.Mode == "data" && !DataSourceTypes[in.Type]) {
		return nil
	}
	v, err := toValue(in.raw, in.unknown)
	texts := map[string]bool{}
	if in.sensitive != nil {
		sensitiveTexts(in.raw, in.sensitive, texts)
	}
	red := newRedactor(texts)
	in.raw, in.unknown, in.sensitive = nil, nil, nil
	if err != nil {
		j.unreadable(in, red, err)
		return nil
	}
	if in.Mode == "managed" && isFamily(in.Type) {
		if _, ok := j.held[in.ModuleAddress]; !ok {
			j.modOrder = append(j.modOrder, in.ModuleAddress)
		}
		j.held[in.ModuleAddress] = append(j.held[in.ModuleAddress], &held{in: in, value: v, redact: red})
		return nil
	}
	j.judgeOne(in, in.Type, v, red, nil)
	return nil
}

func isFamily(t string) bool {
	if t == typeBucket || t == typeVPC || t == typeFlowLog {
		return true
	}
	_, ok := s3Companions[t]
	return ok
}

// summary returns the summary of an address, creating it.
func (j *judge) summary(addr, typ string) *Summary {
	s, ok := j.res[addr]
	if !ok {
		s = &Summary{Type: typ}
		j.res[addr] = s
	}
	return s
}

// unreadable records an instance whose values cannot be judged.
func (j *judge) unreadable(in *instance, red redactor, err error) {
	s := j.summary(in.Address, in.Type)
	f := engine.Finding{
		ControlID: UnreadableControl, Title: "Resource values can be judged", Severity: engine.SeverityHigh,
		Status: engine.StatusError, ResourceType: in.Type, Address: in.Address, ModuleAddress: in.ModuleAddress,
		Message:     red.apply(fmt.Sprintf("the values of %s cannot be judged: %s", in.Address, err)),
		Remediation: "Report this plan shape to the provider's maintainers; the resource was not judged.",
	}
	s.Errored++
	j.total.Add(f)
}

// UnreadableControl is the control id of the error finding of an instance
// whose values cannot be judged (never a pass).
const UnreadableControl = "baseline-plan-values-readable"

// target is where a finding is reported: an instance, its values (for
// waivers) and its redactor.
type target struct {
	in     *instance
	value  subject.Value
	redact redactor
}

// route, when not nil, re-addresses a posture finding to the companion that
// holds its attribute.
type route func(f *engine.Finding) target

// judgeOne judges values v of an instance under resourceType.
func (j *judge) judgeOne(in *instance, resourceType string, v subject.Value, red redactor, rt route) {
	if j.unjudged[resourceType] {
		j.summary(in.Address, in.Type)
		return
	}
	verdict, err := j.opts.Engine.Evaluate(resourceType, v, j.eval)
	if err != nil {
		var unsupported *engine.UnsupportedTypeError
		if errors.As(err, &unsupported) {
			j.unjudged[resourceType] = true
			j.summary(in.Address, in.Type)
			return
		}
		j.unreadable(in, red, err)
		return
	}
	j.judged[in.Type] = true
	own := j.summary(in.Address, in.Type)
	own.Passed += verdict.Passed
	j.total.Passed += verdict.Passed
	for _, f := range verdict.Findings {
		t := target{in: in, value: v, redact: red}
		if rt != nil {
			t = rt(&f)
		}
		f.ResourceType = t.in.Type
		f.Address, f.ModuleAddress = t.in.Address, t.in.ModuleAddress
		f.Message = t.redact.apply(f.Message)
		if w := j.waiverFor(f.ControlID, t); w != nil && f.Status != engine.StatusError {
			f.Waiver = w
			if w.Active() {
				f.Status = engine.StatusWaived
			}
		}
		s := j.summary(t.in.Address, t.in.Type)
		switch f.Status {
		case engine.StatusFail:
			s.Failed++
		case engine.StatusUnknown:
			s.Unknown++
		case engine.StatusWaived:
			s.Waived++
		case engine.StatusError:
			s.Errored++
		}
		j.total.Add(f)
	}
}

// waiverFor returns the first active waiver of control id that matches the
// target, else the first expired one.
func (j *judge) waiverFor(id string, t target) *engine.Waiver {
	var expired *engine.Waiver
	for i := range j.waivers {
		aw := &j.waivers[i]
		if aw.w.ControlID != id {
			continue
		}
		if aw.hasAddr && !Glob(aw.address, t.in.Address) {
			continue
		}
		if aw.hasModule && !Glob(aw.module, orRootModule(t.in.ModuleAddress)) {
			continue
		}
		if len(aw.w.Match) > 0 && (engine.Waivers{aw.w}).For(id, t.value) == nil {
			continue
		}
		if aw.w.Active() {
			return &aw.w
		}
		if expired == nil {
			expired = &aw.w
		}
	}
	return expired
}

func orRootModule(m string) string {
	if m == "" {
		return "root"
	}
	return m
}

// finish matches the held companions to their owners, module by module, and
// judges them.
func (j *judge) finish() {
	for _, mod := range j.modOrder {
		hs := j.held[mod]
		byAddr := map[string]*held{}
		for _, h := range hs {
			byAddr[h.in.Address] = h
		}
		for _, h := range hs {
			switch {
			case h.in.Type == typeFlowLog:
				j.attach(h, typeVPC, "id", hs, byAddr)
			case s3Companions[h.in.Type] != "":
				j.attach(h, typeBucket, "bucket", hs, byAddr)
			}
		}
		for _, h := range hs {
			switch {
			case h.in.Type == typeBucket:
				j.judgeBucket(h)
			case h.in.Type == typeVPC:
				j.judgeVPC(h)
			case h.owner == nil:
				j.judgeOne(h.in, h.in.Type, h.value, h.redact, nil)
			}
		}
		delete(j.held, mod)
	}
}

// attach finds the owner (of ownerType) of companion c in its module: the
// resource its configuration refers to (the same instance key when the
// reference has none and the owner has several instances), else the one
// whose known name (nameAttr, or id) equals the companion's owner attribute.
func (j *judge) attach(c *held, ownerType, nameAttr string, hs []*held, byAddr map[string]*held) {
	attr := ownerAttr[c.in.Type]
	var owner *held
	if refs, ok := j.config[c.in.configAddr()]; ok {
		if name, key, found := refTarget(refs, ownerType); found {
			base := joinAddr(c.in.ModuleAddress, ownerType+"."+name)
			var candidates []*held
			for _, h := range hs {
				if h.in.Type == ownerType && h.in.Name == name {
					candidates = append(candidates, h)
				}
			}
			if key != "" {
				owner = byAddr[base+"["+key+"]"] // a literal key: this[0], this["eu"]
			}
			switch {
			case owner != nil:
			case len(candidates) == 1:
				owner = candidates[0]
			default:
				// this[count.index], this[each.key]: the companion's own key.
				owner = byAddr[base+keySuffix(c.in.Key)]
			}
		}
	}
	if owner == nil {
		name, ok := c.value.Attr(attr)
		if s, isText := name.Text(); ok && isText && s != "" {
			for _, h := range hs {
				if h.in.Type != ownerType {
					continue
				}
				if textAttr(h.value, nameAttr) == s || textAttr(h.value, "id") == s {
					owner = h
					break
				}
			}
		}
	}
	if owner == nil {
		return
	}
	if ownerType == typeBucket {
		// One companion of each kind: a second is judged on its own.
		for _, k := range owner.kids {
			if k.in.Type == c.in.Type {
				return
			}
		}
	}
	c.owner = owner
	owner.kids = append(owner.kids, c)
}

func keySuffix(k string) string {
	if k == "" {
		return ""
	}
	return "[" + k + "]"
}

func textAttr(v subject.Value, name string) string {
	a, ok := v.Attr(name)
	if !ok {
		return ""
	}
	s, _ := a.Text()
	return s
}

// judgeBucket judges a bucket and its companions as one posture; each
// finding is reported on the resource that holds its attribute.
func (j *judge) judgeBucket(b *held) {
	attrs := map[string]subject.Value{"bucket": b.value}
	byKey := map[string]*held{}
	red := append(redactor{}, b.redact...)
	for _, k := range b.kids {
		key := s3Companions[k.in.Type]
		attrs[key] = k.value
		byKey[key] = k
		red = append(red, k.redact...)
		j.summary(k.in.Address, k.in.Type)
		j.judged[k.in.Type] = true
	}
	// A posture message may quote any member's value: redact them all.
	own := target{in: b.in, value: b.value, redact: red}
	rt := func(f *engine.Finding) target {
		head, rest := splitAttr(f.Attribute)
		if head == "bucket" {
			f.Attribute = rest
			return own
		}
		if k, ok := byKey[head]; ok {
			f.Attribute = rest
			return target{in: k.in, value: k.value, redact: red}
		}
		return own
	}
	j.judgeOne(b.in, typePosture, subject.Object(attrs), red, rt)
}

// judgeVPC judges a VPC with the flow logs that refer to it.
func (j *judge) judgeVPC(v *held) {
	logs := make([]subject.Value, 0, len(v.kids))
	red := append(redactor{}, v.redact...)
	for _, k := range v.kids {
		logs = append(logs, k.value)
		red = append(red, k.redact...)
		j.summary(k.in.Address, k.in.Type)
		j.judged[k.in.Type] = true
	}
	attrs := map[string]subject.Value{}
	for _, name := range v.value.AttrNames() {
		a, _ := v.value.Attr(name)
		attrs[name] = a
	}
	attrs[vpc.KeyFlowLogs] = subject.List(logs...)
	own := target{in: v.in, value: v.value, redact: red}
	rt := func(f *engine.Finding) target {
		if strings.HasPrefix(f.Attribute, vpc.KeyFlowLogs+"[") {
			i := 0
			if _, err := fmt.Sscanf(f.Attribute, vpc.KeyFlowLogs+"[%d]", &i); err == nil && i >= 0 && i < len(v.kids) {
				k := v.kids[i]
				_, rest := splitAttr(strings.TrimPrefix(f.Attribute, fmt.Sprintf("%s[%d]", vpc.KeyFlowLogs, i)))
				f.Attribute = rest
				return target{in: k.in, value: k.value, redact: red}
			}
		}
		return own
	}
	j.judgeOne(v.in, typeVPC, subject.Object(attrs), red, rt)
}

// splitAttr splits "public_access_block.block_public_acls" into its first
// step and the rest ("" when none).
func splitAttr(a string) (head, rest string) {
	i := strings.IndexAny(a, ".[")
	if i < 0 {
		return a, ""
	}
	head, rest = a[:i], a[i:]
	rest = strings.TrimPrefix(rest, ".")
	return head, rest
}

func (j *judge) result() *Result {
	j.total.Settle(j.eval.Unknown)
	j.total.Known = true
	r := &Result{Verdict: j.total, Resources: j.res}
	for t := range j.judged {
		r.ResourceTypes = append(r.ResourceTypes, t)
	}
	for t := range j.unjudged {
		if t == typePosture {
			continue
		}
		if !j.judged[t] {
			r.UnjudgedTypes = append(r.UnjudgedTypes, t)
		}
	}
	sort.Strings(r.ResourceTypes)
	sort.Strings(r.UnjudgedTypes)
	return r
}

// Glob matches s against a glob in which `*` is any run of characters
// (dots and brackets too) and `?` one character; everything else is literal,
// so instance keys (`module.app["eu"]`) need no escaping.
func Glob(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
