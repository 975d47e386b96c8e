// Package planfile judges the JSON of a saved plan (`terraform show -json
// tfplan`) or of a state (`terraform show -json`) with the catalog: every
// resource instance of every module, as it is read. The document is read as a
// stream of tokens (encoding/json Decoder): one resource instance at a time is
// held as a value, never the whole document, and only findings are kept —
// except the few companion resource types that are judged together (an S3
// bucket with its public access block, encryption, …; a VPC with its flow
// logs), which wait for the end of the document, where the plan's
// configuration says which companion refers to which resource.
package planfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Kinds of document.
const (
	KindPlan  = "plan"
	KindState = "state"
)

// Error is a document that cannot be read: missing, not JSON, not the JSON
// of a plan or state, of an unsupported format version, or cut short.
type Error struct {
	Problem string // a short phrase: "file not found", "truncated", …
	Detail  string
	Err     error
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Problem
	}
	return e.Problem + ": " + e.Detail
}

func (e *Error) Unwrap() error { return e.Err }

// Problems an Error names.
const (
	ProblemMissing     = "file not found"
	ProblemUnreadable  = "file cannot be read"
	ProblemNotJSON     = "not JSON"
	ProblemNotPlan     = "not the JSON of a plan or state"
	ProblemUnsupported = "unsupported format version"
	ProblemTruncated   = "truncated file"
	ProblemMalformed   = "malformed plan or state JSON"
)

const howToMake = "give the output of `terraform show -json tfplan` (a plan saved with `terraform plan -out=tfplan`) or of `terraform show -json` (the state)"

// instance is one resource instance as read: its address and its values
// (planned `after` with unknowns made unknown, or the state's `values`).
type instance struct {
	Address       string
	ModuleAddress string
	Mode          string // managed or data
	Type          string
	Name          string
	Key           string // the instance key as JSON ("0", "\"eu\""), "" without count or for_each
	raw           any    // decoded values, before conversion
	unknown       any    // decoded after_unknown (plans)
	sensitive     any    // decoded after_sensitive / sensitive_values
}

// configAddr is the address of the instance's configuration block: module
// instance keys and the resource's instance key dropped.
func (in *instance) configAddr() string {
	local := in.Type + "." + in.Name
	if in.Mode == "data" {
		local = "data." + local
	}
	return joinAddr(stripKeys(in.ModuleAddress), local)
}

func joinAddr(module, local string) string {
	if module == "" {
		return local
	}
	return module + "." + local
}

// reader walks the document's tokens.
type reader struct {
	dec       *json.Decoder
	emit      func(*instance) error
	config    configIndex
	kind      string
	format    string
	tfVersion string
	// dataSeen holds the addresses of data sources read from
	// resource_changes, so prior_state does not judge them again.
	dataSeen map[string]bool
}

func newReader(r io.Reader, emit func(*instance) error) *reader {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return &reader{dec: dec, emit: emit, config: configIndex{}, dataSeen: map[string]bool{}}
}

// readErr classifies a decoding error.
func readErr(err error, where string) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &Error{Problem: ProblemTruncated, Detail: "the JSON ends in the middle of " + where + ": the file was cut short (an interrupted `terraform show -json > file`?)", Err: err}
	case errors.As(err, &syn):
		return &Error{Problem: ProblemNotJSON, Detail: fmt.Sprintf("at byte %d (in %s): %s", syn.Offset, where, syn.Error()), Err: err}
	case errors.As(err, &typ):
		return &Error{Problem: ProblemMalformed, Detail: fmt.Sprintf("%s: %s is a JSON %s, not what Terraform writes there", where, orTop(typ.Field), typ.Value), Err: err}
	}
	return &Error{Problem: ProblemMalformed, Detail: where + ": " + err.Error(), Err: err}
}

func orTop(s string) string {
	if s == "" {
		return "the value"
	}
	return s
}

