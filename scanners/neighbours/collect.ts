// Reads one (account, region) of the resources around serverless functions: the event sources, destinations
// and data stores functions use (S3 buckets, SQS queues, SNS topics, DynamoDB tables), the KMS keys that
// encrypt them, the account's CloudTrail trails, Lambda's log groups, the VPC subnets functions run in, and
// IAM Access Analyzer's analyzers. Full listings with the SDK paginators, then the few reads per resource each
// check needs; nothing is read from data planes (no objects, messages, items or log events).
//
// S3 is listed per region: ListBuckets is one global listing, but every bucket lives in one region and its
// configuration is served there, so each regional unit lists only its region's buckets (ListBuckets
// BucketRegion) and stores them with that region. No GetBucketLocation per bucket and per unit is needed, and a
// bucket is stored once, in the unit of its region.
//
// A failed call is recorded (ctx.recordError) and stored as an error outcome for what it describes; it never
// stops the rest of the collection. Each service has its own bounded number of calls in flight (its quotas are
// its own; lib/aws/quotas.ts paces them).
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
} from "@aws-sdk/client-s3";
import { GetQueueAttributesCommand, paginateListQueues } from "@aws-sdk/client-sqs";
import { GetTopicAttributesCommand, paginateListTopics } from "@aws-sdk/client-sns";
import { DescribeTableCommand, paginateListTables } from "@aws-sdk/client-dynamodb";
import { DescribeKeyCommand, GetKeyRotationStatusCommand, paginateListAliases, paginateListKeys } from "@aws-sdk/client-kms";
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { paginateDescribeLogGroups } from "@aws-sdk/client-cloudwatch-logs";
import { paginateDescribeSubnets } from "@aws-sdk/client-ec2";
import { paginateListAnalyzers, paginateListFindingsV2 } from "@aws-sdk/client-accessanalyzer";
import { z } from "zod";
import type { NeighboursClients } from "@/lib/aws/clients";
import type { Fetched } from "@/lib/aws/fetched";
import { parseResponse, throwIfAborted } from "@/scanners/support";
import type { CollectContext } from "@/scanners/types";
import { partitionOf } from "@/scanners/neighbours/arn";
import {
  ZAliasListItem,
  ZAnalyzer,
  ZBucketAcl,
  ZBucketEncryption,
  ZBucketListItem,
  ZBucketNotification,
  ZBucketPolicy,
  ZDescribeKey,
  ZDescribeTable,
  ZEventSelectors,
  ZKeyListItem,
  ZKeyRotationStatus,
  ZLogGroup,
  ZOwnershipControls,
  ZPublicAccessBlock,
  ZQueueAttributes,
  ZSubnet,
  ZTopicAttributes,
  ZTrail,
  ZTrailStatus,
  type NeighboursRaw,
  type Outcome,
  type TAnalyzer,
  type TAnalyzerRaw,
  type TBucketListItem,
  type TBucketRaw,
  type TKeyListItem,
  type TKeyRaw,
  type TLogGroup,
  type TLogGroupsRaw,
  type TTrail,
  type TTrailRaw,
} from "@/scanners/neighbours/raw";

/** Calls in flight per service. Each service meters its own quota; a few at once keep a unit short without bursts. */
export const SERVICE_CONCURRENCY = 4;

/** Documented page maxima. */
const PAGE = {
  buckets: 1000,
  queues: 1000,
  tables: 100,
  keys: 1000,
  aliases: 100,
  logGroups: 50,
  subnets: 1000,
  analyzers: 100,
  findings: 100,
} as const;

/** Lambda's default log group prefix: /aws/lambda/<function name>. */
export const LAMBDA_LOG_GROUP_PREFIX = "/aws/lambda/";

/**
 * Analyzer types whose findings are counted: external access (resources shared outside the account or
 * organization). Unused-access analyzers can hold thousands of findings about unused permissions; G-02 is about
 * external access, so their findings are not paged through.
 */
export const EXTERNAL_ACCESS_ANALYZER_TYPES = new Set(["ACCOUNT", "ORGANIZATION"]);

/** "Not configured" answers: the read succeeded and there is nothing. */
const ABSENT_CODES: Record<string, string[]> = {
  "s3:GetBucketPolicy": ["NoSuchBucketPolicy"],
  "s3:GetBucketPublicAccessBlock": ["NoSuchPublicAccessBlockConfiguration"],
  "s3:GetEncryptionConfiguration": ["ServerSideEncryptionConfigurationNotFoundError"],
  "s3:GetBucketOwnershipControls": ["OwnershipControlsNotFoundError"],
};

