// The neighbours scanner: one unit per (account, region). Collects the resources around serverless functions
// that the environment rules join functions to: S3 buckets (policy, ACL, Block Public Access, encryption,
// ownership, notifications), SQS queues and SNS topics (policy, encryption), DynamoDB tables (encryption,
// stream), KMS keys (manager, rotation) with their aliases, CloudTrail trails (selectors, logging), Lambda's
// log groups, VPC subnets (Availability Zone) and IAM Access Analyzer analyzers (active external-access
// findings, counted). See collect.ts and normalize.ts.
import type { NeighboursClients } from "@/lib/aws/clients";
import type { ScannerDefinition } from "@/scanners/types";
import { collectNeighbours } from "@/scanners/neighbours/collect";
import { normalizeNeighbours, type NeighboursScanOutput } from "@/scanners/neighbours/normalize";
import type { NeighboursRaw } from "@/scanners/neighbours/raw";

export const neighboursScanner = {
  id: "neighbours",
  scope: "regional",
  // IAM action names (which is what the scanner policy grants), not API names: ListBuckets is
  // s3:ListAllMyBuckets, GetPublicAccessBlock s3:GetBucketPublicAccessBlock, GetBucketEncryption
  // s3:GetEncryptionConfiguration, GetBucketNotificationConfiguration s3:GetBucketNotification.
  apis: [
    "s3:ListAllMyBuckets",
    "s3:GetBucketPolicy",
    "s3:GetBucketAcl",
    "s3:GetBucketPublicAccessBlock",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketOwnershipControls",
    "s3:GetBucketNotification",
    "sqs:ListQueues",
    "sqs:GetQueueAttributes",
    "sns:ListTopics",
    "sns:GetTopicAttributes",
    "dynamodb:ListTables",
    "dynamodb:DescribeTable",
    "kms:ListKeys",
    "kms:ListAliases",
    "kms:DescribeKey",
    "kms:GetKeyRotationStatus",
    "cloudtrail:DescribeTrails",
    "cloudtrail:GetEventSelectors",
    "cloudtrail:GetTrailStatus",
    "logs:DescribeLogGroups",
    "ec2:DescribeSubnets",
    "access-analyzer:ListAnalyzers",
    // ListFindingsV2 is authorized as access-analyzer:ListFindings.
    "access-analyzer:ListFindings",
  ],
  collect: collectNeighbours,
  normalize: normalizeNeighbours,
} as const satisfies ScannerDefinition<NeighboursClients, NeighboursRaw, NeighboursScanOutput>;
