// The normalized API Gateway v2 (HTTP and WebSocket) API record: what the inventory stores in
// ApiGatewayV2Api.config and what rules read. Produced only by scanners/apigatewayv2/normalize.ts.
//
// Enum-like fields (protocolType, authorizationType, integrationType, ...) are strings, so a value AWS adds
// later is kept as reported rather than rejected. A field AWS left out is null, never a guessed default: a
// route whose authorizationType is null is for rules to treat as undetermined.
import { ZRedactedValue } from "@/lib/aws/redact";
import { z } from "zod";
import type { Fetched } from "@/lib/aws/fetched";
import { zAuthorizersOutcome, zListing } from "@/scanners/apigatewayv2/raw";

export { ZRedactedValue };

/** A Lambda function an integration or authorizer invokes, when its URI names one literally. */
export const ZLambdaTarget = z.object({
  /** Unqualified function ARN, the key the Lambda inventory uses. */
  functionArn: z.string(),
  /** Version or alias the URI invokes ("live", "3", "$LATEST"), null when unqualified. */
  qualifier: z.string().nullable(),
});

export const ZRoute = z.object({
  routeId: z.string().nullable(),
  /** "GET /orders/{id}", "$default"; on WebSocket APIs "$connect", "$disconnect", "$default" or a custom key. */
  routeKey: z.string(),
  /** NONE | AWS_IAM | JWT | CUSTOM as AWS reports it; null when the response left it out. */
  authorizationType: z.string().nullable(),
  /** The authorizer (JWT or Lambda) that guards the route; see authorizerOfRoute(). */
  authorizerId: z.string().nullable(),
  authorizationScopes: z.array(z.string()),
  apiKeyRequired: z.boolean().nullable(),
  /** As AWS reports it, normally "integrations/<integrationId>". */
  target: z.string().nullable(),
  /** The integration id parsed from `target`, null when the route has no integration target. */
  integrationId: z.string().nullable(),
  operationName: z.string().nullable(),
  /** True for routes API Gateway manages (quick create). */
  apiGatewayManaged: z.boolean().nullable(),
});

export const ZIntegration = z.object({
  integrationId: z.string(),
  /** AWS_PROXY | HTTP_PROXY | AWS | HTTP | MOCK */
  integrationType: z.string().nullable(),
  integrationSubtype: z.string().nullable(),
  integrationUri: z.string().nullable(),
  /** Set when integrationUri names a Lambda function (directly or as an API Gateway invocation path). */
  lambda: ZLambdaTarget.nullable(),
  /** INTERNET | VPC_LINK */
  connectionType: z.string().nullable(),
  connectionId: z.string().nullable(),
  /** TLS server name API Gateway verifies on a private integration; null when none is configured. */
  tlsServerNameToVerify: z.string().nullable(),
  payloadFormatVersion: z.string().nullable(),
  integrationMethod: z.string().nullable(),
  /** Role API Gateway assumes to call the integration. */
  credentialsArn: z.string().nullable(),
  timeoutInMillis: z.number().nullable(),
  description: z.string().nullable(),
  /** Request parameter mappings: a static value may be a credential, so values are fingerprinted, not stored. */
  requestParameters: z.array(ZRedactedValue),
  apiGatewayManaged: z.boolean().nullable(),
});

export const ZAuthorizer = z.object({
  authorizerId: z.string(),
  name: z.string().nullable(),
  /** JWT | REQUEST (a Lambda authorizer) */
  authorizerType: z.string().nullable(),
  jwtIssuer: z.string().nullable(),
  jwtAudience: z.array(z.string()),
  authorizerUri: z.string().nullable(),
  lambda: ZLambdaTarget.nullable(),
  /** Role API Gateway assumes to invoke a Lambda authorizer. */
  credentialsArn: z.string().nullable(),
  identitySources: z.array(z.string()),
  identityValidationExpression: z.string().nullable(),
  payloadFormatVersion: z.string().nullable(),
  enableSimpleResponses: z.boolean().nullable(),
  resultTtlInSeconds: z.number().nullable(),
});

export const ZRouteSettings = z.object({
  throttlingBurstLimit: z.number().nullable(),
  throttlingRateLimit: z.number().nullable(),
  detailedMetricsEnabled: z.boolean().nullable(),
  /** ERROR | INFO | OFF (execution logging: WebSocket APIs only) */
  loggingLevel: z.string().nullable(),
  dataTraceEnabled: z.boolean().nullable(),
});