// run reads the whole document.
func (r *reader) run() error {
	if err := r.openDocument(); err != nil {
		return err
	}
	for r.dec.More() {
		key, err := r.key("the document")
		if err != nil {
			return err
		}
		planned, err := r.field(key)
		if err != nil {
			return err
		}
		if planned {
			r.kind = KindPlan
		}
	}
	if _, err := r.dec.Token(); err != nil {
		return readErr(err, "the document")
	}
	if r.format == "" {
		return &Error{Problem: ProblemNotPlan, Detail: "the object has no format_version; " + howToMake}
	}
	if r.kind == "" {
		// `terraform show -json` of an empty state is only the versions.
		r.kind = KindState
	}
	return nil
}

// openDocument reads the document's opening brace.
func (r *reader) openDocument() error {
	tok, err := r.dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return &Error{Problem: ProblemNotPlan, Detail: "the file is empty; " + howToMake}
		}
		return readErr(err, "the document")
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return &Error{Problem: ProblemNotPlan, Detail: "the document is not a JSON object; " + howToMake}
	}
	return nil
}

// field reads the value of one top-level key; planned reports a key that
// only a plan has.
func (r *reader) field(key string) (planned bool, err error) {
	switch key {
	case "format_version":
		if r.format, err = r.str("format_version"); err != nil {
			return false, err
		}
		return false, checkFormat(r.format)
	case "terraform_version":
		r.tfVersion, err = r.str("terraform_version")
		return false, err
	case "resource_changes":
		return true, r.resourceChanges()
	case "deferred_changes":
		// Changes Terraform deferred to a later plan: what they will
		// leave is judged as far as it is known, never skipped.
		return true, r.deferredChanges()
	case "errored":
		tok, err := r.dec.Token()
		if err != nil {
			return false, readErr(err, "errored")
		}
		if b, ok := tok.(bool); ok && b {
			return false, &Error{Problem: ProblemNotPlan, Detail: "the plan errored (\"errored\": true): Terraform could not finish it, so it cannot be judged; fix the plan errors first"}
		}
		return false, nil
	case "planned_values", "resource_drift", "output_changes", "relevant_attributes":
		return true, r.skip(key)
	case "prior_state":
		return true, r.priorState()
	case "configuration":
		return true, r.configuration()
	case "values":
		if err := r.stateValues("values", r.emitChecked); err != nil {
			return false, err
		}
		if r.kind == "" {
			r.kind = KindState
		}
		return false, nil
	}
	return false, r.skip(key)
}

// checkFormat accepts the JSON formats 0.x and 1.x that Terraform and
// OpenTofu write (1.x since Terraform 1.0); a major version 2 or later may
// change meanings this reader relies on.
func checkFormat(v string) error {
	major, _, _ := strings.Cut(v, ".")
	n, err := strconv.Atoi(major)
	if err != nil || n < 0 {
		return &Error{Problem: ProblemUnsupported, Detail: fmt.Sprintf("format_version %q is not a version number", v)}
	}
	if n > 1 {
		return &Error{Problem: ProblemUnsupported, Detail: fmt.Sprintf("format_version %q: this provider reads the plan and state JSON formats 0.x and 1.x", v)}
	}
	return nil
}

func (r *reader) emitChecked(in *instance) error {
	if in.Type == "" || in.Address == "" {
		return &Error{Problem: ProblemMalformed, Detail: "a resource instance without address or type"}
	}
	return r.emit(in)
}

// key reads an object key.
func (r *reader) key(where string) (string, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return "", readErr(err, where)
	}
	s, ok := tok.(string)
	if !ok {
		return "", &Error{Problem: ProblemMalformed, Detail: where + ": expected an attribute name"}
	}
	return s, nil
}

func (r *reader) str(where string) (string, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return "", readErr(err, where)
	}
	switch t := tok.(type) {
	case string:
		return t, nil
	case nil:
		return "", nil
	case json.Delim:
		// Put the structure's remainder behind us before failing.
		return "", &Error{Problem: ProblemMalformed, Detail: where + " must be a string"}
	}
	return "", &Error{Problem: ProblemMalformed, Detail: where + " must be a string"}
}

// skip reads past one value: token by token near the top, where a value may
// be as large as the document (planned_values), and each deeper value (one
// resource, one small module) in one step, scanned but not built.
func (r *reader) skip(where string) error { return r.skipAt(where, 0) }

