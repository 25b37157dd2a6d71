// Pure: turns the collected responses of one (account, region) into one NormalizeResult per neighbour kind.
// Resource policies are parsed once here (a malformed one is an error outcome: UNKNOWN, never PASS). A failed
// listing yields no records and listingComplete false, so nothing stored is marked deleted on a gap.
import { parsePolicyDocument } from "@/lib/aws/policy";
import type { Fetched } from "@/lib/aws/fetched";
import type { NormalizeContext, NormalizeResult, NormalizedResource } from "@/scanners/types";
import { parseArn, partitionOf } from "@/scanners/neighbours/arn";
import { EXTERNAL_ACCESS_ANALYZER_TYPES } from "@/scanners/neighbours/collect";
import type {
  NeighboursRaw,
  Outcome,
  TAliasListItem,
  TBucketRaw,
  TEventSelectors,
  TKeyRaw,
  TLogGroup,
  TQueueRaw,
  TSubnet,
  TTableRaw,
  TTopicRaw,
  TTrailRaw,
} from "@/scanners/neighbours/raw";
import {
  ZAccessAnalyzerRegionRecord,
  ZCloudTrailTrailRecord,
  ZDynamodbTableRecord,
  ZEc2SubnetRecord,
  ZKmsKeyRecord,
  ZLogsLogGroupRecord,
  ZS3BucketRecord,
  ZSnsTopicRecord,
  ZSqsQueueRecord,
  type Listed,
  type TAccessAnalyzerRegionRecord,
  type TAnalyzerEntry,
  type TCloudTrailTrailRecord,
  type TDynamodbTableRecord,
  type TEc2SubnetRecord,
  type TEventSelectorsRecord,
  type TFetchedResourcePolicy,
  type TKmsKeyRecord,
  type TLogsLogGroupRecord,
  type TS3BucketRecord,
  type TSnsTopicRecord,
  type TSqsQueueRecord,
} from "@/scanners/neighbours/record";

export type NeighboursScanOutput = {
  s3_bucket: NormalizeResult<TS3BucketRecord>;
  sqs_queue: NormalizeResult<TSqsQueueRecord>;
  sns_topic: NormalizeResult<TSnsTopicRecord>;
  dynamodb_table: NormalizeResult<TDynamodbTableRecord>;
  kms_key: NormalizeResult<TKmsKeyRecord>;
  cloudtrail_trail: NormalizeResult<TCloudTrailTrailRecord>;
  logs_log_group: NormalizeResult<TLogsLogGroupRecord>;
  ec2_subnet: NormalizeResult<TEc2SubnetRecord>;
  accessanalyzer_region: NormalizeResult<TAccessAnalyzerRegionRecord>;
};

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
const nonEmptyOrNull = (value: string | null | undefined): string | null => (value ? value : null);
const errorOf = (o: { code: string; message: string }) => ({ status: "error" as const, code: o.code, message: o.message });

function policyFrom(text: string | null | undefined): TFetchedResourcePolicy {
  if (!text) return { status: "absent" };
  const parsed = parsePolicyDocument(text);
  if (!parsed.ok) return { status: "error", code: parsed.code, message: parsed.message };
  return { status: "ok", value: { document: parsed.document, text: parsed.text } };
}

function mapListed<T, U>(o: Outcome<T>, map: (value: T) => U): Listed<U> {
  return o.status === "ok" ? { status: "ok", value: map(o.value) } : errorOf(o);
}

/** Keeps the first resource of each key (pages shifting under a concurrent change can list one twice). */
function unique<T>(resources: NormalizedResource<T>[]): NormalizedResource<T>[] {
  const seen = new Map<string, NormalizedResource<T>>();
  for (const r of resources) if (!seen.has(r.arn)) seen.set(r.arn, r);
  return [...seen.values()];
}

function listing<TItem, TRecord>(
  listed: Outcome<TItem[]>,
  one: (item: TItem) => NormalizedResource<TRecord>,
): NormalizeResult<TRecord> {
  if (listed.status !== "ok") return { resources: [], listingComplete: false };
  return { resources: unique(listed.value.map(one)), listingComplete: true };
}

// ---- S3 -----------------------------------------------------------------------------------------------------

