// Package functions holds the provider-defined functions evaluate, compliant
// and violations.
package functions

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/inputcheck"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/suggest"
)

var optionNames = []string{"unknown_values", "minimum_severity", "controls", "exclude_controls", "baseline", "waivers", "as_of", "definitions", "unknown_attributes"}

// checkInput turns input that would pass silently into function errors
// (functions cannot warn): a controls option none of whose controls judges
// resource_type, a waiver match path resource_type cannot have, and, unless
// options.unknown_attributes = "ignore", an attribute the resource type's
// schema lacks that the values set to something other than null or a zero
// value, or that is a rename of a known attribute (azurerm 3.x
// enable_non_ssl_port for 4.x non_ssl_port_enabled), whatever
// its value. An unknown attribute left at its zero value (a newer provider
// version's new argument, unset) passes, so upgrading the cloud provider does
// not break every postcondition.
func checkInput(eng *engine.Engine, resourceType string, v subject.Value, shape tftypes.Type, opts engine.Options, ignoreAttrs bool) *function.FuncError {
	for _, p := range inputcheck.Controls(eng, resourceType, opts.Controls) {
		if p.Kind == inputcheck.ControlsJudgeNothing {
			return function.NewArgumentFuncError(2, "options."+p.Detail)
		}
	}
	for _, p := range inputcheck.MatchPaths(eng, resourceType, opts.Waivers) {
		return function.NewArgumentFuncError(2, "options.waivers: "+p.Detail)
	}
	if ignoreAttrs || fwkit.KnownShape(resourceType, shape) {
		return nil
	}
	for _, p := range inputcheck.Attributes(resourceType, v) {
		if p.Set {
			return function.NewArgumentFuncError(1, p.Detail+" Pass options.unknown_attributes = \"ignore\" to judge the values without it.")
		}
	}
	return nil
}

// ignoreUnknownAttributes reads options.unknown_attributes (validated by parseOptions).
func ignoreUnknownAttributes(options []fwkit.RawDynamicValue) bool {
	if len(options) != 1 {
		return false
	}
	raw, err := options[0].Subject()
	if err != nil {
		return false
	}
	_, n := subject.Decode(raw)
	return n.Get("unknown_attributes").String("error").V == "ignore"
}

// The parameters every function shares.
func parameters() []function.Parameter {
	return []function.Parameter{
		function.StringParameter{
			Name:                "resource_type",
			MarkdownDescription: "The resource type whose values are judged, such as `aws_security_group`, or a posture type such as `aws_s3_bucket_posture`.",
		},
		function.DynamicParameter{
			Name:                "values",
			CustomType:          fwkit.RawDynamicType{},
			AllowUnknownValues:  true,
			AllowNullValue:      true,
			MarkdownDescription: "The resource's values, in the shape of the resource type's attributes: `self` in a postcondition, a resource reference, or an object literal. May be partially unknown.",
		},
	}
}

func optionsParameter() function.DynamicParameter {
	return function.DynamicParameter{
		Name:       "options",
		CustomType: fwkit.RawDynamicType{},
		MarkdownDescription: "At most one object of options: `unknown_values` (`fail`, `warn` or `defer`; default `fail`), `minimum_severity`, " +
			"`controls` and `exclude_controls` (lists of control ids; a `controls` list none of whose controls judges `resource_type` is an error), " +
			"`baseline` (`foundational`, `strict` or a framework name: " + catalog.Code(catalog.CatalogLists().Frameworks) + "), " +
			"`waivers` (a list of objects with `control_id`, `reason`, `owner`, `expires` as YYYY-MM-DD and optionally `match`, a map of attribute path to glob) " +
			"`as_of` (the day waiver expiry is judged on: YYYY-MM-DD or an RFC 3339 timestamp such as `plantimestamp()`; default: today, UTC) " +
			"`definitions` (an organisation's own baseline: the `spec` of a `baseline_definition` data source, whose controls, selection, severities " +
			"and waivers then apply with the built-in controls) " +
			"and `unknown_attributes` (`error`, the default, or `ignore`). Functions cannot warn, so input that would pass silently is an error: " +
			"a waiver `match` path the resource type cannot have, and an attribute the resource type's schema (the provider versions the baseline " +
			"judges) does not have when it is set to a value other than null or a zero value, or is a renamed attribute such as azurerm 3.x " +
			"`enable_non_ssl_port` (4.x `non_ssl_port_enabled`; older names the baseline reads, such as `enable_https_traffic_only`, are judged); the error names the closest known attribute. `unknown_attributes = \"ignore\"` judges such values without " +
			"the attribute (an unknown attribute left at its zero value, as a newer provider version's new argument is, always passes). " +
			"Functions cannot read the provider configuration (Terraform does not configure providers for function calls), so these are given per call. " +
			"Terraform checks that a function returns the same result at apply as at plan: pass `as_of = plantimestamp()` when waivers are given so that " +
			"a waiver expiring between plan and apply cannot change the result.",
	}
}

