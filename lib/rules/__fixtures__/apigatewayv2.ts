// Hand-built normalized API Gateway v2 (HTTP and WebSocket) records for rule and analysis tests. Every builder
// goes through the kind's zod schema (scanners/apigatewayv2/record.ts), so a fixture cannot drift from what the
// scanner stores. Keep signatures stable: other rule folders may import them.
import {
  ZAuthorizer,
  ZHttpApiRecord,
  ZIntegration,
  ZRoute,
  ZStage,
  type THttpApiMapping,
  type THttpApiRecord,
  type THttpAuthorizer,
  type THttpIntegration,
  type THttpRoute,
  type THttpStage,
} from "@/scanners/apigatewayv2/record";
import { ACCOUNT_ID, FIXTURE_DATE, REGION, fetchError, functionArn, ok } from "./apigateway";

export { ACCOUNT_ID, FIXTURE_DATE, REGION, fetchError, functionArn, ok };

export const HTTP_API_ID = "h1t2t3p4a5";
export const WEBSOCKET_API_ID = "w1s2s3k4t5";

export function httpApiArn(id = HTTP_API_ID, region = REGION): string {
  return `arn:aws:apigateway:${region}::/apis/${id}`;
}

export function httpStageArn(stageName = "$default", id = HTTP_API_ID, region = REGION): string {
  return `${httpApiArn(id, region)}/stages/${stageName}`;
}

export function httpRouteArn(routeId: string, id = HTTP_API_ID, region = REGION): string {
  return `${httpApiArn(id, region)}/routes/${routeId}`;
}

/** A route id derived from the route key, stable across calls. */
export function routeIdOf(routeKey: string): string {
  const slug = routeKey.replace(/[^A-Za-z0-9]/g, "").toLowerCase().slice(0, 10);
  return `rt${slug || "x"}${routeKey.length}`;
}

/** An AWS_PROXY integration invoking `functionName` (integration id "int-<functionName>"). */
export function lambdaIntegrationV2(functionName = "orders-api", overrides: Partial<THttpIntegration> = {}): THttpIntegration {
  const fn = functionArn(functionName);
  return ZIntegration.parse({
    integrationId: `int-${functionName}`,
    integrationType: "AWS_PROXY",
    integrationSubtype: null,
    integrationUri: fn,
    lambda: { functionArn: fn, qualifier: null },
    connectionType: "INTERNET",
    connectionId: null,
    tlsServerNameToVerify: null,
    payloadFormatVersion: "2.0",
    integrationMethod: "POST",
    credentialsArn: null,
    timeoutInMillis: 30000,
    description: null,
    requestParameters: [],
    apiGatewayManaged: false,
    ...overrides,
  });
}

/** An HTTP_PROXY integration through a VPC link to a private load balancer listener (no TLS by default). */
export function privateIntegration(overrides: Partial<THttpIntegration> = {}): THttpIntegration {
  return lambdaIntegrationV2("unused", {
    integrationId: "int-private",
    integrationType: "HTTP_PROXY",
    integrationUri: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:listener/app/internal-alb/50dc6c495c0c9188/0467ef3c8400ae65`,
    lambda: null,
    connectionType: "VPC_LINK",
    connectionId: "vpclink01",
    payloadFormatVersion: "1.0",
    integrationMethod: "ANY",
    ...overrides,
  });
}

/** A route; by default NONE, targeting the orders-api Lambda integration. */
export function httpRoute(routeKey: string, overrides: Partial<THttpRoute> = {}): THttpRoute {
  const integrationId = overrides.integrationId === undefined ? "int-orders-api" : overrides.integrationId;
  return ZRoute.parse({
    routeId: routeIdOf(routeKey),
    routeKey,
    authorizationType: "NONE",
    authorizerId: null,
    authorizationScopes: [],
    apiKeyRequired: false,
    target: integrationId ? `integrations/${integrationId}` : null,
    integrationId,
    operationName: null,
    apiGatewayManaged: false,
    ...overrides,
  });
}

/** A route guarded by the fixture JWT authorizer. */
export function jwtRoute(routeKey: string, overrides: Partial<THttpRoute> = {}): THttpRoute {
  return httpRoute(routeKey, { authorizationType: "JWT", authorizerId: "jwtauth01", ...overrides });
}

export function jwtAuthorizer(overrides: Partial<THttpAuthorizer> = {}): THttpAuthorizer {
  return ZAuthorizer.parse({
    authorizerId: "jwtauth01",
    name: "cognito",
    authorizerType: "JWT",
    jwtIssuer: `https://cognito-idp.${REGION}.amazonaws.com/${REGION}_Abc123`,
    jwtAudience: ["4ad1mobileclient8x2k"],
    authorizerUri: null,
    lambda: null,
    credentialsArn: null,
    identitySources: ["$request.header.Authorization"],
    identityValidationExpression: null,
    payloadFormatVersion: null,
    enableSimpleResponses: null,
    resultTtlInSeconds: null,
    ...overrides,
  });
}

