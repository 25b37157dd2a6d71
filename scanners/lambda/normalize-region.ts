// Pure: the region-wide Lambda resources besides functions: layer versions, event source mappings and the
// region's account settings.
import { parsePolicyDocument } from "@/lib/aws/policy";
import type { Fetched } from "@/lib/aws/fetched";
import type { NormalizeContext, NormalizeResult, NormalizedResource } from "@/scanners/types";
import type { LambdaRaw, TEventSourceMapping, TGetPolicyResponse } from "@/scanners/lambda/raw";
import {
  ZLambdaAccountSettingsRecord,
  ZLambdaEventSourceMappingRecord,
  ZLambdaLayerVersionRecord,
  type TLambdaAccountSettingsRecord,
  type TLambdaEventSourceMappingRecord,
  type TLambdaLayerVersionRecord,
} from "@/scanners/lambda/record";
import { qualifierOf } from "@/scanners/lambda/triggers";

export const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
export const nonEmptyOrNull = (value: string | null | undefined): string | null => (value ? value : null);

/**
 * arn:partition:lambda:region:account:function:name[:qualifier] -> without the qualifier ($LATEST, a version
 * or an alias), so every reference to a function meets the ARN ListFunctions keys it by.
 */
export function unqualifiedFunctionArn(arn: string): string {
  const parts = arn.split(":");
  return parts.length > 7 && parts[5] === "function" ? parts.slice(0, 7).join(":") : arn;
}

/** The ARN partition of a region, for ARNs Lantern has to build itself. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  return "aws";
}

export function policyOf(policy: Fetched<TGetPolicyResponse>): TLambdaLayerVersionRecord["policy"] {
  if (policy.status !== "ok") return policy;
  const parsed = parsePolicyDocument(policy.value.Policy);
  if (!parsed.ok) return { status: "error", code: parsed.code, message: parsed.message };
  return { status: "ok", value: { document: parsed.document, text: parsed.text } };
}

/** Which service a mapping reads from: the source ARN's service; self-managed sources are Kafka clusters. */
export function sourceServiceOf(m: TEventSourceMapping): TLambdaEventSourceMappingRecord["sourceService"] {
  if (m.EventSourceArn) {
    const service = m.EventSourceArn.split(":")[2] ?? "";
    if (service === "sqs" || service === "kinesis" || service === "dynamodb" || service === "kafka" || service === "mq") return service;
    // DocumentDB change streams are addressed by their cluster's RDS ARN.
    if (service === "rds") return "docdb";
    return "other";
  }
  return m.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS ? "kafka" : "other";
}

export function eventSourceMappingArn(m: TEventSourceMapping, ctx: NormalizeContext): string {
  // Older mappings (and moto) come without EventSourceMappingArn; AWS's format is rebuilt from the UUID.
  return m.EventSourceMappingArn || `arn:${partitionOf(ctx.region)}:lambda:${ctx.region}:${ctx.accountId}:event-source-mapping:${m.UUID}`;
}

export function normalizeEventSourceMappings(
  raw: LambdaRaw,
  ctx: NormalizeContext,
): NormalizeResult<TLambdaEventSourceMappingRecord> {
  if (raw.eventSourceMappings.status !== "ok") return { resources: [], listingComplete: false };
  const resources = new Map<string, NormalizedResource<TLambdaEventSourceMappingRecord>>();
  for (const m of raw.eventSourceMappings.value) {
    const arn = eventSourceMappingArn(m, ctx);
    if (resources.has(arn)) continue;
    const record = ZLambdaEventSourceMappingRecord.parse({
      arn,
      uuid: m.UUID,
      accountId: ctx.accountId,
      region: ctx.region,
      functionArn: nonEmptyOrNull(m.FunctionArn),
      unqualifiedFunctionArn: m.FunctionArn ? unqualifiedFunctionArn(m.FunctionArn) : null,
      qualifier: m.FunctionArn ? qualifierOf(m.FunctionArn) : null,
      eventSourceArn: nonEmptyOrNull(m.EventSourceArn),
      sourceService: sourceServiceOf(m),
      state: orNull(m.State),
      stateTransitionReason: orNull(m.StateTransitionReason),
      lastProcessingResult: orNull(m.LastProcessingResult),
      lastModified: orNull(m.LastModified),
      batchSize: orNull(m.BatchSize),
      maximumBatchingWindowInSeconds: orNull(m.MaximumBatchingWindowInSeconds),
      parallelizationFactor: orNull(m.ParallelizationFactor),
      startingPosition: orNull(m.StartingPosition),
      startingPositionTimestamp: orNull(m.StartingPositionTimestamp),
      bisectBatchOnFunctionError: orNull(m.BisectBatchOnFunctionError),
      maximumRetryAttempts: orNull(m.MaximumRetryAttempts),
      maximumRecordAgeInSeconds: orNull(m.MaximumRecordAgeInSeconds),
      tumblingWindowInSeconds: orNull(m.TumblingWindowInSeconds),
      functionResponseTypes: m.FunctionResponseTypes ?? [],
      onSuccessDestination: nonEmptyOrNull(m.DestinationConfig?.OnSuccess?.Destination),
      onFailureDestination: nonEmptyOrNull(m.DestinationConfig?.OnFailure?.Destination),
      filterPatterns: (m.FilterCriteria?.Filters ?? []).flatMap((f) => (f.Pattern ? [f.Pattern] : [])),
      filterCriteriaError: m.FilterCriteriaError
        ? { errorCode: orNull(m.FilterCriteriaError.ErrorCode), message: orNull(m.FilterCriteriaError.Message) }
        : null,
      maximumConcurrency: orNull(m.ScalingConfig?.MaximumConcurrency),
      kmsKeyArn: nonEmptyOrNull(m.KMSKeyArn),
      topics: m.Topics ?? [],
      queues: m.Queues ?? [],
      selfManagedEndpoints: m.SelfManagedEventSource?.Endpoints ?? null,
      sourceAccessConfigurations: (m.SourceAccessConfigurations ?? []).map((c) => ({ type: orNull(c.Type), uri: orNull(c.URI) })),
      provisionedPollers: m.ProvisionedPollerConfig
        ? { minimum: orNull(m.ProvisionedPollerConfig.MinimumPollers), maximum: orNull(m.ProvisionedPollerConfig.MaximumPollers) }
        : null,
    } satisfies TLambdaEventSourceMappingRecord);
    resources.set(arn, { arn, record, raw: m });
  }
  return { resources: [...resources.values()], listingComplete: true };
}

