// A1-03: a public REST API authenticates its callers somewhere. Unlike "the API has an authorizer", an API
// protected by IAM authorization (AWS_IAM methods, no authorizer at all) passes: IAM is authentication. The
// rule fails only when no method with a backend requires identity: the whole API is open. Single open methods
// in an otherwise authenticated API are reported per method by A1-01.
import { sharedEndpointModel, type Endpoint } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { restApiNetworkRestricted } from "./network";
import { apiBase, listOf, plural, unreadable } from "./support";

function evaluateApi(api: TRestApiRecord, endpoints: Endpoint[]): RuleResult {
  const base = apiBase(api);
  if (api.resources.status === "error") return unreadable(base, "REST API", "resources", api.resources);
  const publicTypes = api.endpointTypes.filter((t) => t !== "PRIVATE");
  if (api.endpointTypes.length > 0 && publicTypes.length === 0) {
    return { ...base, status: "PASS", message: `REST API ${api.name} is private, not public.`, evidence: { endpointTypes: api.endpointTypes } };
  }
  const network = restApiNetworkRestricted(api);
  if (network.restricted) {
    return {
      ...base,
      status: "PASS",
      message: `REST API ${api.name} is limited to known networks by its resource policy.`,
      evidence: { endpointTypes: api.endpointTypes },
    };
  }
  const withBackend = endpoints.filter((e) => !e.isCorsPreflight && e.integration?.type !== "MOCK");
  const authenticated = withBackend.filter((e) => e.auth.level === "identity");
  const open = withBackend.filter((e) => e.auth.level === "none" || e.auth.level === "api_key");
  const unknown = withBackend.filter((e) => e.auth.level === "unknown");
  const evidence = {
    endpointTypes: api.endpointTypes,
    methods: withBackend.length,
    authenticatedMethods: authenticated.map((e) => `${e.label} (${e.auth.authorizationType})`),
    openMethods: open.map((e) => `${e.label} (${e.auth.level === "api_key" ? "API key only" : "no authorization"})`),
    unknownMethods: unknown.map((e) => e.label),
    authorizers: api.authorizers.status === "ok" ? api.authorizers.value.map((a) => ({ id: a.id, name: a.name, type: a.type })) : api.authorizers,
  };
  if (withBackend.length === 0) {
    return { ...base, status: "PASS", message: `REST API ${api.name} has no method with a backend.`, evidence };
  }
  if (authenticated.length > 0) {
    return {
      ...base,
      status: "PASS",
      message: `Public REST API ${api.name} authenticates callers on ${authenticated.length} of ${plural(withBackend.length, "method")}.`,
      evidence,
    };
  }
  if (unknown.length > 0 || network.restricted === null) {
    return { ...base, status: "UNKNOWN", message: `Could not determine whether public REST API ${api.name} authenticates any caller.`, evidence };
  }
  if (open.length === 0) {
    return { ...base, status: "PASS", message: `Public REST API ${api.name} lets no anonymous caller through its resource policy.`, evidence };
  }
  return {
    ...base,
    status: "FAIL",
    message: `Public REST API ${api.name} has no method that authenticates callers: ${listOf(open.map((e) => e.label))}.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "apigateway_rest_api_public_requires_authentication",
  catalogueId: "A1-03",
  title: "Public REST API authenticates its callers",
  severity: "medium",
  category: "api-gateway-rest",
  resourceType: "apigateway_rest_api",
  description:
    "Reports public (EDGE or REGIONAL, not limited to known networks) REST APIs where no method with a backend " +
    "requires IAM, a Lambda authorizer or a Cognito authorizer. APIs that authenticate with IAM alone pass; an " +
    "API key is not authentication.",
  risk:
    "An internet-facing API with no authentication at all exposes every backend function to anyone, including " +
    "automated scanners that enumerate API Gateway endpoints.",
  remediation: {
    text:
      "Add an authorizer (Lambda or Cognito) or IAM authorization to the API's methods and redeploy, or make the " +
      "API private if only internal callers use it.",
    cli:
      "aws apigateway create-authorizer --rest-api-id <api-id> --name jwt --type TOKEN " +
      "--authorizer-uri arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<authorizer-function-arn>/invocations " +
      "--identity-source method.request.header.Authorization",
    cloudformation: [
      "TokenAuthorizer:",
      "  Type: AWS::ApiGateway::Authorizer",
      "  Properties:",
      "    RestApiId: !Ref Api",
      "    Name: jwt",
      "    Type: TOKEN",
      "    IdentitySource: method.request.header.Authorization",
      "    AuthorizerUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthorizerFunction.Arn}/invocations",
    ].join("\n"),
    terraform: [
      'resource "aws_api_gateway_authorizer" "token" {',
      '  name           = "jwt"',
      "  rest_api_id    = aws_api_gateway_rest_api.this.id",
      '  type           = "TOKEN"',
      "  authorizer_uri = aws_lambda_function.authorizer.invoke_arn",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html",
  ],
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.restApis.map((api) => evaluateApi(api, model.endpoints.filter((e) => e.api?.arn === api.arn)));
  },
};
