// A2-03 (Security Hub APIGateway.10): private integrations (through a VPC link) of HTTP APIs use TLS. One result
// per API; APIs without private integrations pass.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { apiBase, listOf, unreadable } from "@/lib/rules/apigateway/support";
import { kindOf } from "./stages";

function evaluateApi(api: THttpApiRecord): RuleResult {
  const base = apiBase(api);
  if (api.integrations.status === "error") return unreadable(base, kindOf(api), "integrations", api.integrations);
  const privateOnes = api.integrations.value.filter((i) => i.connectionType === "VPC_LINK");
  const withoutTls = privateOnes.filter((i) => !i.tlsServerNameToVerify);
  const evidence = {
    privateIntegrations: privateOnes.map((i) => ({ integrationId: i.integrationId, integrationUri: i.integrationUri, connectionId: i.connectionId, tlsServerNameToVerify: i.tlsServerNameToVerify })),
  };
  if (privateOnes.length === 0) return { ...base, status: "PASS", message: `${kindOf(api)} ${api.name} has no private integration.`, evidence };
  if (withoutTls.length > 0) {
    return {
      ...base,
      status: "FAIL",
      message: `${kindOf(api)} ${api.name} sends traffic over a VPC link without TLS in integration${withoutTls.length === 1 ? "" : "s"} ${listOf(withoutTls.map((i) => i.integrationId))}.`,
      evidence,
    };
  }
  return { ...base, status: "PASS", message: `${kindOf(api)} ${api.name} uses TLS for every private integration.`, evidence };
}

export const rule: RuleDefinition = {
  id: "apigatewayv2_api_private_integration_tls_enabled",
  catalogueId: "A2-03",
  title: "HTTP API private integrations use TLS",
  severity: "medium",
  category: "api-gateway-v2",
  resourceType: "apigatewayv2_api",
  description: "Reports HTTP API integrations through a VPC link that have no TLS configuration (server name to verify). One result per API.",
  risk: "Without TLS, requests and responses between API Gateway and the private load balancer or service travel in plain text inside the VPC.",
  remediation: {
    text: "Use an HTTPS listener on the private load balancer and set the integration's TLS configuration (server name to verify).",
    cli: "aws apigatewayv2 update-integration --api-id <api-id> --integration-id <integration-id> --tls-config ServerNameToVerify=<backend host name>",
    cloudformation: [
      "PrivateIntegration:",
      "  Type: AWS::ApiGatewayV2::Integration",
      "  Properties:",
      "    ApiId: !Ref HttpApi",
      "    IntegrationType: HTTP_PROXY",
      "    IntegrationMethod: ANY",
      "    ConnectionType: VPC_LINK",
      "    ConnectionId: !Ref VpcLink",
      "    IntegrationUri: !Ref HttpsListener",
      "    PayloadFormatVersion: '1.0'",
      "    TlsConfig:",
      "      ServerNameToVerify: internal.example.com",
    ].join("\n"),
    terraform: [
      'resource "aws_apigatewayv2_integration" "private" {',
      "  api_id             = aws_apigatewayv2_api.this.id",
      '  integration_type   = "HTTP_PROXY"',
      '  integration_method = "ANY"',
      '  connection_type    = "VPC_LINK"',
      "  connection_id      = aws_apigatewayv2_vpc_link.this.id",
      "  integration_uri    = aws_lb_listener.https.arn",
      "  tls_config {",
      '    server_name_to_verify = "internal.example.com"',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-10",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html",
  ],
  frameworks: { "aws-fsbp": ["APIGateway.10"] },
  evaluate(inventory) {
    return inventory.httpApis.map(evaluateApi);
  },
};
