package acctest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The live-mode acceptance tests run against moto in server mode, the AWS
// emulator from PyPI. `make test` (scripts/test.sh) installs it into a virtual
// environment under the tool cache and exports that interpreter as
// BASELINE_MOTO_PYTHON; the harness runs `$BASELINE_MOTO_PYTHON -m
// moto.server` when it is set, else `moto_server` when it is on PATH, else
// `python3 -m moto.server`, on 127.0.0.1 with a free port.
const MotoInstall = `"make test" (it installs moto[server] into a venv under ~/.cache/terraform-provider-baseline) or python3 -m pip install "moto[server]"`

// MotoPythonEnv names the Python interpreter (of a venv holding moto[server])
// that starts the moto server.
const MotoPythonEnv = "BASELINE_MOTO_PYTHON"

// MotoRegion and the static credentials the live tests use.
const (
	MotoRegion    = "us-east-1"
	MotoAccountID = "123456789012"
	MotoAccessKey = "testing"
	MotoSecretKey = "testing"
)

// Moto is a running moto server.
type Moto struct {
	// Endpoint is the server's base URL, such as http://127.0.0.1:40123.
	Endpoint string
	cmd      *exec.Cmd
	exited   chan struct{}
	logPath  string
	// raw is moto's own address; Endpoint is the gap recorder in front of it.
	raw         string
	gaps        *gapRecorder
	versionOnce sync.Once
	version     string
}

var (
	motoOnce sync.Once
	motoInst *Moto
	motoErr  error
)

// LiveSkipped reports whether live tests are switched off: without TF_ACC, or
// with BASELINE_SKIP_LIVE=1.
func LiveSkipped() (bool, string) {
	if os.Getenv("TF_ACC") == "" {
		return true, "live acceptance tests need TF_ACC=1"
	}
	if os.Getenv("BASELINE_SKIP_LIVE") == "1" {
		return true, "BASELINE_SKIP_LIVE=1"
	}
	return false, ""
}

// SharedMoto returns the process's moto server, starting it on first use. It
// skips the test when LiveSkipped, and FAILS it when moto cannot start: with
// TF_ACC set, a missing emulator must not look like a pass.
func SharedMoto(t testing.TB) *Moto {
	t.Helper()
	if skip, why := LiveSkipped(); skip {
		t.Skip(why)
	}
	motoOnce.Do(func() { motoInst, motoErr = StartMoto(context.Background()) })
	if motoErr != nil {
		t.Fatalf("moto server could not start (%v). Install it with %s, or set BASELINE_SKIP_LIVE=1 to skip the live tests.", motoErr, MotoInstall)
	}
	motoInst.reportGaps(t)
	return motoInst
}

// StopSharedMoto stops the shared server if it was started; call it from
// TestMain after m.Run.
func StopSharedMoto() {
	if motoInst != nil {
		motoInst.Stop()
	}
}

