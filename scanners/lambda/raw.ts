// What collect hands to normalize: the AWS responses of one (account, region), JSON-only (dates as ISO
// strings) so a recorded fixture and a live collection have the same shape. The SDK types mark every field
// optional; these schemas require the few fields Lantern keys on and keep every other field as AWS sent it.
import { z } from "zod";
import { ZFetchedCodeSecrets } from "./record";
import { zFetched } from "@/lib/aws/fetched";

const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();
const optionalBoolean = z.boolean().nullish();
const optionalStrings = z.array(z.string()).nullish();

/** A call that either answered or failed: used where "none configured" is not a possible answer. */
export function zOutcome<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), value }),
    z.object({ status: z.literal("error"), code: z.string(), message: z.string() }),
  ]);
}
export type Outcome<T> = { status: "ok"; value: T } | { status: "error"; code: string; message: string };

export const ZFailure = z.object({ code: z.string(), message: z.string() });
export type TFailure = z.infer<typeof ZFailure>;

/** ListFunctions item, and ListVersionsByFunction item (the configuration of one published version). */
export const ZFunctionConfiguration = z.looseObject({
  FunctionName: z.string(),
  FunctionArn: z.string(),
  Version: optionalString,
  Description: optionalString,
  Runtime: optionalString,
  Handler: optionalString,
  PackageType: optionalString,
  Role: optionalString,
  MemorySize: optionalNumber,
  Timeout: optionalNumber,
  CodeSize: optionalNumber,
  CodeSha256: optionalString,
  LastModified: optionalString,
  Architectures: optionalStrings,
  State: optionalString,
  StateReasonCode: optionalString,
  LastUpdateStatus: optionalString,
  TracingConfig: z.looseObject({ Mode: optionalString }).nullish(),
  KMSKeyArn: optionalString,
  DeadLetterConfig: z.looseObject({ TargetArn: optionalString }).nullish(),
  VpcConfig: z
    .looseObject({ VpcId: optionalString, SubnetIds: optionalStrings, SecurityGroupIds: optionalStrings })
    .nullish(),
  Layers: z.array(z.looseObject({ Arn: z.string(), CodeSize: optionalNumber })).nullish(),
  Environment: z
    .looseObject({
      Variables: z.record(z.string(), z.string()).nullish(),
      Error: z.looseObject({ ErrorCode: optionalString, Message: optionalString }).nullish(),
    })
    .nullish(),
  EphemeralStorage: z.looseObject({ Size: optionalNumber }).nullish(),
  SnapStart: z.looseObject({ ApplyOn: optionalString, OptimizationStatus: optionalString }).nullish(),
  LoggingConfig: z
    .looseObject({
      LogFormat: optionalString,
      ApplicationLogLevel: optionalString,
      SystemLogLevel: optionalString,
      LogGroup: optionalString,
    })
    .nullish(),
  RuntimeVersionConfig: z.looseObject({ RuntimeVersionArn: optionalString }).nullish(),
  SigningProfileVersionArn: optionalString,
  SigningJobArn: optionalString,
  FileSystemConfigs: z.array(z.looseObject({ Arn: z.string(), LocalMountPath: optionalString })).nullish(),
});
export type TFunctionConfiguration = z.infer<typeof ZFunctionConfiguration>;

/** GetPolicy / GetLayerVersionPolicy output without $metadata. Lambda returns the policy as plain JSON text. */
export const ZGetPolicyResponse = z.looseObject({ Policy: z.string(), RevisionId: optionalString });
export type TGetPolicyResponse = z.infer<typeof ZGetPolicyResponse>;

/** GetFunctionUrlConfig output, and ListFunctionUrlConfigs item. */
export const ZFunctionUrlConfig = z.looseObject({
  FunctionUrl: z.string(),
  FunctionArn: optionalString,
  AuthType: z.string(),
  InvokeMode: optionalString,
  CreationTime: optionalString,
  LastModifiedTime: optionalString,
  Cors: z
    .looseObject({
      AllowOrigins: optionalStrings,
      AllowMethods: optionalStrings,
      AllowHeaders: optionalStrings,
      ExposeHeaders: optionalStrings,
      AllowCredentials: optionalBoolean,
      MaxAge: optionalNumber,
    })
    .nullish(),
});
export type TFunctionUrlConfig = z.infer<typeof ZFunctionUrlConfig>;

const ZDestination = z.looseObject({ Destination: optionalString }).nullish();

