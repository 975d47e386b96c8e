// Package codebuild judges AWS CodeBuild projects and report groups.
package codebuild

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"net/url"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// envVar is one environment variable of a project's build environment.
type envVar struct {
	Name subject.Field[string]
	Type subject.Field[string] // PLAINTEXT (the default), PARAMETER_STORE or SECRETS_MANAGER
}

// project is the subject of CodeBuild.1 to .4. A live loader would fill it
// from BatchGetProjects (source.location, secondarySources[].location,
// environment.environmentVariables, logsConfig).
type project struct {
	SourceLocations []subject.Field[string]
	SourcesUnknown  subject.Field[bool] // secondary_sources could not be enumerated
	Env             []envVar
	EnvUnknown      subject.Field[bool]
	CloudWatch      subject.Field[string] // logs_config.cloudwatch_logs.status, default ENABLED
	S3Status        subject.Field[string] // logs_config.s3_logs.status, default DISABLED
	S3EncryptionOff subject.Field[bool]   // logs_config.s3_logs.encryption_disabled, default false
}

// decodeProject reads aws_codebuild_project values.
func decodeProject(n subject.Node) project {
	var p project
	p.SourceLocations = append(p.SourceLocations, n.Get("source").Block().Get("location").String(""))
	sec := n.Get("secondary_sources").Items()
	p.SourcesUnknown = subject.Field[bool]{V: sec.Unknown, Unknown: sec.Unknown, Path: sec.Path}
	for _, s := range sec.Items {
		p.SourceLocations = append(p.SourceLocations, s.Get("location").String(""))
	}
	vars := n.Get("environment").Block().Get("environment_variable").Items()
	p.EnvUnknown = subject.Field[bool]{V: vars.Unknown, Unknown: vars.Unknown, Path: vars.Path}
	for _, v := range vars.Items {
		p.Env = append(p.Env, envVar{Name: v.Get("name").String(""), Type: v.Get("type").String("PLAINTEXT")})
	}
	logs := n.Get("logs_config").Block()
	p.CloudWatch = logs.Get("cloudwatch_logs").Block().Get("status").String("ENABLED")
	s3 := logs.Get("s3_logs").Block()
	p.S3Status = s3.Get("status").String("DISABLED")
	p.S3EncryptionOff = s3.Get("encryption_disabled").Bool(false)
	return p
}

// hasCredentials reports whether location is an HTTP(S) URL carrying a user
// name, password or token before the host (https://user:token@bitbucket.org/…).
func hasCredentials(location string) bool {
	u, err := url.Parse(strings.TrimSpace(location))
	if err != nil || u.User == nil {
		return false
	}
	return strings.EqualFold(u.Scheme, "https") || strings.EqualFold(u.Scheme, "http")
}

// checkSourceNoCredentials is CodeBuild.1. FSBP names Bitbucket URLs; any
// HTTP(S) source URL with credentials in it fails here, primary or secondary.
func checkSourceNoCredentials(p project) engine.Outcome {
	for _, f := range p.SourceLocations {
		switch {
		case f.Unknown:
			return engine.Undecided(f.Path, "the source location is unknown until apply")
		case hasCredentials(f.V):
			return engine.Fail(f.Path, "the source repository URL carries a user name, password or token: anyone who can read the project reads the credentials")
		}
	}
	if p.SourcesUnknown.Unknown {
		return judge.Unknown(p.SourcesUnknown.Path)
	}
	return engine.Pass()
}

var awsCredentialNames = []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}

// checkNoPlaintextAWSCredentials is CodeBuild.2: no PLAINTEXT environment
// variable named AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY.
func checkNoPlaintextAWSCredentials(p project) engine.Outcome {
	if p.EnvUnknown.Unknown {
		return judge.Unknown(p.EnvUnknown.Path)
	}
	for _, v := range p.Env {
		if v.Name.Unknown {
			return engine.Undecided(v.Name.Path, "an environment variable name is unknown until apply")
		}
		named := false
		for _, k := range awsCredentialNames {
			named = named || strings.EqualFold(strings.TrimSpace(v.Name.V), k)
		}
		if !named {
			continue
		}
		switch {
		case v.Type.Unknown:
			return engine.Undecided(v.Type.Path, "the type of %s is unknown until apply", v.Name.V)
		case strings.EqualFold(strings.TrimSpace(v.Type.V), "PLAINTEXT") || strings.TrimSpace(v.Type.V) == "":
			return engine.Fail(v.Name.Path, "%s is a PLAINTEXT environment variable: the credential is stored in clear text in the project", v.Name.V)
		}
	}
	return engine.Pass()
}

