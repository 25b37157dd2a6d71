// SA-01 (HTTP/WebSocket): an API served on a custom domain has its default execute-api endpoint turned off. APIs
// that no API mapping routes to pass (the default endpoint is their only address).
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { apiBase } from "@/lib/rules/apigateway/support";
import { kindOf } from "@/lib/rules/apigatewayv2/stages";

function evaluateApi(api: THttpApiRecord): RuleResult {
  const base = apiBase(api);
  const kind = kindOf(api);
  const m = api.apiMappings;
  const mappings = m.status === "error" ? [] : m.value;
  const evidence = {
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    apiEndpoint: api.apiEndpoint,
    apiMappings: mappings,
    unreadDomains: m.status === "partial" ? m.unreadDomains : [],
  };
  if (api.disableExecuteApiEndpoint === true) {
    return { ...base, status: "PASS", message: `${kind} ${api.name} has its default execute-api endpoint disabled.`, evidence };
  }
  if (mappings.length > 0) {
    return {
      ...base,
      status: "FAIL",
      message: `${kind} ${api.name} is served on custom domain ${mappings[0].domainName} but still answers on its default endpoint ${api.apiEndpoint ?? "(execute-api)"}.`,
      evidence,
    };
  }
  if (m.status !== "ok") {
    return { ...base, status: "UNKNOWN", message: `Could not determine whether a custom domain serves ${kind} ${api.name}: its API mappings were not read completely.`, evidence };
  }
  return { ...base, status: "PASS", message: `${kind} ${api.name} is served only on its default execute-api endpoint; no custom domain maps it.`, evidence };
}

export const rule: RuleDefinition = {
  id: "apigatewayv2_api_default_endpoint_disabled",
  catalogueId: "SA-01",
  title: "HTTP or WebSocket API on a custom domain has its default endpoint disabled",
  severity: "high",
  category: "shadow-api",
  resourceType: "apigatewayv2_api",
  description: "Reports HTTP and WebSocket APIs that a custom domain's API mapping routes to but whose default execute-api endpoint is still enabled.",
  risk: "The default endpoint is a shadow entry point that bypasses the custom domain (its mutual TLS and TLS policy) and what is monitored on it.",
  remediation: {
    text: "Disable the default endpoint; clients then reach the API only through its custom domain.",
    cli: "aws apigatewayv2 update-api --api-id <api-id> --disable-execute-api-endpoint",
    cloudformation: ["HttpApi:", "  Type: AWS::ApiGatewayV2::Api", "  Properties:", "    Name: mobile-bff", "    ProtocolType: HTTP", "    DisableExecuteApiEndpoint: true"].join("\n"),
    terraform: ['resource "aws_apigatewayv2_api" "this" {', '  name                         = "mobile-bff"', '  protocol_type                = "HTTP"', "  disable_execute_api_endpoint = true", "}"].join("\n"),
  },
  references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html"],
  evaluate(inventory) {
    return inventory.httpApis.map(evaluateApi);
  },
};
