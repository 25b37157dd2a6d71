// Hand-built normalized records of the resources around functions (scanners/neighbours) for rule tests. Every
// record goes through its zod schema, so a fixture cannot drift from what the neighbours scanner stores.
import type { TStatement } from "@/lib/aws/policy-document";
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
  type TAccessAnalyzerRegionRecord,
  type TAnalyzerEntry,
  type TCloudTrailTrailRecord,
  type TDynamodbTableRecord,
  type TEc2SubnetRecord,
  type TFetchedResourcePolicy,
  type TKmsKeyRecord,
  type TLogsLogGroupRecord,
  type TS3BucketRecord,
  type TSnsTopicRecord,
  type TSqsQueueRecord,
} from "@/scanners/neighbours/record";
import { emptyInventory, type RuleInventory } from "@/lib/rules/types";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { ACCOUNT_ID, REGION, functionArn, lambdaFunction } from "./lambda-function";

export { ACCOUNT_ID, REGION };

/** A fetched resource policy holding these statements. */
export function resourcePolicy(...statements: TStatement[]): TFetchedResourcePolicy {
  const document = { Version: "2012-10-17", Statement: statements };
  return { status: "ok", value: { document, text: JSON.stringify(document) } };
}

export const bucketArn = (name: string) => `arn:aws:s3:::${name}`;
export const queueArn = (name: string, region = REGION, accountId = ACCOUNT_ID) => `arn:aws:sqs:${region}:${accountId}:${name}`;
export const topicArn = (name: string, region = REGION, accountId = ACCOUNT_ID) => `arn:aws:sns:${region}:${accountId}:${name}`;
export const tableArn = (name: string, region = REGION, accountId = ACCOUNT_ID) => `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
export const keyArn = (id: string, region = REGION, accountId = ACCOUNT_ID) => `arn:aws:kms:${region}:${accountId}:key/${id}`;
export const trailArn = (name: string, region = REGION, accountId = ACCOUNT_ID) => `arn:aws:cloudtrail:${region}:${accountId}:trail/${name}`;

/** A private bucket: no policy, owner-only ACL, everything blocked at bucket level, SSE-S3. */
export function s3Bucket(overrides: Partial<TS3BucketRecord> = {}): TS3BucketRecord {
  const name = overrides.name ?? "orders-uploads";
  return ZS3BucketRecord.parse({
    arn: bucketArn(name),
    name,
    accountId: ACCOUNT_ID,
    region: REGION,
    creationDate: "2025-01-01T00:00:00.000Z",
    policy: { status: "absent" },
    acl: { status: "ok", value: { ownerId: "c0ffee", grants: [{ granteeType: "CanonicalUser", granteeId: "c0ffee", granteeUri: null, permission: "FULL_CONTROL" }] } },
    publicAccessBlock: { status: "ok", value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } },
    encryption: { status: "ok", value: { rules: [{ sseAlgorithm: "AES256", kmsKeyId: null, bucketKeyEnabled: false }] } },
    objectOwnership: { status: "ok", value: "BucketOwnerEnforced" },
    notifications: { status: "ok", value: { lambdaFunctionArns: [], queueArns: [], topicArns: [], eventBridge: false } },
    ...overrides,
  });
}

/** A queue with SSE-SQS and no policy. */
export function sqsQueue(overrides: Partial<TSqsQueueRecord> = {}): TSqsQueueRecord {
  const name = overrides.name ?? "orders-fulfilment";
  const region = overrides.region ?? REGION;
  return ZSqsQueueRecord.parse({
    arn: queueArn(name, region),
    name,
    accountId: ACCOUNT_ID,
    region,
    url: `https://sqs.${region}.amazonaws.com/${ACCOUNT_ID}/${name}`,
    fifo: false,
    policy: { status: "absent" },
    encryption: { status: "ok", value: { kmsMasterKeyId: null, sqsManagedSse: true } },
    deadLetterTargetArn: { status: "ok", value: null },
    ...overrides,
  });
}

