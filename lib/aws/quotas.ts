// AWS control-plane request quotas, as token buckets: which bucket(s) each API operation draws from, and
// each bucket's sustained rate and burst. One table serves both sides: Lantern's client-side limiter
// (lib/aws/rate-limit.ts) and the benchmark's quota shim (bench/quota-shim.ts), so what Lantern paces itself
// to and what the shim enforces cannot drift apart.
//
// Sources (research/perf-targets.md §1; re-check the live pages before relying on a number):
// - Lambda: GetFunction 100 req/s, GetPolicy 15 req/s, "remainder of the control plane API requests" 15 req/s,
//   fixed, per account (assumed per Region, the endpoints being regional). No burst is published: one second's
//   worth is assumed.
// - API Gateway (REST and HTTP/WebSocket APIs share them): GetResources "5 requests every 2 seconds per
//   account"; "Total operations: 10 requests per second with a burst quota of 40"; not increasable.
// - IAM: read throttles are unpublished. 10 req/s is a conservative assumption; override it when measured.
// - EC2: non-mutating actions, bucket size 100, refill 20/s (EC2 API throttling documentation).
// - STS, Organizations, Account: Lantern makes a handful of calls per account; the defaults are generous.
// - The neighbours scanner (S3, SQS, SNS, DynamoDB, KMS, CloudTrail, CloudWatch Logs, Access Analyzer) makes a
//   few reads per resource; one bucket per service (per account and Region, every operation of the service):
//   - KMS: request quotas are per operation; ListKeys and ListAliases have the lowest Lantern calls, 100 req/s
//     (DescribeKey and GetKeyRotationStatus are higher), so 100 covers all of them
//     (docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html).
//   - CloudWatch Logs: DescribeLogGroups, 10 req/s per account and Region (CloudWatch Logs quotas page).
//   - S3 bucket configuration reads (GetBucketPolicy, GetBucketAcl, ...), SQS ListQueues/GetQueueAttributes,
//     SNS ListTopics/GetTopicAttributes, DynamoDB ListTables/DescribeTable, CloudTrail DescribeTrails/
//     GetEventSelectors/GetTrailStatus and Access Analyzer ListAnalyzers/ListFindingsV2: no per-operation
//     figure is published that Lantern could rely on; the rates below are conservative assumptions, well
//     under what those services sustain, to be overridden when measured.
// Quotas are configuration: LANTERN_AWS_QUOTAS overrides any bucket (merged field by field over these), and
// LANTERN_AWS_QUOTA_SHARE scales them all down when several processes scan the same accounts.
import { z } from "zod";

export type Quota = {
  /** Sustained requests per second. */
  rate: number;
  /** Bucket size: requests that may go at once after an idle period. At least 1. */
  burst: number;
};

export const DEFAULT_QUOTAS = {
  "lambda:GetPolicy": { rate: 15, burst: 15 },
  "lambda:GetFunction": { rate: 100, burst: 100 },
  "lambda:control": { rate: 15, burst: 15 },
  "apigateway:GetResources": { rate: 2.5, burst: 5 },
  "apigateway:total": { rate: 10, burst: 40 },
  "iam:read": { rate: 10, burst: 10 },
  "sts:total": { rate: 50, burst: 100 },
  "organizations:total": { rate: 10, burst: 20 },
  "account:total": { rate: 10, burst: 20 },
  "ec2:total": { rate: 20, burst: 100 },
  "s3:control": { rate: 20, burst: 20 },
  "sqs:control": { rate: 20, burst: 20 },
  "sns:control": { rate: 20, burst: 20 },
  "dynamodb:control": { rate: 10, burst: 10 },
  "kms:read": { rate: 100, burst: 100 },
  "cloudtrail:read": { rate: 5, burst: 5 },
  "logs:DescribeLogGroups": { rate: 10, burst: 10 },
  "accessanalyzer:read": { rate: 10, burst: 10 },
} as const satisfies Record<string, Quota>;

export type BucketName = keyof typeof DEFAULT_QUOTAS;
export const BUCKET_NAMES = Object.keys(DEFAULT_QUOTAS) as BucketName[];
export type Quotas = Record<BucketName, Quota>;

/** The services Lantern calls, by the client that calls them. */
export type AwsService =
  | "lambda"
  | "apigateway"
  | "apigatewayv2"
  | "iam"
  | "sts"
  | "organizations"
  | "account"
  | "ec2"
  | "s3"
  | "sqs"
  | "sns"
  | "dynamodb"
  | "kms"
  | "cloudtrail"
  | "logs"
  | "accessanalyzer";