type Failure = { code: string; message: string };

/** List items that are plain strings (queue URLs, topic ARNs, table names). */
const parseString = z.string();
const parseTrailList = z.looseObject({ trailList: z.array(ZTrail).nullish().transform((v) => v ?? []) });

function httpStatusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** Modeled AWS errors carry $fault; an SDK that could not read the reply at all does not. */
function isServiceError(err: unknown): boolean {
  return typeof err === "object" && err !== null && "$fault" in err;
}

export function failureOf(err: unknown): Failure {
  if (err instanceof Error) {
    const status = httpStatusOf(err);
    // A reply without an AWS error code (the emulator's HTML page for an API it lacks) surfaces as a parse error:
    // name it after what is known, the HTTP status.
    if (status !== undefined && !isServiceError(err) && (err.name === "SyntaxError" || err.name === "Error" || err.name === "Unknown" || !err.name)) {
      return { code: "UnexpectedResponse", message: `HTTP ${status}: ${err.message.split("\n")[0]}` };
    }
    return { code: err.name || "Error", message: err.message };
  }
  return { code: "UnknownError", message: String(err) };
}

/** At most `limit` calls in flight; a call asked for after the signal is aborted is never started. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly limit: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    this.signal?.throwIfAborted();
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the slot is handed over on release
    try {
      this.signal?.throwIfAborted();
      return await call();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** One service's reads: bounded, recorded on failure, parsed against the raw schema. */
function reader(ctx: CollectContext) {
  const { signal } = ctx;
  const limiter = new Semaphore(SERVICE_CONCURRENCY, signal);

  const attempt = async <T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; err: unknown }> => {
    try {
      return { ok: true, value: await limiter.run(call) };
    } catch (err) {
      throwIfAborted(err, signal);
      return { ok: false, err };
    }
  };

  const failed = (api: string, resource: string | undefined, err: unknown): Failure => {
    const failure = failureOf(err);
    ctx.recordError({ api, ...(resource ? { resource } : {}), ...failure });
    return failure;
  };

  return {
    /** Every item of every page (a listing takes one slot: its pages are sequential). */
    async list<P, S extends z.ZodTypeAny>(
      api: string,
      resource: string | undefined,
      pages: () => AsyncIterable<P>,
      items: (page: P) => unknown[] | undefined,
      schema: S,
    ): Promise<Outcome<z.infer<S>[]>> {
      const r = await attempt(async () => {
        const out: z.infer<S>[] = [];
        for await (const page of pages()) for (const item of items(page) ?? []) out.push(parseResponse(schema, item, api));
        return out;
      });
      return r.ok ? { status: "ok", value: r.value } : { status: "error", ...failed(api, resource, r.err) };
    },

    /** A read that must answer. */
    async required<S extends z.ZodTypeAny>(api: string, resource: string | undefined, call: () => Promise<unknown>, schema: S): Promise<Outcome<z.infer<S>>> {
      const r = await attempt(async () => parseResponse(schema, await call(), api));
      return r.ok ? { status: "ok", value: r.value } : { status: "error", ...failed(api, resource, r.err) };
    },

    /** A read whose "not configured" error (ABSENT_CODES) means none. */
    async optional<S extends z.ZodTypeAny>(api: string, resource: string, call: () => Promise<unknown>, schema: S): Promise<Fetched<z.infer<S>>> {
      const r = await attempt(async () => parseResponse(schema, await call(), api));
      if (r.ok) return { status: "ok", value: r.value };
      if (r.err instanceof Error && (ABSENT_CODES[api] ?? []).includes(r.err.name)) return { status: "absent" };
      return { status: "error", ...failed(api, resource, r.err) };
    },

    /** A value computed over several pages (a count), as one bounded call. */
    async compute<T>(api: string, resource: string | undefined, call: () => Promise<T>): Promise<Outcome<T>> {
      const r = await attempt(call);
      return r.ok ? { status: "ok", value: r.value } : { status: "error", ...failed(api, resource, r.err) };
    },
  };
}

type Reader = ReturnType<typeof reader>;

