// Recorded-shape AWS responses for the neighbours scanner's tests: field names and value formats as the SDK
// returns them (trimmed; dates as Date objects where the SDK parses them). Account 111122223333, us-east-1.
import type { AnalyzerSummary, FindingSummaryV2, ResourceType, Type } from "@aws-sdk/client-accessanalyzer";
import type { DescribeTableOutput } from "@aws-sdk/client-dynamodb";
import type { Subnet } from "@aws-sdk/client-ec2";
import type { DescribeKeyResponse } from "@aws-sdk/client-kms";
import type { GetBucketAclOutput, GetBucketEncryptionOutput, GetBucketOwnershipControlsOutput, NotificationConfiguration } from "@aws-sdk/client-s3";

export const ACCOUNT_ID = "111122223333";
export const REGION = "us-east-1";
export const OTHER_ACCOUNT = "999988887777";

export const bucketPage1 = {
  Buckets: [{ Name: "orders-uploads", CreationDate: new Date("2025-03-01T10:00:00Z"), BucketRegion: REGION }],
  Owner: { DisplayName: "acme", ID: "c0ffee" },
  ContinuationToken: "page-2",
};
export const bucketPage2 = {
  Buckets: [
    { Name: "public-inbox", CreationDate: new Date("2025-04-01T10:00:00Z"), BucketRegion: REGION },
    // An endpoint that ignores BucketRegion would list this one too: it is another region's.
    { Name: "eu-archive", CreationDate: new Date("2025-05-01T10:00:00Z"), BucketRegion: "eu-west-1" },
  ],
  Owner: { DisplayName: "acme", ID: "c0ffee" },
};