/** Services with one endpoint for every Region: their buckets are per account, not per (account, Region). */
export const GLOBAL_SERVICES: ReadonlySet<string> = new Set(["iam", "organizations", "account"]);

/** The Region part of a bucket's key: "global" for a global service. */
export function quotaRegion(service: string, region: string): string {
  return GLOBAL_SERVICES.has(service) ? "global" : region;
}

// Invocation is data plane, metered by concurrency rather than these request buckets.
const LAMBDA_DATA_PLANE = new Set(["Invoke", "InvokeAsync", "InvokeWithResponseStream"]);

/**
 * The buckets one call of `operation` (the API action name, e.g. "GetPolicy") takes a token from. Every
 * listed bucket must have a token before the call goes. An unknown service takes none.
 */
export function bucketsFor(service: string, operation: string): BucketName[] {
  switch (service) {
    case "lambda":
      if (LAMBDA_DATA_PLANE.has(operation)) return [];
      if (operation === "GetPolicy") return ["lambda:GetPolicy"];
      if (operation === "GetFunction") return ["lambda:GetFunction"];
      return ["lambda:control"];
    case "apigateway":
    case "apigatewayv2":
      // GetResources has its own quota and also counts toward the account's total.
      return operation === "GetResources" ? ["apigateway:GetResources", "apigateway:total"] : ["apigateway:total"];
    case "iam":
      // Lantern's IAM calls are all reads; IAM's write limits are separate and unpublished too.
      return ["iam:read"];
    case "sts":
      return ["sts:total"];
    case "organizations":
      return ["organizations:total"];
    case "account":
      return ["account:total"];
    case "ec2":
      return ["ec2:total"];
    // The neighbours scanner only reads; each service's reads share one bucket.
    case "s3":
      return ["s3:control"];
    case "sqs":
      return ["sqs:control"];
    case "sns":
      return ["sns:control"];
    case "dynamodb":
      return ["dynamodb:control"];
    case "kms":
      return ["kms:read"];
    case "cloudtrail":
      return ["cloudtrail:read"];
    case "logs":
      return operation === "DescribeLogGroups" ? ["logs:DescribeLogGroups"] : [];
    case "accessanalyzer":
      return ["accessanalyzer:read"];
    default:
      return [];
  }
}

/** One bucket's override: either field, merged over the default. */
export const ZQuotaOverride = z
  .object({
    rate: z.number().positive().optional().describe("Sustained requests per second"),
    burst: z.number().min(1).optional().describe("Requests that may go at once after an idle period"),
  })
  .strict()
  .refine((q) => q.rate !== undefined || q.burst !== undefined, "set rate, burst or both");

export const ZQuotaOverrides = z.partialRecord(z.enum(BUCKET_NAMES as [BucketName, ...BucketName[]]), ZQuotaOverride);
export type TQuotaOverrides = z.infer<typeof ZQuotaOverrides>;

/** LANTERN_AWS_QUOTAS: a JSON object of bucket name -> {rate?, burst?}; unset or empty means the defaults. */
export const ZQuotasJson = z
  .string()
  .optional()
  .transform((text, ctx): unknown => {
    if (!text?.trim()) return {};
    try {
      return JSON.parse(text);
    } catch {
      ctx.issues.push({
        code: "custom",
        input: text,
        message: 'must be a JSON object such as {"iam:read":{"rate":5,"burst":5}}',
      });
      return z.NEVER;
    }
  })
  .pipe(ZQuotaOverrides);

export const ZQuotaShare = z.coerce
  .number()
  .gt(0, "must be greater than 0")
  .max(1, "must be at most 1")
  .default(1);

/**
 * The effective quotas: overrides merged over the defaults, then every rate and burst scaled by `share`
 * (the fraction of each AWS quota this process may use; a burst never drops below 1 request).
 */
export function resolveQuotas(overrides: TQuotaOverrides = {}, share = 1): Quotas {
  if (!(share > 0 && share <= 1)) throw new Error(`Quota share must be in (0, 1], got ${share}`);
  const out = {} as Quotas;
  for (const name of BUCKET_NAMES) {
    const base = DEFAULT_QUOTAS[name];
    const o = overrides[name];
    const rate = o?.rate ?? base.rate;
    const burst = o?.burst ?? base.burst;
    out[name] = { rate: rate * share, burst: Math.max(1, burst * share) };
  }
  return out;
}
