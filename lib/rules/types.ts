// The contract every rule implements: one file per rule, metadata + a pure evaluate over the inventory of
// one account (every region, IAM included). Rules run once per scan, after every collection unit finished
// (the scan's "analysis" unit), so a rule may join services: an API route to its function to its role.
import type { z } from "zod";
import type { TLambdaAccountSettingsRecord, TLambdaEventSourceMappingRecord, TLambdaFunctionRecord, TLambdaLayerVersionRecord } from "@/scanners/lambda/record";
import type { TIamGroupRecord, TIamPolicyRecord, TIamRoleRecord, TIamUserRecord } from "@/scanners/iam/record";
import type { TApiKeyRecord, TDomainNameRecord, TRestApiRecord, TUsagePlanRecord } from "@/scanners/apigateway/record";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";
import type {
  TAccessAnalyzerRegionRecord,
  TCloudTrailTrailRecord,
  TDynamodbTableRecord,
  TEc2SubnetRecord,
  TKmsKeyRecord,
  TLogsLogGroupRecord,
  TS3BucketRecord,
  TSnsTopicRecord,
  TSqsQueueRecord,
} from "@/scanners/neighbours/record";

export type Severity = "critical" | "high" | "medium" | "low" | "informational";
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "informational"];
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, informational: 0 };

export type ResourceType =
  | "lambda_function"
  | "lambda_layer_version"
  | "lambda_event_source_mapping"
  | "lambda_account_settings"
  | "iam_role"
  | "iam_user"
  | "iam_group"
  | "iam_policy"
  | "apigateway_rest_api"
  | "apigateway_domain_name"
  | "apigateway_usage_plan"
  | "apigateway_api_key"
  | "apigatewayv2_api"
  // The resources around functions (scanners/neighbours).
  | "s3_bucket"
  | "sqs_queue"
  | "sns_topic"
  | "dynamodb_table"
  | "kms_key"
  | "cloudtrail_trail"
  | "logs_log_group"
  | "ec2_subnet"
  | "accessanalyzer_region";

/** Groups rules the way the catalogue does (shared/research/checks-catalogue.md). */
export type RuleCategory =
  | "lambda-exposure" // LX
  | "lambda-configuration" // LC
  | "event-sources" // ES
  | "api-gateway-rest" // A1
  | "api-gateway-v2" // A2
  | "shadow-api" // SA
  | "iam" // R
  | "guardrails" // G
  | "attack-path";

export const RULE_CATEGORY_LABELS: Record<RuleCategory, string> = {
  "lambda-exposure": "Lambda exposure",
  "lambda-configuration": "Lambda configuration",
  "event-sources": "Event sources and triggers",
  "api-gateway-rest": "API Gateway REST",
  "api-gateway-v2": "API Gateway HTTP/WebSocket",
  "shadow-api": "Shadow APIs",
  iam: "IAM",
  guardrails: "Account guardrails",
  "attack-path": "Attack paths",
};

/**
 * What a rule sees: the stored, live (not deleted) inventory of ONE account in every region. Regional
 * records carry their `region`; IAM records are global (region "global" in storage).
 */
export type RuleInventory = {
  accountId: string;
  lambdaFunctions: TLambdaFunctionRecord[];
  lambdaLayerVersions: TLambdaLayerVersionRecord[];
  lambdaEventSourceMappings: TLambdaEventSourceMappingRecord[];
  lambdaAccountSettings: TLambdaAccountSettingsRecord[];
  iamRoles: TIamRoleRecord[];
  iamUsers: TIamUserRecord[];
  iamGroups: TIamGroupRecord[];
  iamPolicies: TIamPolicyRecord[];
  restApis: TRestApiRecord[];
  apiDomainNames: TDomainNameRecord[];
  usagePlans: TUsagePlanRecord[];
  apiKeys: TApiKeyRecord[];
  httpApis: THttpApiRecord[];
  /** The resources around functions (scanners/neighbours), every region. */
  s3Buckets: TS3BucketRecord[];
  sqsQueues: TSqsQueueRecord[];
  snsTopics: TSnsTopicRecord[];
  dynamodbTables: TDynamodbTableRecord[];
  kmsKeys: TKmsKeyRecord[];
  /** Home records of trails and the shadow copies other regions report (see TCloudTrailTrailRecord.view). */
  cloudTrails: TCloudTrailTrailRecord[];
  logGroups: TLogsLogGroupRecord[];
  subnets: TEc2SubnetRecord[];
  /** One record per scanned region. */
  accessAnalyzerRegions: TAccessAnalyzerRegionRecord[];
  /** OpenAPI documents users uploaded as the declared contract of an API (SA-03 drift), newest per API. */
  openApiDocuments: TOpenApiDocument[];
};

