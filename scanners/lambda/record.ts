// The normalized Lambda records: what the inventory stores in the Lambda tables' config column and what rules
// read. Produced only by scanners/lambda/normalize*.ts. Enum-like AWS values are kept as strings, so an unknown
// future value is stored as sent instead of failing the scan.
import { z } from "zod";
import { ZRedactedValueWithSecrets, ZSecretConfidence } from "@/lib/analysis/secrets/redact";
import { zFetched } from "@/lib/aws/fetched";
import { ZPolicyDocument } from "@/lib/aws/policy-document";

/** A read that either answered or failed ("none configured" is an empty answer, not "absent"). */
function zListed<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), value }),
    z.object({ status: z.literal("error"), code: z.string(), message: z.string() }),
  ]);
}

export const ZFetchedPolicy = zFetched(z.object({ document: ZPolicyDocument, text: z.string() }));

/**
 * An environment variable: name, length and keyed fingerprint, plus the secret detectors that fired on the
 * clear value at scan time (lib/analysis/secrets). The value itself is never stored.
 */
export const ZRedactedEnvVar = ZRedactedValueWithSecrets;
export type TRedactedEnvVar = z.infer<typeof ZRedactedEnvVar>;

/** One secret found in a deployment package or layer: where, by which detector, and its fingerprint (never the text). */
export const ZCodeSecretHit = z.object({
  /** null: the function's own deployment package; otherwise the layer version ARN. */
  layerArn: z.string().nullable(),
  /** Path inside the archive. */
  path: z.string(),
  line: z.number().int(),
  detector: z.string(),
  confidence: ZSecretConfidence,
  fingerprint: z.string(),
});
export type TCodeSecretHit = z.infer<typeof ZCodeSecretHit>;

/** How far one package (the function's, or one layer's) was read. */
export const ZCodePackageScan = z.object({
  kind: z.enum(["function", "layer"]),
  /** The function ARN, or the layer version ARN. */
  arn: z.string(),
  /**
   * scanned: every text file read; partial: a cap or a malformed entry stopped part of it; skipped: not read
   * on purpose (a container image, a layer of another account); error: the download or the archive failed.
   */
  status: z.enum(["scanned", "partial", "skipped", "error"]),
  /** Why not "scanned": PackageTooLarge, UnzippedSizeExceeded, ContainerImage, ForeignLayer, AccessDeniedException, … */
  code: z.string().nullable(),
  reason: z.string().nullable(),
  codeSha256: z.string().nullable(),
  filesScanned: z.number().int(),
  filesSkipped: z.number().int(),
});
export type TCodePackageScan = z.infer<typeof ZCodePackageScan>;

export const ZCodeSecrets = z.object({
  packages: z.array(ZCodePackageScan),
  /** Strongest first; at most the scan's cap. */
  hits: z.array(ZCodeSecretHit),
  /** More hits were found than `hits` holds. */
  hitsTruncated: z.boolean(),
});
export type TCodeSecrets = z.infer<typeof ZCodeSecrets>;
export const ZFetchedCodeSecrets = zFetched(ZCodeSecrets);
export type TFetchedCodeSecrets = z.infer<typeof ZFetchedCodeSecrets>;

export const ZFunctionUrl = z.object({
  url: z.string(),
  authType: z.string(), // NONE | AWS_IAM (string, so an unknown future value is kept, not rejected)
  invokeMode: z.string().nullable(),
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
});

export const ZQualifiedFunctionUrl = ZFunctionUrl.extend({
  /** null: the unqualified function ($LATEST); otherwise the alias the URL belongs to. */
  qualifier: z.string().nullable(),
});

export const ZEventSourceMappingRef = z.object({
  uuid: z.string(),
  eventSourceArn: z.string().nullable(),
  state: z.string().nullable(),
  batchSize: z.number().nullable(),
  functionArn: z.string(),
});

