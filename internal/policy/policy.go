// Package policy parses IAM policy documents (identity policies, bucket and
// other resource policies) and answers the questions the controls ask of them:
// which statements make a resource public, whether a policy denies requests
// that do not use TLS, and whether it grants full administrative access.
//
// The parser follows the IAM JSON policy grammar: Version, Id and Statement
// (one object or a list); per statement Sid, Effect, Action/NotAction,
// Resource/NotResource, Principal/NotPrincipal and Condition. Elements that take
// a list accept a single string too. Condition values may be strings, booleans,
// numbers or lists of them. Condition keys are compared case-insensitively, as
// AWS does. Nothing here panics on any input (see FuzzParse).
package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Effect of a statement.
type Effect string

const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Policy is a parsed policy document.
type Policy struct {
	Version    string
	ID         string
	Statements []Statement
}

// Statement is one statement of a policy. The Has* fields tell an element that
// is absent from one that is present (possibly with an empty list).
type Statement struct {
	Index  int // position in the Statement list (0 for a single object)
	Sid    string
	Effect Effect

	Action       []string
	NotAction    []string
	HasNotAction bool

	Resource       []string
	NotResource    []string
	HasResource    bool
	HasNotResource bool

	// Principal is nil when the statement names no principal (identity
	// policies); NotPrincipal is nil unless the statement uses NotPrincipal.
	Principal    *Principal
	NotPrincipal *Principal

	Conditions []Condition
}

// Principal is a Principal or NotPrincipal element: "*" (All) or a map from
// principal type ("AWS", "Service", "Federated", "CanonicalUser") to values.
type Principal struct {
	All    bool
	Values map[string][]string
}

// Condition is one (operator, key) pair of a Condition block with its values,
// all rendered as strings (true, false and numbers as JSON writes them).
type Condition struct {
	Operator string // as written, e.g. "ForAnyValue:StringLike"
	// Base is the operator without qualifier and IfExists suffix, lower case
	// ("stringlike").
	Base string
	// Qualifier is "foranyvalue", "forallvalues" or "".
	Qualifier string
	IfExists  bool
	Key       string // lower case, e.g. "aws:sourcevpce"
	Values    []string
}

// ParseError says what is wrong with a policy document and where.
type ParseError struct {
	Path string // e.g. "Statement[1].Principal.AWS"; "" for the document
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Path == "" {
		return "invalid policy document: " + e.Msg
	}
	return "invalid policy document: " + e.Path + ": " + e.Msg
}

func perr(path, format string, args ...any) error {
	return &ParseError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// Parse decodes a policy document. A document that is itself a JSON string
// holding the policy (encoded twice, as jsonencode(jsonencode(...)) produces)
// is unwrapped once.
func Parse(data []byte) (*Policy, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	if s, ok := v.(string); ok {
		if v, err = decodeJSON([]byte(s)); err != nil {
			return nil, err
		}
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return nil, perr("", "the document must be a JSON object, not %s", kindOf(v))
	}
	p := &Policy{}
	for _, k := range sortedKeys(doc) {
		val := doc[k]
		switch k {
		case "Version":
			s, ok := val.(string)
			if !ok {
				return nil, perr("Version", "must be a string, not %s", kindOf(val))
			}
			if s != "2012-10-17" && s != "2008-10-17" {
				return nil, perr("Version", "%q is not a policy language version (use \"2012-10-17\")", s)
			}
			p.Version = s
		case "Id":
			s, ok := val.(string)
			if !ok {
				return nil, perr("Id", "must be a string, not %s", kindOf(val))
			}
			p.ID = s
		case "Statement":
		default:
			return nil, perr(k, "unknown policy element (expected Version, Id, Statement)")
		}
	}
	raw, ok := doc["Statement"]
	if !ok || raw == nil {
		return nil, perr("Statement", "is missing")
	}
	switch st := raw.(type) {
	case map[string]any:
		s, err := parseStatement(st, 0, "Statement")
		if err != nil {
			return nil, err
		}
		p.Statements = []Statement{s}
	case []any:
		p.Statements = make([]Statement, 0, len(st))
		for i, e := range st {
			path := "Statement[" + strconv.Itoa(i) + "]"
			m, ok := e.(map[string]any)
			if !ok {
				return nil, perr(path, "must be an object, not %s", kindOf(e))
			}
			s, err := parseStatement(m, i, path)
			if err != nil {
				return nil, err
			}
			p.Statements = append(p.Statements, s)
		}
	default:
		return nil, perr("Statement", "must be an object or a list of objects, not %s", kindOf(raw))
	}
	return p, nil
}

func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, perr("", "the document is empty")
		}
		return nil, perr("", "malformed JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, perr("", "malformed JSON: unexpected data after the document")
	}
	return v, nil
}

// statementKeys are the statement elements, in the order they are read (so
// that the first error reported does not depend on map order).
var statementKeys = []string{"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"}