export type TOpenApiDocument = {
  /** ARN of the REST or HTTP/WebSocket API the document declares. */
  apiArn: string;
  region: string;
  /** The parsed OpenAPI 3 / Swagger 2 document. */
  document: Record<string, unknown>;
  uploadedAt: string;
  uploadedBy: string | null;
};

/** Installation-wide settings every rule may read (edited on the settings page). */
export type InstallationSettings = {
  /** AWS account ids outside this account that are trusted (partners, the organization's other accounts). */
  trustedAccountIds: string[];
  /** AWS Organizations ids (o-xxxxxxxxxx) whose members are trusted. */
  trustedOrganizationIds: string[];
};

export type RuleContext<S = Record<string, never>> = {
  /** The evaluation time (tests pin it). */
  now: Date;
  /** This rule's settings: its defaults, overridden by what the installation saved. */
  settings: S;
  installation: InstallationSettings;
  /**
   * Whether the current scan listed this resource type completely in this region ("global" for IAM). A rule
   * that joins another kind (a route's function, a function's role) returns UNKNOWN when the kind it needs
   * is incomplete, instead of judging on stale or missing data.
   */
  complete(resourceType: ResourceType, region: string): boolean;
  /**
   * Analyses shared by several rules (the IAM privilege analysis, the endpoint model), computed once per
   * evaluation: the first rule that asks computes it, later rules get the same value.
   */
  shared<T>(key: string, compute: () => T): T;
};

export type RuleStatus = "PASS" | "FAIL" | "UNKNOWN";

export type RuleResult = {
  status: RuleStatus;
  resourceArn: string;
  resourceName: string;
  /** The resource's region; "global" for IAM. */
  region: string;
  /** One sentence naming the resource and ending with a period (prowler's status_extended). */
  message: string;
  /** What decided it: the statement, field or route, as JSON the UI can show. */
  evidence: Record<string, unknown>;
};

/** A threshold or list a rule reads, with its default; editable per installation. */
export type RuleSettingsSpec<S> = {
  schema: z.ZodType<S>;
  defaults: S;
  /** One line per setting, shown next to its input. */
  describe: { [K in keyof S]: string };
};

export type RuleDefinition<S = Record<string, never>> = {
  /** Stable snake-case id == file name without .rule.ts */
  id: string;
  /** Id in shared/research/checks-catalogue.md, e.g. LX-01 */
  catalogueId: string;
  /** States the compliant state. */
  title: string;
  severity: Severity;
  category: RuleCategory;
  resourceType: ResourceType;
  description: string;
  risk: string;
  remediation: { text: string; cli?: string; cloudformation?: string; terraform?: string };
  references: string[];
  /** framework id -> control ids */
  frameworks?: Record<string, string[]>;
  aliases?: string[];
  deprecated?: boolean;
  settings?: RuleSettingsSpec<S>;
  evaluate(inventory: RuleInventory, ctx: RuleContext<S>): RuleResult[];
};

// Rules of different settings types in one list.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRuleDefinition = RuleDefinition<any>;

/** An empty inventory of one account, for tests and for building one up. */
export function emptyInventory(accountId: string): RuleInventory {
  return {
    accountId,
    lambdaFunctions: [],
    lambdaLayerVersions: [],
    lambdaEventSourceMappings: [],
    lambdaAccountSettings: [],
    iamRoles: [],
    iamUsers: [],
    iamGroups: [],
    iamPolicies: [],
    restApis: [],
    apiDomainNames: [],
    usagePlans: [],
    apiKeys: [],
    httpApis: [],
    s3Buckets: [],
    sqsQueues: [],
    snsTopics: [],
    dynamodbTables: [],
    kmsKeys: [],
    cloudTrails: [],
    logGroups: [],
    subnets: [],
    accessAnalyzerRegions: [],
    openApiDocuments: [],
  };
}
