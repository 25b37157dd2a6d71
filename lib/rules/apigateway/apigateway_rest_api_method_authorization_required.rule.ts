// A1-01: every REST method requires an authorization type or an API key. Judged per method (one result each,
// resourceArn = the method's ARN), never "the API has an authorizer".
//
// Look-alikes that pass, on purpose:
// - OPTIONS answered by a MOCK integration (the console's "Enable CORS"): browsers send preflight requests
//   without credentials, so a preflight cannot require authorization; it runs no backend.
// - any other method answered by a MOCK integration (static health checks): no backend runs either.
// - a NONE method whose resource policy admits no anonymous caller (only named principals, an organization, or
//   a private API without a policy): unsigned calls are refused before the method runs.
// An OPTIONS or ANY method with a real backend and no authorization fails like any other.
import { sharedEndpointModel, type Endpoint } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { apiBase, endpointBase, endpointEvidence, unreadable } from "./support";

function evaluateMethod(e: Endpoint): RuleResult {
  const base = endpointBase(e);
  const evidence = endpointEvidence(e);
  const name = `${e.label} of REST API ${e.api?.name}`;
  if (e.isCorsPreflight) {
    return {
      ...base,
      status: "PASS",
      message: `Method ${name} is a CORS preflight answered by a MOCK integration; browsers send it without credentials, so it cannot require authorization.`,
      evidence: { ...evidence, lookAlike: "cors_preflight" },
    };
  }
  if (e.integration?.type === "MOCK" && e.auth.level !== "identity") {
    return {
      ...base,
      status: "PASS",
      message: `Method ${name} is answered by a MOCK integration with a static response and runs no backend.`,
      evidence: { ...evidence, lookAlike: "mock_integration" },
    };
  }
  switch (e.auth.level) {
    case "identity":
      return { ...base, status: "PASS", message: `Method ${name} requires authorization (${e.auth.authorizationType}).`, evidence };
    case "api_key":
      return { ...base, status: "PASS", message: `Method ${name} has no authorization but requires an API key.`, evidence };
    case "closed":
      return { ...base, status: "PASS", message: `Method ${name} has no authorization, but ${lowerFirst(e.auth.reason)}`, evidence };
    case "none":
      return {
        ...base,
        status: "FAIL",
        message: `Method ${name} accepts calls without authorization or an API key${e.network.networkRestricted ? " (its resource policy only limits the networks callers come from)" : ""}.`,
        evidence,
      };
    default:
      return { ...base, status: "UNKNOWN", message: `Could not determine whether method ${name} requires authorization: ${lowerFirst(e.auth.reason)}`, evidence };
  }
}

function lowerFirst(s: string): string {
  return s ? s[0].toLowerCase() + s.slice(1) : s;
}

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_method_authorization_required",
  catalogueId: "A1-01",
  title: "REST API methods require authorization or an API key",
  severity: "high",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "Reports each REST API method whose authorization type is NONE and that does not require an API key, one " +
    "result per method. The resource policy is taken into account: a method whose policy admits no anonymous " +
    "caller passes. CORS preflight (OPTIONS) and other methods answered by a MOCK integration pass, since they " +
    "run no backend.",
  risk:
    "Anyone who can reach the API can call the method and the backend behind it, usually a Lambda function " +
    "running with its execution role's permissions, without identifying themselves. Open methods are the " +
    "usual way in for data scraping, abuse of business logic and denial of wallet.",
  remediation: {
    text:
      "Set the method's authorization type to AWS_IAM, a Lambda (CUSTOM) or Cognito authorizer, then redeploy " +
      "the stage. Methods that must stay public (webhooks verified by signature, health checks) can require an " +
      "API key with a usage plan, or be limited by a resource policy.",
    cli:
      "aws apigateway update-method --rest-api-id <api-id> --resource-id <resource-id> --http-method <METHOD> " +
      "--patch-operations op=replace,path=/authorizationType,value=CUSTOM op=replace,path=/authorizerId,value=<authorizer-id>\n" +
      "aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>",
    cloudformation: [
      "OrdersGet:",
      "  Type: AWS::ApiGateway::Method",
      "  Properties:",
      "    RestApiId: !Ref Api",
      "    ResourceId: !Ref OrdersResource",
      "    HttpMethod: GET",
      "    AuthorizationType: CUSTOM",
      "    AuthorizerId: !Ref TokenAuthorizer",
      "    Integration:",
      "      Type: AWS_PROXY",
      "      IntegrationHttpMethod: POST",
      "      Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_method" "orders_get" {',
      "  rest_api_id   = aws_api_gateway_rest_api.this.id",
      "  resource_id   = aws_api_gateway_resource.orders.id",
      '  http_method   = "GET"',
      '  authorization = "CUSTOM"',
      "  authorizer_id = aws_api_gateway_authorizer.token.id",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html",
  ],
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.restApis.flatMap((api) => {
      if (api.resources.status === "error") return [unreadable(apiBase(api), "REST API", "resources", api.resources)];
      return model.endpoints.filter((e) => e.kind === "rest_method" && e.api?.arn === api.arn).map(evaluateMethod);
    });
  },
};