export const publicWritePolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "AnyoneUploads", Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::public-inbox/*" }],
});

export const ownerOnlyAcl: GetBucketAclOutput = {
  Owner: { ID: "c0ffee", DisplayName: "acme" },
  Grants: [{ Grantee: { Type: "CanonicalUser", ID: "c0ffee", DisplayName: "acme" }, Permission: "FULL_CONTROL" }],
};
export const allUsersWriteAcl: GetBucketAclOutput = {
  Owner: { ID: "c0ffee" },
  Grants: [
    { Grantee: { Type: "CanonicalUser", ID: "c0ffee" }, Permission: "FULL_CONTROL" },
    { Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "WRITE" },
  ],
};

export const allBlocked = {
  PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
};
export const kmsEncryption: GetBucketEncryptionOutput = {
  ServerSideEncryptionConfiguration: {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1111aaaa-0000-4000-8000-000000000001` },
        BucketKeyEnabled: true,
      },
    ],
  },
};
export const enforcedOwnership: GetBucketOwnershipControlsOutput = { OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] } };
export const lambdaNotification: NotificationConfiguration = {
  LambdaFunctionConfigurations: [
    { Id: "thumbs", LambdaFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:image-thumbnailer`, Events: ["s3:ObjectCreated:*"] },
  ],
};

export const queueUrl = (name: string) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/${name}`;
export const queueAttributes = (name: string, extra: Record<string, string> = {}) => ({
  Attributes: {
    QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`,
    VisibilityTimeout: "30",
    SqsManagedSseEnabled: "true",
    ...extra,
  },
});

export const topicArn = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${name}`;
export const defaultTopicPolicy = (name: string) =>
  JSON.stringify({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["SNS:GetTopicAttributes", "SNS:Subscribe", "SNS:Publish"],
        Resource: topicArn(name),
        Condition: { StringEquals: { "AWS:SourceOwner": ACCOUNT_ID } },
      },
    ],
  });

export const describeTable = (name: string, extra: Record<string, unknown> = {}): DescribeTableOutput => ({
  Table: {
    TableName: name,
    TableArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/${name}`,
    TableStatus: "ACTIVE",
    CreationDateTime: new Date("2025-01-01T00:00:00Z"),
    ...extra,
  },
});

export const keyId = (n: number) => `1111aaaa-0000-4000-8000-00000000000${n}`;
export const keyArn = (n: number) => `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${keyId(n)}`;
export const keyMetadata = (n: number, extra: Record<string, unknown> = {}): DescribeKeyResponse => ({
  KeyMetadata: {
    KeyId: keyId(n),
    Arn: keyArn(n),
    AWSAccountId: ACCOUNT_ID,
    KeyManager: "CUSTOMER",
    KeyState: "Enabled",
    Enabled: true,
    KeySpec: "SYMMETRIC_DEFAULT",
    KeyUsage: "ENCRYPT_DECRYPT",
    Origin: "AWS_KMS",
    MultiRegion: false,
    CreationDate: new Date("2025-02-01T00:00:00Z"),
    Description: "",
    ...extra,
  },
});

export const trailArn = (name: string, account = ACCOUNT_ID, region = REGION) => `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;
export const homeTrail = {
  Name: "management-events",
  TrailARN: trailArn("management-events"),
  HomeRegion: REGION,
  S3BucketName: "acme-cloudtrail",
  IsMultiRegionTrail: true,
  IsOrganizationTrail: false,
  IncludeGlobalServiceEvents: true,
  HasCustomEventSelectors: true,
  LogFileValidationEnabled: true,
};
export const shadowTrail = {
  Name: "eu-data-events",
  TrailARN: trailArn("eu-data-events", ACCOUNT_ID, "eu-west-1"),
  HomeRegion: "eu-west-1",
  IsMultiRegionTrail: true,
  IsOrganizationTrail: false,
};
export const lambdaAdvancedSelectors = {
  TrailARN: homeTrail.TrailARN,
  AdvancedEventSelectors: [
    { Name: "Management events", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] },
    {
      Name: "Lambda invokes",
      FieldSelectors: [
        { Field: "eventCategory", Equals: ["Data"] },
        { Field: "resources.type", Equals: ["AWS::Lambda::Function"] },
      ],
    },
  ],
};

export const logGroup = (name: string, extra: Record<string, unknown> = {}) => ({
  logGroupName: name,
  creationTime: 1735689600000,
  metricFilterCount: 0,
  arn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${name}:*`,
  logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${name}`,
  storedBytes: 0,
  ...extra,
});

export const subnet = (id: string, az: string, extra: Record<string, unknown> = {}): Subnet => ({
  SubnetId: id,
  SubnetArn: `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:subnet/${id}`,
  VpcId: "vpc-0abc",
  AvailabilityZone: az,
  AvailabilityZoneId: `use1-${az.slice(-1)}z`,
  CidrBlock: "10.0.0.0/24",
  State: "available",
  OwnerId: ACCOUNT_ID,
  DefaultForAz: false,
  MapPublicIpOnLaunch: false,
  Tags: [{ Key: "Name", Value: `private-${az}` }],
  ...extra,
});

export const analyzerArn = (name: string) => `arn:aws:access-analyzer:${REGION}:${ACCOUNT_ID}:analyzer/${name}`;
export const analyzer = (name: string, type = "ACCOUNT", status = "ACTIVE"): AnalyzerSummary => ({
  arn: analyzerArn(name),
  name,
  type: type as Type,
  status: status as AnalyzerSummary["status"],
  createdAt: new Date("2025-06-01T00:00:00Z"),
});
export const finding = (id: string, resourceType: string): FindingSummaryV2 => ({
  id,
  resource: `arn:aws:s3:::${id}`,
  resourceType: resourceType as ResourceType,
  resourceOwnerAccount: ACCOUNT_ID,
  status: "ACTIVE",
  analyzedAt: new Date("2026-11-01T00:00:00Z"),
  createdAt: new Date("2026-11-01T00:00:00Z"),
  updatedAt: new Date("2026-11-01T00:00:00Z"),
  findingType: "ExternalAccess",
});