type call struct {
	verdict engine.Verdict
	policy  engine.UnknownPolicy
	// whollyUnknown is set when the values argument is unknown as a whole, as
	// Terraform passes root variables while it validates a configuration.
	// There is nothing to judge yet: the result is unknown and Terraform
	// evaluates the condition again once the values exist. Partially unknown
	// values are judged as usual.
	whollyUnknown bool
}

// run decodes the arguments and evaluates them. A FuncError names the argument.
func run(ctx context.Context, req function.RunRequest) (*call, *function.FuncError) {
	var resourceType string
	var values fwkit.RawDynamicValue
	var options []fwkit.RawDynamicValue
	if err := req.Arguments.Get(ctx, &resourceType, &values, &options); err != nil {
		return nil, err
	}
	if values.IsUnknown() {
		return &call{whollyUnknown: true}, nil
	}
	return judge(resourceType, values.Subject, values.Raw.Type(), options)
}

// judge evaluates the values of resourceType, read by subjectOf from a
// value of type shape (nil when not known), under options.
func judge(resourceType string, subjectOf func() (subject.Value, error), shape tftypes.Type, options []fwkit.RawDynamicValue) (*call, *function.FuncError) {
	eng, err := catalog.Engine()
	if err != nil {
		return nil, function.NewFuncError("Unable to load the control catalog: " + err.Error())
	}
	opts, eng, ferr := parseOptions(eng, options)
	if ferr != nil {
		return nil, ferr
	}
	v, err := subjectOf()
	if err != nil {
		return nil, function.NewArgumentFuncError(1, err.Error())
	}
	if v.IsNull() {
		return nil, function.NewArgumentFuncError(1, fmt.Sprintf("values must be an object with the attributes of %s, not null", resourceType))
	}
	if ferr := checkInput(eng, resourceType, v, shape, opts, ignoreUnknownAttributes(options)); ferr != nil {
		return nil, ferr
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

// parseOptions reads the options argument. With `definitions` it returns the
// engine of that organisation baseline instead of eng.
func parseOptions(eng *engine.Engine, options []fwkit.RawDynamicValue) (engine.Options, *engine.Engine, *function.FuncError) {
	opts, eng, err := parseOptionsErr(eng, options)
	if err != nil {
		return opts, eng, function.NewArgumentFuncError(2, err.Error())
	}
	return opts, eng, nil
}

func parseOptionsErr(eng *engine.Engine, options []fwkit.RawDynamicValue) (engine.Options, *engine.Engine, error) {
	opts := engine.Options{Unknown: engine.UnknownFail}
	raw, ok, err := optionsValue(options)
	if !ok || err != nil {
		return opts, eng, err
	}
	d, n := subject.Decode(raw)
	policy := n.Get("unknown_values").String("fail")
	severity := n.Get("minimum_severity").String("")
	controls := n.Get("controls").Strings()
	exclude := n.Get("exclude_controls").Strings()
	baseline := n.Get("baseline").String("")
	asOf := n.Get("as_of").String("")
	definitions := n.Get("definitions").String("")
	unknownAttrs := n.Get("unknown_attributes").String("error")
	if k := n.Get("waivers").Value().Kind(); k != subject.KindNull && k != subject.KindList && k != subject.KindObject && k != subject.KindUnknown {
		return opts, eng, fmt.Errorf("options.waivers: expected a list of waiver objects, got %s", k)
	}
	if err := d.Err(); err != nil {
		return opts, eng, errors.New("options." + err.Error())
	}
	if unknownAttrs.V != "error" && unknownAttrs.V != "ignore" {
		return opts, eng, fmt.Errorf("options.unknown_attributes: %q is not error or ignore", unknownAttrs.V)
	}
	if policy.Unknown || severity.Unknown || controls.Unknown || exclude.Unknown || baseline.Unknown || asOf.Unknown || definitions.Unknown || !n.Get("waivers").Value().WhollyKnown() {
		return opts, eng, errors.New("options must be known at plan time")
	}
	if opts.Unknown, err = engine.ParseUnknownPolicy(policy.V); err != nil {
		return opts, eng, errors.New("options.unknown_values: " + err.Error())
	}
	if severity.V != "" {
		if opts.MinimumSeverity, err = engine.ParseSeverity(severity.V); err != nil {
			return opts, eng, errors.New("options.minimum_severity: " + err.Error())
		}
	}
	for _, f := range controls.Items {
		opts.Controls = append(opts.Controls, f.V)
	}
	for _, f := range exclude.Items {
		opts.Exclude = append(opts.Exclude, f.V)
	}
	opts.Baseline = baseline.V
	opts.AsOf = time.Now().UTC()
	if asOf.V != "" {
		if opts.AsOf, err = engine.ParseDay(asOf.V); err != nil {
			return opts, eng, errors.New("options.as_of: " + err.Error())
		}
	}
	if eng, err = withDefinitions(eng, &opts, definitions.V, n.Get("waivers")); err != nil {
		return opts, eng, err
	}
	if err := eng.ValidateOptions(opts); err != nil {
		return opts, eng, errors.New("options: " + err.Error())
	}
	return opts, eng, nil
}

// optionsValue is the options object of a function call; ok is false when
// none was given (or it is null).
func optionsValue(options []fwkit.RawDynamicValue) (raw subject.Value, ok bool, err error) {
	if len(options) == 0 {
		return subject.Value{}, false, nil
	}
	if len(options) > 1 {
		return subject.Value{}, false, errors.New("give at most one options object")
	}
	if options[0].IsUnknown() {
		return subject.Value{}, false, errors.New("options must be known at plan time")
	}
	raw, err = options[0].Subject()
	if err != nil {
		return subject.Value{}, false, err
	}
	if raw.IsNull() {
		return subject.Value{}, false, nil
	}
	if raw.Kind() != subject.KindObject {
		return subject.Value{}, false, fmt.Errorf("options must be an object, got %s", raw.Kind())
	}
	for _, name := range raw.AttrNames() {
		switch name {
		case "unknown_values", "minimum_severity", "controls", "exclude_controls", "baseline", "waivers", "as_of", "definitions", "unknown_attributes":
		default:
			return subject.Value{}, false, fmt.Errorf("unsupported option %q%s: use unknown_values, minimum_severity, controls, exclude_controls, baseline, waivers, as_of, definitions or unknown_attributes",
				name, suggest.DidYouMean(name, optionNames, 1))
		}
	}
	return raw, true, nil
}

// withDefinitions compiles the definitions file named by path (if any) onto
// eng and adds its waivers and the waivers option to opts.
func withDefinitions(eng *engine.Engine, opts *engine.Options, path string, waivers subject.Node) (*engine.Engine, error) {
	if path != "" {
		compiled, err := definition.Load(eng, path)
		if err != nil {
			return eng, fmt.Errorf("options.definitions: %w", err)
		}
		eng = compiled.Engine
		if opts.Waivers, err = compiled.Waivers(opts.AsOf); err != nil {
			return eng, fmt.Errorf("options.definitions: %w", err)
		}
	}
	parsed, err := parseWaivers(eng, waivers, opts.AsOf)
	opts.Waivers = append(opts.Waivers, parsed...)
	if err != nil {
		return eng, err
	}
	return eng, nil
}

// parseWaivers reads options.waivers: a list of objects with control_id,
// reason, owner, expires and optionally match (a map of path to glob).
func parseWaivers(eng *engine.Engine, n subject.Node, asOf time.Time) (engine.Waivers, error) {
	var out engine.Waivers
	seq := n.Items()
	if n.Value().Kind() == subject.KindObject {
		return nil, fmt.Errorf("options.waivers: expected a list of waiver objects, got one object")
	}
	for _, item := range seq.Items {
		if item.Value().Kind() != subject.KindObject {
			return nil, fmt.Errorf("options.%s: expected a waiver object, got %s", item.Path(), item.Value().Kind())
		}
		for _, name := range item.Value().AttrNames() {
			switch name {
			case "control_id", "reason", "owner", "expires", "match":
			default:
				return nil, fmt.Errorf("options.%s: unsupported attribute %q: use control_id, reason, owner, expires and match", item.Path(), name)
			}
		}
		d, w := subject.Decode(item.Value())
		id := w.Get("control_id").String("").V
		reason := w.Get("reason").String("").V
		owner := w.Get("owner").String("").V
		expires := w.Get("expires").String("").V
		match := map[string]string{}
		mv := w.Get("match").Value()
		if mv.Kind() != subject.KindNull && mv.Kind() != subject.KindObject {
			return nil, fmt.Errorf("options.%s.match: expected a map of attribute path to glob, got %s", item.Path(), mv.Kind())
		}
		for _, k := range mv.AttrNames() {
			match[k] = w.Get("match").Get(k).String("").V
		}
		if err := d.Err(); err != nil {
			return nil, fmt.Errorf("options.%s.%s", item.Path(), err)
		}
		if _, ok := eng.Control(id); !ok {
			return nil, fmt.Errorf("options.%s.control_id: unknown control id %q", item.Path(), id)
		}
		waiver, err := engine.NewWaiver(id, reason, owner, expires, match, asOf)
		if err != nil {
			return nil, fmt.Errorf("options.%s: %s", item.Path(), err)
		}
		out = append(out, waiver)
	}
	return out, nil
}
