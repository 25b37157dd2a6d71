// LX-02: a grant to an AWS service principal (s3.amazonaws.com, events.amazonaws.com, ...) must say whose
// resources may use it. Without aws:SourceArn or aws:SourceAccount, any account can point its own bucket,
// rule or topic at the function and have the service invoke it (the cross-service confused deputy).
//
// Not every service can present a source ARN: Secrets Manager rotation cannot (AWS recommends
// aws:SourceAccount alone, prowler PR #5300/#5336), and Alexa skills identify themselves with
// lambda:EventSourceToken. So any one source key pins the caller down; the rule never insists on SourceArn.
// S3 is the exception the other way: a bucket ARN has no account field and a deleted bucket's name can be
// registered by anyone, so SourceArn alone is not enough for it (Security Hub Lambda.1's S3 clause).
import type { ConditionAssessment } from "@/lib/analysis/policy-exposure";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { describeGaps, functionPolicies, refEvidence, refLabel, type PolicyStatementRef } from "./function-policies";
import { assessStatementConditions, conditionEvidence } from "./statement-conditions";

/** Condition keys that name the resource, account or organization a service acts for (lower case). */
const SOURCE_KEYS = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths", "lambda:eventsourcetoken"];

/** Services that cannot present aws:SourceArn when they invoke a function: the fix is aws:SourceAccount. */
const NO_SOURCE_ARN = new Set(["secretsmanager.amazonaws.com"]);
/** Services that identify the caller with an event source token (the Alexa skill or smart home skill id). */
const EVENT_SOURCE_TOKEN = new Set(["alexa-appkit.amazon.com", "alexa-connectedhome.amazon.com"]);

type Reason = "no_source_condition" | "source_arn_without_account";
type Finding = { ref: PolicyStatementRef; services: string[]; reason: Reason; conditions: ConditionAssessment[] };

function servicesOf(ref: PolicyStatementRef): string[] {
  const p = ref.statement.Principal;
  return p && p !== "*" ? (p.Service ?? []) : [];
}

function isAccountlessArn(value: string): boolean {
  const parts = value.split(":");
  return parts.length >= 6 && parts[0] === "arn" && parts[4] === "";
}

/** What to add, per service, in words a reader can act on. */
function advice(service: string, reason: Reason): string {
  const s = service.toLowerCase();
  if (reason === "source_arn_without_account") return "add aws:SourceAccount (--source-account): a bucket ARN names no account";
  if (EVENT_SOURCE_TOKEN.has(s)) return "add the skill id as lambda:EventSourceToken (--event-source-token)";
  if (NO_SOURCE_ARN.has(s)) return "add aws:SourceAccount (--source-account); this service cannot present a source ARN";
  return "add aws:SourceArn (--source-arn) for the resource that invokes it, and aws:SourceAccount (--source-account)";
}

function assess(ref: PolicyStatementRef, accountId: string): Finding | "constrained" | null {
  const s = ref.statement;
  if (s.Effect !== "Allow" || s.NotPrincipal) return null;
  const services = servicesOf(ref);
  if (services.length === 0) return null;
  if (!s.Action?.length && !s.NotAction?.length) return null;
  const { conditions, neutralized } = assessStatementConditions(s, ref.document, { accountId });
  if (neutralized) return "constrained";
  // A caller-pinning key other than the function URL auth type (which says how, not who).
  const pinning = conditions.filter((c) => c.restricts && c.key.toLowerCase() !== "lambda:functionurlauthtype");
  if (pinning.length === 0) return { ref, services, reason: "no_source_condition", conditions };
  const onlyAccountlessArn = pinning.every((c) => c.key.toLowerCase() === "aws:sourcearn" && c.values.every(isAccountlessArn));
  if (onlyAccountlessArn) return { ref, services, reason: "source_arn_without_account", conditions };
  return "constrained";
}

