package fwkit

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

var lists = catalog.CatalogLists()

var controlDocs = map[string]string{
	"id":             "Control identifier.",
	"title":          "Short title.",
	"description":    "What the control checks and how it decides.",
	"severity":       "`critical`, `high`, `medium`, `low` or `info`.",
	"area":           "`network`, `storage-public-access`, `encryption`, `key-management`, `logging` or `identity`.",
	"cloud":          "Cloud the control applies to: " + catalog.Code(lists.Clouds) + ".",
	"service":        "Cloud service, per cloud: " + lists.ServicesDoc() + ".",
	"service_model":  "`IaaS`, `PaaS` or `SaaS`.",
	"responsibility": "Side of the shared responsibility line: `customer`, `shared` or `provider`.",
	"frameworks":     "Framework references `<framework>:<item>` (such as `aws-fsbp:S3.8`, `cis-azure-v3.0:4.1`, `nist-800-53-r5:SC-28`) of the frameworks " + catalog.Code(lists.Frameworks) + ".",
	"resource_types": "Resource types the control judges.",
	"modes":          "`planned` (resource values at plan) and/or `live` (cloud state read at plan).",
	"fix":            "The one-line change that makes a failing value pass.",
	"remediation":    "How to fix a failure, with a Terraform snippet.",
}

// ControlAttrTypes is the object type of a control.
var ControlAttrTypes = map[string]attr.Type{
	"id": types.StringType, "title": types.StringType, "description": types.StringType,
	"severity": types.StringType, "area": types.StringType, "cloud": types.StringType,
	"service": types.StringType, "service_model": types.StringType, "responsibility": types.StringType,
	"frameworks": types.ListType{ElemType: types.StringType}, "resource_types": types.ListType{ElemType: types.StringType},
	"modes": types.ListType{ElemType: types.StringType}, "fix": types.StringType, "remediation": types.StringType,
}

// ControlAttrs returns a control's values keyed like ControlAttrTypes.
func ControlAttrs(c *engine.Control) map[string]attr.Value {
	return map[string]attr.Value{
		"id": types.StringValue(c.ID), "title": types.StringValue(c.Title), "description": types.StringValue(c.Description),
		"severity": types.StringValue(string(c.Severity)), "area": types.StringValue(c.Area), "cloud": types.StringValue(c.Cloud),
		"service": types.StringValue(c.Service), "service_model": types.StringValue(c.ServiceModel),
		"responsibility": types.StringValue(string(c.Responsibility)), "frameworks": Strings(c.Frameworks),
		"resource_types": Strings(c.ResourceTypes), "modes": Strings(c.Modes), "fix": types.StringValue(c.Fix),
		"remediation": types.StringValue(c.Remediation),
	}
}

// ControlSchemaAttributes returns computed data source attributes describing a
// control; the id attribute is left to the caller.
func ControlSchemaAttributes() map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for name, typ := range ControlAttrTypes {
		if name == "id" {
			continue
		}
		if _, isList := typ.(types.ListType); isList {
			out[name] = schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: controlDocs[name]}
			continue
		}
		out[name] = schema.StringAttribute{Computed: true, MarkdownDescription: controlDocs[name]}
	}
	return out
}
