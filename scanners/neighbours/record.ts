// The normalized records of the resources around serverless functions: what the inventory stores in
// NeighbourResource.config (one `kind` per record type) and what rules read. Produced only by
// scanners/neighbours/normalize.ts. Enum-like AWS values are kept as strings, so an unknown future value is
// stored as sent instead of failing the scan. Every read that can fail is a Fetched/Listed value: rules turn an
// error into UNKNOWN, never into PASS.
import { z } from "zod";
import { zFetched } from "@/lib/aws/fetched";
import { ZPolicyDocument } from "@/lib/aws/policy-document";

/** A read that either answered or failed ("none configured" is an empty answer, not "absent"). */
export function zListed<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), value }),
    z.object({ status: z.literal("error"), code: z.string(), message: z.string() }),
  ]);
}
export type Listed<T> = { status: "ok"; value: T } | { status: "error"; code: string; message: string };

/** A resource policy, parsed once: normalized beside the text it came from. `error` also for a malformed one. */
export const ZFetchedResourcePolicy = zFetched(z.object({ document: ZPolicyDocument, text: z.string() }));
export type TFetchedResourcePolicy = z.infer<typeof ZFetchedResourcePolicy>;

const base = {
  /** The inventory key: the resource's ARN, suffixed "#<account>" where the ARN alone is not unique per account. */
  arn: z.string(),
  name: z.string(),
  accountId: z.string(),
  region: z.string(),
};

// ---- S3 -----------------------------------------------------------------------------------------------------

export const ZS3Grant = z.object({
  /** CanonicalUser | Group | AmazonCustomerByEmail */
  granteeType: z.string().nullable(),
  granteeId: z.string().nullable(),
  /** Group grantees: http://acs.amazonaws.com/groups/global/AllUsers (anyone), .../AuthenticatedUsers (any AWS account). */
  granteeUri: z.string().nullable(),
  /** FULL_CONTROL | WRITE | WRITE_ACP | READ | READ_ACP */
  permission: z.string().nullable(),
});

export const ZPublicAccessBlockConfig = z.object({
  blockPublicAcls: z.boolean(),
  ignorePublicAcls: z.boolean(),
  blockPublicPolicy: z.boolean(),
  restrictPublicBuckets: z.boolean(),
});
export type TPublicAccessBlockConfig = z.infer<typeof ZPublicAccessBlockConfig>;

export const ZS3BucketRecord = z.object({
  ...base,
  /** Buckets are listed per region (ListBuckets BucketRegion): the bucket's own region. */
  creationDate: z.string().nullable(),
  /** Bucket policy: absent when the bucket has none. */
  policy: ZFetchedResourcePolicy,
  acl: zListed(z.object({ ownerId: z.string().nullable(), grants: z.array(ZS3Grant) })),
  /** Bucket-level Block Public Access: absent when none is configured (account-level settings are not read here). */
  publicAccessBlock: zFetched(ZPublicAccessBlockConfig),
  /** Default encryption rules: absent when the bucket reports none. */
  encryption: zFetched(
    z.object({
      rules: z.array(z.object({ sseAlgorithm: z.string().nullable(), kmsKeyId: z.string().nullable(), bucketKeyEnabled: z.boolean().nullable() })),
    }),
  ),
  /** Object Ownership: BucketOwnerEnforced disables ACLs; absent when no ownership controls are set (ACLs apply). */
  objectOwnership: zFetched(z.string()),
  /** Event notification targets: which functions, queues and topics the bucket invokes or writes to. */
  notifications: zListed(
    z.object({
      lambdaFunctionArns: z.array(z.string()),
      queueArns: z.array(z.string()),
      topicArns: z.array(z.string()),
      eventBridge: z.boolean(),
    }),
  ),
});
export type TS3BucketRecord = z.infer<typeof ZS3BucketRecord>;

// ---- SQS ----------------------------------------------------------------------------------------------------

