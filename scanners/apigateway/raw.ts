// What collect hands to normalize: the API Gateway (REST, v1) responses of one (account, region), JSON-only
// (dates as ISO strings) so a recorded fixture and a live collection have the same shape. The SDK marks every
// field optional; these schemas require the few fields Lantern keys on and keep every other field as AWS sent
// it, except where a response can carry a secret: API key and usage plan key values are dropped here, at the
// boundary (allowlisted objects), so they never reach normalize, the record or the stored raw. Stage variable
// values do reach normalize, which needs them for fingerprints, and are redacted there.
import { z } from "zod";

const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();
const optionalBoolean = z.boolean().nullish();
const optionalStrings = z.array(z.string()).nullish();
const optionalTags = z.record(z.string(), z.string()).nullish();

/** A region-wide listing or a per-resource read: it either completed or failed as a whole. */
export function zOutcome<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), value }),
    z.object({ status: z.literal("error"), code: z.string(), message: z.string() }),
  ]);
}
export type Outcome<T> = { status: "ok"; value: T } | { status: "error"; code: string; message: string };

export const ZEndpointConfiguration = z.looseObject({
  types: optionalStrings,
  ipAddressType: optionalString,
  vpcEndpointIds: optionalStrings,
});

export const ZRestApi = z.looseObject({
  id: z.string(),
  name: optionalString,
  description: optionalString,
  createdDate: optionalString,
  version: optionalString,
  warnings: optionalStrings,
  binaryMediaTypes: optionalStrings,
  minimumCompressionSize: optionalNumber,
  apiKeySource: optionalString,
  endpointConfiguration: ZEndpointConfiguration.nullish(),
  /** AWS returns the document JSON-escaped ({\"Version\":...}); moto returns it plain. normalize handles both. */
  policy: optionalString,
  tags: optionalTags,
  disableExecuteApiEndpoint: optionalBoolean,
  rootResourceId: optionalString,
  securityPolicy: optionalString,
  endpointAccessMode: optionalString,
  apiStatus: optionalString,
});
export type TRestApi = z.infer<typeof ZRestApi>;

export const ZIntegration = z.looseObject({
  type: optionalString,
  httpMethod: optionalString,
  uri: optionalString,
  connectionType: optionalString,
  connectionId: optionalString,
  credentials: optionalString,
  /** Values in single quotes are static literals, where backend keys get hard-coded: redacted in the raw. */
  requestParameters: z.record(z.string(), z.string()).nullish(),
  /** Mapping templates can hard-code values too: redacted in the raw. */
  requestTemplates: z.record(z.string(), z.string()).nullish(),
  passthroughBehavior: optionalString,
  timeoutInMillis: optionalNumber,
});
export type TIntegration = z.infer<typeof ZIntegration>;

export const ZMethod = z.looseObject({
  httpMethod: optionalString,
  authorizationType: optionalString,
  authorizerId: optionalString,
  apiKeyRequired: optionalBoolean,
  requestValidatorId: optionalString,
  operationName: optionalString,
  authorizationScopes: optionalStrings,
  methodIntegration: ZIntegration.nullish(),
});
export type TMethod = z.infer<typeof ZMethod>;

export const ZResource = z.looseObject({
  id: z.string(),
  parentId: optionalString,
  pathPart: optionalString,
  path: optionalString,
  resourceMethods: z.record(z.string(), ZMethod).nullish(),
});
export type TResource = z.infer<typeof ZResource>;

export const ZMethodSetting = z.looseObject({
  metricsEnabled: optionalBoolean,
  loggingLevel: optionalString,
  dataTraceEnabled: optionalBoolean,
  throttlingBurstLimit: optionalNumber,
  throttlingRateLimit: optionalNumber,
  cachingEnabled: optionalBoolean,
  cacheTtlInSeconds: optionalNumber,
  cacheDataEncrypted: optionalBoolean,
  requireAuthorizationForCacheControl: optionalBoolean,
  unauthorizedCacheControlHeaderStrategy: optionalString,
});
export type TMethodSetting = z.infer<typeof ZMethodSetting>;

export const ZStage = z.looseObject({
  stageName: z.string(),
  deploymentId: optionalString,
  /** moto drops it silently (it has no client certificates): real AWS returns it. */
  clientCertificateId: optionalString,
  description: optionalString,
  cacheClusterEnabled: optionalBoolean,
  cacheClusterSize: optionalString,
  cacheClusterStatus: optionalString,
  methodSettings: z.record(z.string(), ZMethodSetting).nullish(),
  /** Secret-bearing: values are redacted by normalize (record and raw). */
  variables: z.record(z.string(), z.string()).nullish(),
  documentationVersion: optionalString,
  accessLogSettings: z.looseObject({ format: optionalString, destinationArn: optionalString }).nullish(),
  canarySettings: z
    .looseObject({
      percentTraffic: optionalNumber,
      deploymentId: optionalString,
      /** Secret-bearing like variables. */
      stageVariableOverrides: z.record(z.string(), z.string()).nullish(),
      useStageCache: optionalBoolean,
    })
    .nullish(),
  tracingEnabled: optionalBoolean,
  webAclArn: optionalString,
  tags: optionalTags,
  /** moto never sets the dates. */
  createdDate: optionalString,
  lastUpdatedDate: optionalString,
});
export type TStage = z.infer<typeof ZStage>;

