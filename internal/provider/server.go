package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/functions"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/resources"
)

// NewServer returns the constructor of the provider's protocol 6 server: the
// framework's server, with baseline_guardrail's resource calls answered on
// raw Terraform values (resources.GuardrailProtocol) and the common function
// calls answered with cached argument types (functions.Protocol). main and
// the tests serve this one.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		p := &baselineProvider{version: version}
		fw, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		return &server{ProviderServer: fw, functions: &functions.Protocol{}, guardrail: &resources.GuardrailProtocol{
			Data: func() *fwkit.ProviderData { return p.data.Load() },
		}}, nil
	}
}

type server struct {
	tfprotov6.ProviderServer
	functions *functions.Protocol
	guardrail *resources.GuardrailProtocol
}

func (s *server) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp, err := s.ProviderServer.GetProviderSchema(ctx, req)
	if err == nil && resp != nil {
		s.guardrail.Schema(resp.ResourceSchemas[resources.GuardrailTypeName])
	}
	return resp, err
}

func (s *server) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	s.guardrail.ClientVersion(req.TerraformVersion)
	return s.ProviderServer.ConfigureProvider(ctx, req)
}

func (s *server) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return s.functions.CallFunction(ctx, req, s.ProviderServer.CallFunction)
}

func (s *server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	if req.TypeName == resources.GuardrailTypeName {
		return s.guardrail.ValidateResourceConfig(ctx, req, s.ProviderServer.ValidateResourceConfig)
	}
	return s.ProviderServer.ValidateResourceConfig(ctx, req)
}

func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if req.TypeName == resources.GuardrailTypeName {
		return s.guardrail.PlanResourceChange(ctx, req)
	}
	return s.ProviderServer.PlanResourceChange(ctx, req)
}

func (s *server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	if req.TypeName == resources.GuardrailTypeName {
		return s.guardrail.ApplyResourceChange(ctx, req)
	}
	return s.ProviderServer.ApplyResourceChange(ctx, req)
}

func (s *server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if req.TypeName == resources.GuardrailTypeName {
		return s.guardrail.ReadResource(ctx, req)
	}
	return s.ProviderServer.ReadResource(ctx, req)
}

func (s *server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	if req.TypeName == resources.GuardrailTypeName {
		return s.guardrail.UpgradeResourceState(ctx, req, s.ProviderServer.UpgradeResourceState)
	}
	return s.ProviderServer.UpgradeResourceState(ctx, req)
}