function bucketOf(raw: TBucketRaw, ctx: NormalizeContext): NormalizedResource<TS3BucketRecord> {
  const name = raw.bucket.Name;
  const arn = `arn:${partitionOf(ctx.region)}:s3:::${name}`;
  const pab = raw.publicAccessBlock;
  const record = ZS3BucketRecord.parse({
    arn,
    name,
    accountId: ctx.accountId,
    region: ctx.region,
    creationDate: orNull(raw.bucket.CreationDate),
    policy: raw.policy.status === "ok" ? policyFrom(raw.policy.value.Policy) : raw.policy,
    acl: mapListed(raw.acl, (acl) => ({
      ownerId: orNull(acl.Owner?.ID),
      grants: (acl.Grants ?? []).map((g) => ({
        granteeType: orNull(g.Grantee?.Type),
        granteeId: orNull(g.Grantee?.ID ?? g.Grantee?.EmailAddress),
        granteeUri: orNull(g.Grantee?.URI),
        permission: orNull(g.Permission),
      })),
    })),
    publicAccessBlock:
      pab.status === "ok"
        ? {
            status: "ok",
            value: {
              // An unset flag is off.
              blockPublicAcls: pab.value.PublicAccessBlockConfiguration?.BlockPublicAcls === true,
              ignorePublicAcls: pab.value.PublicAccessBlockConfiguration?.IgnorePublicAcls === true,
              blockPublicPolicy: pab.value.PublicAccessBlockConfiguration?.BlockPublicPolicy === true,
              restrictPublicBuckets: pab.value.PublicAccessBlockConfiguration?.RestrictPublicBuckets === true,
            },
          }
        : pab,
    encryption:
      raw.encryption.status === "ok"
        ? {
            status: "ok",
            value: {
              rules: (raw.encryption.value.ServerSideEncryptionConfiguration?.Rules ?? []).map((r) => ({
                sseAlgorithm: orNull(r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm),
                kmsKeyId: nonEmptyOrNull(r.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID),
                bucketKeyEnabled: orNull(r.BucketKeyEnabled),
              })),
            },
          }
        : raw.encryption,
    objectOwnership: ((): Fetched<string> => {
      const o = raw.ownershipControls;
      if (o.status !== "ok") return o;
      const value = o.value.OwnershipControls?.Rules?.[0]?.ObjectOwnership;
      return value ? { status: "ok", value } : { status: "absent" };
    })(),
    notifications: mapListed(raw.notification, (n) => ({
      lambdaFunctionArns: (n.LambdaFunctionConfigurations ?? []).map((c) => c.LambdaFunctionArn),
      queueArns: (n.QueueConfigurations ?? []).map((c) => c.QueueArn),
      topicArns: (n.TopicConfigurations ?? []).map((c) => c.TopicArn),
      eventBridge: !!n.EventBridgeConfiguration,
    })),
  } satisfies TS3BucketRecord);
  return { arn, record, raw };
}

// ---- SQS ----------------------------------------------------------------------------------------------------

/** https://sqs.<region>.amazonaws.com/<account>/<name> -> name */
function queueNameOf(url: string): string {
  return url.replace(/\/+$/, "").split("/").pop() ?? url;
}

function deadLetterTargetOf(redrivePolicy: string | undefined): string | null {
  if (!redrivePolicy) return null;
  try {
    const parsed = JSON.parse(redrivePolicy) as { deadLetterTargetArn?: unknown };
    return typeof parsed.deadLetterTargetArn === "string" ? parsed.deadLetterTargetArn : null;
  } catch {
    return null;
  }
}

function queueOf(raw: TQueueRaw, ctx: NormalizeContext): NormalizedResource<TSqsQueueRecord> {
  const name = queueNameOf(raw.url);
  const attrs = raw.attributes.status === "ok" ? (raw.attributes.value.Attributes ?? {}) : null;
  const arn = attrs?.QueueArn || `arn:${partitionOf(ctx.region)}:sqs:${ctx.region}:${ctx.accountId}:${name}`;
  const failed = raw.attributes.status === "error" ? errorOf(raw.attributes) : null;
  const record = ZSqsQueueRecord.parse({
    arn,
    name,
    accountId: ctx.accountId,
    region: ctx.region,
    url: raw.url,
    fifo: attrs?.FifoQueue === "true" || name.endsWith(".fifo"),
    policy: failed ?? policyFrom(attrs?.Policy),
    encryption: failed ?? { status: "ok", value: { kmsMasterKeyId: nonEmptyOrNull(attrs?.KmsMasterKeyId), sqsManagedSse: attrs?.SqsManagedSseEnabled === "true" } },
    deadLetterTargetArn: failed ?? { status: "ok", value: deadLetterTargetOf(attrs?.RedrivePolicy) },
  } satisfies TSqsQueueRecord);
  return { arn, record, raw };
}

