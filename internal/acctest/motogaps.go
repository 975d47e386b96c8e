package acctest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"
)

// gapRecorder sits between the tests and moto and records the operations moto
// answers as unimplemented: a 404, 500 or 501 whose body is not an AWS error
// document (a missing bucket policy is a real 404 with <Code>; an operation
// moto lacks is werkzeug's bare "Not Found" or moto's "not yet implemented").
// moto answers an operation it has no handler for with a bare HTML 500 (its
// dispatcher fails), which counts as a gap too; moto's own errors carry a
// code. A test that fails after such an answer says so (reportGaps), instead of
// leaving a verdict error to explain a gap of the emulator.
type gapRecorder struct {
	srv  *httptest.Server
	mu   sync.Mutex
	gaps map[string]int // "service Operation" → HTTP status
	seq  []string
}

func newGapRecorder(target string) (*gapRecorder, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	g := &gapRecorder{gaps: map[string]int{}}
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ModifyResponse = func(resp *http.Response) error {
		switch resp.StatusCode {
		case http.StatusNotFound, http.StatusNotImplemented, http.StatusInternalServerError:
		default:
			return nil
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if err != nil {
			return err // the test's client sees the failed read
		}
		if isAWSError(body) {
			return nil
		}
		reqBody, _ := resp.Request.Context().Value(reqBodyKey{}).([]byte)
		service, op := Identify(resp.Request, reqBody)
		g.mu.Lock()
		key := service + " " + op
		if _, ok := g.gaps[key]; !ok {
			g.seq = append(g.seq, key)
		}
		g.gaps[key] = resp.StatusCode
		g.mu.Unlock()
		return nil
	}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(body))
		r = r.WithContext(contextWithBody(r, body))
		proxy.ServeHTTP(w, r)
	}))
	return g, nil
}

// isAWSError reports whether body is an AWS error answer (XML <Code> or a
// JSON __type/code), i.e. an implemented operation saying "not found".
func isAWSError(body []byte) bool {
	s := string(body)
	return strings.Contains(s, "<Code>") || strings.Contains(s, `"__type"`) || strings.Contains(s, `"code"`) || strings.Contains(s, `"Code"`)
}

// since returns the gaps recorded after the first n distinct ones.
func (g *gapRecorder) since(n int) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []string
	for _, k := range g.seq[n:] {
		out = append(out, fmt.Sprintf("%s (HTTP %d)", k, g.gaps[k]))
	}
	sort.Strings(out)
	return out
}

func (g *gapRecorder) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.seq)
}

// reportGaps makes a failing test name the operations moto did not implement
// while it ran: "moto 5.2.5 does not implement cloudtrail DescribeTrails".
func (m *Moto) reportGaps(t testing.TB) {
	if m.gaps == nil {
		return
	}
	start := m.gaps.count()
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		for _, gap := range m.gaps.since(start) {
			t.Errorf("moto %s does not implement %s: the failure above may be the emulator's gap, not a verdict error (pin another moto in scripts/requirements.lock or stub the operation with FaultProxy.Stub)", m.Version(), gap)
		}
	})
}

// Version is the version of the running moto package ("5.2.5"), or "?".
func (m *Moto) Version() string {
	m.versionOnce.Do(func() {
		m.version = "?"
		name, _, err := motoCommand()
		if err != nil || !strings.Contains(name, "python") {
			return
		}
		if out, err := exec.Command(name, "-c", "import moto; print(moto.__version__)").Output(); err == nil {
			m.version = strings.TrimSpace(string(out))
		}
	})
	return m.version
}

type reqBodyKey struct{}

func contextWithBody(r *http.Request, body []byte) context.Context {
	return context.WithValue(r.Context(), reqBodyKey{}, body)
}
