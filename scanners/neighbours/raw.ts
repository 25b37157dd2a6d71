// What collect hands to normalize: the AWS responses about the resources around serverless functions in one
// (account, region), JSON-only (dates as ISO strings) so a recorded fixture and a live collection have the same
// shape. The SDK types mark every field optional; these schemas require the few fields Lantern keys on and keep
// every other field as AWS sent it (loose objects).
import { z } from "zod";
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

// ---- S3 -----------------------------------------------------------------------------------------------------

/** ListBuckets item. BucketRegion is set by AWS (not by moto) when the listing is filtered by region. */
export const ZBucketListItem = z.looseObject({ Name: z.string(), CreationDate: optionalString, BucketRegion: optionalString });
export type TBucketListItem = z.infer<typeof ZBucketListItem>;

export const ZBucketPolicy = z.looseObject({ Policy: z.string() });

const ZGrantee = z.looseObject({
  Type: optionalString,
  ID: optionalString,
  URI: optionalString,
  DisplayName: optionalString,
  EmailAddress: optionalString,
});
export const ZBucketAcl = z.looseObject({
  Owner: z.looseObject({ ID: optionalString, DisplayName: optionalString }).nullish(),
  Grants: z.array(z.looseObject({ Grantee: ZGrantee.nullish(), Permission: optionalString })).nullish(),
});
export type TBucketAcl = z.infer<typeof ZBucketAcl>;

export const ZPublicAccessBlock = z.looseObject({
  PublicAccessBlockConfiguration: z
    .looseObject({
      BlockPublicAcls: optionalBoolean,
      IgnorePublicAcls: optionalBoolean,
      BlockPublicPolicy: optionalBoolean,
      RestrictPublicBuckets: optionalBoolean,
    })
    .nullish(),
});
export type TPublicAccessBlock = z.infer<typeof ZPublicAccessBlock>;

export const ZBucketEncryption = z.looseObject({
  ServerSideEncryptionConfiguration: z
    .looseObject({
      Rules: z
        .array(
          z.looseObject({
            ApplyServerSideEncryptionByDefault: z.looseObject({ SSEAlgorithm: optionalString, KMSMasterKeyID: optionalString }).nullish(),
            BucketKeyEnabled: optionalBoolean,
          }),
        )
        .nullish(),
    })
    .nullish(),
});
export type TBucketEncryption = z.infer<typeof ZBucketEncryption>;

export const ZOwnershipControls = z.looseObject({
  OwnershipControls: z.looseObject({ Rules: z.array(z.looseObject({ ObjectOwnership: optionalString })).nullish() }).nullish(),
});
export type TOwnershipControls = z.infer<typeof ZOwnershipControls>;

const ZNotificationTarget = z.looseObject({ Id: optionalString, Events: optionalStrings });
export const ZBucketNotification = z.looseObject({
  LambdaFunctionConfigurations: z.array(ZNotificationTarget.extend({ LambdaFunctionArn: z.string() })).nullish(),
  QueueConfigurations: z.array(ZNotificationTarget.extend({ QueueArn: z.string() })).nullish(),
  TopicConfigurations: z.array(ZNotificationTarget.extend({ TopicArn: z.string() })).nullish(),
  EventBridgeConfiguration: z.looseObject({}).nullish(),
});
export type TBucketNotification = z.infer<typeof ZBucketNotification>;

export const ZBucketRaw = z.object({
  bucket: ZBucketListItem,
  /** absent: NoSuchBucketPolicy. */
  policy: zFetched(ZBucketPolicy),
  acl: zOutcome(ZBucketAcl),
  /** absent: NoSuchPublicAccessBlockConfiguration (nothing blocked at bucket level). */
  publicAccessBlock: zFetched(ZPublicAccessBlock),
  /** absent: ServerSideEncryptionConfigurationNotFoundError. */
  encryption: zFetched(ZBucketEncryption),
  /** absent: OwnershipControlsNotFoundError (ACLs enabled, ObjectWriter). */
  ownershipControls: zFetched(ZOwnershipControls),
  notification: zOutcome(ZBucketNotification),
});
export type TBucketRaw = z.infer<typeof ZBucketRaw>;

// ---- SQS ----------------------------------------------------------------------------------------------------

/** GetQueueAttributes(All): every attribute is a string. */
export const ZQueueAttributes = z.looseObject({ Attributes: z.record(z.string(), z.string()).nullish() });
export type TQueueAttributes = z.infer<typeof ZQueueAttributes>;

export const ZQueueRaw = z.object({ url: z.string(), attributes: zOutcome(ZQueueAttributes) });
export type TQueueRaw = z.infer<typeof ZQueueRaw>;