// StartMoto starts a moto server on a free loopback port and waits until it
// answers. The server dies with the test process (SIGKILL on parent death),
// so a crashed test leaves nothing behind.
func StartMoto(ctx context.Context) (*Moto, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	name, args, err := motoCommand()
	if err != nil {
		return nil, err
	}
	args = append(args, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	log, err := os.CreateTemp("", "moto-*.log")
	if err != nil {
		return nil, err
	}
	// moto writes its request recording ("moto_recording") into its working
	// directory: run it in a directory of its own, so a test run leaves
	// nothing in the work tree.
	dir, err := os.MkdirTemp("", "moto-run-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MOTO_RECORDER_FILEPATH="+filepath.Join(dir, "moto_recording"))
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	raw := fmt.Sprintf("http://127.0.0.1:%d", port)
	m := &Moto{Endpoint: raw, raw: raw, cmd: cmd, exited: make(chan struct{}), logPath: log.Name()}
	go func() { _ = cmd.Wait(); log.Close(); close(m.exited) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if err := m.ping(ctx); err == nil {
			if m.gaps, err = newGapRecorder(raw); err != nil {
				m.Stop()
				return nil, err
			}
			m.Endpoint = m.gaps.srv.URL
			return m, nil
		}
		select {
		case <-m.exited:
			out, _ := os.ReadFile(m.logPath)
			return nil, fmt.Errorf("%s exited before answering: %s", name, tail(out, 800))
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			m.Stop()
			return nil, ctx.Err()
		}
		if time.Now().After(deadline) {
			m.Stop()
			return nil, errors.New("moto did not answer within 60s")
		}
	}
}

// motoCommand is the command that starts moto: BASELINE_MOTO_PYTHON -m
// moto.server, else moto_server on PATH, else python3 -m moto.server.
func motoCommand() (string, []string, error) {
	if py := os.Getenv(MotoPythonEnv); py != "" {
		p, err := exec.LookPath(py)
		if err != nil {
			return "", nil, fmt.Errorf("%s=%s: %w", MotoPythonEnv, py, err)
		}
		return p, []string{"-m", "moto.server"}, nil
	}
	if p, err := exec.LookPath("moto_server"); err == nil {
		return p, nil, nil
	}
	return "python3", []string{"-m", "moto.server"}, nil
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

func (m *Moto) ping(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, m.raw+"/moto-api/", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// Reset forgets every resource moto holds.
func (m *Moto) Reset() error {
	resp, err := http.Post(m.Endpoint+"/moto-api/reset", "application/json", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("moto reset: %s", resp.Status)
	}
	return nil
}

// Stop ends the server and its process group.
func (m *Moto) Stop() {
	if m.cmd.Process != nil {
		_ = syscall.Kill(-m.cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-m.exited:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-m.cmd.Process.Pid, syscall.SIGKILL)
			<-m.exited
		}
	}
	os.Remove(m.logPath)
	if m.cmd.Dir != "" {
		os.RemoveAll(m.cmd.Dir)
	}
	if m.gaps != nil {
		m.gaps.srv.Close()
	}
}

// SetAWSEnv points the AWS SDK's standard environment at static test
// credentials and the test Region for the rest of t, and clears what could
// redirect it (profiles, endpoint URLs, shared files).
func SetAWSEnv(t testing.TB) {
	t.Helper()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": MotoAccessKey, "AWS_SECRET_ACCESS_KEY": MotoSecretKey, "AWS_SESSION_TOKEN": "",
		"AWS_REGION": MotoRegion, "AWS_DEFAULT_REGION": MotoRegion, "AWS_PROFILE": "", "AWS_ENDPOINT_URL": "",
		"AWS_CONFIG_FILE": os.DevNull, "AWS_SHARED_CREDENTIALS_FILE": os.DevNull, "AWS_EC2_METADATA_DISABLED": "true",
		"AWS_RETRY_MODE": "", "AWS_MAX_ATTEMPTS": "",
	} {
		t.Setenv(k, v)
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// MotoGaps are the operations live mode calls that moto (5.x) does not
// implement, with the stub answer the fault proxy serves in their place.
// Each stub is explicit test scaffolding: TestAccAWSMotoGaps checks that moto
// still lacks the operation, so a stub is dropped once moto catches up.
var MotoGaps = []struct {
	Service, Operation string
	Stub               Stub
}{
	{"securityhub", "GetEnabledStandards", Stub{Status: 200, Why: "moto's securityhub implements EnableSecurityHub and DescribeHub but not GetEnabledStandards; the stub answers one READY subscription (AWS Foundational Security Best Practices), as EnableSecurityHub with default standards would",
		Body: `{"StandardsSubscriptions":[{"StandardsSubscriptionArn":"arn:aws:securityhub:us-east-1:123456789012:subscription/aws-foundational-security-best-practices/v/1.0.0","StandardsArn":"arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0","StandardsInput":{},"StandardsStatus":"READY"}]}`}},
}

// StubMotoGaps registers every MotoGaps stub on p.
func StubMotoGaps(p *FaultProxy) {
	for _, g := range MotoGaps {
		p.Stub(g.Service, g.Operation, g.Stub)
	}
}
