// Hand-built normalized API Gateway (REST, v1) records for rule and analysis tests. Every builder goes through
// the kind's zod schema (scanners/apigateway/record.ts), so a fixture cannot drift from what the scanner stores.
//
// Signatures here are shared with other rule folders (A1-11 secrets in stage variables imports restApi,
// restStage, redactedVariable and ok): keep them stable; add optional parameters rather than change them.
import type { z } from "zod";
import type { TStatement } from "@/lib/aws/policy-document";
import {
  ZApiKeyRecord,
  ZAuthorizerRecord,
  ZDeploymentRecord,
  ZDomainNameRecord,
  ZMethodRecord,
  ZMethodSettingRecord,
  ZRequestValidatorRecord,
  ZResourceRecord,
  ZRestApiRecord,
  ZStageRecord,
  ZUsagePlanRecord,
  type TApiKeyRecord,
  type TDomainNameRecord,
  type TMethodRecord,
  type TRestApiRecord,
  type TStageRecord,
  type TUsagePlanRecord,
} from "@/scanners/apigateway/record";
import { emptyInventory, type RuleInventory } from "@/lib/rules/types";
import { ACCOUNT_ID, REGION, fetchError, functionArn } from "./lambda-function";

export { ACCOUNT_ID, REGION, fetchError, functionArn };

export type TResourceRecord = z.infer<typeof ZResourceRecord>;
export type TAuthorizerRecord = z.infer<typeof ZAuthorizerRecord>;
export type TDeploymentRecord = z.infer<typeof ZDeploymentRecord>;
export type TMethodSettingRecord = z.infer<typeof ZMethodSettingRecord>;
export type TIntegrationRecord = NonNullable<TMethodRecord["integration"]>;

export const REST_API_ID = "a1b2c3d4e5";
/** Every record's creation and update date unless a test says otherwise (testContext's clock is 2026-11-23). */
export const FIXTURE_DATE = "2026-11-01T10:00:00.000Z";

/** A successful read of `value`, as the scanner stores it. */
export function ok<T>(value: T): { status: "ok"; value: T } {
  return { status: "ok", value };
}

export function restApiArn(id = REST_API_ID, region = REGION): string {
  return `arn:aws:apigateway:${region}::/restapis/${id}`;
}

export function restStageArn(stageName = "prod", id = REST_API_ID, region = REGION): string {
  return `${restApiArn(id, region)}/stages/${stageName}`;
}

/** The Lambda invocation URI API Gateway stores for a function integration or authorizer. */
export function lambdaUri(functionName: string, region = REGION, accountId = ACCOUNT_ID): string {
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn(functionName, accountId, region)}/invocations`;
}

/** An AWS_PROXY integration invoking `functionName` (unqualified unless `qualifier` is given). */
export function lambdaIntegration(functionName = "orders-api", qualifier: string | null = null, region = REGION): TIntegrationRecord {
  const fn = functionArn(functionName, ACCOUNT_ID, region);
  const target = qualifier ? `${fn}:${qualifier}` : fn;
  return {
    type: "AWS_PROXY",
    httpMethod: "POST",
    uri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${target}/invocations`,
    connectionType: "INTERNET",
    connectionId: null,
    credentials: null,
    timeoutInMillis: 29000,
    lambda: { functionArn: target, unqualifiedFunctionArn: fn, stageVariables: [] },
  };
}

/** A MOCK integration: what the console creates for CORS preflight (OPTIONS) and health-check methods. */
export function mockIntegration(): TIntegrationRecord {
  return {
    type: "MOCK",
    httpMethod: null,
    uri: null,
    connectionType: "INTERNET",
    connectionId: null,
    credentials: null,
    timeoutInMillis: 29000,
    lambda: null,
  };
}

