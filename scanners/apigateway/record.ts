// The normalized API Gateway (REST, v1) records: what the inventory stores in the ApiGateway* tables' config
// and what rules read. Produced only by scanners/apigateway/normalize.ts. Enumerated AWS values (endpoint
// types, authorization types, logging levels, ...) are kept as strings, so a value AWS adds later is stored,
// not rejected. A read that failed is an error outcome (UNKNOWN for rules), never an empty list.
import { z } from "zod";
import { ZRedactedValueWithSecrets } from "@/lib/analysis/secrets/redact";
import { zFetched } from "@/lib/aws/fetched";
import { ZPolicyDocument } from "@/lib/aws/policy-document";

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();
const nullableBoolean = z.boolean().nullable();
const tags = z.record(z.string(), z.string());

/**
 * A stage variable: its value is never stored (same redaction as Lambda environment variables), only the
 * secret detectors that fired on it at scan time, with fingerprints.
 */
export const ZRedactedVariable = ZRedactedValueWithSecrets;
export type TRedactedVariable = z.infer<typeof ZRedactedVariable>;

export const ZPolicy = zFetched(z.object({ document: ZPolicyDocument, text: z.string() }));

/**
 * A Lambda function an integration or authorizer URI invokes
 * (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<functionArn>/invocations).
 */
export const ZLambdaTarget = z.object({
  /** As written in the URI: may be qualified (:alias, :version) or hold ${stageVariables.x}. */
  functionArn: z.string(),
  /** Without qualifier; null when the function name itself comes from a stage variable (see stage lambdaTargets). */
  unqualifiedFunctionArn: nullableString,
  /** Stage variables the URI references: the function depends on the stage. */
  stageVariables: z.array(z.string()),
});

export const ZIntegrationRecord = z.object({
  type: nullableString,
  httpMethod: nullableString,
  /** The URI as AWS returns it. */
  uri: nullableString,
  connectionType: nullableString,
  connectionId: nullableString,
  /** Role API Gateway assumes to call the backend (or arn:aws:iam::*:user/* for the caller's credentials). */
  credentials: nullableString,
  timeoutInMillis: nullableNumber,
  lambda: ZLambdaTarget.nullable(),
});

export const ZMethodRecord = z.object({
  httpMethod: z.string(),
  /** NONE | AWS_IAM | CUSTOM | COGNITO_USER_POOLS (string: unknown values kept). */
  authorizationType: nullableString,
  authorizerId: nullableString,
  apiKeyRequired: nullableBoolean,
  requestValidatorId: nullableString,
  operationName: nullableString,
  authorizationScopes: z.array(z.string()),
  integration: ZIntegrationRecord.nullable(),
});
export type TMethodRecord = z.infer<typeof ZMethodRecord>;

export const ZResourceRecord = z.object({
  id: z.string(),
  path: z.string(),
  parentId: nullableString,
  methods: z.array(ZMethodRecord),
});

export const ZMethodSettingRecord = z.object({
  /** The key as AWS returns it: "*\/*" for the stage default, or "<resource path with ~1 for />/<METHOD>". */
  key: z.string(),
  resourcePath: z.string(),
  httpMethod: z.string(),
  loggingLevel: nullableString,
  dataTraceEnabled: nullableBoolean,
  metricsEnabled: nullableBoolean,
  throttlingBurstLimit: nullableNumber,
  throttlingRateLimit: nullableNumber,
  cachingEnabled: nullableBoolean,
  cacheTtlInSeconds: nullableNumber,
  cacheDataEncrypted: nullableBoolean,
  requireAuthorizationForCacheControl: nullableBoolean,
  unauthorizedCacheControlHeaderStrategy: nullableString,
});

export const ZClientCertificateRecord = z.object({
  id: z.string(),
  description: nullableString,
  createdDate: nullableString,
  expirationDate: nullableString,
});