export const ZSqsQueueRecord = z.object({
  ...base,
  url: z.string(),
  fifo: z.boolean(),
  /** Queue policy: absent when the queue has none. */
  policy: ZFetchedResourcePolicy,
  /** Server-side encryption: a KMS key, SQS-managed keys (SSE-SQS), or neither. */
  encryption: zListed(z.object({ kmsMasterKeyId: z.string().nullable(), sqsManagedSse: z.boolean() })),
  /** RedrivePolicy's dead-letter queue. */
  deadLetterTargetArn: zListed(z.string().nullable()),
});
export type TSqsQueueRecord = z.infer<typeof ZSqsQueueRecord>;

// ---- SNS ----------------------------------------------------------------------------------------------------

export const ZSnsTopicRecord = z.object({
  ...base,
  fifo: z.boolean(),
  /** Topic policy: every topic has one (AWS writes a default); absent only if the attribute is missing. */
  policy: ZFetchedResourcePolicy,
  /** KmsMasterKeyId: null when the topic is not encrypted at rest (SNS's default). */
  encryption: zListed(z.object({ kmsMasterKeyId: z.string().nullable() })),
});
export type TSnsTopicRecord = z.infer<typeof ZSnsTopicRecord>;

// ---- DynamoDB -----------------------------------------------------------------------------------------------

export const ZDynamodbTableRecord = z.object({
  ...base,
  details: zListed(
    z.object({
      status: z.string().nullable(),
      streamArn: z.string().nullable(),
      /**
       * Encryption at rest is always on. SSEDescription is missing for the AWS owned key (the default); present
       * with SSEType KMS for the AWS managed key (aws/dynamodb) or a customer managed key.
       */
      sse: z.object({ status: z.string().nullable(), sseType: z.string().nullable(), kmsMasterKeyArn: z.string().nullable() }).nullable(),
      deletionProtection: z.boolean().nullable(),
    }),
  ),
});
export type TDynamodbTableRecord = z.infer<typeof ZDynamodbTableRecord>;

// ---- KMS ----------------------------------------------------------------------------------------------------

export const ZKmsKeyRecord = z.object({
  ...base,
  keyId: z.string(),
  /** Alias names pointing at the key (alias/aws/... for AWS managed keys). */
  aliases: z.array(z.string()),
  metadata: zListed(
    z.object({
      /** AWS | CUSTOMER */
      keyManager: z.string().nullable(),
      keyState: z.string().nullable(),
      keySpec: z.string().nullable(),
      keyUsage: z.string().nullable(),
      /** AWS_KMS | EXTERNAL | AWS_CLOUDHSM | EXTERNAL_KEY_STORE */
      origin: z.string().nullable(),
      multiRegion: z.boolean().nullable(),
      customKeyStoreId: z.string().nullable(),
      creationDate: z.string().nullable(),
      description: z.string().nullable(),
    }),
  ),
  /** Automatic rotation; not_applicable where it cannot be set (see `reason`). */
  rotation: z.discriminatedUnion("status", [
    z.object({
      status: z.literal("ok"),
      value: z.object({ enabled: z.boolean(), periodDays: z.number().nullable(), nextRotationDate: z.string().nullable() }),
    }),
    z.object({ status: z.literal("error"), code: z.string(), message: z.string() }),
    z.object({ status: z.literal("not_applicable"), reason: z.string() }),
  ]),
});
export type TKmsKeyRecord = z.infer<typeof ZKmsKeyRecord>;

// ---- CloudTrail ---------------------------------------------------------------------------------------------

export const ZFieldSelector = z.object({
  field: z.string(),
  equals: z.array(z.string()),
  startsWith: z.array(z.string()),
  endsWith: z.array(z.string()),
  notEquals: z.array(z.string()),
  notStartsWith: z.array(z.string()),
  notEndsWith: z.array(z.string()),
});
export type TFieldSelector = z.infer<typeof ZFieldSelector>;