async function collectBuckets(clients: NeighboursClients, ctx: CollectContext, r: Reader): Promise<NeighboursRaw["buckets"]> {
  const send = { abortSignal: ctx.signal };
  const listed = await r.list(
    "s3:ListAllMyBuckets",
    undefined,
    () => paginateListBuckets({ client: clients.s3, pageSize: PAGE.buckets }, { BucketRegion: ctx.region }, send),
    (p) => p.Buckets,
    ZBucketListItem,
  );
  if (listed.status === "error") return listed;
  // AWS names each bucket's region in a filtered listing; an endpoint that ignores the filter is filtered here.
  const mine = listed.value.filter((b: TBucketListItem) => !b.BucketRegion || b.BucketRegion === ctx.region);
  const one = async (bucket: TBucketListItem): Promise<TBucketRaw> => {
    const Bucket = bucket.Name;
    const arn = `arn:${partitionOf(ctx.region)}:s3:::${Bucket}`;
    const [policy, acl, publicAccessBlock, encryption, ownershipControls, notification] = await Promise.all([
      r.optional("s3:GetBucketPolicy", arn, () => clients.s3.send(new GetBucketPolicyCommand({ Bucket }), send), ZBucketPolicy),
      r.required("s3:GetBucketAcl", arn, () => clients.s3.send(new GetBucketAclCommand({ Bucket }), send), ZBucketAcl),
      r.optional("s3:GetBucketPublicAccessBlock", arn, () => clients.s3.send(new GetPublicAccessBlockCommand({ Bucket }), send), ZPublicAccessBlock),
      r.optional("s3:GetEncryptionConfiguration", arn, () => clients.s3.send(new GetBucketEncryptionCommand({ Bucket }), send), ZBucketEncryption),
      r.optional("s3:GetBucketOwnershipControls", arn, () => clients.s3.send(new GetBucketOwnershipControlsCommand({ Bucket }), send), ZOwnershipControls),
      r.required(
        "s3:GetBucketNotification",
        arn,
        () => clients.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }), send),
        ZBucketNotification,
      ),
    ]);
    return { bucket, policy, acl, publicAccessBlock, encryption, ownershipControls, notification };
  };
  return { status: "ok", value: await Promise.all(mine.map(one)) };
}

async function collectQueues(clients: NeighboursClients, ctx: CollectContext, r: Reader): Promise<NeighboursRaw["queues"]> {
  const send = { abortSignal: ctx.signal };
  const listed = await r.list(
    "sqs:ListQueues",
    undefined,
    () => paginateListQueues({ client: clients.sqs, pageSize: PAGE.queues }, {}, send),
    (p) => p.QueueUrls,
    parseString,
  );
  if (listed.status === "error") return listed;
  const value = await Promise.all(
    listed.value.map(async (url: string) => ({
      url,
      attributes: await r.required(
        "sqs:GetQueueAttributes",
        url,
        () => clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }), send),
        ZQueueAttributes,
      ),
    })),
  );
  return { status: "ok", value };
}

async function collectTopics(clients: NeighboursClients, ctx: CollectContext, r: Reader): Promise<NeighboursRaw["topics"]> {
  const send = { abortSignal: ctx.signal };
  // ListTopics has no page size parameter (AWS returns up to 100 per page).
  const listed = await r.list(
    "sns:ListTopics",
    undefined,
    () => paginateListTopics({ client: clients.sns }, {}, send),
    (p) => (p.Topics ?? []).map((t) => t.TopicArn),
    parseString,
  );
  if (listed.status === "error") return listed;
  const value = await Promise.all(
    listed.value.map(async (arn: string) => ({
      arn,
      attributes: await r.required(
        "sns:GetTopicAttributes",
        arn,
        () => clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }), send),
        ZTopicAttributes,
      ),
    })),
  );
  return { status: "ok", value };
}

async function collectTables(clients: NeighboursClients, ctx: CollectContext, r: Reader): Promise<NeighboursRaw["tables"]> {
  const send = { abortSignal: ctx.signal };
  const listed = await r.list(
    "dynamodb:ListTables",
    undefined,
    () => paginateListTables({ client: clients.dynamodb, pageSize: PAGE.tables }, {}, send),
    (p) => p.TableNames,
    parseString,
  );
  if (listed.status === "error") return listed;
  const value = await Promise.all(
    listed.value.map(async (name: string) => ({
      name,
      table: await r.required("dynamodb:DescribeTable", name, () => clients.dynamodb.send(new DescribeTableCommand({ TableName: name }), send), ZDescribeTable),
    })),
  );
  return { status: "ok", value };
}

