package cloudwatch

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Pattern is a parsed CloudWatch Logs JSON filter pattern:
// { $.a = "x" && ($.b != y || $.c NOT EXISTS) }. It matches JSON log events
// given as nested maps, as CloudTrail delivers them to CloudWatch Logs.
type Pattern struct{ root node }

// Match reports whether the pattern matches the event.
func (p Pattern) Match(event map[string]any) bool { return p.root.match(event) }

type node interface{ match(map[string]any) bool }

type and []node
type or []node

func (a and) match(ev map[string]any) bool {
	for _, n := range a {
		if !n.match(ev) {
			return false
		}
	}
	return true
}

func (o or) match(ev map[string]any) bool {
	for _, n := range o {
		if n.match(ev) {
			return true
		}
	}
	return false
}

// comparison is one term: a selector, an operator and a value.
type comparison struct {
	path  []string // "a", "b", "0" for $.a.b[0]
	op    string   // = != < > <= >= exists notexists null notnull true false
	value string
	re    *regexp.Regexp // for %regex% values
}

// lookup walks the selector path through ev.
func lookup(ev map[string]any, path []string) (any, bool) {
	var cur any = ev
	for _, step := range path {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[step]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// glob matches s against v, where * in v stands for any run of characters.
func glob(v, s string) bool {
	parts := strings.Split(v, "*")
	if len(parts) == 1 {
		return v == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i, p := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(s, p)
		}
		j := strings.Index(s, p)
		if j < 0 {
			return false
		}
		s = s[j+len(p):]
	}
	return true
}

func (c comparison) equals(v any) bool {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case bool:
		s = strconv.FormatBool(x)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		s = strconv.Itoa(x)
	default:
		return false
	}
	if c.re != nil {
		return c.re.MatchString(s)
	}
	return glob(c.value, s)
}

func (c comparison) match(ev map[string]any) bool {
	v, ok := lookup(ev, c.path)
	switch c.op {
	case "exists":
		return ok
	case "notexists":
		return !ok
	case "null":
		return ok && v == nil
	case "notnull":
		return ok && v != nil
	case "true", "false":
		b, isBool := v.(bool)
		return ok && isBool && b == (c.op == "true")
	case "=":
		return ok && c.equals(v)
	case "!=":
		// An event without the field is not equal to the value.
		return !ok || !c.equals(v)
	}
	// Numeric comparisons.
	f, isNum := v.(float64)
	if i, isInt := v.(int); isInt {
		f, isNum = float64(i), true
	}
	want, err := strconv.ParseFloat(c.value, 64)
	if !ok || !isNum || err != nil {
		return false
	}
	switch c.op {
	case "<":
		return f < want
	case ">":
		return f > want
	case "<=":
		return f <= want
	case ">=":
		return f >= want
	}
	return false
}

// parsePattern parses a JSON filter pattern. Patterns of other forms (terms,
// space-delimited fields) return an error whose text says so.
func parsePattern(s string) (Pattern, error) {
	toks, err := tokenize(s)
	if err != nil {
		return Pattern{}, err
	}
	p := &parser{toks: toks}
	if !p.accept("{") {
		return Pattern{}, fmt.Errorf("not a JSON filter pattern (it does not start with {)")
	}
	root, err := p.or()
	if err != nil {
		return Pattern{}, err
	}
	if !p.accept("}") {
		return Pattern{}, fmt.Errorf("expected } at %q", p.peek())
	}
	if p.pos != len(p.toks) {
		return Pattern{}, fmt.Errorf("unexpected %q after }", p.peek())
	}
	return Pattern{root: root}, nil
}

type token struct {
	text   string
	quoted bool
}

func tokenize(s string) ([]token, error) {
	var out []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(s[i:], "&&"), strings.HasPrefix(s[i:], "||"),
			strings.HasPrefix(s[i:], "!="), strings.HasPrefix(s[i:], "<="), strings.HasPrefix(s[i:], ">="):
			out = append(out, token{text: s[i : i+2]})
			i += 2
		case strings.ContainsRune("{}()=<>", rune(c)):
			out = append(out, token{text: s[i : i+1]})
			i++
		case c == '%':
			// A regular expression value: %...% may hold | ( ) and spaces.
			j := strings.IndexByte(s[i+1:], '%')
			if j < 0 {
				return nil, fmt.Errorf("unterminated %% at offset %d", i)
			}
			out = append(out, token{text: s[i : i+j+2]})
			i += j + 2
		case c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(s) && s[j] != '"'; j++ {
				if s[j] == '\\' && j+1 < len(s) {
					j++
				}
				b.WriteByte(s[j])
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated string at offset %d", i)
			}
			out = append(out, token{text: b.String(), quoted: true})
			i = j + 1
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n{}()=<>!&|\"", rune(s[j])) {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("unexpected %q at offset %d", s[i], i)
			}
			out = append(out, token{text: s[i:j]})
			i = j
		}
	}
	return out, nil
}