// ---- SNS ----------------------------------------------------------------------------------------------------

function topicOf(raw: TTopicRaw, ctx: NormalizeContext): NormalizedResource<TSnsTopicRecord> {
  const name = raw.arn.split(":").pop() ?? raw.arn;
  const attrs = raw.attributes.status === "ok" ? (raw.attributes.value.Attributes ?? {}) : null;
  const failed = raw.attributes.status === "error" ? errorOf(raw.attributes) : null;
  const record = ZSnsTopicRecord.parse({
    arn: raw.arn,
    name,
    accountId: ctx.accountId,
    region: ctx.region,
    fifo: attrs?.FifoTopic === "true" || name.endsWith(".fifo"),
    policy: failed ?? policyFrom(attrs?.Policy),
    encryption: failed ?? { status: "ok", value: { kmsMasterKeyId: nonEmptyOrNull(attrs?.KmsMasterKeyId) } },
  } satisfies TSnsTopicRecord);
  return { arn: raw.arn, record, raw };
}

// ---- DynamoDB -----------------------------------------------------------------------------------------------

function tableOf(raw: TTableRaw, ctx: NormalizeContext): NormalizedResource<TDynamodbTableRecord> {
  const t = raw.table.status === "ok" ? raw.table.value.Table : null;
  const arn = t?.TableArn || `arn:${partitionOf(ctx.region)}:dynamodb:${ctx.region}:${ctx.accountId}:table/${raw.name}`;
  const record = ZDynamodbTableRecord.parse({
    arn,
    name: raw.name,
    accountId: ctx.accountId,
    region: ctx.region,
    details: mapListed(raw.table, ({ Table }) => ({
      status: orNull(Table.TableStatus),
      streamArn: Table.StreamSpecification?.StreamEnabled === false ? null : nonEmptyOrNull(Table.LatestStreamArn),
      sse: Table.SSEDescription
        ? {
            status: orNull(Table.SSEDescription.Status),
            sseType: orNull(Table.SSEDescription.SSEType),
            kmsMasterKeyArn: nonEmptyOrNull(Table.SSEDescription.KMSMasterKeyArn),
          }
        : null,
      deletionProtection: orNull(Table.DeletionProtectionEnabled),
    })),
  } satisfies TDynamodbTableRecord);
  return { arn, record, raw };
}

// ---- KMS ----------------------------------------------------------------------------------------------------

function keyOf(raw: TKeyRaw, aliases: TAliasListItem[], ctx: NormalizeContext): NormalizedResource<TKmsKeyRecord> {
  const meta = raw.metadata.status === "ok" ? raw.metadata.value.KeyMetadata : null;
  const arn = raw.key.KeyArn || meta?.Arn || `arn:${partitionOf(ctx.region)}:kms:${ctx.region}:${ctx.accountId}:key/${raw.key.KeyId}`;
  const names = aliases
    .filter((a) => a.TargetKeyId === raw.key.KeyId)
    .map((a) => a.AliasName)
    .sort();
  const rotation = ((): TKmsKeyRecord["rotation"] => {
    const r = raw.rotation;
    if (r.status === "skipped") return raw.metadata.status === "error" ? errorOf(raw.metadata) : { status: "not_applicable", reason: r.reason };
    if (r.status === "error") return errorOf(r);
    return {
      status: "ok",
      value: { enabled: r.value.KeyRotationEnabled === true, periodDays: orNull(r.value.RotationPeriodInDays), nextRotationDate: orNull(r.value.NextRotationDate) },
    };
  })();
  const record = ZKmsKeyRecord.parse({
    arn,
    // A customer alias names the key best; AWS managed keys are known by theirs (alias/aws/sqs).
    name: names.find((n) => !n.startsWith("alias/aws/")) ?? names[0] ?? raw.key.KeyId,
    accountId: ctx.accountId,
    region: ctx.region,
    keyId: raw.key.KeyId,
    aliases: names,
    metadata: mapListed(raw.metadata, ({ KeyMetadata: m }) => ({
      keyManager: orNull(m.KeyManager),
      keyState: orNull(m.KeyState),
      keySpec: orNull(m.KeySpec),
      keyUsage: orNull(m.KeyUsage),
      origin: orNull(m.Origin),
      multiRegion: orNull(m.MultiRegion),
      customKeyStoreId: nonEmptyOrNull(m.CustomKeyStoreId),
      creationDate: orNull(m.CreationDate),
      description: nonEmptyOrNull(m.Description),
    })),
    rotation,
  } satisfies TKmsKeyRecord);
  return { arn, record, raw };
}

