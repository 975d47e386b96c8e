package fwkit

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// VerdictTerraform is the verdict as Terraform values, keyed like
// VerdictAttrTypes, for the verdict attributes objType has: built directly,
// so that thousands of findings cost a list of values rather than framework
// objects converted one by one. A finding object carries the attributes its
// type in objType declares (address and module_address when it has them).
func VerdictTerraform(objType tftypes.Object, v engine.Verdict, policy engine.UnknownPolicy) (map[string]tftypes.Value, error) {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(int64(n))) }
	strs := func(ss []string) tftypes.Value {
		elems := make([]tftypes.Value, len(ss))
		for i, s := range ss {
			elems[i] = str(s)
		}
		return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
	}
	compliant := tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)
	if v.Known {
		compliant = tftypes.NewValue(tftypes.Bool, v.Compliant)
	}
	all := map[string]func() (tftypes.Value, error){
		"resource_type": func() (tftypes.Value, error) { return str(v.ResourceType), nil },
		"compliant":     func() (tftypes.Value, error) { return compliant, nil },
		"violations":    func() (tftypes.Value, error) { return strs(v.Violations(policy)), nil },
		"passed":        func() (tftypes.Value, error) { return num(v.Passed), nil },
		"failed":        func() (tftypes.Value, error) { return num(v.Failed), nil },
		"unknown":       func() (tftypes.Value, error) { return num(v.Unknown), nil },
		"waived":        func() (tftypes.Value, error) { return num(v.Waived), nil },
		"errored":       func() (tftypes.Value, error) { return num(v.Errored), nil },
		"findings": func() (tftypes.Value, error) {
			list, ok := objType.AttributeTypes["findings"].(tftypes.List)
			if !ok {
				return tftypes.Value{}, fmt.Errorf("findings of type %s", objType.AttributeTypes["findings"])
			}
			elem, ok := list.ElementType.(tftypes.Object)
			if !ok {
				return tftypes.Value{}, fmt.Errorf("a finding of type %s", list.ElementType)
			}
			out := make([]tftypes.Value, len(v.Findings))
			for i, f := range v.Findings {
				out[i] = findingTerraform(elem, f, str, strs)
			}
			return tftypes.NewValue(list, out), nil
		},
	}
	attrs := make(map[string]tftypes.Value, len(all))
	for name, build := range all {
		if _, ok := objType.AttributeTypes[name]; !ok {
			continue
		}
		val, err := build()
		if err != nil {
			return nil, err
		}
		attrs[name] = val
	}
	return attrs, nil
}

// findingTerraform is one finding as an object of type t: the attributes
// of FindingAttrs that t has, null for the others.
func findingTerraform(t tftypes.Object, f engine.Finding, str func(string) tftypes.Value, strs func([]string) tftypes.Value) tftypes.Value {
	all := FindingAttrs(f, str, strs)
	out := make(map[string]tftypes.Value, len(t.AttributeTypes))
	for name, at := range t.AttributeTypes {
		if v, ok := all[name]; ok {
			out[name] = v
		} else {
			out[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(t, out)
}

// FindingAttrs are the attributes of one finding, a plan's included
// (address, module_address), built with str and strs.
func FindingAttrs(f engine.Finding, str func(string) tftypes.Value, strs func([]string) tftypes.Value) map[string]tftypes.Value {
	null := tftypes.NewValue(tftypes.String, nil)
	reason, owner, expires := null, null, null
	if f.Waiver != nil {
		reason, owner, expires = str(f.Waiver.Reason), str(f.Waiver.Owner), str(f.Waiver.Expires)
	}
	frameworks := f.Frameworks
	if frameworks == nil {
		frameworks = []string{}
	}
	return map[string]tftypes.Value{
		"control_id": str(f.ControlID), "title": str(f.Title), "severity": str(string(f.Severity)), "status": str(string(f.Status)),
		"resource_type": str(f.ResourceType), "attribute": str(f.Attribute), "message": str(f.Message), "fix": str(f.Fix),
		"remediation": str(f.Remediation), "responsibility": str(string(f.Responsibility)), "service_model": str(f.ServiceModel),
		"frameworks": strs(frameworks), "waiver_reason": reason, "waiver_owner": owner, "waiver_expires": expires,
		"address": str(f.Address), "module_address": str(f.ModuleAddress),
	}
}
