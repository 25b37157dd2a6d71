// A2-01 (Security Hub APIGateway.8): every HTTP API route specifies an authorization type. Judged per route
// (resourceArn = the route's ARN): Prowler's and CloudSploit's v2 checks only ask whether the API has an
// authorizer, and miss the open route next to the protected ones. WebSocket APIs are judged on $connect by A2-04
// (their other routes cannot carry authorization). Look-alike that passes: an OPTIONS route without
// authorization on an API with a CORS configuration, because API Gateway answers preflight requests from the
// CORS configuration itself (http-api-cors.html); without one, the OPTIONS route's backend runs and it fails.
import { sharedEndpointModel, type Endpoint } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { apiBase, endpointBase, endpointEvidence, unreadable } from "@/lib/rules/apigateway/support";

function evaluateRoute(api: THttpApiRecord, e: Endpoint): RuleResult {
  const base = endpointBase(e);
  const evidence = endpointEvidence(e);
  const name = `Route ${e.label} of HTTP API ${api.name}`;
  if (e.auth.level === "identity") {
    return { ...base, status: "PASS", message: `${name} requires authorization (${e.auth.authorizationType}).`, evidence };
  }
  if (e.auth.level === "unknown") {
    return { ...base, status: "UNKNOWN", message: `Could not determine whether route ${e.label} of HTTP API ${api.name} requires authorization: ${e.auth.reason}`, evidence };
  }
  if (e.method === "OPTIONS" && api.cors) {
    return {
      ...base,
      status: "PASS",
      message: `${name} has no authorization, but API Gateway answers CORS preflight requests from the API's CORS configuration.`,
      evidence: { ...evidence, lookAlike: "cors_preflight", cors: api.cors },
    };
  }
  if (e.auth.level === "api_key") {
    return { ...base, status: "PASS", message: `${name} has no authorization but requires an API key.`, evidence };
  }
  const catchAll = e.routeKey === "$default" ? ": it catches every request no other route matches" : "";
  return { ...base, status: "FAIL", message: `${name} accepts calls without authorization${catchAll}.`, evidence };
}

export const rule: RuleDefinition = {
  id: "apigatewayv2_api_route_authorization_required",
  catalogueId: "A2-01",
  title: "HTTP API routes require authorization",
  severity: "medium",
  category: "api-gateway-v2",
  resourceType: "apigatewayv2_api",
  description:
    "Reports each HTTP API route whose authorization type is NONE, one result per route, whether or not the API " +
    "has an authorizer. OPTIONS routes on APIs with a CORS configuration pass. WebSocket APIs are judged by the " +
    "$connect rule.",
  risk:
    "An open route invokes its integration for anyone on the internet. Routes added later (or a $default " +
    "catch-all) are easily left open next to routes protected by a JWT authorizer.",
  remediation: {
    text: "Attach a JWT, Lambda or IAM authorizer to the route. Routes that must be public should be reviewed and documented as such.",
    cli: "aws apigatewayv2 update-route --api-id <api-id> --route-id <route-id> --authorization-type JWT --authorizer-id <authorizer-id>",
    cloudformation: [
      "ProfileRoute:",
      "  Type: AWS::ApiGatewayV2::Route",
      "  Properties:",
      "    ApiId: !Ref HttpApi",
      "    RouteKey: GET /profile",
      "    AuthorizationType: JWT",
      "    AuthorizerId: !Ref JwtAuthorizer",
      "    Target: !Sub integrations/${ProfileIntegration}",
    ].join("\n"),
    terraform: [
      'resource "aws_apigatewayv2_route" "profile" {',
      "  api_id             = aws_apigatewayv2_api.this.id",
      '  route_key          = "GET /profile"',
      '  authorization_type = "JWT"',
      "  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id",
      '  target             = "integrations/${aws_apigatewayv2_integration.profile.id}"',
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-8",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html",
  ],
  frameworks: { "aws-fsbp": ["APIGateway.8"] },
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.httpApis
      .filter((api) => api.protocolType !== "WEBSOCKET")
      .flatMap((api) => {
        if (api.routes.status === "error") return [unreadable(apiBase(api), "HTTP API", "routes", api.routes)];
        return model.endpoints.filter((e) => e.api?.arn === api.arn).map((e) => evaluateRoute(api, e));
      });
  },
};