/** An HTTP_PROXY integration to a backend URL (public, or through a VPC link when connectionId is set). */
export function httpIntegration(uri = "https://backend.example.com/{proxy}", connectionId: string | null = null): TIntegrationRecord {
  return {
    type: "HTTP_PROXY",
    httpMethod: "ANY",
    uri,
    connectionType: connectionId ? "VPC_LINK" : "INTERNET",
    connectionId,
    credentials: null,
    timeoutInMillis: 29000,
    lambda: null,
  };
}

/** A method; by default unauthenticated (NONE, no API key) and integrated with the orders-api function. */
export function restMethod(httpMethod = "GET", overrides: Partial<TMethodRecord> = {}): TMethodRecord {
  return ZMethodRecord.parse({
    httpMethod,
    authorizationType: "NONE",
    authorizerId: null,
    apiKeyRequired: false,
    requestValidatorId: null,
    operationName: null,
    authorizationScopes: [],
    integration: lambdaIntegration(),
    ...overrides,
  });
}

/** A resource id derived from its path, stable across calls ("/" is the root). */
export function resourceIdOf(path: string): string {
  if (path === "/") return "root000001";
  return `r${path.replace(/[^A-Za-z0-9]/g, "").slice(0, 12) || "x"}${path.length}`;
}

export function restResource(path: string, methods: TMethodRecord[] = [], overrides: Partial<TResourceRecord> = {}): TResourceRecord {
  const parent = path === "/" ? null : path.slice(0, path.lastIndexOf("/")) || "/";
  return ZResourceRecord.parse({
    id: resourceIdOf(path),
    path,
    parentId: parent === null ? null : resourceIdOf(parent),
    methods,
    ...overrides,
  });
}

export function methodSetting(key = "*/*", overrides: Partial<TMethodSettingRecord> = {}): TMethodSettingRecord {
  const at = key.lastIndexOf("/");
  const rawPath = key.slice(0, at).replaceAll("~1", "/");
  const resourcePath = rawPath === "*" || rawPath.startsWith("/") ? rawPath : `/${rawPath}`;
  return ZMethodSettingRecord.parse({
    key,
    resourcePath,
    httpMethod: key.slice(at + 1),
    loggingLevel: "OFF",
    dataTraceEnabled: false,
    metricsEnabled: false,
    throttlingBurstLimit: 5000,
    throttlingRateLimit: 10000,
    cachingEnabled: false,
    cacheTtlInSeconds: 300,
    cacheDataEncrypted: false,
    requireAuthorizationForCacheControl: true,
    unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
    ...overrides,
  });
}

/** A redacted stage variable (values are never stored; only name, length and fingerprint). */
export function redactedVariable(name: string, length = 12, fingerprint = "0123456789abcdef"): { name: string; length: number; fingerprint: string } {
  return { name, length, fingerprint };
}

/** A stage "prod" serving deployment "dep0000001", with nothing configured (no logs, tracing, WAF, cache, cert). */
export function restStage(overrides: Partial<TStageRecord> = {}): TStageRecord {
  return ZStageRecord.parse({
    stageName: "prod",
    deploymentId: "dep0000001",
    description: null,
    clientCertificateId: null,
    clientCertificate: { status: "absent" },
    cacheClusterEnabled: false,
    cacheClusterSize: null,
    cacheClusterStatus: "NOT_AVAILABLE",
    tracingEnabled: false,
    webAclArn: null,
    documentationVersion: null,
    methodSettings: [],
    accessLogSettings: null,
    variables: [],
    canary: null,
    tags: {},
    createdDate: FIXTURE_DATE,
    lastUpdatedDate: FIXTURE_DATE,
    lambdaTargets: [],
    ...overrides,
  });
}