export const ZAuthorizer = z.looseObject({
  id: z.string(),
  name: optionalString,
  type: optionalString,
  providerARNs: optionalStrings,
  authType: optionalString,
  authorizerUri: optionalString,
  authorizerCredentials: optionalString,
  identitySource: optionalString,
  identityValidationExpression: optionalString,
  authorizerResultTtlInSeconds: optionalNumber,
});
export type TAuthorizer = z.infer<typeof ZAuthorizer>;

export const ZRequestValidator = z.looseObject({
  id: z.string(),
  name: optionalString,
  validateRequestBody: optionalBoolean,
  validateRequestParameters: optionalBoolean,
});
export type TRequestValidator = z.infer<typeof ZRequestValidator>;

export const ZDeployment = z.looseObject({
  id: z.string(),
  description: optionalString,
  createdDate: optionalString,
  apiSummary: z
    .record(z.string(), z.record(z.string(), z.looseObject({ authorizationType: optionalString, apiKeyRequired: optionalBoolean })))
    .nullish(),
});
export type TDeployment = z.infer<typeof ZDeployment>;

export const ZThrottleSettings = z.looseObject({ burstLimit: optionalNumber, rateLimit: optionalNumber });

export const ZUsagePlan = z.looseObject({
  id: z.string(),
  name: optionalString,
  description: optionalString,
  apiStages: z
    .array(z.looseObject({ apiId: optionalString, stage: optionalString, throttle: z.record(z.string(), ZThrottleSettings).nullish() }))
    .nullish(),
  throttle: ZThrottleSettings.nullish(),
  quota: z.looseObject({ limit: optionalNumber, offset: optionalNumber, period: optionalString }).nullish(),
  productCode: optionalString,
  tags: optionalTags,
});
export type TUsagePlan = z.infer<typeof ZUsagePlan>;

/**
 * GetUsagePlanKeys returns each key's `value` (the API key itself) without being asked. Allowlisted, so the
 * value is dropped the moment the response is parsed.
 */
export const ZUsagePlanKey = z.object({ id: z.string(), type: optionalString, name: optionalString });
export type TUsagePlanKey = z.infer<typeof ZUsagePlanKey>;

/** GetApiKeys is called without includeValues; allowlisted anyway, so a `value` can never pass. */
export const ZApiKey = z.object({
  id: z.string(),
  name: optionalString,
  customerId: optionalString,
  description: optionalString,
  enabled: optionalBoolean,
  createdDate: optionalString,
  lastUpdatedDate: optionalString,
  stageKeys: optionalStrings,
  tags: optionalTags,
});
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZDomainName = z.looseObject({
  domainName: z.string(),
  /** Private custom domain names only. */
  domainNameId: optionalString,
  domainNameArn: optionalString,
  certificateName: optionalString,
  certificateArn: optionalString,
  certificateUploadDate: optionalString,
  regionalDomainName: optionalString,
  regionalHostedZoneId: optionalString,
  regionalCertificateName: optionalString,
  regionalCertificateArn: optionalString,
  distributionDomainName: optionalString,
  distributionHostedZoneId: optionalString,
  endpointConfiguration: ZEndpointConfiguration.nullish(),
  domainNameStatus: optionalString,
  domainNameStatusMessage: optionalString,
  securityPolicy: optionalString,
  endpointAccessMode: optionalString,
  tags: optionalTags,
  mutualTlsAuthentication: z
    .looseObject({ truststoreUri: optionalString, truststoreVersion: optionalString, truststoreWarnings: optionalStrings })
    .nullish(),
  ownershipVerificationCertificateArn: optionalString,
  policy: optionalString,
  routingMode: optionalString,
});
export type TDomainName = z.infer<typeof ZDomainName>;

export const ZBasePathMapping = z.looseObject({ basePath: optionalString, restApiId: optionalString, stage: optionalString });
export type TBasePathMapping = z.infer<typeof ZBasePathMapping>;

/** The PEM body is public but large and read by no rule: dropped (allowlisted object). */
export const ZClientCertificate = z.object({
  clientCertificateId: z.string(),
  description: optionalString,
  createdDate: optionalString,
  expirationDate: optionalString,
  tags: optionalTags,
});
export type TClientCertificate = z.infer<typeof ZClientCertificate>;

export const ZRestApiRaw = z.object({
  api: ZRestApi,
  resources: zOutcome(z.array(ZResource)),
  stages: zOutcome(z.array(ZStage)),
  authorizers: zOutcome(z.array(ZAuthorizer)),
  requestValidators: zOutcome(z.array(ZRequestValidator)),
  deployments: zOutcome(z.array(ZDeployment)),
});
export type TRestApiRaw = z.infer<typeof ZRestApiRaw>;

export const ZUsagePlanRaw = z.object({ plan: ZUsagePlan, keys: zOutcome(z.array(ZUsagePlanKey)) });
export type TUsagePlanRaw = z.infer<typeof ZUsagePlanRaw>;

export const ZDomainNameRaw = z.object({ domain: ZDomainName, basePathMappings: zOutcome(z.array(ZBasePathMapping)) });
export type TDomainNameRaw = z.infer<typeof ZDomainNameRaw>;

export const ZApiGatewayRaw = z.object({
  restApis: zOutcome(z.array(ZRestApiRaw)),
  usagePlans: zOutcome(z.array(ZUsagePlanRaw)),
  apiKeys: zOutcome(z.array(ZApiKey)),
  domainNames: zOutcome(z.array(ZDomainNameRaw)),
  /** moto does not implement GetClientCertificates: against moto this is always an error outcome. */
  clientCertificates: zOutcome(z.array(ZClientCertificate)),
});
export type ApiGatewayRaw = z.infer<typeof ZApiGatewayRaw>;