// tokenDepth is how deep skip walks token by token: the resources of a
// module in planned_values are at depth 5.
const tokenDepth = 5

type ignored struct{}

func (*ignored) UnmarshalJSON([]byte) error { return nil }

func (r *reader) skipAt(where string, depth int) error {
	if depth >= tokenDepth {
		if err := r.dec.Decode(&ignored{}); err != nil {
			return readErr(err, where)
		}
		return nil
	}
	tok, err := r.dec.Token()
	if err != nil {
		return readErr(err, where)
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	for r.dec.More() {
		if d == '{' {
			if _, err := r.key(where); err != nil {
				return err
			}
		}
		if err := r.skipAt(where, depth+1); err != nil {
			return err
		}
	}
	return r.close(where)
}

// open reads the opening delimiter of an object or array; null reads as
// empty (ok false).
func (r *reader) open(want json.Delim, where string) (bool, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return false, readErr(err, where)
	}
	if tok == nil {
		return false, nil
	}
	if d, ok := tok.(json.Delim); ok && d == want {
		return true, nil
	}
	kind := "an object"
	if want == '[' {
		kind = "a list"
	}
	return false, &Error{Problem: ProblemMalformed, Detail: where + " must be " + kind}
}

func (r *reader) close(where string) error {
	if _, err := r.dec.Token(); err != nil {
		return readErr(err, where)
	}
	return nil
}

type changeJSON struct {
	Address       string          `json:"address"`
	ModuleAddress string          `json:"module_address"`
	Mode          string          `json:"mode"`
	Type          string          `json:"type"`
	Name          string          `json:"name"`
	Index         json.RawMessage `json:"index"`
	Deposed       string          `json:"deposed"`
	Change        struct {
		Actions        []string `json:"actions"`
		After          any      `json:"after"`
		AfterUnknown   any      `json:"after_unknown"`
		AfterSensitive any      `json:"after_sensitive"`
	} `json:"change"`
}

// resourceChanges judges what each change leaves after apply.
func (r *reader) resourceChanges() error {
	return decodeEach(r, "resource_changes", r.change)
}

// deferredChanges judges the resource change of each deferred change.
func (r *reader) deferredChanges() error {
	type deferred struct {
		ResourceChange changeJSON `json:"resource_change"`
	}
	return decodeEach(r, "deferred_changes", func(d *deferred) error { return r.change(&d.ResourceChange) })
}

// each walks the elements of a JSON list (null reads as empty), calling
// elem with each element's index.
func (r *reader) each(where string, elem func(i int) error) error {
	ok, err := r.open('[', where)
	if err != nil || !ok {
		return err
	}
	for i := 0; r.dec.More(); i++ {
		if err := elem(i); err != nil {
			return err
		}
	}
	return r.close(where)
}

// decodeEach decodes each element of a JSON list into a new T and hands it
// to use.
func decodeEach[T any](r *reader, where string, use func(*T) error) error {
	return r.each(where, func(i int) error {
		var v T
		if err := r.dec.Decode(&v); err != nil {
			return readErr(err, fmt.Sprintf("%s[%d]", where, i))
		}
		return use(&v)
	})
}

// change emits what one resource change leaves after apply.
func (r *reader) change(c *changeJSON) error {
	if c.Deposed != "" || deletes(c.Change.Actions) {
		return nil
	}
	if c.Change.After == nil {
		return nil // nothing will exist after apply
	}
	in := &instance{Address: c.Address, ModuleAddress: c.ModuleAddress, Mode: orManaged(c.Mode), Type: c.Type, Name: c.Name, Key: key(c.Index),
		raw: c.Change.After, unknown: c.Change.AfterUnknown, sensitive: c.Change.AfterSensitive}
	if in.ModuleAddress == "" {
		in.ModuleAddress = moduleOf(in)
	}
	if in.Mode == "data" {
		r.dataSeen[in.Address] = true
	}
	return r.emitChecked(in)
}

// deletes reports whether a change leaves nothing: delete or forget.
func deletes(actions []string) bool {
	if len(actions) == 1 {
		return actions[0] == "delete" || actions[0] == "forget"
	}
	return false
}

func orManaged(mode string) string {
	if mode == "" {
		return "managed"
	}
	return mode
}