/** SNS's default topic policy: anyone in AWS, limited to the owner account by AWS:SourceOwner. */
export function defaultTopicPolicy(name: string): TFetchedResourcePolicy {
  return resourcePolicy({
    Sid: "__default_statement_ID",
    Effect: "Allow",
    Principal: { AWS: ["*"] },
    Action: ["SNS:GetTopicAttributes", "SNS:Subscribe", "SNS:Publish"],
    Resource: [topicArn(name)],
    Condition: { StringEquals: { "AWS:SourceOwner": [ACCOUNT_ID] } },
  });
}

/** A topic with SNS's default policy, encrypted with the AWS managed key. */
export function snsTopic(overrides: Partial<TSnsTopicRecord> = {}): TSnsTopicRecord {
  const name = overrides.name ?? "invoice-render-requests";
  return ZSnsTopicRecord.parse({
    arn: topicArn(name),
    name,
    accountId: ACCOUNT_ID,
    region: REGION,
    fifo: false,
    policy: defaultTopicPolicy(name),
    encryption: { status: "ok", value: { kmsMasterKeyId: "alias/aws/sns" } },
    ...overrides,
  });
}

export function dynamodbTable(overrides: Partial<TDynamodbTableRecord> = {}): TDynamodbTableRecord {
  const name = overrides.name ?? "orders";
  return ZDynamodbTableRecord.parse({
    arn: tableArn(name),
    name,
    accountId: ACCOUNT_ID,
    region: REGION,
    details: { status: "ok", value: { status: "ACTIVE", streamArn: `${tableArn(name)}/stream/2026-01-01T00:00:00.000`, sse: null, deletionProtection: true } },
    ...overrides,
  });
}

/** A customer managed symmetric key with rotation on. */
export function kmsKey(overrides: Partial<TKmsKeyRecord> & { keyId?: string } = {}): TKmsKeyRecord {
  const keyId = overrides.keyId ?? "1111aaaa-0000-4000-8000-000000000001";
  const region = overrides.region ?? REGION;
  return ZKmsKeyRecord.parse({
    arn: keyArn(keyId, region),
    name: "alias/orders",
    accountId: ACCOUNT_ID,
    region,
    keyId,
    aliases: ["alias/orders"],
    metadata: {
      status: "ok",
      value: {
        keyManager: "CUSTOMER",
        keyState: "Enabled",
        keySpec: "SYMMETRIC_DEFAULT",
        keyUsage: "ENCRYPT_DECRYPT",
        origin: "AWS_KMS",
        multiRegion: false,
        customKeyStoreId: null,
        creationDate: "2025-01-01T00:00:00.000Z",
        description: null,
      },
    },
    rotation: { status: "ok", value: { enabled: true, periodDays: 365, nextRotationDate: "2026-12-01T00:00:00.000Z" } },
    ...overrides,
  });
}

/** A multi-region trail in its home region, logging, with management events only. */
export function cloudTrail(overrides: Partial<TCloudTrailTrailRecord> = {}): TCloudTrailTrailRecord {
  const name = overrides.name ?? "management-events";
  const homeRegion = overrides.homeRegion ?? REGION;
  const trail = trailArn(name, homeRegion);
  return ZCloudTrailTrailRecord.parse({
    arn: trail,
    name,
    accountId: ACCOUNT_ID,
    region: homeRegion,
    trailArn: trail,
    ownerAccountId: ACCOUNT_ID,
    homeRegion,
    view: "home",
    isMultiRegion: true,
    isOrganizationTrail: false,
    s3BucketName: "acme-cloudtrail",
    kmsKeyId: null,
    logFileValidation: true,
    selectors: { status: "ok", value: { basic: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [] }], advanced: [] } },
    isLogging: { status: "ok", value: true },
    ...overrides,
  });
}

/** The copy of `home` another region reports. */
export function shadowOf(home: TCloudTrailTrailRecord, region: string): TCloudTrailTrailRecord {
  return ZCloudTrailTrailRecord.parse({
    ...home,
    arn: `${home.arn}@${region}`,
    region,
    view: "shadow",
    selectors: { status: "not_read", reason: "shadow" },
    isLogging: { status: "not_read", reason: "shadow" },
  });
}