/** A Lambda target whose URI uses stage variables, resolved with one stage's variable values. */
export const ZStageLambdaTarget = z.object({
  source: z.enum(["integration", "authorizer"]),
  resourcePath: nullableString,
  httpMethod: nullableString,
  authorizerId: nullableString,
  /** The URI's function ARN with the stage's values substituted; null unless that yields a Lambda function ARN. */
  functionArn: nullableString,
  unqualifiedFunctionArn: nullableString,
});

export const ZStageRecord = z.object({
  stageName: z.string(),
  deploymentId: nullableString,
  description: nullableString,
  clientCertificateId: nullableString,
  /**
   * The stage's client certificate from the region's GetClientCertificates listing: absent when the stage names
   * none, error when the listing failed (always against moto, which lacks the call) or does not contain it.
   */
  clientCertificate: zFetched(ZClientCertificateRecord),
  cacheClusterEnabled: nullableBoolean,
  cacheClusterSize: nullableString,
  cacheClusterStatus: nullableString,
  tracingEnabled: nullableBoolean,
  webAclArn: nullableString,
  documentationVersion: nullableString,
  methodSettings: z.array(ZMethodSettingRecord),
  accessLogSettings: z.object({ destinationArn: nullableString, format: nullableString }).nullable(),
  variables: z.array(ZRedactedVariable),
  canary: z
    .object({
      percentTraffic: nullableNumber,
      deploymentId: nullableString,
      useStageCache: nullableBoolean,
      stageVariableOverrides: z.array(ZRedactedVariable),
    })
    .nullable(),
  tags,
  /** null when AWS does not report it (moto never does). */
  createdDate: nullableString,
  lastUpdatedDate: nullableString,
  /** Lambda targets that depend on stage variables, resolved for this stage (empty when none do). */
  lambdaTargets: z.array(ZStageLambdaTarget),
});
export type TStageRecord = z.infer<typeof ZStageRecord>;

export const ZAuthorizerRecord = z.object({
  id: z.string(),
  name: nullableString,
  /** TOKEN | REQUEST | COGNITO_USER_POOLS (string: unknown values kept). */
  type: nullableString,
  identitySource: nullableString,
  identityValidationExpression: nullableString,
  providerArns: z.array(z.string()),
  authType: nullableString,
  authorizerUri: nullableString,
  lambda: ZLambdaTarget.nullable(),
  authorizerCredentials: nullableString,
  resultTtlInSeconds: nullableNumber,
});

export const ZRequestValidatorRecord = z.object({
  id: z.string(),
  name: nullableString,
  validateRequestBody: nullableBoolean,
  validateRequestParameters: nullableBoolean,
});

export const ZDeploymentRecord = z.object({
  id: z.string(),
  description: nullableString,
  createdDate: nullableString,
  /** What the deployment serves, when AWS includes it: per path and method, the auth type at deploy time. */
  apiSummary: z
    .array(z.object({ path: z.string(), httpMethod: z.string(), authorizationType: nullableString, apiKeyRequired: nullableBoolean }))
    .nullable(),
});

export const ZCloudFormationOrigin = z.object({
  stackName: nullableString,
  stackId: nullableString,
  logicalId: nullableString,
});

export const ZRestApiRecord = z.object({
  arn: z.string(),
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  region: z.string(),
  description: nullableString,
  createdDate: nullableString,
  version: nullableString,
  apiStatus: nullableString,
  /** EDGE | REGIONAL | PRIVATE, as AWS lists them. */
  endpointTypes: z.array(z.string()),
  vpcEndpointIds: z.array(z.string()),
  ipAddressType: nullableString,
  /** null when AWS did not say (older APIs omit it). */
  disableExecuteApiEndpoint: nullableBoolean,
  apiKeySource: nullableString,
  minimumCompressionSize: nullableNumber,
  binaryMediaTypes: z.array(z.string()),
  securityPolicy: nullableString,
  endpointAccessMode: nullableString,
  /** The resource policy: absent when the API has none. */
  policy: ZPolicy,
  tags,
  /** From the aws:cloudformation:* tags CloudFormation puts on what it creates; null when there are none. */
  cloudFormation: ZCloudFormationOrigin.nullable(),
  /** The API's current (draft) resources and methods, integrations embedded. */
  resources: zFetched(z.array(ZResourceRecord)),
  stages: zFetched(z.array(ZStageRecord)),
  authorizers: zFetched(z.array(ZAuthorizerRecord)),
  requestValidators: zFetched(z.array(ZRequestValidatorRecord)),
  deployments: zFetched(z.array(ZDeploymentRecord)),
});
export type TRestApiRecord = z.infer<typeof ZRestApiRecord>;