/** Why GetKeyRotationStatus does not apply to a key, or null when it does. */
export function rotationNotApplicable(meta: z.infer<typeof ZDescribeKey>["KeyMetadata"]): string | null {
  if (meta.KeyManager === "AWS") return "AWS managed key: AWS rotates it every year";
  if (meta.KeySpec && meta.KeySpec !== "SYMMETRIC_DEFAULT") return `${meta.KeySpec} key: automatic rotation is only for symmetric encryption keys`;
  if (meta.Origin && meta.Origin !== "AWS_KMS") return `key material origin ${meta.Origin}: automatic rotation is not supported`;
  if (meta.CustomKeyStoreId) return "key in a custom key store: automatic rotation is not supported";
  if (meta.KeyState && meta.KeyState !== "Enabled" && meta.KeyState !== "Disabled") return `key state ${meta.KeyState}`;
  return null;
}

async function collectKeys(
  clients: NeighboursClients,
  ctx: CollectContext,
  r: Reader,
): Promise<{ keys: NeighboursRaw["keys"]; aliases: NeighboursRaw["aliases"] }> {
  const send = { abortSignal: ctx.signal };
  const aliasesTask = r.list(
    "kms:ListAliases",
    undefined,
    () => paginateListAliases({ client: clients.kms, pageSize: PAGE.aliases }, {}, send),
    (p) => p.Aliases,
    ZAliasListItem,
  );
  const keysTask = (async (): Promise<NeighboursRaw["keys"]> => {
    const listed = await r.list(
      "kms:ListKeys",
      undefined,
      () => paginateListKeys({ client: clients.kms, pageSize: PAGE.keys }, {}, send),
      (p) => p.Keys,
      ZKeyListItem,
    );
    if (listed.status === "error") return listed;
    const one = async (key: TKeyListItem): Promise<TKeyRaw> => {
      const id = key.KeyArn ?? key.KeyId;
      const metadata = await r.required("kms:DescribeKey", id, () => clients.kms.send(new DescribeKeyCommand({ KeyId: id }), send), ZDescribeKey);
      if (metadata.status === "error") return { key, metadata, rotation: { status: "skipped", reason: "DescribeKey failed" } };
      const reason = rotationNotApplicable(metadata.value.KeyMetadata);
      if (reason) return { key, metadata, rotation: { status: "skipped", reason } };
      const rotation = await r.required(
        "kms:GetKeyRotationStatus",
        id,
        () => clients.kms.send(new GetKeyRotationStatusCommand({ KeyId: id }), send),
        ZKeyRotationStatus,
      );
      return { key, metadata, rotation };
    };
    return { status: "ok", value: await Promise.all(listed.value.map(one)) };
  })();
  const [keys, aliases] = await Promise.all([keysTask, aliasesTask]);
  return { keys, aliases };
}

async function collectTrails(clients: NeighboursClients, ctx: CollectContext, r: Reader): Promise<NeighboursRaw["trails"]> {
  const send = { abortSignal: ctx.signal };
  // Not paginated. With shadow trails: every trail that applies in this region, multi-region and organization
  // trails whose home is elsewhere included.
  const described = await r.required(
    "cloudtrail:DescribeTrails",
    undefined,
    () => clients.cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }), send),
    parseTrailList,
  );
  if (described.status === "error") return described;
  const one = async (trail: TTrail): Promise<TTrailRaw> => {
    // Selectors and status are read where the trail lives: its home region's unit (by ARN, which also names an
    // organization trail owned by another account).
    if (trail.HomeRegion !== ctx.region) return { trail, selectors: { status: "skipped" }, status: { status: "skipped" } };
    const [selectors, status] = await Promise.all([
      r.required(
        "cloudtrail:GetEventSelectors",
        trail.TrailARN,
        () => clients.cloudtrail.send(new GetEventSelectorsCommand({ TrailName: trail.TrailARN }), send),
        ZEventSelectors,
      ),
      r.required("cloudtrail:GetTrailStatus", trail.TrailARN, () => clients.cloudtrail.send(new GetTrailStatusCommand({ Name: trail.TrailARN }), send), ZTrailStatus),
    ]);
    return { trail, selectors, status };
  };
  return { status: "ok", value: await Promise.all(described.value.trailList.map(one)) };
}

/** Custom log group names functions log to, from the unit's hints (see NeighbourHints). */
export type NeighbourHints = { lambdaLogGroupNames?: string[] };

