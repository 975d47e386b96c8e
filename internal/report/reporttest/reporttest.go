// Package reporttest validates rendered reports against the schemas vendored
// in internal/report/testdata (see its README for where they came from). Only
// tests import it.
package reporttest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// testdata is the directory holding the vendored schemas.
func testdata() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata")
}

// ValidateSARIF validates a SARIF log against the SARIF 2.1.0 JSON schema,
// asserting formats (uri, date-time) too.
func ValidateSARIF(doc string) error {
	f, err := os.Open(filepath.Join(testdata(), "sarif-schema-2.1.0.json"))
	if err != nil {
		return err
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", schemaDoc); err != nil {
		return err
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return sch.Validate(inst)
}

// ErrNoPython is returned by ValidateJUnit when python3 or its xmlschema
// package is missing; callers fail on it unless BASELINE_SKIP_PY=1.
var ErrNoPython = fmt.Errorf("python3 with the xmlschema package is needed to validate JUnit XML (pip install xmlschema); set BASELINE_SKIP_PY=1 to skip")

// SkipPython reports whether BASELINE_SKIP_PY=1 allows skipping XSD checks.
func SkipPython() bool { return os.Getenv("BASELINE_SKIP_PY") == "1" }

// ValidateJUnit validates each document of valid against junit-10.xsd and
// expects each of invalid to be rejected, in one python3 process (Go has no
// XSD validator).
func ValidateJUnit(valid, invalid map[string]string) error {
	python, err := exec.LookPath("python3")
	if err != nil {
		return ErrNoPython
	}
	dir, err := os.MkdirTemp("", "junit-xsd-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	args := []string{"-c", xsdScript, filepath.Join(testdata(), "junit-10.xsd")}
	for set, docs := range map[string]map[string]string{"valid": valid, "invalid": invalid} {
		for name, doc := range docs {
			file := filepath.Join(dir, set+"-"+name+".xml")
			if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
				return err
			}
			args = append(args, set+"="+file)
		}
	}
	out, err := exec.Command(python, args...).CombinedOutput()
	if strings.Contains(string(out), "NO-XMLSCHEMA") {
		return ErrNoPython
	}
	if err != nil {
		return fmt.Errorf("JUnit XSD validation: %v\n%s", err, out)
	}
	return nil
}

const xsdScript = `
import sys
try:
    import xmlschema
except ImportError:
    print("NO-XMLSCHEMA")
    sys.exit(2)
schema = xmlschema.XMLSchema(sys.argv[1])
bad = 0
for arg in sys.argv[2:]:
    want, path = arg.split("=", 1)
    errors = list(schema.iter_errors(path))
    if want == "valid" and errors:
        print(path, "is not valid:", errors[0])
        bad += 1
    if want == "invalid" and not errors:
        print(path, "passed validation but should not")
        bad += 1
sys.exit(1 if bad else 0)
`
