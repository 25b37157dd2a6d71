// A2-04: a WebSocket API authorizes clients on $connect. WebSocket authorization happens only when the connection
// opens: every other route ($default, custom actions) runs for whoever is connected, so an open $connect (or no
// $connect route at all, which accepts every connection) opens the whole API. One result per WebSocket API,
// pointing at the $connect route when there is one.
import { sharedEndpointModel } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import { apiBase, endpointBase, endpointEvidence, unreadable } from "@/lib/rules/apigateway/support";

export const rule: RuleDefinition = {
  id: "apigatewayv2_api_websocket_connect_authorized",
  catalogueId: "A2-04",
  title: "WebSocket API $connect route requires authorization",
  severity: "high",
  category: "api-gateway-v2",
  resourceType: "apigatewayv2_api",
  description:
    "Reports WebSocket APIs whose $connect route has authorization type NONE, or that have no $connect route " +
    "(so every connection is accepted). Other WebSocket routes take the connection's authorization.",
  risk:
    "Anyone can open a connection and send messages to every route of the API: the backend functions run for " +
    "unauthenticated clients, and connection-count and message abuse cost money.",
  remediation: {
    text: "Add a $connect route with a Lambda (REQUEST) authorizer or IAM authorization, and redeploy the stage.",
    cli:
      "aws apigatewayv2 update-route --api-id <api-id> --route-id <connect-route-id> --authorization-type CUSTOM --authorizer-id <authorizer-id>\n" +
      "aws apigatewayv2 create-deployment --api-id <api-id> --stage-name <stage>",
    cloudformation: [
      "ConnectRoute:",
      "  Type: AWS::ApiGatewayV2::Route",
      "  Properties:",
      "    ApiId: !Ref WebSocketApi",
      "    RouteKey: $connect",
      "    AuthorizationType: CUSTOM",
      "    AuthorizerId: !Ref ConnectAuthorizer",
      "    Target: !Sub integrations/${ConnectIntegration}",
    ].join("\n"),
    terraform: [
      'resource "aws_apigatewayv2_route" "connect" {',
      "  api_id             = aws_apigatewayv2_api.ws.id",
      '  route_key          = "$connect"',
      '  authorization_type = "CUSTOM"',
      "  authorizer_id      = aws_apigatewayv2_authorizer.connect.id",
      '  target             = "integrations/${aws_apigatewayv2_integration.connect.id}"',
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-control-access.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html",
  ],
  frameworks: { "aws-fsbp": ["APIGateway.8"] },
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.httpApis
      .filter((api) => api.protocolType === "WEBSOCKET")
      .map((api: THttpApiRecord): RuleResult => {
        if (api.routes.status === "error") return unreadable(apiBase(api), "WebSocket API", "routes", api.routes);
        const connect = model.endpoints.find((e) => e.api?.arn === api.arn && e.routeKey === "$connect");
        if (!connect) {
          return {
            ...apiBase(api),
            status: "FAIL",
            message: `WebSocket API ${api.name} has no $connect route, so it accepts every connection without authorization.`,
            evidence: { routes: api.routes.value.map((r) => r.routeKey) },
          };
        }
        const base = endpointBase(connect);
        const evidence = endpointEvidence(connect);
        switch (connect.auth.level) {
          case "identity":
            return { ...base, status: "PASS", message: `WebSocket API ${api.name} authorizes connections on $connect (${connect.auth.authorizationType}).`, evidence };
          case "api_key":
            return { ...base, status: "PASS", message: `WebSocket API ${api.name} requires an API key on $connect but no authorization.`, evidence };
          case "none":
            return { ...base, status: "FAIL", message: `WebSocket API ${api.name} accepts connections without authorization on $connect.`, evidence };
          default:
            return { ...base, status: "UNKNOWN", message: `Could not determine whether WebSocket API ${api.name} authorizes connections: ${connect.auth.reason}`, evidence };
        }
      });
  },
};