/** arn:...:layer:name:version -> arn:...:layer:name */
function layerArnOf(layerVersionArn: string): string {
  const parts = layerVersionArn.split(":");
  return parts.length > 7 && parts[5] === "layer" ? parts.slice(0, 7).join(":") : layerVersionArn;
}

export function normalizeLayerVersions(raw: LambdaRaw, ctx: NormalizeContext): NormalizeResult<TLambdaLayerVersionRecord> {
  if (raw.layers.status !== "ok") return { resources: [], listingComplete: false };
  const resources = new Map<string, NormalizedResource<TLambdaLayerVersionRecord>>();
  let listingComplete = true;
  for (const layer of raw.layers.value) {
    // Versions of a layer whose ListLayerVersions failed may be missing: none of the region's may be marked deleted.
    if (layer.versionsListing.status !== "ok") listingComplete = false;
    for (const { version: v, policy } of layer.versions) {
      const arn = v.LayerVersionArn;
      if (resources.has(arn)) continue;
      const record = ZLambdaLayerVersionRecord.parse({
        arn,
        layerArn: layer.layer.LayerArn ?? layerArnOf(arn),
        layerName: layer.layer.LayerName,
        version: v.Version,
        accountId: ctx.accountId,
        region: ctx.region,
        description: nonEmptyOrNull(v.Description),
        createdDate: orNull(v.CreatedDate),
        compatibleRuntimes: v.CompatibleRuntimes ?? [],
        compatibleArchitectures: v.CompatibleArchitectures ?? [],
        licenseInfo: nonEmptyOrNull(v.LicenseInfo),
        policy: policyOf(policy),
      } satisfies TLambdaLayerVersionRecord);
      resources.set(arn, { arn, record, raw: { layer: layer.layer, version: v, policy } });
    }
  }
  return { resources: [...resources.values()], listingComplete };
}

export function normalizeAccountSettings(raw: LambdaRaw, ctx: NormalizeContext): NormalizeResult<TLambdaAccountSettingsRecord> {
  const arn = `arn:${partitionOf(ctx.region)}:lambda:${ctx.region}:${ctx.accountId}:account-settings`;
  const s = raw.accountSettings;
  const record = ZLambdaAccountSettingsRecord.parse({
    arn,
    accountId: ctx.accountId,
    region: ctx.region,
    settings:
      s.status === "ok"
        ? {
            status: "ok",
            value: {
              totalCodeSizeLimit: orNull(s.value.AccountLimit?.TotalCodeSize),
              codeSizeUnzippedLimit: orNull(s.value.AccountLimit?.CodeSizeUnzipped),
              codeSizeZippedLimit: orNull(s.value.AccountLimit?.CodeSizeZipped),
              concurrentExecutionsLimit: orNull(s.value.AccountLimit?.ConcurrentExecutions),
              unreservedConcurrentExecutions: orNull(s.value.AccountLimit?.UnreservedConcurrentExecutions),
              totalCodeSizeUsed: orNull(s.value.AccountUsage?.TotalCodeSize),
              functionCount: orNull(s.value.AccountUsage?.FunctionCount),
            },
          }
        : s,
  } satisfies TLambdaAccountSettingsRecord);
  // Every region has settings, so the one record is the whole listing even when reading them failed.
  return { resources: [{ arn, record, raw: s }], listingComplete: true };
}