// ---- CloudTrail ---------------------------------------------------------------------------------------------

function selectorsOf(s: TEventSelectors): TEventSelectorsRecord {
  return {
    basic: (s.EventSelectors ?? []).map((e) => ({
      readWriteType: orNull(e.ReadWriteType),
      includeManagementEvents: orNull(e.IncludeManagementEvents),
      dataResources: (e.DataResources ?? []).map((d) => ({ type: orNull(d.Type), values: d.Values ?? [] })),
    })),
    advanced: (s.AdvancedEventSelectors ?? []).map((a) => ({
      name: nonEmptyOrNull(a.Name),
      fieldSelectors: a.FieldSelectors.map((f) => ({
        field: f.Field,
        equals: f.Equals ?? [],
        startsWith: f.StartsWith ?? [],
        endsWith: f.EndsWith ?? [],
        notEquals: f.NotEquals ?? [],
        notStartsWith: f.NotStartsWith ?? [],
        notEndsWith: f.NotEndsWith ?? [],
      })),
    })),
  };
}

/**
 * The trail's inventory key. The trail ARN is unique only for the home record of a trail this account owns: an
 * organization trail seen from a member account carries the management account's ARN (both accounts may be
 * scanned), and a shadow copy appears in every other region.
 */
export function trailKey(trailArn: string, ownerAccountId: string | null, view: "home" | "shadow", ctx: NormalizeContext): string {
  let key = trailArn;
  if (ownerAccountId !== ctx.accountId) key += `#${ctx.accountId}`;
  if (view === "shadow") key += `@${ctx.region}`;
  return key;
}

function trailOf(raw: TTrailRaw, ctx: NormalizeContext): NormalizedResource<TCloudTrailTrailRecord> {
  const t = raw.trail;
  const view = t.HomeRegion === ctx.region ? "home" : "shadow";
  const ownerAccountId = parseArn(t.TrailARN)?.account || null;
  const arn = trailKey(t.TrailARN, ownerAccountId, view, ctx);
  const notRead = { status: "not_read" as const, reason: `Shadow copy of a trail whose home region is ${t.HomeRegion}: its settings are read there.` };
  const record = ZCloudTrailTrailRecord.parse({
    arn,
    name: t.Name,
    accountId: ctx.accountId,
    region: ctx.region,
    trailArn: t.TrailARN,
    ownerAccountId,
    homeRegion: t.HomeRegion,
    view,
    isMultiRegion: t.IsMultiRegionTrail === true,
    isOrganizationTrail: t.IsOrganizationTrail === true,
    s3BucketName: nonEmptyOrNull(t.S3BucketName),
    kmsKeyId: nonEmptyOrNull(t.KmsKeyId),
    logFileValidation: orNull(t.LogFileValidationEnabled),
    selectors: raw.selectors.status === "skipped" ? notRead : mapListed(raw.selectors, selectorsOf),
    isLogging: raw.status.status === "skipped" ? notRead : mapListed(raw.status, (s) => s.IsLogging === true),
  } satisfies TCloudTrailTrailRecord);
  return { arn, record, raw };
}

// ---- CloudWatch Logs ----------------------------------------------------------------------------------------

function logGroupOf(g: TLogGroup, foundBy: TLogsLogGroupRecord["foundBy"], ctx: NormalizeContext): NormalizedResource<TLogsLogGroupRecord> {
  const arn =
    g.logGroupArn || g.arn?.replace(/:\*$/, "") || `arn:${partitionOf(ctx.region)}:logs:${ctx.region}:${ctx.accountId}:log-group:${g.logGroupName}`;
  const record = ZLogsLogGroupRecord.parse({
    arn,
    name: g.logGroupName,
    accountId: ctx.accountId,
    region: ctx.region,
    retentionInDays: orNull(g.retentionInDays),
    kmsKeyId: nonEmptyOrNull(g.kmsKeyId),
    creationTime: typeof g.creationTime === "number" ? new Date(g.creationTime).toISOString() : null,
    logGroupClass: orNull(g.logGroupClass),
    foundBy,
  } satisfies TLogsLogGroupRecord);
  return { arn, record, raw: g };
}