// ---- SNS ----------------------------------------------------------------------------------------------------

export const ZTopicAttributes = z.looseObject({ Attributes: z.record(z.string(), z.string()).nullish() });
export type TTopicAttributes = z.infer<typeof ZTopicAttributes>;

export const ZTopicRaw = z.object({ arn: z.string(), attributes: zOutcome(ZTopicAttributes) });
export type TTopicRaw = z.infer<typeof ZTopicRaw>;

// ---- DynamoDB -----------------------------------------------------------------------------------------------

export const ZTableDescription = z.looseObject({
  TableName: z.string(),
  TableArn: optionalString,
  TableStatus: optionalString,
  LatestStreamArn: optionalString,
  StreamSpecification: z.looseObject({ StreamEnabled: optionalBoolean, StreamViewType: optionalString }).nullish(),
  SSEDescription: z.looseObject({ Status: optionalString, SSEType: optionalString, KMSMasterKeyArn: optionalString }).nullish(),
  DeletionProtectionEnabled: optionalBoolean,
});
export type TTableDescription = z.infer<typeof ZTableDescription>;

export const ZDescribeTable = z.looseObject({ Table: ZTableDescription });

export const ZTableRaw = z.object({ name: z.string(), table: zOutcome(ZDescribeTable) });
export type TTableRaw = z.infer<typeof ZTableRaw>;

// ---- KMS ----------------------------------------------------------------------------------------------------

export const ZKeyListItem = z.looseObject({ KeyId: z.string(), KeyArn: optionalString });
export type TKeyListItem = z.infer<typeof ZKeyListItem>;

export const ZKeyMetadata = z.looseObject({
  KeyId: z.string(),
  Arn: optionalString,
  AWSAccountId: optionalString,
  KeyManager: optionalString,
  KeyState: optionalString,
  Enabled: optionalBoolean,
  KeySpec: optionalString,
  KeyUsage: optionalString,
  Origin: optionalString,
  MultiRegion: optionalBoolean,
  CustomKeyStoreId: optionalString,
  CreationDate: optionalString,
  Description: optionalString,
});
export type TKeyMetadata = z.infer<typeof ZKeyMetadata>;
export const ZDescribeKey = z.looseObject({ KeyMetadata: ZKeyMetadata });

export const ZKeyRotationStatus = z.looseObject({
  KeyRotationEnabled: optionalBoolean,
  RotationPeriodInDays: optionalNumber,
  NextRotationDate: optionalString,
});
export type TKeyRotationStatus = z.infer<typeof ZKeyRotationStatus>;

export const ZAliasListItem = z.looseObject({ AliasName: z.string(), AliasArn: optionalString, TargetKeyId: optionalString });
export type TAliasListItem = z.infer<typeof ZAliasListItem>;

export const ZKeyRaw = z.object({
  key: ZKeyListItem,
  metadata: zOutcome(ZDescribeKey),
  /**
   * "skipped" where automatic rotation does not apply: AWS managed keys (AWS rotates them yearly), asymmetric and
   * HMAC keys, imported key material and custom key stores, keys pending deletion or import, or when DescribeKey
   * failed (then the metadata error says why).
   */
  rotation: z.union([zOutcome(ZKeyRotationStatus), z.object({ status: z.literal("skipped"), reason: z.string() })]),
});
export type TKeyRaw = z.infer<typeof ZKeyRaw>;

// ---- CloudTrail ---------------------------------------------------------------------------------------------

export const ZTrail = z.looseObject({
  Name: z.string(),
  TrailARN: z.string(),
  HomeRegion: z.string(),
  S3BucketName: optionalString,
  IsMultiRegionTrail: optionalBoolean,
  IsOrganizationTrail: optionalBoolean,
  IncludeGlobalServiceEvents: optionalBoolean,
  HasCustomEventSelectors: optionalBoolean,
  LogFileValidationEnabled: optionalBoolean,
  KmsKeyId: optionalString,
  CloudWatchLogsLogGroupArn: optionalString,
});
export type TTrail = z.infer<typeof ZTrail>;

export const ZEventSelectors = z.looseObject({
  EventSelectors: z
    .array(
      z.looseObject({
        ReadWriteType: optionalString,
        IncludeManagementEvents: optionalBoolean,
        DataResources: z.array(z.looseObject({ Type: optionalString, Values: optionalStrings })).nullish(),
        ExcludeManagementEventSources: optionalStrings,
      }),
    )
    .nullish(),
  AdvancedEventSelectors: z
    .array(
      z.looseObject({
        Name: optionalString,
        FieldSelectors: z.array(
          z.looseObject({
            Field: z.string(),
            Equals: optionalStrings,
            StartsWith: optionalStrings,
            EndsWith: optionalStrings,
            NotEquals: optionalStrings,
            NotStartsWith: optionalStrings,
            NotEndsWith: optionalStrings,
          }),
        ),
      }),
    )
    .nullish(),
});
export type TEventSelectors = z.infer<typeof ZEventSelectors>;

