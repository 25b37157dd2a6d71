// A1-02: a REST API is PRIVATE, or its resource policy keeps anonymous callers to named networks. An EDGE or
// REGIONAL API whose every "Principal: *" grant is limited to IP ranges or VPC endpoints (by condition or by a
// Deny guard) is the look-alike that passes: its endpoint type is public, its audience is not.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { restApiNetworkRestricted } from "./network";
import { apiBase } from "./support";

function evaluateApi(api: TRestApiRecord): RuleResult {
  const base = apiBase(api);
  const types = api.endpointTypes;
  const evidence: Record<string, unknown> = { endpointTypes: types, vpcEndpointIds: api.vpcEndpointIds };
  if (types.length === 0) {
    return { ...base, status: "UNKNOWN", message: `Could not determine the endpoint type of REST API ${api.name}: AWS reported none.`, evidence };
  }
  const publicTypes = types.filter((t) => t !== "PRIVATE");
  if (publicTypes.length === 0) {
    return { ...base, status: "PASS", message: `REST API ${api.name} has a private endpoint, reachable only from VPCs.`, evidence };
  }
  const { restricted, grants } = restApiNetworkRestricted(api);
  evidence.policyGrantsToAnyone = grants.map((g) => ({ sid: g.sid, index: g.index, restrictions: g.restrictions, guards: g.guards, open: g.open }));
  if (restricted === null) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not determine whether REST API ${api.name} is public: its resource policy could not be read.`,
      evidence: { ...evidence, policy: api.policy },
    };
  }
  if (restricted) {
    const keys = [...new Set(grants.flatMap((g) => [...g.restrictions, ...g.guards.flat()]).map((r) => r.key))];
    return {
      ...base,
      status: "PASS",
      message: `REST API ${api.name} has a ${publicTypes.join("/")} endpoint, but its resource policy limits callers by ${keys.join(", ") || "an unconditional Deny"}.`,
      evidence,
    };
  }
  return {
    ...base,
    status: "FAIL",
    message: `REST API ${api.name} has a public ${publicTypes.join("/")} endpoint that anyone on the internet can reach.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_endpoint_not_public",
  catalogueId: "A1-02",
  title: "REST API endpoint is private or limited to known networks",
  severity: "medium",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST APIs with an EDGE or REGIONAL endpoint unless their resource policy limits every grant to " +
    "anyone to IP ranges, VPCs or VPC endpoints. PRIVATE APIs pass. Whether methods authenticate is judged by " +
    "the method authorization rule.",
  risk:
    "A public endpoint is reachable by anyone on the internet: every method, authorizer and backend behind it " +
    "becomes attack surface. APIs meant for internal callers should not be public.",
  remediation: {
    text:
      "Make internal APIs PRIVATE and allow only your VPC endpoints in the resource policy, or keep the public " +
      "endpoint and add a resource policy that limits aws:SourceIp to your networks.",
    cli:
      "aws apigateway update-rest-api --rest-api-id <api-id> --patch-operations " +
      "op=replace,path=/endpointConfiguration/types/REGIONAL,value=PRIVATE",
    cloudformation: [
      "Api:",
      "  Type: AWS::ApiGateway::RestApi",
      "  Properties:",
      "    Name: internal-api",
      "    EndpointConfiguration:",
      "      Types: [PRIVATE]",
      "    Policy:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Principal: '*'",
      "          Action: execute-api:Invoke",
      "          Resource: execute-api:/*",
      "        - Effect: Deny",
      "          Principal: '*'",
      "          Action: execute-api:Invoke",
      "          Resource: execute-api:/*",
      "          Condition:",
      "            StringNotEquals:",
      "              aws:SourceVpce: !Ref ApiVpcEndpoint",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_rest_api" "internal" {',
      '  name = "internal-api"',
      "  endpoint_configuration {",
      '    types            = ["PRIVATE"]',
      "    vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id]",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html",
  ],
  evaluate(inventory) {
    return inventory.restApis.map(evaluateApi);
  },
};