export const ZEventSourceMapping = z.looseObject({
  UUID: z.string(),
  EventSourceMappingArn: optionalString,
  FunctionArn: optionalString,
  EventSourceArn: optionalString,
  State: optionalString,
  StateTransitionReason: optionalString,
  LastProcessingResult: optionalString,
  LastModified: optionalString,
  BatchSize: optionalNumber,
  MaximumBatchingWindowInSeconds: optionalNumber,
  ParallelizationFactor: optionalNumber,
  StartingPosition: optionalString,
  StartingPositionTimestamp: optionalString,
  BisectBatchOnFunctionError: optionalBoolean,
  MaximumRetryAttempts: optionalNumber,
  MaximumRecordAgeInSeconds: optionalNumber,
  TumblingWindowInSeconds: optionalNumber,
  FunctionResponseTypes: optionalStrings,
  DestinationConfig: z.looseObject({ OnSuccess: ZDestination, OnFailure: ZDestination }).nullish(),
  FilterCriteria: z.looseObject({ Filters: z.array(z.looseObject({ Pattern: optionalString })).nullish() }).nullish(),
  FilterCriteriaError: z.looseObject({ ErrorCode: optionalString, Message: optionalString }).nullish(),
  ScalingConfig: z.looseObject({ MaximumConcurrency: optionalNumber }).nullish(),
  KMSKeyArn: optionalString,
  Topics: optionalStrings,
  Queues: optionalStrings,
  SourceAccessConfigurations: z.array(z.looseObject({ Type: optionalString, URI: optionalString })).nullish(),
  SelfManagedEventSource: z.looseObject({ Endpoints: z.record(z.string(), z.array(z.string())).nullish() }).nullish(),
  ProvisionedPollerConfig: z.looseObject({ MinimumPollers: optionalNumber, MaximumPollers: optionalNumber }).nullish(),
});
export type TEventSourceMapping = z.infer<typeof ZEventSourceMapping>;

/** ListAliases item. */
export const ZAlias = z.looseObject({
  Name: z.string(),
  AliasArn: optionalString,
  FunctionVersion: optionalString,
  Description: optionalString,
  RoutingConfig: z.looseObject({ AdditionalVersionWeights: z.record(z.string(), z.number()).nullish() }).nullish(),
  RevisionId: optionalString,
});
export type TAlias = z.infer<typeof ZAlias>;

/** ListProvisionedConcurrencyConfigs item. */
export const ZProvisionedConcurrencyConfig = z.looseObject({
  FunctionArn: z.string(),
  RequestedProvisionedConcurrentExecutions: optionalNumber,
  AvailableProvisionedConcurrentExecutions: optionalNumber,
  AllocatedProvisionedConcurrentExecutions: optionalNumber,
  Status: optionalString,
  StatusReason: optionalString,
  LastModified: optionalString,
});
export type TProvisionedConcurrencyConfig = z.infer<typeof ZProvisionedConcurrencyConfig>;

/** GetFunctionEventInvokeConfig output, and ListFunctionEventInvokeConfigs item. */
export const ZFunctionEventInvokeConfig = z.looseObject({
  FunctionArn: z.string(),
  LastModified: optionalString,
  MaximumRetryAttempts: optionalNumber,
  MaximumEventAgeInSeconds: optionalNumber,
  DestinationConfig: z.looseObject({ OnSuccess: ZDestination, OnFailure: ZDestination }).nullish(),
});
export type TFunctionEventInvokeConfig = z.infer<typeof ZFunctionEventInvokeConfig>;

/** GetFunctionConcurrency output: {} when no reserved concurrency is set. */
export const ZFunctionConcurrency = z.looseObject({ ReservedConcurrentExecutions: optionalNumber });
/** GetFunctionCodeSigningConfig output: AWS answers with an empty or missing ARN when none is attached. */
export const ZFunctionCodeSigningConfig = z.looseObject({ CodeSigningConfigArn: optionalString, FunctionName: optionalString });
export const ZListTagsResponse = z.looseObject({ Tags: z.record(z.string(), z.string()).nullish() });
export const ZFunctionRecursionConfig = z.looseObject({ RecursiveLoop: optionalString });

/** ListLayerVersions item, and ListLayers' LatestMatchingVersion. */
export const ZLayerVersionListItem = z.looseObject({
  LayerVersionArn: z.string(),
  Version: z.number().int(),
  Description: optionalString,
  CreatedDate: optionalString,
  CompatibleRuntimes: optionalStrings,
  CompatibleArchitectures: optionalStrings,
  LicenseInfo: optionalString,
});
export type TLayerVersionListItem = z.infer<typeof ZLayerVersionListItem>;

/** ListLayers item. */
export const ZLayersListItem = z.looseObject({
  LayerName: z.string(),
  LayerArn: optionalString,
  LatestMatchingVersion: ZLayerVersionListItem.nullish(),
});
export type TLayersListItem = z.infer<typeof ZLayersListItem>;

export const ZAccountSettings = z.looseObject({
  AccountLimit: z
    .looseObject({
      TotalCodeSize: optionalNumber,
      CodeSizeUnzipped: optionalNumber,
      CodeSizeZipped: optionalNumber,
      ConcurrentExecutions: optionalNumber,
      UnreservedConcurrentExecutions: optionalNumber,
    })
    .nullish(),
  AccountUsage: z.looseObject({ TotalCodeSize: optionalNumber, FunctionCount: optionalNumber }).nullish(),
});
export type TAccountSettings = z.infer<typeof ZAccountSettings>;