type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].text
	}
	return "end of pattern"
}

func (p *parser) accept(t string) bool {
	if p.pos < len(p.toks) && !p.toks[p.pos].quoted && p.toks[p.pos].text == t {
		p.pos++
		return true
	}
	return false
}

func (p *parser) acceptWord(w string) bool {
	if p.pos < len(p.toks) && !p.toks[p.pos].quoted && strings.EqualFold(p.toks[p.pos].text, w) {
		p.pos++
		return true
	}
	return false
}

func (p *parser) or() (node, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	terms := or{first}
	for p.accept("||") {
		n, err := p.and()
		if err != nil {
			return nil, err
		}
		terms = append(terms, n)
	}
	if len(terms) == 1 {
		return first, nil
	}
	return terms, nil
}

func (p *parser) and() (node, error) {
	first, err := p.unary()
	if err != nil {
		return nil, err
	}
	terms := and{first}
	for p.accept("&&") {
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		terms = append(terms, n)
	}
	if len(terms) == 1 {
		return first, nil
	}
	return terms, nil
}

func (p *parser) unary() (node, error) {
	if p.accept("(") {
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if !p.accept(")") {
			return nil, fmt.Errorf("expected ) at %q", p.peek())
		}
		return n, nil
	}
	return p.comparison()
}

// selector parses $.a.b[0] into its steps.
func selector(s string) ([]string, error) {
	if !strings.HasPrefix(s, "$") {
		return nil, fmt.Errorf("expected a selector such as $.eventName at %q", s)
	}
	var steps []string
	rest := s[1:]
	for rest != "" {
		switch rest[0] {
		case '.':
			j := 1
			for j < len(rest) && rest[j] != '.' && rest[j] != '[' {
				j++
			}
			if j == 1 {
				return nil, fmt.Errorf("empty step in selector %q", s)
			}
			steps = append(steps, rest[1:j])
			rest = rest[j:]
		case '[':
			j := strings.IndexByte(rest, ']')
			if j < 0 {
				return nil, fmt.Errorf("unterminated [ in selector %q", s)
			}
			steps = append(steps, rest[1:j])
			rest = rest[j+1:]
		default:
			return nil, fmt.Errorf("unexpected %q in selector %q", rest[0], s)
		}
	}
	if len(steps) == 0 {
		return nil, fmt.Errorf("selector %q names no field", s)
	}
	return steps, nil
}

func (p *parser) comparison() (node, error) {
	if p.pos >= len(p.toks) || p.toks[p.pos].quoted {
		return nil, fmt.Errorf("expected a selector at %q", p.peek())
	}
	path, err := selector(p.toks[p.pos].text)
	if err != nil {
		return nil, err
	}
	p.pos++
	c := comparison{path: path}
	switch {
	case p.acceptWord("NOT"):
		if !p.acceptWord("EXISTS") {
			return nil, fmt.Errorf("expected EXISTS after NOT at %q", p.peek())
		}
		c.op = "notexists"
		return c, nil
	case p.acceptWord("EXISTS"):
		c.op = "exists"
		return c, nil
	case p.acceptWord("IS"):
		not := p.acceptWord("NOT")
		switch {
		case p.acceptWord("NULL"):
			c.op = map[bool]string{false: "null", true: "notnull"}[not]
		case !not && p.acceptWord("TRUE"):
			c.op = "true"
		case !not && p.acceptWord("FALSE"):
			c.op = "false"
		default:
			return nil, fmt.Errorf("expected NULL, TRUE or FALSE after IS at %q", p.peek())
		}
		return c, nil
	}
	for _, op := range []string{"=", "!=", "<=", ">=", "<", ">"} {
		if p.accept(op) {
			c.op = op
			break
		}
	}
	if c.op == "" {
		return nil, fmt.Errorf("expected an operator after %s at %q", p.toks[p.pos-1].text, p.peek())
	}
	if p.pos >= len(p.toks) {
		return nil, fmt.Errorf("expected a value at the end of the pattern")
	}
	t := p.toks[p.pos]
	if !t.quoted && !strings.HasPrefix(t.text, "%") && strings.ContainsAny(t.text, "{}()&|") {
		return nil, fmt.Errorf("expected a value at %q", t.text)
	}
	p.pos++
	c.value = t.text
	if len(t.text) >= 2 && strings.HasPrefix(t.text, "%") && strings.HasSuffix(t.text, "%") {
		re, err := regexp.Compile(t.text[1 : len(t.text)-1])
		if err != nil {
			return nil, fmt.Errorf("regular expression %s: %w", t.text, err)
		}
		c.re = re
	}
	return c, nil
}