func key(raw json.RawMessage) string {
	k := string(bytes.TrimSpace(raw))
	if k == "null" {
		return ""
	}
	return k
}

// moduleOf derives the module address from an instance address:
// module.a["x"].aws_s3_bucket.b[0] → module.a["x"].
func moduleOf(in *instance) string {
	local := in.Type + "." + in.Name
	if in.Mode == "data" {
		local = "data." + local
	}
	addr := in.Address
	for i := strings.LastIndex(addr, local); i >= 0; i = strings.LastIndex(addr[:i], local) {
		rest := addr[i+len(local):]
		if (i == 0 || addr[i-1] == '.') && (rest == "" || rest[0] == '[') {
			if i == 0 {
				return ""
			}
			return addr[:i-1]
		}
		if i == 0 {
			break
		}
	}
	return ""
}

// stripKeys drops instance keys from a module address:
// module.a["x"].module.b[0] → module.a.module.b.
func stripKeys(addr string) string {
	if !strings.Contains(addr, "[") {
		return addr
	}
	var b strings.Builder
	inKey, inStr, esc := false, false, false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inStr:
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case inKey:
			switch c {
			case '"':
				inStr = true
			case ']':
				inKey = false
			}
		case c == '[':
			inKey = true
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// priorState judges the data sources Terraform read while planning: they
// are in the prior state only, not in resource_changes.
func (r *reader) priorState() error {
	const where = "prior_state"
	ok, err := r.open('{', where)
	if err != nil || !ok {
		return err
	}
	for r.dec.More() {
		k, err := r.key(where)
		if err != nil {
			return err
		}
		if k != "values" {
			if err := r.skip(where + "." + k); err != nil {
				return err
			}
			continue
		}
		if err := r.stateValues(where+".values", func(in *instance) error {
			if in.Mode != "data" || r.dataSeen[in.Address] {
				return nil
			}
			return r.emitChecked(in)
		}); err != nil {
			return err
		}
	}
	return r.close(where)
}

// stateValues walks a state's values: root_module and its child modules.
func (r *reader) stateValues(where string, emit func(*instance) error) error {
	ok, err := r.open('{', where)
	if err != nil || !ok {
		return err
	}
	for r.dec.More() {
		k, err := r.key(where)
		if err != nil {
			return err
		}
		if k == "root_module" {
			err = r.stateModule(where+".root_module", emit)
		} else {
			err = r.skip(where + "." + k)
		}
		if err != nil {
			return err
		}
	}
	return r.close(where)
}

type stateResourceJSON struct {
	Address         string          `json:"address"`
	Mode            string          `json:"mode"`
	Type            string          `json:"type"`
	Name            string          `json:"name"`
	Index           json.RawMessage `json:"index"`
	Values          any             `json:"values"`
	SensitiveValues any             `json:"sensitive_values"`
}

// stateModule walks one module of a state: its resources, then its child
// modules, recursively.
func (r *reader) stateModule(where string, emit func(*instance) error) error {
	ok, err := r.open('{', where)
	if err != nil || !ok {
		return err
	}
	for r.dec.More() {
		k, err := r.key(where)
		if err != nil {
			return err
		}
		switch k {
		case "resources":
			err = r.stateResources(where+".resources", emit)
		case "child_modules":
			err = r.childModules(where+".child_modules", emit)
		default:
			err = r.skip(where + "." + k)
		}
		if err != nil {
			return err
		}
	}
	return r.close(where)
}

func (r *reader) stateResources(where string, emit func(*instance) error) error {
	return decodeEach(r, where, func(s *stateResourceJSON) error {
		if s.Values == nil {
			return nil
		}
		in := &instance{Address: s.Address, Mode: orManaged(s.Mode), Type: s.Type, Name: s.Name, Key: key(s.Index), raw: s.Values, sensitive: s.SensitiveValues}
		in.ModuleAddress = moduleOf(in)
		return emit(in)
	})
}

func (r *reader) childModules(where string, emit func(*instance) error) error {
	return r.each(where, func(i int) error { return r.stateModule(fmt.Sprintf("%s[%d]", where, i), emit) })
}