export const ZDomainNameRecord = z.object({
  arn: z.string(),
  domainName: z.string(),
  domainNameId: nullableString,
  domainNameArn: nullableString,
  accountId: z.string(),
  region: z.string(),
  endpointTypes: z.array(z.string()),
  vpcEndpointIds: z.array(z.string()),
  /** TLS_1_0 | TLS_1_2 | SecurityPolicy_* (string: unknown values kept). */
  securityPolicy: nullableString,
  endpointAccessMode: nullableString,
  status: nullableString,
  statusMessage: nullableString,
  mutualTls: z
    .object({ truststoreUri: nullableString, truststoreVersion: nullableString, truststoreWarnings: z.array(z.string()) })
    .nullable(),
  /** Edge-optimized domains. API Gateway reports the upload date only; expiry lives in ACM. */
  certificateArn: nullableString,
  certificateName: nullableString,
  certificateUploadDate: nullableString,
  distributionDomainName: nullableString,
  distributionHostedZoneId: nullableString,
  /** Regional domains. */
  regionalCertificateArn: nullableString,
  regionalCertificateName: nullableString,
  regionalDomainName: nullableString,
  regionalHostedZoneId: nullableString,
  ownershipVerificationCertificateArn: nullableString,
  routingMode: nullableString,
  /** Private custom domain names have a resource policy: absent otherwise. */
  policy: ZPolicy,
  tags,
  basePathMappings: zFetched(
    z.array(z.object({ basePath: z.string(), restApiId: nullableString, restApiArn: nullableString, stage: nullableString })),
  ),
});
export type TDomainNameRecord = z.infer<typeof ZDomainNameRecord>;

const ZThrottleRecord = z.object({ burstLimit: nullableNumber, rateLimit: nullableNumber });

export const ZUsagePlanRecord = z.object({
  arn: z.string(),
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  region: z.string(),
  description: nullableString,
  throttle: ZThrottleRecord.nullable(),
  quota: z.object({ limit: nullableNumber, offset: nullableNumber, period: nullableString }).nullable(),
  apiStages: z.array(
    z.object({
      restApiId: nullableString,
      restApiArn: nullableString,
      stage: nullableString,
      /** Per-method throttles, keyed in AWS as "<resource path>/<METHOD>". */
      methodThrottles: z.array(ZThrottleRecord.extend({ key: z.string(), resourcePath: z.string(), httpMethod: z.string() })),
    }),
  ),
  productCode: nullableString,
  tags,
  /** The API keys in the plan (ids only; values are never kept). */
  keys: zFetched(z.object({ count: z.number().int(), apiKeyIds: z.array(z.string()) })),
});
export type TUsagePlanRecord = z.infer<typeof ZUsagePlanRecord>;

export const ZApiKeyRecord = z.object({
  arn: z.string(),
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  region: z.string(),
  description: nullableString,
  customerId: nullableString,
  enabled: nullableBoolean,
  createdDate: nullableString,
  lastUpdatedDate: nullableString,
  /** Stages the key is bound to directly (legacy stage keys; usage plans are the current way). */
  stageKeys: z.array(z.object({ restApiId: z.string(), stageName: z.string() })),
  tags,
});
export type TApiKeyRecord = z.infer<typeof ZApiKeyRecord>;