export const ZFunctionVersion = z.object({
  version: z.string(),
  arn: z.string(),
  description: z.string().nullable(),
  runtime: z.string().nullable(),
  roleArn: z.string().nullable(),
  codeSha256: z.string().nullable(),
  codeSize: z.number().nullable(),
  lastModified: z.string().nullable(),
  kmsKeyArn: z.string().nullable(),
  state: z.string().nullable(),
  /** A published version keeps the environment it was published with: values redacted like the function's. */
  environment: z.array(ZRedactedEnvVar),
});

export const ZFunctionAlias = z.object({
  name: z.string(),
  arn: z.string().nullable(),
  functionVersion: z.string().nullable(),
  description: z.string().nullable(),
  /** Weighted routing to extra versions (canary), sorted by version. */
  routing: z.array(z.object({ version: z.string(), weight: z.number() })),
});

export const ZProvisionedConcurrency = z.object({
  qualifier: z.string().nullable(),
  requested: z.number().nullable(),
  available: z.number().nullable(),
  allocated: z.number().nullable(),
  status: z.string().nullable(),
  statusReason: z.string().nullable(),
});

export const ZEventInvokeConfig = z.object({
  /** null: $LATEST; otherwise a version or alias. */
  qualifier: z.string().nullable(),
  maximumRetryAttempts: z.number().nullable(),
  maximumEventAgeInSeconds: z.number().nullable(),
  onSuccessDestination: z.string().nullable(),
  onFailureDestination: z.string().nullable(),
});

export const ZTriggerVia = z.enum(["event_source_mapping", "resource_policy", "function_url"]);

/**
 * One way something can invoke the function, derived in normalize from its event source mappings, resource
 * policies (unqualified and per qualifier) and function URLs. One entry per (via, source type, source ARN,
 * principal, qualifier); duplicates (two statements granting the same source) are merged.
 */
export const ZTrigger = z.object({
  /**
   * apigateway | s3 | sns | events | sqs | cloudwatch-logs | iot | kinesis | dynamodb | kafka | mq | docdb |
   * function-url | aws-account (an AWS principal) | any (Principal "*" naming no source) | other, or the name of
   * any other service principal (e.g. "elasticloadbalancing", "cognito-idp").
   */
  sourceType: z.string(),
  sourceArn: z.string().nullable(),
  /**
   * resource_policy: "*", a service principal or an AWS principal as written; event_source_mapping:
   * "lambda.amazonaws.com" (the Lambda service polls the source); function_url: "*" for AuthType NONE, else the
   * auth type.
   */
  principal: z.string(),
  via: ZTriggerVia,
  qualifier: z.string().nullable(),
  statementSid: z.string().nullable(),
  esmUuid: z.string().nullable(),
  /** Mappings can be disabled; a policy grant or a URL is always in force. */
  enabled: z.boolean(),
  /** True when the principal, the source ARN or an AWS:SourceAccount condition names another account; null when none names an account. */
  crossAccount: z.boolean().nullable(),
  /** resource_policy only: the statement's AWS:SourceAccount values and every "Operator:key" it conditions on. */
  conditions: z.object({ sourceAccounts: z.array(z.string()), keys: z.array(z.string()) }).nullable(),
  /** function_url only. */
  authType: z.string().nullable(),
});
export type TTrigger = z.infer<typeof ZTrigger>;

/** A trigger source that could not be read, so the function may have triggers the list does not show. */
export const ZTriggerGap = z.object({
  via: ZTriggerVia,
  /** The qualifier whose source is unknown; null for the unqualified function or for all qualifiers (listing failed). */
  qualifier: z.string().nullable(),
  api: z.string(),
  code: z.string(),
  message: z.string(),
});
export type TTriggerGap = z.infer<typeof ZTriggerGap>;