export function logGroup(overrides: Partial<TLogsLogGroupRecord> = {}): TLogsLogGroupRecord {
  const name = overrides.name ?? "/aws/lambda/orders-api";
  const region = overrides.region ?? REGION;
  return ZLogsLogGroupRecord.parse({
    arn: `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:${name}`,
    name,
    accountId: ACCOUNT_ID,
    region,
    retentionInDays: 30,
    kmsKeyId: null,
    creationTime: "2025-01-01T00:00:00.000Z",
    logGroupClass: "STANDARD",
    foundBy: name.startsWith("/aws/lambda/") ? "lambda_prefix" : "name",
    ...overrides,
  });
}

export function subnet(subnetId: string, availabilityZone: string, overrides: Partial<TEc2SubnetRecord> = {}): TEc2SubnetRecord {
  const region = overrides.region ?? REGION;
  return ZEc2SubnetRecord.parse({
    arn: `arn:aws:ec2:${region}:${ACCOUNT_ID}:subnet/${subnetId}`,
    name: subnetId,
    accountId: ACCOUNT_ID,
    region,
    subnetId,
    ownerId: ACCOUNT_ID,
    vpcId: "vpc-0abc",
    availabilityZone,
    availabilityZoneId: `use1-az${availabilityZone.slice(-1)}`,
    cidrBlock: "10.0.0.0/24",
    state: "available",
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
    ...overrides,
  });
}

export function analyzerEntry(overrides: Partial<TAnalyzerEntry> = {}): TAnalyzerEntry {
  const name = overrides.name ?? "account-analyzer";
  return {
    arn: `arn:aws:access-analyzer:${REGION}:${ACCOUNT_ID}:analyzer/${name}`,
    name,
    type: "ACCOUNT",
    status: "ACTIVE",
    createdAt: "2025-06-01T00:00:00.000Z",
    activeFindings: { status: "ok", value: { count: 0, byResourceType: {} } },
    ...overrides,
  };
}

export function accessAnalyzerRegion(analyzers: TAccessAnalyzerRegionRecord["analyzers"], region = REGION): TAccessAnalyzerRegionRecord {
  return ZAccessAnalyzerRegionRecord.parse({
    arn: `arn:aws:access-analyzer:${region}:${ACCOUNT_ID}:analyzer/*`,
    name: `IAM Access Analyzer ${region}`,
    accountId: ACCOUNT_ID,
    region,
    analyzers,
  });
}

/** An account's inventory with these records (everything else empty). */
export function inventoryWith(parts: Partial<RuleInventory>): RuleInventory {
  return { ...emptyInventory(ACCOUNT_ID), ...parts };
}

/** A function an event source mapping feeds from `sourceArn` (a queue, or a table's stream). */
export function mappedFunction(name: string, sourceArn: string, overrides: Partial<TLambdaFunctionRecord> = {}): TLambdaFunctionRecord {
  return lambdaFunction({
    name,
    eventSourceMappings: {
      status: "ok",
      value: [{ uuid: `esm-${name}`, eventSourceArn: sourceArn, state: "Enabled", batchSize: 10, functionArn: functionArn(name) }],
    },
    ...overrides,
  });
}

/** A function whose resource policy lets `service` invoke it from `sourceArn` (as the scanner derives triggers). */
export function policyTriggered(name: string, service: string, sourceArn: string, overrides: Partial<TLambdaFunctionRecord> = {}): TLambdaFunctionRecord {
  return lambdaFunction({
    name,
    triggers: [
      {
        sourceType: service,
        sourceArn,
        principal: `${service}.amazonaws.com`,
        via: "resource_policy",
        qualifier: null,
        statementSid: `${service}-invoke`,
        esmUuid: null,
        enabled: true,
        crossAccount: false,
        conditions: { sourceAccounts: [ACCOUNT_ID], keys: ["ArnLike:AWS:SourceArn"] },
        authType: null,
      },
    ],
    ...overrides,
  });
}