function describe(f: Finding): string {
  const what = f.reason === "no_source_condition" ? "no source condition" : "a bucket ARN but no aws:SourceAccount";
  return `${refLabel(f.ref)} (${f.services.join(", ")}, ${what})`;
}

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const policies = functionPolicies(fn);
  const findings: Finding[] = [];
  let constrained = 0;
  for (const ref of policies.statements) {
    const verdict = assess(ref, fn.accountId);
    if (verdict === "constrained") constrained++;
    else if (verdict) findings.push(verdict);
  }
  const evidence = {
    unconstrainedStatements: findings.map((f) => ({
      ...refEvidence(f.ref),
      services: f.services,
      reason: f.reason,
      advice: f.services.map((s) => advice(s, f.reason)),
      conditionsConsidered: conditionEvidence(f.conditions),
      sourceKeysAccepted: SOURCE_KEYS,
    })),
    unreadPolicies: policies.gaps,
  };

  if (findings.length > 0) {
    const message =
      findings.length === 1
        ? `Lambda function ${fn.name} lets ${findings[0].services.join(", ")} invoke it for any account's resources: statement ${describe(findings[0])}; ${advice(findings[0].services[0], findings[0].reason)}.`
        : `Lambda function ${fn.name} has ${findings.length} service-principal grants that any account's resources can use: ${findings.map(describe).join("; ")}.`;
    return { ...base, status: "FAIL", message, evidence };
  }
  if (policies.gaps.length > 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read every resource-based policy of function ${fn.name}: ${describeGaps(policies.gaps)}.`,
      evidence,
    };
  }
  if (policies.none) return { ...base, status: "PASS", message: `Lambda function ${fn.name} has no resource-based policy.`, evidence };
  if (constrained === 0) {
    return { ...base, status: "PASS", message: `Lambda function ${fn.name} grants nothing to AWS service principals.`, evidence };
  }
  return {
    ...base,
    status: "PASS",
    message: `Lambda function ${fn.name} limits every AWS service grant to a source account, source ARN or event source token.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_service_permission_source_restricted",
  catalogueId: "LX-02",
  title: "Lambda function permissions for AWS services are limited to a source account or resource",
  severity: "high",
  category: "lambda-exposure",
  resourceType: "lambda_function",
  description:
    "Reads the resource-based policies of each function and of its versions and aliases, and reports Allow " +
    "statements for an AWS service principal that carry no aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or " +
    "lambda:EventSourceToken condition, and S3 grants limited only by a bucket ARN (which names no account). " +
    "Services that cannot present a source ARN (Secrets Manager) pass with aws:SourceAccount alone.",
  risk:
    "The service principal acts for every AWS customer. Without a source condition, anyone can configure a " +
    "bucket notification, EventBridge rule, SNS subscription or similar in their own account that makes the " +
    "service invoke this function with attacker-chosen events (the cross-service confused deputy).",
  remediation: {
    text:
      "Remove the permission and add it again with --source-arn naming the resource that invokes the function " +
      "and --source-account naming its account. For S3 always add --source-account. For Secrets Manager rotation " +
      "add --source-account only. For Alexa skills add --event-source-token with the skill id.",
    cli:
      "aws lambda remove-permission --function-name <function-name> --statement-id <sid>\n" +
      "aws lambda add-permission --function-name <function-name> --statement-id <sid> " +
      "--action lambda:InvokeFunction --principal events.amazonaws.com " +
      "--source-arn arn:aws:events:<region>:<account-id>:rule/<rule-name> --source-account <account-id>",
    cloudformation: [
      "InvokeFromRule:",
      "  Type: AWS::Lambda::Permission",
      "  Properties:",
      "    FunctionName: !Ref Function",
      "    Action: lambda:InvokeFunction",
      "    Principal: events.amazonaws.com",
      "    SourceArn: !GetAtt Rule.Arn",
      "    SourceAccount: !Ref AWS::AccountId",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_permission" "invoke_from_rule" {',
      '  statement_id   = "AllowEventBridgeInvoke"',
      '  action         = "lambda:InvokeFunction"',
      "  function_name  = aws_lambda_function.this.function_name",
      '  principal      = "events.amazonaws.com"',
      "  source_arn     = aws_cloudwatch_event_rule.this.arn",
      "  source_account = data.aws_caller_identity.current.account_id",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html",
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1",
  ],
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