func parseStatement(m map[string]any, index int, path string) (Statement, error) {
	s := Statement{Index: index}
	var hasAction bool
	known := 0
	for _, k := range statementKeys {
		val, ok := m[k]
		if !ok {
			continue
		}
		known++
		if val == nil {
			// jsonencode writes null for unset attributes: treat as absent.
			continue
		}
		var err error
		switch k {
		case "Sid":
			sid, ok := val.(string)
			if !ok {
				return s, perr(path+".Sid", "must be a string, not %s", kindOf(val))
			}
			s.Sid = sid
		case "Effect":
			e, ok := val.(string)
			if !ok {
				return s, perr(path+".Effect", "must be \"Allow\" or \"Deny\", not %s", kindOf(val))
			}
			switch {
			case strings.EqualFold(e, "Allow"):
				s.Effect = Allow
			case strings.EqualFold(e, "Deny"):
				s.Effect = Deny
			default:
				return s, perr(path+".Effect", "%q is not \"Allow\" or \"Deny\"", e)
			}
		case "Action":
			s.Action, err = stringList(val, path, k)
			hasAction = true
		case "NotAction":
			s.NotAction, err = stringList(val, path, k)
			s.HasNotAction = true
		case "Resource":
			s.Resource, err = stringList(val, path, k)
			s.HasResource = true
		case "NotResource":
			s.NotResource, err = stringList(val, path, k)
			s.HasNotResource = true
		case "Principal":
			s.Principal, err = parsePrincipal(val, path+"."+k)
		case "NotPrincipal":
			s.NotPrincipal, err = parsePrincipal(val, path+"."+k)
		case "Condition":
			s.Conditions, err = parseConditions(val, path+"."+k)
		}
		if err != nil {
			return s, err
		}
	}
	if known < len(m) {
		for _, k := range sortedKeys(m) {
			if !isStatementKey(k) {
				return s, perr(path+"."+k, "unknown statement element")
			}
		}
	}
	switch {
	case s.Effect == "":
		return s, perr(path+".Effect", "is missing")
	case hasAction && s.HasNotAction:
		return s, perr(path, "has both Action and NotAction")
	case !hasAction && !s.HasNotAction:
		return s, perr(path, "has neither Action nor NotAction")
	case s.HasResource && s.HasNotResource:
		return s, perr(path, "has both Resource and NotResource")
	case s.Principal != nil && s.NotPrincipal != nil:
		return s, perr(path, "has both Principal and NotPrincipal")
	}
	return s, nil
}

func isStatementKey(k string) bool {
	for _, x := range statementKeys {
		if x == k {
			return true
		}
	}
	return false
}

// stringList reads an element that takes a string or a list of strings; the
// element's path (path.key) is only built for an error.
func stringList(v any, path, key string) ([]string, error) {
	switch t := v.(type) {
	case string:
		return []string{t}, nil
	case []any:
		out := make([]string, 0, len(t))
		for i, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, perr(fmt.Sprintf("%s.%s[%d]", path, key, i), "must be a string, not %s", kindOf(e))
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, perr(path+"."+key, "must be a string or a list of strings, not %s", kindOf(v))
}

func parsePrincipal(v any, at string) (*Principal, error) {
	switch t := v.(type) {
	case string:
		if t == "*" {
			return &Principal{All: true}, nil
		}
		return nil, perr(at, "a string principal must be \"*\"; use an object such as {\"AWS\": %q}", t)
	case map[string]any:
		p := &Principal{Values: make(map[string][]string, len(t))}
		for _, k := range sortedKeys(t) {
			if t[k] == nil {
				continue
			}
			vals, err := stringList(t[k], at, k)
			if err != nil {
				return nil, err
			}
			p.Values[k] = vals
		}
		return p, nil
	}
	return nil, perr(at, "must be \"*\" or an object, not %s", kindOf(v))
}

func parseConditions(v any, at string) ([]Condition, error) {
	ops, ok := v.(map[string]any)
	if !ok {
		return nil, perr(at, "must be an object of operators, not %s", kindOf(v))
	}
	var out []Condition
	for _, op := range sortedKeys(ops) {
		keys, ok := ops[op].(map[string]any)
		if !ok {
			return nil, perr(at+"."+op, "must be an object of condition keys, not %s", kindOf(ops[op]))
		}
		base, qual, ifExists, err := splitOperator(op)
		if err != nil {
			return nil, perr(at+"."+op, "%v", err)
		}
		for _, key := range sortedKeys(keys) {
			vals, err := conditionValues(keys[key], at, op, key)
			if err != nil {
				return nil, err
			}
			out = append(out, Condition{
				Operator: op, Base: base, Qualifier: qual, IfExists: ifExists,
				Key: strings.ToLower(key), Values: vals,
			})
		}
	}
	return out, nil
}

func splitOperator(op string) (base, qual string, ifExists bool, err error) {
	s := strings.ToLower(op)
	if q, rest, ok := strings.Cut(s, ":"); ok {
		if q != "foranyvalue" && q != "forallvalues" {
			return "", "", false, fmt.Errorf("unknown set qualifier %q (use ForAnyValue or ForAllValues)", op[:len(q)])
		}
		qual, s = q, rest
	}
	if strings.HasSuffix(s, "ifexists") {
		ifExists, s = true, strings.TrimSuffix(s, "ifexists")
	}
	if s == "" {
		return "", "", false, fmt.Errorf("empty condition operator")
	}
	return s, qual, ifExists, nil
}

// conditionValues reads the values of one condition key (path at.op.key,
// built only for an error).
func conditionValues(v any, at, op, key string) ([]string, error) {
	if list, ok := v.([]any); ok {
		out := make([]string, 0, len(list))
		for i, e := range list {
			s, ok := conditionScalar(e)
			if !ok {
				return nil, perr(fmt.Sprintf("%s.%s.%s[%d]", at, op, key, i), "must be a string, boolean or number, not %s", kindOf(e))
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, ok := conditionScalar(v)
	if !ok {
		return nil, perr(at+"."+op+"."+key, "must be a string, boolean or number, not %s", kindOf(v))
	}
	return []string{s}, nil
}

func conditionScalar(x any) (string, bool) {
	switch t := x.(type) {
	case string:
		return t, true
	case bool:
		return strconv.FormatBool(t), true
	case json.Number:
		return t.String(), true
	}
	return "", false
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