export const ZLambdaFunctionRecord = z.object({
  arn: z.string(),
  name: z.string(),
  accountId: z.string(),
  region: z.string(),
  description: z.string().nullable(),
  runtime: z.string().nullable(),
  handler: z.string().nullable(),
  packageType: z.string().nullable(),
  roleArn: z.string().nullable(),
  memorySize: z.number().nullable(),
  timeout: z.number().nullable(),
  codeSize: z.number().nullable(),
  codeSha256: z.string().nullable(),
  lastModified: z.string().nullable(),
  architectures: z.array(z.string()),
  state: z.string().nullable(),
  stateReasonCode: z.string().nullable(),
  lastUpdateStatus: z.string().nullable(),
  tracingMode: z.string().nullable(),
  kmsKeyArn: z.string().nullable(),
  deadLetterTargetArn: z.string().nullable(),
  vpc: z
    .object({ vpcId: z.string().nullable(), subnetIds: z.array(z.string()), securityGroupIds: z.array(z.string()) })
    .nullable(),
  layers: z.array(z.object({ arn: z.string(), codeSize: z.number().nullable() })),
  environment: z.array(ZRedactedEnvVar),
  /** Set when Lambda could not decrypt the environment (e.g. KMS access denied). */
  environmentError: z.object({ errorCode: z.string().nullable(), message: z.string().nullable() }).nullable(),
  ephemeralStorageMb: z.number().nullable(),
  snapStart: z.object({ applyOn: z.string().nullable(), optimizationStatus: z.string().nullable() }).nullable(),
  logging: z
    .object({
      logFormat: z.string().nullable(),
      applicationLogLevel: z.string().nullable(),
      systemLogLevel: z.string().nullable(),
      logGroup: z.string().nullable(),
    })
    .nullable(),
  runtimeVersionArn: z.string().nullable(),
  signingProfileVersionArn: z.string().nullable(),
  signingJobArn: z.string().nullable(),
  fileSystems: z.array(z.object({ arn: z.string(), localMountPath: z.string().nullable() })),
  /** Resource-based policy of the unqualified function: absent when it has none (GetPolicy ResourceNotFound). */
  policy: ZFetchedPolicy,
  /** Published versions ($LATEST excluded: that is this record). */
  versions: zListed(z.array(ZFunctionVersion)),
  aliases: zListed(z.array(ZFunctionAlias)),
  /**
   * Resource policy of each published version and alias that could be listed. When `versions` or `aliases` is
   * an error, the policies of those qualifiers are unknown (see triggerGaps).
   */
  qualifierPolicies: z.array(z.object({ qualifier: z.string(), policy: ZFetchedPolicy })),
  /** Function URL of the unqualified function: absent when none is configured. */
  url: zFetched(ZFunctionUrl),
  /** Every function URL of the function: the unqualified one and those of its aliases. */
  urls: zListed(z.array(ZQualifiedFunctionUrl)),
  /** Which call read the URLs: ListFunctionUrlConfigs, or GetFunctionUrlConfig per qualifier where the endpoint lacks the list call. */
  urlsFetchedWith: z.enum(["ListFunctionUrlConfigs", "GetFunctionUrlConfig"]),
  /** Reserved concurrency: absent when none is set. */
  reservedConcurrency: zFetched(z.number()),
  provisionedConcurrency: zListed(z.array(ZProvisionedConcurrency)),
  /** Asynchronous invocation settings per qualifier (retries, destinations). */
  eventInvokeConfigs: zListed(z.array(ZEventInvokeConfig)),
  eventInvokeConfigsFetchedWith: z.enum(["ListFunctionEventInvokeConfigs", "GetFunctionEventInvokeConfig"]),
  /** Code signing config ARN: absent when none is attached. */
  codeSigningConfigArn: zFetched(z.string()),
  tags: zListed(z.record(z.string(), z.string())),
  /** Recursive loop detection: Terminate (default) or Allow. */
  recursiveLoop: zListed(z.string().nullable()),
  /** Event source mappings whose target is this function (from the region-wide listing). */
  eventSourceMappings: zFetched(z.array(ZEventSourceMappingRef)),
  triggers: z.array(ZTrigger),
  /** Trigger sources that could not be read: when non-empty, `triggers` may be incomplete. */
  triggerGaps: z.array(ZTriggerGap),
  /**
   * Secrets found in the deployment package and the account's own layers (LC-03). Absent when code
   * scanning is off (LANTERN_SCAN_FUNCTION_CODE, opt-in) and on records stored before it existed.
   */
  codeSecrets: ZFetchedCodeSecrets.default({ status: "absent" }),
});
export type TLambdaFunctionRecord = z.infer<typeof ZLambdaFunctionRecord>;