/** A Lambda (REQUEST) authorizer invoking `functionName`. */
export function lambdaAuthorizerV2(functionName = "api-token-authorizer", overrides: Partial<THttpAuthorizer> = {}): THttpAuthorizer {
  const fn = functionArn(functionName);
  return jwtAuthorizer({
    authorizerId: "lambdaauth1",
    name: functionName,
    authorizerType: "REQUEST",
    jwtIssuer: null,
    jwtAudience: [],
    authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fn}/invocations`,
    lambda: { functionArn: fn, qualifier: null },
    payloadFormatVersion: "2.0",
    enableSimpleResponses: true,
    resultTtlInSeconds: 300,
    ...overrides,
  });
}

/** The "$default" auto-deployed stage, without access logs. */
export function httpStage(overrides: Partial<THttpStage> = {}): THttpStage {
  return ZStage.parse({
    stageName: "$default",
    description: null,
    deploymentId: "dep0000001",
    autoDeploy: true,
    createdDate: FIXTURE_DATE,
    lastUpdatedDate: FIXTURE_DATE,
    lastDeploymentStatusMessage: null,
    clientCertificateId: null,
    apiGatewayManaged: false,
    accessLogs: null,
    defaultRouteSettings: null,
    routeSettings: [],
    stageVariables: [],
    tags: {},
    ...overrides,
  });
}

/** A stage that writes access logs. */
export function loggedHttpStage(overrides: Partial<THttpStage> = {}): THttpStage {
  return httpStage({
    accessLogs: {
      destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/apigateway/mobile-bff`,
      format: '{"requestId":"$context.requestId"}',
    },
    ...overrides,
  });
}

export function apiMapping(domainName = "mobile.example.com", stage = "$default", key: string | null = null): THttpApiMapping {
  return { domainName, apiMappingId: `map-${domainName.split(".")[0]}`, apiMappingKey: key, stage };
}

/**
 * An HTTP API "mobile-bff" with no routes, the orders-api integration, no authorizers and the "$default" stage.
 * `overrides` replace whole fields.
 */
export function httpApi(overrides: Partial<THttpApiRecord> = {}): THttpApiRecord {
  const apiId = overrides.apiId ?? HTTP_API_ID;
  const region = overrides.region ?? REGION;
  const protocolType = overrides.protocolType === undefined ? "HTTP" : overrides.protocolType;
  const scheme = protocolType === "WEBSOCKET" ? "wss" : "https";
  return ZHttpApiRecord.parse({
    arn: httpApiArn(apiId, region),
    apiId,
    name: "mobile-bff",
    accountId: ACCOUNT_ID,
    region,
    protocolType,
    description: null,
    apiEndpoint: `${scheme}://${apiId}.execute-api.${region}.amazonaws.com`,
    disableExecuteApiEndpoint: false,
    routeSelectionExpression: protocolType === "WEBSOCKET" ? "$request.body.action" : "$request.method $request.path",
    apiKeySelectionExpression: "$request.header.x-api-key",
    ipAddressType: "ipv4",
    apiGatewayManaged: false,
    createdDate: FIXTURE_DATE,
    version: null,
    cors: null,
    tags: {},
    cloudFormation: null,
    routes: ok([]),
    integrations: ok([lambdaIntegrationV2()]),
    authorizers: ok([]),
    stages: ok([httpStage()]),
    apiMappings: ok([]),
    ...overrides,
  });
}

/** A WebSocket API "chat" with a "production" stage; routes are given by the test. */
export function websocketApi(overrides: Partial<THttpApiRecord> = {}): THttpApiRecord {
  return httpApi({
    apiId: WEBSOCKET_API_ID,
    name: "chat",
    protocolType: "WEBSOCKET",
    stages: ok([httpStage({ stageName: "production", autoDeploy: false })]),
    ...overrides,
  });
}
