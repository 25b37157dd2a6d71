// A1-12: REST methods that accept a request body (POST, PUT, PATCH, ANY) and run a backend have a request
// validator that validates the body. One result per API, listing the methods without one. CORS preflight and
// MOCK methods are not judged; GET/DELETE/HEAD carry no body to validate.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { apiBase, listOf, plural, unreadable } from "./support";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "ANY"]);

function evaluateApi(api: TRestApiRecord): RuleResult {
  const base = apiBase(api);
  if (api.resources.status === "error") return unreadable(base, "REST API", "resources", api.resources);
  const resources = api.resources.status === "ok" ? api.resources.value : [];
  const methods = resources.flatMap((r) =>
    r.methods
      .filter((m) => BODY_METHODS.has(m.httpMethod) && m.integration?.type !== "MOCK")
      .map((m) => ({ label: `${m.httpMethod} ${r.path}`, validatorId: m.requestValidatorId })),
  );
  const validators = api.requestValidators.status === "ok" ? api.requestValidators.value : null;
  const withoutValidator: string[] = [];
  const notValidatingBody: string[] = [];
  const undetermined: string[] = [];
  for (const m of methods) {
    if (!m.validatorId) withoutValidator.push(m.label);
    else if (!validators) undetermined.push(m.label);
    else {
      const v = validators.find((x) => x.id === m.validatorId);
      if (!v) undetermined.push(m.label);
      else if (v.validateRequestBody !== true) notValidatingBody.push(m.label);
    }
  }
  const failing = [...withoutValidator, ...notValidatingBody];
  const evidence = { bodyMethods: methods.map((m) => m.label), withoutValidator, notValidatingBody, undetermined, validators: api.requestValidators };
  if (methods.length === 0) return { ...base, status: "PASS", message: `REST API ${api.name} has no method that accepts a request body.`, evidence };
  if (failing.length > 0) {
    return {
      ...base,
      status: "FAIL",
      message: `REST API ${api.name} does not validate the request body of ${plural(failing.length, "method")}: ${listOf(failing)}.`,
      evidence,
    };
  }
  if (undetermined.length > 0) {
    return { ...base, status: "UNKNOWN", message: `Could not read the request validators of REST API ${api.name} that its methods name.`, evidence };
  }
  return { ...base, status: "PASS", message: `REST API ${api.name} validates the request body of every method that accepts one.`, evidence };
}

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_request_validation_enabled",
  catalogueId: "A1-12",
  title: "REST API methods that accept a body validate it",
  severity: "medium",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "Reports REST APIs with POST, PUT, PATCH or ANY methods (other than MOCK integrations) that have no request " +
    "validator, or whose validator does not validate the body. One result per API.",
  risk:
    "Without validation at the gateway, malformed or oversized payloads reach the backend function, which pays " +
    "for them and must reject them itself; injection payloads get one more chance to reach code.",
  remediation: {
    text: "Create a request validator that validates the body (and parameters), attach it and a request model to the methods, and redeploy.",
    cli:
      "aws apigateway create-request-validator --rest-api-id <api-id> --name body --validate-request-body --validate-request-parameters\n" +
      "aws apigateway update-method --rest-api-id <api-id> --resource-id <resource-id> --http-method POST --patch-operations op=replace,path=/requestValidatorId,value=<validator-id>",
    cloudformation: [
      "BodyValidator:",
      "  Type: AWS::ApiGateway::RequestValidator",
      "  Properties:",
      "    RestApiId: !Ref Api",
      "    ValidateRequestBody: true",
      "    ValidateRequestParameters: true",
      "OrdersPost:",
      "  Type: AWS::ApiGateway::Method",
      "  Properties:",
      "    RestApiId: !Ref Api",
      "    ResourceId: !Ref OrdersResource",
      "    HttpMethod: POST",
      "    AuthorizationType: AWS_IAM",
      "    RequestValidatorId: !Ref BodyValidator",
      "    RequestModels:",
      "      application/json: !Ref OrderModel",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_request_validator" "body" {',
      '  name                        = "body"',
      "  rest_api_id                 = aws_api_gateway_rest_api.this.id",
      "  validate_request_body       = true",
      "  validate_request_parameters = true",
      "}",
    ].join("\n"),
  },
  references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html"],
  evaluate(inventory) {
    return inventory.restApis.map(evaluateApi);
  },
};