async function collectLogGroups(clients: NeighboursClients, ctx: CollectContext, r: Reader): Promise<TLogGroupsRaw> {
  const send = { abortSignal: ctx.signal };
  const byPrefix = (prefix: string, api: string, resource: string | undefined) =>
    r.list(
      api,
      resource,
      () => paginateDescribeLogGroups({ client: clients.logs, pageSize: PAGE.logGroups }, { logGroupNamePrefix: prefix }, send),
      (p) => p.logGroups,
      ZLogGroup,
    );
  const hinted = ((ctx.hints as NeighbourHints | undefined)?.lambdaLogGroupNames ?? []).filter((n) => !n.startsWith(LAMBDA_LOG_GROUP_PREFIX));
  const [lambdaPrefix, named] = await Promise.all([
    byPrefix(LAMBDA_LOG_GROUP_PREFIX, "logs:DescribeLogGroups", undefined),
    Promise.all(
      [...new Set(hinted)].sort().map(async (name) => {
        const result = await byPrefix(name, "logs:DescribeLogGroups", name);
        // A prefix lookup: keep the exact name only.
        return { name, result: result.status === "ok" ? { status: "ok" as const, value: result.value.filter((g: TLogGroup) => g.logGroupName === name) } : result };
      }),
    ),
  ]);
  return { lambdaPrefix, named };
}

async function collectSubnets(clients: NeighboursClients, ctx: CollectContext, r: Reader): Promise<NeighboursRaw["subnets"]> {
  return r.list(
    "ec2:DescribeSubnets",
    undefined,
    () => paginateDescribeSubnets({ client: clients.ec2, pageSize: PAGE.subnets }, {}, { abortSignal: ctx.signal }),
    (p) => p.Subnets,
    ZSubnet,
  );
}

async function collectAnalyzers(clients: NeighboursClients, ctx: CollectContext, r: Reader): Promise<NeighboursRaw["analyzers"]> {
  const send = { abortSignal: ctx.signal };
  const listed = await r.list(
    "access-analyzer:ListAnalyzers",
    undefined,
    () => paginateListAnalyzers({ client: clients.accessanalyzer, pageSize: PAGE.analyzers }, {}, send),
    (p) => p.analyzers,
    ZAnalyzer,
  );
  if (listed.status === "error") return listed;
  const one = async (analyzer: TAnalyzer): Promise<TAnalyzerRaw> => {
    if (analyzer.status !== "ACTIVE" || !EXTERNAL_ACCESS_ANALYZER_TYPES.has(analyzer.type)) return { analyzer, activeFindings: { status: "skipped" } };
    const activeFindings = await r.compute("access-analyzer:ListFindings", analyzer.arn, async () => {
      let count = 0;
      const byResourceType: Record<string, number> = {};
      const pages = paginateListFindingsV2(
        { client: clients.accessanalyzer, pageSize: PAGE.findings },
        { analyzerArn: analyzer.arn, filter: { status: { eq: ["ACTIVE"] } } },
        send,
      );
      for await (const page of pages) {
        for (const f of page.findings ?? []) {
          count++;
          const type = f.resourceType ?? "unknown";
          byResourceType[type] = (byResourceType[type] ?? 0) + 1;
        }
      }
      return { count, byResourceType };
    });
    return { analyzer, activeFindings };
  };
  return { status: "ok", value: await Promise.all(listed.value.map(one)) };
}

export async function collectNeighbours(clients: NeighboursClients, ctx: CollectContext): Promise<NeighboursRaw> {
  ctx.signal?.throwIfAborted();
  const [buckets, queues, topics, tables, kms, trails, logGroups, subnets, analyzers] = await Promise.all([
    collectBuckets(clients, ctx, reader(ctx)),
    collectQueues(clients, ctx, reader(ctx)),
    collectTopics(clients, ctx, reader(ctx)),
    collectTables(clients, ctx, reader(ctx)),
    collectKeys(clients, ctx, reader(ctx)),
    collectTrails(clients, ctx, reader(ctx)),
    collectLogGroups(clients, ctx, reader(ctx)),
    collectSubnets(clients, ctx, reader(ctx)),
    collectAnalyzers(clients, ctx, reader(ctx)),
  ]);
  return { buckets, queues, topics, tables, keys: kms.keys, aliases: kms.aliases, trails, logGroups, subnets, analyzers };
}