func enabled(f subject.Field[string]) subject.Tri {
	return f.Test(func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "ENABLED") })
}

// checkS3LogsEncrypted is CodeBuild.3: S3 logs, when on, are not written with
// encryption_disabled = true.
func checkS3LogsEncrypted(p project) engine.Outcome {
	switch enabled(p.S3Status) {
	case subject.False:
		return engine.Pass()
	case subject.Unknown:
		if p.S3EncryptionOff.Known() && !p.S3EncryptionOff.V {
			return engine.Pass()
		}
		return engine.Undecided(p.S3Status.Path, "logs_config.s3_logs status is unknown until apply")
	}
	f := p.S3EncryptionOff
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Fail(f.Path, "encryption_disabled is true: build logs are written to S3 unencrypted")
	}
	return engine.Pass()
}

// checkLogging is CodeBuild.4: CloudWatch Logs (on unless disabled) or S3
// logs (off unless enabled).
func checkLogging(p project) engine.Outcome {
	cw, s3 := enabled(p.CloudWatch), enabled(p.S3Status)
	switch cw.Or(s3) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		path := p.CloudWatch.Path
		if cw != subject.Unknown {
			path = p.S3Status.Path
		}
		return engine.Undecided(path, "the log status is unknown until apply")
	}
	return engine.Fail(p.CloudWatch.Path, "CloudWatch Logs are %q and S3 logs are not enabled: build output is not recorded anywhere", p.CloudWatch.V)
}

// reportGroup is the subject of CodeBuild.7. A live loader would fill it from
// BatchGetReportGroups exportConfig.
type reportGroup struct {
	ExportType    subject.Field[string]
	EncryptionOff subject.Field[bool]
}

// decodeReportGroup reads aws_codebuild_report_group values.
func decodeReportGroup(n subject.Node) reportGroup {
	ec := n.Get("export_config").Block()
	return reportGroup{
		ExportType:    ec.Get("type").String("NO_EXPORT"),
		EncryptionOff: ec.Get("s3_destination").Block().Get("encryption_disabled").Bool(false),
	}
}

// checkReportExportEncrypted is CodeBuild.7. s3_destination.encryption_key is
// required by the provider, so an S3 export is encrypted unless
// encryption_disabled is true.
func checkReportExportEncrypted(g reportGroup) engine.Outcome {
	isS3 := g.ExportType.Test(func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "S3") })
	f := g.EncryptionOff
	switch {
	case isS3 == subject.False:
		return engine.Pass()
	case f.Unknown:
		return judge.Unknown(f.Path)
	case !f.V:
		return engine.Pass()
	case isS3 == subject.Unknown:
		return engine.Undecided(g.ExportType.Path, "the export type is unknown until apply")
	}
	return engine.Fail(f.Path, "encryption_disabled is true: test reports are exported to S3 unencrypted")
}

// Register adds the CodeBuild checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_codebuild_project", decodeProject,
		engine.Check[project]{Control: "aws-codebuild-source-no-credentials", Eval: checkSourceNoCredentials},
		engine.Check[project]{Control: "aws-codebuild-no-plaintext-aws-credentials", Eval: checkNoPlaintextAWSCredentials},
		engine.Check[project]{Control: "aws-codebuild-s3-logs-encrypted", Eval: checkS3LogsEncrypted},
		engine.Check[project]{Control: "aws-codebuild-logging", Eval: checkLogging},
	)
	engine.Add(r, "aws_codebuild_report_group", decodeReportGroup,
		engine.Check[reportGroup]{Control: "aws-codebuild-report-export-encrypted", Eval: checkReportExportEncrypted})
}