export const ZStage = z.object({
  stageName: z.string(),
  description: z.string().nullable(),
  deploymentId: z.string().nullable(),
  autoDeploy: z.boolean().nullable(),
  createdDate: z.string().nullable(),
  lastUpdatedDate: z.string().nullable(),
  lastDeploymentStatusMessage: z.string().nullable(),
  clientCertificateId: z.string().nullable(),
  apiGatewayManaged: z.boolean().nullable(),
  /** Null when the stage has no access log destination. */
  accessLogs: z.object({ destinationArn: z.string(), format: z.string().nullable() }).nullable(),
  defaultRouteSettings: ZRouteSettings.nullable(),
  /** Per-route overrides, sorted by route key. */
  routeSettings: z.array(ZRouteSettings.extend({ routeKey: z.string() })),
  /** Stage variables: names with length and fingerprint; values are never stored. */
  stageVariables: z.array(ZRedactedValue),
  tags: z.record(z.string(), z.string()),
});

export const ZApiMapping = z.object({
  domainName: z.string(),
  apiMappingId: z.string().nullable(),
  /** Base path on the domain ("" or null = the domain root). */
  apiMappingKey: z.string().nullable(),
  stage: z.string(),
});

/**
 * The custom-domain mappings that route to this API. `partial`: some domains' mappings could not be read
 * (`unreadDomains`), so a mapping to this API may be missing.
 */
export const ZApiMappingsOutcome = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok"), value: z.array(ZApiMapping) }),
  z.object({
    status: z.literal("partial"),
    code: z.string(),
    message: z.string(),
    value: z.array(ZApiMapping),
    unreadDomains: z.array(z.string()),
  }),
  z.object({ status: z.literal("error"), code: z.string(), message: z.string() }),
]);

export const ZHttpApiRecord = z.object({
  /** arn:aws:apigateway:<region>::/apis/<apiId> */
  arn: z.string(),
  apiId: z.string(),
  name: z.string(),
  accountId: z.string(),
  region: z.string(),
  /** HTTP | WEBSOCKET; null when the response left it out. */
  protocolType: z.string().nullable(),
  description: z.string().nullable(),
  apiEndpoint: z.string().nullable(),
  /** True when the default execute-api endpoint is turned off (clients must use a custom domain). */
  disableExecuteApiEndpoint: z.boolean().nullable(),
  routeSelectionExpression: z.string().nullable(),
  apiKeySelectionExpression: z.string().nullable(),
  ipAddressType: z.string().nullable(),
  apiGatewayManaged: z.boolean().nullable(),
  createdDate: z.string().nullable(),
  version: z.string().nullable(),
  cors: z
    .object({
      allowOrigins: z.array(z.string()),
      allowMethods: z.array(z.string()),
      allowHeaders: z.array(z.string()),
      exposeHeaders: z.array(z.string()),
      allowCredentials: z.boolean().nullable(),
      maxAge: z.number().nullable(),
    })
    .nullable(),
  tags: z.record(z.string(), z.string()),
  /** From the aws:cloudformation:* tags CloudFormation puts on what it creates; null when there are none. */
  cloudFormation: z
    .object({ stackName: z.string().nullable(), stackId: z.string().nullable(), logicalId: z.string().nullable() })
    .nullable(),
  /** Sorted by route key. */
  routes: zListing(z.array(ZRoute)),
  /** Sorted by integration id. */
  integrations: zListing(z.array(ZIntegration)),
  /** Sorted by authorizer id. */
  authorizers: zAuthorizersOutcome(ZAuthorizer),
  /** Sorted by stage name. */
  stages: zListing(z.array(ZStage)),
  apiMappings: ZApiMappingsOutcome,
});
export type THttpApiRecord = z.infer<typeof ZHttpApiRecord>;
export type THttpRoute = z.infer<typeof ZRoute>;
export type THttpIntegration = z.infer<typeof ZIntegration>;
export type THttpAuthorizer = z.infer<typeof ZAuthorizer>;
export type THttpStage = z.infer<typeof ZStage>;
export type THttpRouteSettings = z.infer<typeof ZRouteSettings>;
export type THttpApiMapping = z.infer<typeof ZApiMapping>;

/**
 * The authorizer that guards a route, as far as the record knows it: null when the route names none,
 * `absent` when the complete authorizer listing has no such id, `error` when it could not be read.
 * A route's effective auth is its authorizationType plus this authorizer.
 */
export function authorizerOfRoute(record: THttpApiRecord, route: THttpRoute): Fetched<THttpAuthorizer> | null {
  if (!route.authorizerId) return null;
  const { authorizers } = record;
  if (authorizers.status === "error") return { status: "error", code: authorizers.code, message: authorizers.message };
  const found = authorizers.value.find((a) => a.authorizerId === route.authorizerId);
  if (found) return { status: "ok", value: found };
  if (authorizers.status === "ok") return { status: "absent" };
  const unread = authorizers.unread.find((u) => u.authorizerId === route.authorizerId);
  if (unread) return { status: "error", code: unread.code, message: unread.message };
  return { status: "error", code: authorizers.code, message: authorizers.message };
}