export const ZTrailStatus = z.looseObject({ IsLogging: optionalBoolean, LatestDeliveryError: optionalString });
export type TTrailStatus = z.infer<typeof ZTrailStatus>;

export const ZTrailRaw = z.object({
  trail: ZTrail,
  /** Read only in the trail's home region; "skipped" for the copy another region reports (a shadow trail). */
  selectors: z.union([zOutcome(ZEventSelectors), z.object({ status: z.literal("skipped") })]),
  status: z.union([zOutcome(ZTrailStatus), z.object({ status: z.literal("skipped") })]),
});
export type TTrailRaw = z.infer<typeof ZTrailRaw>;

// ---- CloudWatch Logs ----------------------------------------------------------------------------------------

export const ZLogGroup = z.looseObject({
  logGroupName: z.string(),
  arn: optionalString,
  logGroupArn: optionalString,
  creationTime: optionalNumber,
  retentionInDays: optionalNumber,
  kmsKeyId: optionalString,
  logGroupClass: optionalString,
  storedBytes: optionalNumber,
});
export type TLogGroup = z.infer<typeof ZLogGroup>;

export const ZLogGroupsRaw = z.object({
  /** DescribeLogGroups with logGroupNamePrefix "/aws/lambda/", every page: Lambda's default log groups. */
  lambdaPrefix: zOutcome(z.array(ZLogGroup)),
  /** Custom log groups functions name in LoggingConfig (from hints), each looked up by name. */
  named: z.array(z.object({ name: z.string(), result: zOutcome(z.array(ZLogGroup)) })),
});
export type TLogGroupsRaw = z.infer<typeof ZLogGroupsRaw>;

// ---- EC2 ----------------------------------------------------------------------------------------------------

export const ZSubnet = z.looseObject({
  SubnetId: z.string(),
  SubnetArn: optionalString,
  VpcId: optionalString,
  AvailabilityZone: optionalString,
  AvailabilityZoneId: optionalString,
  CidrBlock: optionalString,
  State: optionalString,
  OwnerId: optionalString,
  MapPublicIpOnLaunch: optionalBoolean,
  DefaultForAz: optionalBoolean,
  Tags: z.array(z.looseObject({ Key: optionalString, Value: optionalString })).nullish(),
});
export type TSubnet = z.infer<typeof ZSubnet>;

// ---- IAM Access Analyzer ------------------------------------------------------------------------------------

export const ZAnalyzer = z.looseObject({
  arn: z.string(),
  name: z.string(),
  type: z.string(),
  status: optionalString,
  createdAt: optionalString,
  lastResourceAnalyzedAt: optionalString,
});
export type TAnalyzer = z.infer<typeof ZAnalyzer>;

export const ZAnalyzerRaw = z.object({
  analyzer: ZAnalyzer,
  /** ListFindingsV2 filtered on status ACTIVE, counted over every page; "skipped" for analyzers that are not ACTIVE. */
  activeFindings: z.union([
    zOutcome(z.object({ count: z.number().int(), byResourceType: z.record(z.string(), z.number().int()) })),
    z.object({ status: z.literal("skipped") }),
  ]),
});
export type TAnalyzerRaw = z.infer<typeof ZAnalyzerRaw>;

export const ZNeighboursRaw = z.object({
  buckets: zOutcome(z.array(ZBucketRaw)),
  queues: zOutcome(z.array(ZQueueRaw)),
  topics: zOutcome(z.array(ZTopicRaw)),
  tables: zOutcome(z.array(ZTableRaw)),
  keys: zOutcome(z.array(ZKeyRaw)),
  /** ListAliases, every page: names keys in records and resolves alias references in rules. */
  aliases: zOutcome(z.array(ZAliasListItem)),
  /** DescribeTrails with shadow trails: every trail that applies in this region. */
  trails: zOutcome(z.array(ZTrailRaw)),
  logGroups: ZLogGroupsRaw,
  subnets: zOutcome(z.array(ZSubnet)),
  analyzers: zOutcome(z.array(ZAnalyzerRaw)),
});
export type NeighboursRaw = z.infer<typeof ZNeighboursRaw>;