export const ZEventSelectorsRecord = z.object({
  basic: z.array(
    z.object({
      readWriteType: z.string().nullable(),
      includeManagementEvents: z.boolean().nullable(),
      dataResources: z.array(z.object({ type: z.string().nullable(), values: z.array(z.string()) })),
    }),
  ),
  advanced: z.array(z.object({ name: z.string().nullable(), fieldSelectors: z.array(ZFieldSelector) })),
});
export type TEventSelectorsRecord = z.infer<typeof ZEventSelectorsRecord>;

const ZNotRead = z.object({ status: z.literal("not_read"), reason: z.string() });

export const ZCloudTrailTrailRecord = z.object({
  ...base,
  trailArn: z.string(),
  /** The account that owns the trail: another account for an organization trail seen from a member account. */
  ownerAccountId: z.string().nullable(),
  homeRegion: z.string(),
  /**
   * home: the trail as its home region reports it, with selectors and status. shadow: the copy another region
   * reports (a multi-region or organization trail): it says the trail applies here; its settings are on the
   * home record.
   */
  view: z.enum(["home", "shadow"]),
  isMultiRegion: z.boolean(),
  isOrganizationTrail: z.boolean(),
  s3BucketName: z.string().nullable(),
  kmsKeyId: z.string().nullable(),
  logFileValidation: z.boolean().nullable(),
  selectors: z.union([zListed(ZEventSelectorsRecord), ZNotRead]),
  isLogging: z.union([zListed(z.boolean()), ZNotRead]),
});
export type TCloudTrailTrailRecord = z.infer<typeof ZCloudTrailTrailRecord>;

// ---- CloudWatch Logs ----------------------------------------------------------------------------------------

export const ZLogsLogGroupRecord = z.object({
  ...base,
  /** null: never expire. */
  retentionInDays: z.number().nullable(),
  kmsKeyId: z.string().nullable(),
  creationTime: z.string().nullable(),
  logGroupClass: z.string().nullable(),
  /** How Lantern found it: the /aws/lambda/ prefix listing, or a lookup of a custom name a function logs to. */
  foundBy: z.enum(["lambda_prefix", "name"]),
});
export type TLogsLogGroupRecord = z.infer<typeof ZLogsLogGroupRecord>;

// ---- EC2 ----------------------------------------------------------------------------------------------------

export const ZEc2SubnetRecord = z.object({
  ...base,
  subnetId: z.string(),
  /** The owner: another account for a subnet shared with this one (AWS RAM). */
  ownerId: z.string().nullable(),
  vpcId: z.string().nullable(),
  availabilityZone: z.string().nullable(),
  availabilityZoneId: z.string().nullable(),
  cidrBlock: z.string().nullable(),
  state: z.string().nullable(),
  defaultForAz: z.boolean().nullable(),
  mapPublicIpOnLaunch: z.boolean().nullable(),
});
export type TEc2SubnetRecord = z.infer<typeof ZEc2SubnetRecord>;

// ---- IAM Access Analyzer ------------------------------------------------------------------------------------

export const ZAnalyzerEntry = z.object({
  arn: z.string(),
  name: z.string(),
  /** ACCOUNT | ORGANIZATION (external access), ACCOUNT_UNUSED_ACCESS | ORGANIZATION_UNUSED_ACCESS, ... */
  type: z.string(),
  status: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** Findings with status ACTIVE; not_read for analyzers that are not ACTIVE. */
  activeFindings: z.union([
    zListed(z.object({ count: z.number().int(), byResourceType: z.record(z.string(), z.number().int()) })),
    ZNotRead,
  ]),
});
export type TAnalyzerEntry = z.infer<typeof ZAnalyzerEntry>;

/**
 * One record per (account, region): the region's analyzers. G-01 judges the region (a region without an
 * analyzer has no analyzer to attach a finding to), so the record exists even when the listing failed.
 * arn: arn:<partition>:access-analyzer:<region>:<account>:analyzer/* (the IAM resource pattern of them all).
 */
export const ZAccessAnalyzerRegionRecord = z.object({
  ...base,
  analyzers: zListed(z.array(ZAnalyzerEntry)),
});
export type TAccessAnalyzerRegionRecord = z.infer<typeof ZAccessAnalyzerRegionRecord>;
