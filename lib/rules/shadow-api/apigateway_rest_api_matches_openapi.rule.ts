// SA-03 (REST): every method a REST API serves is declared in the OpenAPI document uploaded for it. Methods in
// the draft that no stage serves (per the deployment summary, when AWS gave one) are not counted as deployed.
// UNKNOWN when no document was uploaded for the API.
import { sharedEndpointModel } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { apiBase, unreadable } from "@/lib/rules/apigateway/support";
import { documentFor, judgeDrift, OPENAPI_REMEDIATION } from "./openapi";

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_matches_openapi",
  catalogueId: "SA-03",
  title: "REST API serves only the methods its OpenAPI document declares",
  severity: "medium",
  category: "shadow-api",
  resourceType: "apigateway_rest_api",
  description:
    "Compares each REST API's methods with the newest OpenAPI 3 / Swagger 2 document uploaded for it and reports " +
    "methods the document does not declare (path templates match by shape; x-amazon-apigateway-any-method is ANY). " +
    "CORS preflight mocks are ignored. Unknown when no document was uploaded.",
  risk:
    "Undeclared methods are shadow endpoints: left-over debug or admin routes that nobody reviews, tests or " +
    "monitors, often with weaker authorization than the documented API.",
  remediation: {
    ...OPENAPI_REMEDIATION,
    cloudformation: ["Api:", "  Type: AWS::ApiGateway::RestApi", "  Properties:", "    Name: orders-api", "    BodyS3Location:", "      Bucket: api-specs", "      Key: orders-api/openapi.yaml"].join("\n"),
    terraform: ['resource "aws_api_gateway_rest_api" "this" {', '  name = "orders-api"', '  body = file("${path.module}/openapi.yaml")', "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html",
  ],
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.restApis.map((api): RuleResult => {
      const base = apiBase(api);
      const doc = documentFor(inventory, api.arn);
      if (doc && api.resources.status === "error") return unreadable(base, "REST API", "resources", api.resources);
      const deployed = model.endpoints.filter((e) => e.api?.arn === api.arn && e.stages.some((s) => s.serves !== false));
      return judgeDrift(base, `REST API ${api.name}`, doc, deployed);
    });
  },
};
