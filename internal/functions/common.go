// Package functions holds the provider-defined functions evaluate, compliant
// and violations.
package functions

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/all"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// The parameters every function shares.
func parameters() []function.Parameter {
	return []function.Parameter{
		function.StringParameter{
			Name:                "resource_type",
			MarkdownDescription: "The resource type whose values are judged, such as `aws_security_group`, or a posture type such as `aws_s3_bucket_posture`.",
		},
		function.DynamicParameter{
			Name:                "values",
			AllowUnknownValues:  true,
			AllowNullValue:      true,
			MarkdownDescription: "The resource's values, in the shape of the resource type's attributes: `self` in a postcondition, a resource reference, or an object literal. May be partially unknown.",
		},
	}
}

func optionsParameter() function.DynamicParameter {
	return function.DynamicParameter{
		Name: "options",
		MarkdownDescription: "At most one object of options: `unknown_values` (`fail`, `warn` or `defer`; default `fail`), `minimum_severity`, " +
			"`controls` and `exclude_controls` (lists of control ids). Functions cannot read the provider configuration " +
			"(Terraform does not configure providers for function calls), so these are given per call.",
	}
}

type call struct {
	verdict engine.Verdict
	policy  engine.UnknownPolicy
}

// run decodes the arguments and evaluates them. A FuncError names the argument.
func run(ctx context.Context, req function.RunRequest) (*call, *function.FuncError) {
	var resourceType string
	var values types.Dynamic
	var options []types.Dynamic
	if err := req.Arguments.Get(ctx, &resourceType, &values, &options); err != nil {
		return nil, err
	}
	eng, err := all.Engine()
	if err != nil {
		return nil, function.NewFuncError("Unable to load the control catalog: " + err.Error())
	}
	opts, ferr := parseOptions(ctx, eng, options)
	if ferr != nil {
		return nil, ferr
	}
	v, err := fwkit.SubjectFromDynamic(ctx, values)
	if err != nil {
		return nil, function.NewArgumentFuncError(1, err.Error())
	}
	if v.IsNull() {
		return nil, function.NewArgumentFuncError(1, fmt.Sprintf("values must be an object with the attributes of %s, not null", resourceType))
	}
	verdict, err := eng.Evaluate(resourceType, v, opts)
	if err != nil {
		var unsupported *engine.UnsupportedTypeError
		if errors.As(err, &unsupported) {
			return nil, function.NewArgumentFuncError(0, err.Error())
		}
		return nil, function.NewArgumentFuncError(1, fmt.Sprintf("values of %s: %s", resourceType, err))
	}
	return &call{verdict: verdict, policy: opts.Unknown}, nil
}

func parseOptions(ctx context.Context, eng *engine.Engine, options []types.Dynamic) (engine.Options, *function.FuncError) {
	opts := engine.Options{Unknown: engine.UnknownFail}
	if len(options) == 0 {
		return opts, nil
	}
	if len(options) > 1 {
		return opts, function.NewArgumentFuncError(2, "give at most one options object")
	}
	raw, err := fwkit.SubjectFromDynamic(ctx, options[0])
	if err != nil {
		return opts, function.NewArgumentFuncError(2, err.Error())
	}
	if raw.IsNull() {
		return opts, nil
	}
	if raw.Kind() != subject.KindObject {
		return opts, function.NewArgumentFuncError(2, fmt.Sprintf("options must be an object, got %s", raw.Kind()))
	}
	for _, name := range raw.AttrNames() {
		switch name {
		case "unknown_values", "minimum_severity", "controls", "exclude_controls":
		default:
			return opts, function.NewArgumentFuncError(2, fmt.Sprintf("unsupported option %q: use unknown_values, minimum_severity, controls or exclude_controls", name))
		}
	}
	d, n := subject.Decode(raw)
	policy := n.Get("unknown_values").String("fail")
	severity := n.Get("minimum_severity").String("")
	controls := n.Get("controls").Strings()
	exclude := n.Get("exclude_controls").Strings()
	if err := d.Err(); err != nil {
		return opts, function.NewArgumentFuncError(2, "options."+err.Error())
	}
	if policy.Unknown || severity.Unknown || controls.Unknown || exclude.Unknown {
		return opts, function.NewArgumentFuncError(2, "options must be known at plan time")
	}
	if opts.Unknown, err = engine.ParseUnknownPolicy(policy.V); err != nil {
		return opts, function.NewArgumentFuncError(2, "options.unknown_values: "+err.Error())
	}
	if severity.V != "" {
		if opts.MinimumSeverity, err = engine.ParseSeverity(severity.V); err != nil {
			return opts, function.NewArgumentFuncError(2, "options.minimum_severity: "+err.Error())
		}
	}
	for _, f := range controls.Items {
		opts.Controls = append(opts.Controls, f.V)
	}
	for _, f := range exclude.Items {
		opts.Exclude = append(opts.Exclude, f.V)
	}
	if err := eng.ValidateOptions(opts); err != nil {
		return opts, function.NewArgumentFuncError(2, "options: "+err.Error())
	}
	return opts, nil
}