function normalizeLogGroups(raw: NeighboursRaw, ctx: NormalizeContext): NormalizeResult<TLogsLogGroupRecord> {
  const { lambdaPrefix, named } = raw.logGroups;
  const resources: NormalizedResource<TLogsLogGroupRecord>[] = [];
  if (lambdaPrefix.status === "ok") for (const g of lambdaPrefix.value) resources.push(logGroupOf(g, "lambda_prefix", ctx));
  for (const n of named) if (n.result.status === "ok") for (const g of n.result.value) resources.push(logGroupOf(g, "name", ctx));
  return { resources: unique(resources), listingComplete: lambdaPrefix.status === "ok" && named.every((n) => n.result.status === "ok") };
}

// ---- EC2 ----------------------------------------------------------------------------------------------------

function subnetOf(s: TSubnet, ctx: NormalizeContext): NormalizedResource<TEc2SubnetRecord> {
  const owner = nonEmptyOrNull(s.OwnerId);
  const realArn = s.SubnetArn || `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${owner ?? ctx.accountId}:subnet/${s.SubnetId}`;
  // A subnet shared through AWS RAM is listed by every account it is shared with, under its owner's ARN.
  const arn = owner && owner !== ctx.accountId ? `${realArn}#${ctx.accountId}` : realArn;
  const record = ZEc2SubnetRecord.parse({
    arn,
    name: s.Tags?.find((t) => t.Key === "Name")?.Value || s.SubnetId,
    accountId: ctx.accountId,
    region: ctx.region,
    subnetId: s.SubnetId,
    ownerId: owner,
    vpcId: nonEmptyOrNull(s.VpcId),
    availabilityZone: nonEmptyOrNull(s.AvailabilityZone),
    availabilityZoneId: nonEmptyOrNull(s.AvailabilityZoneId),
    cidrBlock: nonEmptyOrNull(s.CidrBlock),
    state: nonEmptyOrNull(s.State),
    defaultForAz: orNull(s.DefaultForAz),
    mapPublicIpOnLaunch: orNull(s.MapPublicIpOnLaunch),
  } satisfies TEc2SubnetRecord);
  return { arn, record, raw: s };
}

// ---- Access Analyzer ----------------------------------------------------------------------------------------

export function accessAnalyzerRegionArn(ctx: { region: string; accountId: string }): string {
  return `arn:${partitionOf(ctx.region)}:access-analyzer:${ctx.region}:${ctx.accountId}:analyzer/*`;
}

function normalizeAnalyzers(raw: NeighboursRaw, ctx: NormalizeContext): NormalizeResult<TAccessAnalyzerRegionRecord> {
  const arn = accessAnalyzerRegionArn(ctx);
  const record = ZAccessAnalyzerRegionRecord.parse({
    arn,
    name: `IAM Access Analyzer ${ctx.region}`,
    accountId: ctx.accountId,
    region: ctx.region,
    analyzers: mapListed(raw.analyzers, (list) =>
      list.map(({ analyzer: a, activeFindings: f }): TAnalyzerEntry => ({
        arn: a.arn,
        name: a.name,
        type: a.type,
        status: orNull(a.status),
        createdAt: orNull(a.createdAt),
        activeFindings:
          f.status === "skipped"
            ? {
                status: "not_read",
                reason:
                  a.status !== "ACTIVE"
                    ? `Analyzer status is ${a.status ?? "unknown"}.`
                    : EXTERNAL_ACCESS_ANALYZER_TYPES.has(a.type)
                      ? "Not read."
                      : `${a.type} analyzer: only external access findings are counted.`,
              }
            : mapListed(f, (v) => v),
      })),
    ),
  } satisfies TAccessAnalyzerRegionRecord);
  // Every region has this record, so it is the whole listing even when reading the analyzers failed.
  return { resources: [{ arn, record, raw: raw.analyzers }], listingComplete: true };
}

export function normalizeNeighbours(raw: NeighboursRaw, ctx: NormalizeContext): NeighboursScanOutput {
  const aliases = raw.aliases.status === "ok" ? raw.aliases.value : [];
  return {
    s3_bucket: listing(raw.buckets, (b) => bucketOf(b, ctx)),
    sqs_queue: listing(raw.queues, (q) => queueOf(q, ctx)),
    sns_topic: listing(raw.topics, (t) => topicOf(t, ctx)),
    dynamodb_table: listing(raw.tables, (t) => tableOf(t, ctx)),
    kms_key: listing(raw.keys, (k) => keyOf(k, aliases, ctx)),
    cloudtrail_trail: listing(raw.trails, (t) => trailOf(t, ctx)),
    logs_log_group: normalizeLogGroups(raw, ctx),
    ec2_subnet: listing(raw.subnets, (s) => subnetOf(s, ctx)),
    accessanalyzer_region: normalizeAnalyzers(raw, ctx),
  };
}