/**
 * Function URLs: one ListFunctionUrlConfigs call covers every qualifier. Where the endpoint does not implement
 * it (moto), GetFunctionUrlConfig is called for $LATEST and each alias instead, and `listFailure` keeps why.
 */
export const ZFunctionUrlsRaw = z.discriminatedUnion("via", [
  z.object({ via: z.literal("ListFunctionUrlConfigs"), result: zOutcome(z.array(ZFunctionUrlConfig)) }),
  z.object({
    via: z.literal("GetFunctionUrlConfig"),
    listFailure: ZFailure,
    /** null = the unqualified function ($LATEST); otherwise an alias name. */
    results: z.array(z.object({ qualifier: z.string().nullable(), config: zFetched(ZFunctionUrlConfig) })),
  }),
]);
export type TFunctionUrlsRaw = z.infer<typeof ZFunctionUrlsRaw>;

/**
 * Asynchronous invocation configs: one ListFunctionEventInvokeConfigs call covers every qualifier. Where the SDK
 * cannot read its reply (moto sends LastModified as an ISO string), GetFunctionEventInvokeConfig is called for
 * $LATEST, each version and each alias instead.
 */
export const ZEventInvokeConfigsRaw = z.discriminatedUnion("via", [
  z.object({ via: z.literal("ListFunctionEventInvokeConfigs"), result: zOutcome(z.array(ZFunctionEventInvokeConfig)) }),
  z.object({
    via: z.literal("GetFunctionEventInvokeConfig"),
    listFailure: ZFailure,
    results: z.array(z.object({ qualifier: z.string().nullable(), config: zFetched(ZFunctionEventInvokeConfig) })),
  }),
]);
export type TEventInvokeConfigsRaw = z.infer<typeof ZEventInvokeConfigsRaw>;

export const ZLambdaFunctionRaw = z.object({
  configuration: ZFunctionConfiguration,
  /** Resource policy of the unqualified function. */
  policy: zFetched(ZGetPolicyResponse),
  /** ListVersionsByFunction, every page; AWS includes $LATEST. */
  versions: zOutcome(z.array(ZFunctionConfiguration)),
  aliases: zOutcome(z.array(ZAlias)),
  /** GetPolicy with Qualifier, for every published version and alias that could be listed. */
  qualifierPolicies: z.array(z.object({ qualifier: z.string(), policy: zFetched(ZGetPolicyResponse) })),
  urls: ZFunctionUrlsRaw,
  concurrency: zFetched(ZFunctionConcurrency),
  /**
   * Provisioned concurrency exists only on a published version or an alias: "skipped" when the function has
   * neither (both listings answered with nothing beyond $LATEST), so the call cannot return anything.
   */
  provisionedConcurrency: z.union([zOutcome(z.array(ZProvisionedConcurrencyConfig)), z.object({ status: z.literal("skipped") })]),
  eventInvokeConfigs: ZEventInvokeConfigsRaw,
  codeSigning: zFetched(ZFunctionCodeSigningConfig),
  tags: zOutcome(ZListTagsResponse),
  recursion: zOutcome(ZFunctionRecursionConfig),
  /** Secrets found in the deployment package and layers (opt-in, LANTERN_SCAN_FUNCTION_CODE); absent when off. */
  codeSecrets: ZFetchedCodeSecrets.optional(),
});
export type TLambdaFunctionRaw = z.infer<typeof ZLambdaFunctionRaw>;

export const ZLayerVersionRaw = z.object({
  version: ZLayerVersionListItem,
  policy: zFetched(ZGetPolicyResponse),
});
export type TLayerVersionRaw = z.infer<typeof ZLayerVersionRaw>;

export const ZLayerRaw = z.object({
  layer: ZLayersListItem,
  /**
   * ListLayerVersions, every page. When it failed, `versions` still holds the version ListLayers named
   * (LatestMatchingVersion), and the region's layer listing is incomplete.
   */
  versionsListing: z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok") }),
    z.object({ status: z.literal("error"), code: z.string(), message: z.string() }),
  ]),
  versions: z.array(ZLayerVersionRaw),
});
export type TLayerRaw = z.infer<typeof ZLayerRaw>;

export const ZLambdaRaw = z.object({
  /** ListFunctions paged to the end (ok: every function in the region), with each function's details. */
  functions: zOutcome(z.array(ZLambdaFunctionRaw)),
  /** One region-wide ListEventSourceMappings, paged to the end. */
  eventSourceMappings: zOutcome(z.array(ZEventSourceMapping)),
  /** ListLayers paged to the end, with each layer's versions and their policies. */
  layers: zOutcome(z.array(ZLayerRaw)),
  accountSettings: zOutcome(ZAccountSettings),
});
export type LambdaRaw = z.infer<typeof ZLambdaRaw>;
