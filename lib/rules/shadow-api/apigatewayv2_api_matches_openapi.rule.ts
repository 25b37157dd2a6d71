// SA-03 (HTTP): every route an HTTP API serves is declared in the OpenAPI document uploaded for it ($default is
// matched to the "$default" path API Gateway exports). WebSocket APIs have no OpenAPI description and are not
// judged. UNKNOWN when no document was uploaded for the API.
import { sharedEndpointModel } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { apiBase, unreadable } from "@/lib/rules/apigateway/support";
import { documentFor, judgeDrift, OPENAPI_REMEDIATION } from "./openapi";

export const rule: RuleDefinition = {
  id: "apigatewayv2_api_matches_openapi",
  catalogueId: "SA-03",
  title: "HTTP API serves only the routes its OpenAPI document declares",
  severity: "medium",
  category: "shadow-api",
  resourceType: "apigatewayv2_api",
  description:
    "Compares each HTTP API's routes with the newest OpenAPI 3 document uploaded for it and reports routes the " +
    "document does not declare. Unknown when no document was uploaded; WebSocket APIs are not judged.",
  risk: "Undeclared routes are shadow endpoints that nobody reviews, tests or monitors, often with weaker authorization than the documented API.",
  remediation: {
    ...OPENAPI_REMEDIATION,
    cli: "aws apigatewayv2 export-api --api-id <api-id> --output-type JSON --specification OAS30 --stage-name '$default' deployed.json",
    cloudformation: ["HttpApi:", "  Type: AWS::ApiGatewayV2::Api", "  Properties:", "    BodyS3Location:", "      Bucket: api-specs", "      Key: mobile-bff/openapi.yaml"].join("\n"),
    terraform: ['resource "aws_apigatewayv2_api" "this" {', '  name          = "mobile-bff"', '  protocol_type = "HTTP"', '  body          = file("${path.module}/openapi.yaml")', "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-export.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html",
  ],
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.httpApis
      .filter((api) => api.protocolType !== "WEBSOCKET")
      .map((api): RuleResult => {
        const base = apiBase(api);
        const doc = documentFor(inventory, api.arn);
        if (doc && api.routes.status === "error") return unreadable(base, "HTTP API", "routes", api.routes);
        return judgeDrift(base, `HTTP API ${api.name}`, doc, model.endpoints.filter((e) => e.api?.arn === api.arn));
      });
  },
};
