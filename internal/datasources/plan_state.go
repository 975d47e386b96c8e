package datasources

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/planfile"
)

// planState builds the whole state of baseline_plan as one Terraform value:
// the configuration's arguments and the computed results. A plan of
// thousands of instances has thousands of findings; building them as
// framework values and setting them attribute by attribute costs minutes,
// building the value directly costs milliseconds.
func planState(config tftypes.Value, res *planfile.Result, violations []string) (tftypes.Value, error) {
	objType, ok := config.Type().(tftypes.Object)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("configuration of type %s", config.Type())
	}
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return tftypes.Value{}, err
	}
	out := make(map[string]tftypes.Value, len(objType.AttributeTypes))
	for name, t := range objType.AttributeTypes {
		if v, ok := attrs[name]; ok && !v.IsNull() {
			out[name] = v
		} else {
			out[name] = tftypes.NewValue(t, nil)
		}
	}
	typeOf := func(name string) tftypes.Type { return objType.AttributeTypes[name] }
	v := res.Verdict
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(int64(n))) }
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	strs := func(ss []string) tftypes.Value {
		elems := make([]tftypes.Value, len(ss))
		for i, s := range ss {
			elems[i] = str(s)
		}
		return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
	}
	out["compliant"] = tftypes.NewValue(tftypes.Bool, v.Compliant)
	out["passed"], out["failed"], out["unknown"], out["waived"], out["errored"] = num(v.Passed), num(v.Failed), num(v.Unknown), num(v.Waived), num(v.Errored)
	out["violations"] = strs(violations)
	out["kind"], out["format_version"], out["terraform_version"] = str(res.Kind), str(res.FormatVersion), str(res.TerraformVersion)
	out["resource_types"] = strs(orEmpty(res.ResourceTypes))
	out["unjudged_types"] = strs(orEmpty(res.UnjudgedTypes))

	findingList, ok := typeOf("findings").(tftypes.List)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("findings of type %s", typeOf("findings"))
	}
	findingType := findingList.ElementType.(tftypes.Object)
	findings := make([]tftypes.Value, 0, len(v.Findings))
	for _, f := range v.Findings {
		findings = append(findings, tftypes.NewValue(findingType, fwkit.FindingAttrs(f, str, strs)))
	}
	out["findings"] = tftypes.NewValue(findingList, findings)

	resMap, ok := typeOf("resources").(tftypes.Map)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("resources of type %s", typeOf("resources"))
	}
	addrs := make([]string, 0, len(res.Resources))
	for a := range res.Resources {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	resources := make(map[string]tftypes.Value, len(addrs))
	for _, a := range addrs {
		s := res.Resources[a]
		resources[a] = tftypes.NewValue(resMap.ElementType, map[string]tftypes.Value{
			"type": str(s.Type), "passed": num(s.Passed), "failed": num(s.Failed), "unknown": num(s.Unknown), "waived": num(s.Waived), "errored": num(s.Errored),
		})
	}
	out["resources"] = tftypes.NewValue(resMap, resources)
	return tftypes.NewValue(objType, out), nil
}