/** A stage with execution logging (INFO) and access logs on. */
export function loggedRestStage(overrides: Partial<TStageRecord> = {}): TStageRecord {
  return restStage({
    methodSettings: [methodSetting("*/*", { loggingLevel: "INFO", metricsEnabled: true })],
    accessLogSettings: {
      destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/apigateway/orders-api`,
      format: '{"requestId":"$context.requestId"}',
    },
    ...overrides,
  });
}

export function restAuthorizer(overrides: Partial<TAuthorizerRecord> = {}): TAuthorizerRecord {
  const uri = lambdaUri("api-token-authorizer");
  return ZAuthorizerRecord.parse({
    id: "auth000001",
    name: "jwt-token",
    type: "TOKEN",
    identitySource: "method.request.header.Authorization",
    identityValidationExpression: null,
    providerArns: [],
    authType: "custom",
    authorizerUri: uri,
    lambda: { functionArn: functionArn("api-token-authorizer"), unqualifiedFunctionArn: functionArn("api-token-authorizer"), stageVariables: [] },
    authorizerCredentials: null,
    resultTtlInSeconds: 300,
    ...overrides,
  });
}

export function restDeployment(overrides: Partial<TDeploymentRecord> = {}): TDeploymentRecord {
  return ZDeploymentRecord.parse({ id: "dep0000001", description: null, createdDate: FIXTURE_DATE, apiSummary: null, ...overrides });
}

export function requestValidator(overrides: Partial<z.infer<typeof ZRequestValidatorRecord>> = {}) {
  return ZRequestValidatorRecord.parse({ id: "val0000001", name: "body", validateRequestBody: true, validateRequestParameters: true, ...overrides });
}

/**
 * A REGIONAL REST API "orders-api" with no resource policy, the root resource only, one stage "prod" (see
 * restStage) and its deployment. `overrides` replace whole fields.
 */
export function restApi(overrides: Partial<TRestApiRecord> = {}): TRestApiRecord {
  const id = overrides.id ?? REST_API_ID;
  const region = overrides.region ?? REGION;
  const accountId = overrides.accountId ?? ACCOUNT_ID;
  return ZRestApiRecord.parse({
    arn: restApiArn(id, region),
    id,
    name: "orders-api",
    accountId,
    region,
    description: null,
    createdDate: FIXTURE_DATE,
    version: null,
    apiStatus: "AVAILABLE",
    endpointTypes: ["REGIONAL"],
    vpcEndpointIds: [],
    ipAddressType: "ipv4",
    disableExecuteApiEndpoint: false,
    apiKeySource: "HEADER",
    minimumCompressionSize: null,
    binaryMediaTypes: [],
    securityPolicy: null,
    endpointAccessMode: null,
    policy: { status: "absent" },
    tags: {},
    cloudFormation: null,
    resources: ok([restResource("/")]),
    stages: ok([restStage()]),
    authorizers: ok([]),
    requestValidators: ok([]),
    deployments: ok([restDeployment()]),
    ...overrides,
  });
}

/** `restApi` with resources for these method paths: `{ "/orders": [restMethod("GET")] }` (parents are added). */
export function restApiWith(methods: Record<string, TMethodRecord[]>, overrides: Partial<TRestApiRecord> = {}): TRestApiRecord {
  const paths = new Set<string>(["/"]);
  for (const path of Object.keys(methods)) {
    const parts = path.split("/").filter(Boolean);
    for (let i = 1; i <= parts.length; i++) paths.add(`/${parts.slice(0, i).join("/")}`);
  }
  const resources = [...paths].sort().map((p) => restResource(p, methods[p] ?? []));
  return restApi({ resources: ok(resources), ...overrides });
}

/** A fetched API resource policy holding these statements. */
export function apiPolicyOf(...statements: TStatement[]): TRestApiRecord["policy"] {
  const document = { Version: "2012-10-17", Statement: statements };
  return { status: "ok", value: { document, text: JSON.stringify(document) } };
}

/** Allow anyone to invoke every method of every stage (execute-api:/*), optionally under a condition. */
export function allowAnyoneInvoke(condition?: TStatement["Condition"], resource = "execute-api:/*"): TStatement {
  return { Effect: "Allow", Principal: "*", Action: ["execute-api:Invoke"], Resource: [resource], ...(condition ? { Condition: condition } : {}) };
}

/** The AWS-documented guard: deny every caller that does not come through this VPC endpoint. */
export function denyOutsideVpce(vpce = "vpce-0a1b2c3d4e5f60718", resource = "execute-api:/*"): TStatement {
  return {
    Effect: "Deny",
    Principal: "*",
    Action: ["execute-api:Invoke"],
    Resource: [resource],
    Condition: { StringNotEquals: { "aws:SourceVpce": [vpce] } },
  };
}

export function domainName(overrides: Partial<TDomainNameRecord> = {}): TDomainNameRecord {
  const name = overrides.domainName ?? "api.example.com";
  const region = overrides.region ?? REGION;
  return ZDomainNameRecord.parse({
    arn: `arn:aws:apigateway:${region}::/domainnames/${name}`,
    domainName: name,
    domainNameId: null,
    domainNameArn: null,
    accountId: ACCOUNT_ID,
    region,
    endpointTypes: ["REGIONAL"],
    vpcEndpointIds: [],
    securityPolicy: "TLS_1_2",
    endpointAccessMode: null,
    status: "AVAILABLE",
    statusMessage: null,
    mutualTls: null,
    certificateArn: null,
    certificateName: null,
    certificateUploadDate: null,
    distributionDomainName: null,
    distributionHostedZoneId: null,
    regionalCertificateArn: `arn:aws:acm:${region}:${ACCOUNT_ID}:certificate/11111111-2222-3333-4444-555555555555`,
    regionalCertificateName: null,
    regionalDomainName: `d-abc123.execute-api.${region}.amazonaws.com`,
    regionalHostedZoneId: "Z1UJRXOUMOOFQ8",
    ownershipVerificationCertificateArn: null,
    routingMode: "BASE_PATH_MAPPING_ONLY",
    policy: { status: "absent" },
    tags: {},
    basePathMappings: ok([]),
    ...overrides,
  });
}

/** A base path mapping of a REST API stage on a custom domain ("(none)" maps the domain root). */
export function basePathMapping(basePath = "(none)", stage: string | null = "prod", apiId = REST_API_ID, region = REGION) {
  return { basePath, restApiId: apiId, restApiArn: restApiArn(apiId, region), stage };
}

export function usagePlan(overrides: Partial<TUsagePlanRecord> = {}): TUsagePlanRecord {
  const id = overrides.id ?? "plan000001";
  const region = overrides.region ?? REGION;
  return ZUsagePlanRecord.parse({
    arn: `arn:aws:apigateway:${region}::/usageplans/${id}`,
    id,
    name: "web-app",
    accountId: ACCOUNT_ID,
    region,
    description: null,
    throttle: { burstLimit: 200, rateLimit: 100 },
    quota: null,
    apiStages: [{ restApiId: REST_API_ID, restApiArn: restApiArn(REST_API_ID, region), stage: "prod", methodThrottles: [] }],
    productCode: null,
    tags: {},
    keys: ok({ count: 0, apiKeyIds: [] }),
    ...overrides,
  });
}

export function apiKey(overrides: Partial<TApiKeyRecord> = {}): TApiKeyRecord {
  const id = overrides.id ?? "key0000001";
  return ZApiKeyRecord.parse({
    arn: `arn:aws:apigateway:${REGION}::/apikeys/${id}`,
    id,
    name: "merchant",
    accountId: ACCOUNT_ID,
    region: REGION,
    description: null,
    customerId: null,
    enabled: true,
    createdDate: FIXTURE_DATE,
    lastUpdatedDate: FIXTURE_DATE,
    stageKeys: [],
    tags: {},
    ...overrides,
  });
}

/** An inventory of the fixture account holding these records (everything else empty). */
export function inventoryWith(parts: Partial<Omit<RuleInventory, "accountId">> = {}): RuleInventory {
  return { ...emptyInventory(ACCOUNT_ID), ...parts };
}
