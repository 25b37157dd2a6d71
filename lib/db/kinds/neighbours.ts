// Neighbour resource kinds (scanners/neighbours): the resources around serverless functions share one table,
// NeighbourResource, told apart by its `kind` column. They have no typed columns of their own: rules read the
// config, and the inventory lists them by kind and name.
import type { ResourceKindSpec } from "../resource-store";
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
  type TCloudTrailTrailRecord,
  type TDynamodbTableRecord,
  type TEc2SubnetRecord,
  type TKmsKeyRecord,
  type TLogsLogGroupRecord,
  type TS3BucketRecord,
  type TSnsTopicRecord,
  type TSqsQueueRecord,
} from "@/scanners/neighbours/record";

const noColumns = () => ({});

export const s3BucketKind: ResourceKindSpec<TS3BucketRecord> = {
  resourceType: "s3_bucket",
  label: "S3 buckets",
  model: "neighbourResource",
  discriminator: { kind: "s3_bucket" },
  schema: ZS3BucketRecord,
  name: (r) => r.name,
  columns: noColumns,
};

export const sqsQueueKind: ResourceKindSpec<TSqsQueueRecord> = {
  resourceType: "sqs_queue",
  label: "SQS queues",
  model: "neighbourResource",
  discriminator: { kind: "sqs_queue" },
  schema: ZSqsQueueRecord,
  name: (r) => r.name,
  columns: noColumns,
};

export const snsTopicKind: ResourceKindSpec<TSnsTopicRecord> = {
  resourceType: "sns_topic",
  label: "SNS topics",
  model: "neighbourResource",
  discriminator: { kind: "sns_topic" },
  schema: ZSnsTopicRecord,
  name: (r) => r.name,
  columns: noColumns,
};

export const dynamodbTableKind: ResourceKindSpec<TDynamodbTableRecord> = {
  resourceType: "dynamodb_table",
  label: "DynamoDB tables",
  model: "neighbourResource",
  discriminator: { kind: "dynamodb_table" },
  schema: ZDynamodbTableRecord,
  name: (r) => r.name,
  columns: noColumns,
};

export const kmsKeyKind: ResourceKindSpec<TKmsKeyRecord> = {
  resourceType: "kms_key",
  label: "KMS keys",
  model: "neighbourResource",
  discriminator: { kind: "kms_key" },
  schema: ZKmsKeyRecord,
  name: (r) => r.name,
  columns: noColumns,
};

export const cloudTrailTrailKind: ResourceKindSpec<TCloudTrailTrailRecord> = {
  resourceType: "cloudtrail_trail",
  label: "CloudTrail trails",
  model: "neighbourResource",
  discriminator: { kind: "cloudtrail_trail" },
  schema: ZCloudTrailTrailRecord,
  name: (r) => r.name,
  columns: noColumns,
};

export const logGroupKind: ResourceKindSpec<TLogsLogGroupRecord> = {
  resourceType: "logs_log_group",
  label: "CloudWatch log groups",
  model: "neighbourResource",
  discriminator: { kind: "logs_log_group" },
  schema: ZLogsLogGroupRecord,
  name: (r) => r.name,
  columns: noColumns,
};

export const subnetKind: ResourceKindSpec<TEc2SubnetRecord> = {
  resourceType: "ec2_subnet",
  label: "VPC subnets",
  model: "neighbourResource",
  discriminator: { kind: "ec2_subnet" },
  schema: ZEc2SubnetRecord,
  name: (r) => r.name,
  columns: noColumns,
};

export const accessAnalyzerRegionKind: ResourceKindSpec<TAccessAnalyzerRegionRecord> = {
  resourceType: "accessanalyzer_region",
  label: "IAM Access Analyzer (per region)",
  model: "neighbourResource",
  discriminator: { kind: "accessanalyzer_region" },
  schema: ZAccessAnalyzerRegionRecord,
  name: (r) => r.name,
  columns: noColumns,
};

/** Every neighbour kind, keyed by the resource type the scanner's normalize produces. */
export const NEIGHBOUR_KINDS = {
  s3_bucket: s3BucketKind,
  sqs_queue: sqsQueueKind,
  sns_topic: snsTopicKind,
  dynamodb_table: dynamodbTableKind,
  kms_key: kmsKeyKind,
  cloudtrail_trail: cloudTrailTrailKind,
  logs_log_group: logGroupKind,
  ec2_subnet: subnetKind,
  accessanalyzer_region: accessAnalyzerRegionKind,
} as const;