export const ZLambdaLayerVersionRecord = z.object({
  arn: z.string(),
  layerArn: z.string(),
  layerName: z.string(),
  version: z.number().int(),
  accountId: z.string(),
  region: z.string(),
  description: z.string().nullable(),
  createdDate: z.string().nullable(),
  compatibleRuntimes: z.array(z.string()),
  compatibleArchitectures: z.array(z.string()),
  licenseInfo: z.string().nullable(),
  /** Layer version policy: absent when it has none. */
  policy: ZFetchedPolicy,
});
export type TLambdaLayerVersionRecord = z.infer<typeof ZLambdaLayerVersionRecord>;

/** sqs | kinesis | dynamodb | kafka | mq | docdb | other */
export const ZEventSourceService = z.enum(["sqs", "kinesis", "dynamodb", "kafka", "mq", "docdb", "other"]);

export const ZLambdaEventSourceMappingRecord = z.object({
  arn: z.string(),
  uuid: z.string(),
  accountId: z.string(),
  region: z.string(),
  /** The target as AWS reports it: a qualifier here says which version or alias the source invokes. */
  functionArn: z.string().nullable(),
  /** The target without its qualifier: the ARN the function record is keyed by. */
  unqualifiedFunctionArn: z.string().nullable(),
  qualifier: z.string().nullable(),
  eventSourceArn: z.string().nullable(),
  sourceService: ZEventSourceService,
  state: z.string().nullable(),
  stateTransitionReason: z.string().nullable(),
  lastProcessingResult: z.string().nullable(),
  lastModified: z.string().nullable(),
  batchSize: z.number().nullable(),
  maximumBatchingWindowInSeconds: z.number().nullable(),
  parallelizationFactor: z.number().nullable(),
  startingPosition: z.string().nullable(),
  startingPositionTimestamp: z.string().nullable(),
  bisectBatchOnFunctionError: z.boolean().nullable(),
  maximumRetryAttempts: z.number().nullable(),
  maximumRecordAgeInSeconds: z.number().nullable(),
  tumblingWindowInSeconds: z.number().nullable(),
  functionResponseTypes: z.array(z.string()),
  onSuccessDestination: z.string().nullable(),
  onFailureDestination: z.string().nullable(),
  /** FilterCriteria patterns, as written (JSON text). */
  filterPatterns: z.array(z.string()),
  filterCriteriaError: z.object({ errorCode: z.string().nullable(), message: z.string().nullable() }).nullable(),
  maximumConcurrency: z.number().nullable(),
  kmsKeyArn: z.string().nullable(),
  topics: z.array(z.string()),
  queues: z.array(z.string()),
  /** Self-managed Kafka endpoints (KAFKA_BOOTSTRAP_SERVERS -> hosts). */
  selfManagedEndpoints: z.record(z.string(), z.array(z.string())).nullable(),
  /** Authentication and network settings: types and the ARNs they point at (secrets are referenced, never read). */
  sourceAccessConfigurations: z.array(z.object({ type: z.string().nullable(), uri: z.string().nullable() })),
  provisionedPollers: z.object({ minimum: z.number().nullable(), maximum: z.number().nullable() }).nullable(),
});
export type TLambdaEventSourceMappingRecord = z.infer<typeof ZLambdaEventSourceMappingRecord>;

export const ZLambdaAccountSettingsRecord = z.object({
  arn: z.string(),
  accountId: z.string(),
  region: z.string(),
  settings: zListed(
    z.object({
      totalCodeSizeLimit: z.number().nullable(),
      codeSizeUnzippedLimit: z.number().nullable(),
      codeSizeZippedLimit: z.number().nullable(),
      concurrentExecutionsLimit: z.number().nullable(),
      unreservedConcurrentExecutions: z.number().nullable(),
      totalCodeSizeUsed: z.number().nullable(),
      functionCount: z.number().nullable(),
    }),
  ),
});
export type TLambdaAccountSettingsRecord = z.infer<typeof ZLambdaAccountSettingsRecord>;
