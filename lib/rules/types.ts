// The contract every rule implements: one file per rule, metadata + a pure evaluate over the inventory.
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";

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
  | "apigatewayv2_api";

/** What a rule sees: the normalized inventory of one account and region (global resources included). */
export type RuleInventory = {
  accountId: string;
  region: string;
  lambdaFunctions: TLambdaFunctionRecord[];
};

export type RuleStatus = "PASS" | "FAIL" | "UNKNOWN";

export type RuleResult = {
  status: RuleStatus;
  resourceArn: string;
  resourceName: string;
  /** One sentence naming the resource and ending with a period (prowler's status_extended). */
  message: string;
  /** What decided it: the statement, field or route, as JSON the UI can show. */
  evidence: Record<string, unknown>;
};

export type RuleDefinition = {
  /** Stable snake-case id == file name without .rule.ts */
  id: string;
  /** Id in shared/research/checks-catalogue.md, e.g. LX-01 */
  catalogueId: string;
  /** States the compliant state. */
  title: string;
  severity: Severity;
  resourceType: ResourceType;
  description: string;
  risk: string;
  remediation: { text: string; cli?: string; cloudformation?: string; terraform?: string };
  references: string[];
  /** framework id -> control ids */
  frameworks?: Record<string, string[]>;
  aliases?: string[];
  deprecated?: boolean;
  evaluate(inventory: RuleInventory): RuleResult[];
};
