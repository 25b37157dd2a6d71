// LC-12: the function's logs land somewhere: its log group exists (or the role may create it on first run) and
// its execution role may create log streams and put log events there. Lambda writes logs with the execution
// role's permissions; without them the function runs unmonitored and its errors vanish (LambdaGuard "not
// monitored by CloudWatch", CloudSploit lambdaLogGroups).
//
// A missing log group alone is not a finding: Lambda creates /aws/lambda/<name> on the first invocation when the
// role may (logs:CreateLogGroup), so a function never invoked simply has none yet.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { partitionOf } from "@/scanners/neighbours/arn";
import { roleCan, type Decision } from "./role-permissions";

/** Any stream name: what matters is whether the role's resources match streams of this group. */
const PROBE_STREAM = "2026/01/01/[$LATEST]0123456789abcdef";

function combine(...decisions: Decision[]): Decision {
  for (const d of ["denied", "unknown", "conditional"] as const) if (decisions.includes(d)) return d;
  return "allowed";
}

export const rule: RuleDefinition = {
  id: "lambda_function_can_write_logs",
  catalogueId: "LC-12",
  title: "Lambda function can write its logs to CloudWatch Logs",
  severity: "low",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "For each function, finds its log group (LoggingConfig.LogGroup, or /aws/lambda/<name>) and evaluates the " +
    "execution role's identity policies and permissions boundary: logs:CreateLogStream and logs:PutLogEvents on " +
    "the group's streams, and logs:CreateLogGroup when the group does not exist yet. Conditions, service control " +
    "policies and session policies are not evaluated: a grant that depends on them is UNKNOWN.",
  risk:
    "Without logs, errors, timeouts and abuse of the function leave no trace: incidents cannot be investigated and " +
    "failures go unnoticed.",
  remediation: {
    text:
      "Attach AWSLambdaBasicExecutionRole (or an equivalent statement) to the execution role, scoped to the " +
      "function's log group.",
    cli: "aws iam attach-role-policy --role-name <role-name> --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    cloudformation: [
      "FunctionRole:",
      "  Type: AWS::IAM::Role",
      "  Properties:",
      "    AssumeRolePolicyDocument:",
      "      Version: \"2012-10-17\"",
      "      Statement:",
      "        - Effect: Allow",
      "          Principal: { Service: lambda.amazonaws.com }",
      "          Action: sts:AssumeRole",
      "    ManagedPolicyArns:",
      "      - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    ].join("\n"),
    terraform: [
      'resource "aws_iam_role_policy_attachment" "logs" {',
      "  role       = aws_iam_role.function.name",
      '  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"',
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
  ],
  evaluate(inventory, ctx) {
    const results: RuleResult[] = [];
    for (const fn of inventory.lambdaFunctions) {
      const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
      const groupName = fn.logging?.logGroup ?? `/aws/lambda/${fn.name}`;
      const groupArn = `arn:${partitionOf(fn.region)}:logs:${fn.region}:${fn.accountId}:log-group:${groupName}`;
      const group = inventory.logGroups.find((g) => g.region === fn.region && g.accountId === fn.accountId && g.name === groupName) ?? null;
      const exists: boolean | null = group ? true : groupName.startsWith("/aws/lambda/") && ctx.complete("logs_log_group", fn.region) ? false : null;
      const role = fn.roleArn ? inventory.iamRoles.find((r) => r.arn === fn.roleArn) : undefined;
      const evidenceBase = {
        logGroup: groupName,
        logGroupExists: exists,
        retentionInDays: group?.retentionInDays ?? null,
        logGroupKmsKeyId: group?.kmsKeyId ?? null,
        roleArn: fn.roleArn,
      };
      if (!role) {
        const why = !fn.roleArn ? "it has no execution role" : ctx.complete("iam_role", "global") ? `its role ${fn.roleArn} was not found` : "the IAM listing did not complete";
        results.push({ ...base, status: "UNKNOWN", message: `Could not determine whether Lambda function ${fn.name} can write logs: ${why}.`, evidence: evidenceBase });
        continue;
      }
      const streamArn = `${groupArn}:log-stream:${PROBE_STREAM}`;
      const createStream = roleCan(role, inventory.iamPolicies, "logs:CreateLogStream", [streamArn]);
      const putEvents = roleCan(role, inventory.iamPolicies, "logs:PutLogEvents", [streamArn]);
      const createGroup = roleCan(role, inventory.iamPolicies, "logs:CreateLogGroup", [groupArn, `${groupArn}:log-stream:`]);
      const write = combine(createStream.decision, putEvents.decision);
      const evidence = {
        ...evidenceBase,
        permissions: { "logs:CreateLogStream": createStream, "logs:PutLogEvents": putEvents, "logs:CreateLogGroup": createGroup },
      };
      const reasons = [createStream, putEvents, createGroup].flatMap((d) => (d.reason && d.decision !== "allowed" ? [d.reason] : []));

      if (write === "denied") {
        const missing = [createStream.decision === "denied" ? "logs:CreateLogStream" : null, putEvents.decision === "denied" ? "logs:PutLogEvents" : null].filter(Boolean);
        results.push({ ...base, status: "FAIL", message: `Lambda function ${fn.name} cannot write logs to ${groupName}: its role ${role.name} is not allowed ${missing.join(" and ")}.`, evidence });
      } else if (exists === false && createGroup.decision === "denied") {
        results.push({ ...base, status: "FAIL", message: `Lambda function ${fn.name} has no log group ${groupName}, and its role ${role.name} may not create it.`, evidence });
      } else if (write !== "allowed" || exists === null || (exists === false && createGroup.decision !== "allowed")) {
        const why = exists === null ? [`log group ${groupName} was not looked up`, ...reasons] : reasons;
        results.push({
          ...base,
          status: "UNKNOWN",
          message: `Could not determine whether Lambda function ${fn.name} can write logs: ${[...new Set(why)].join("; ") || "conditions decide"}.`,
          evidence,
        });
      } else if (exists) {
        results.push({ ...base, status: "PASS", message: `Lambda function ${fn.name} can write logs to ${groupName}.`, evidence });
      } else {
        results.push({ ...base, status: "PASS", message: `Lambda function ${fn.name} can write logs: its role may create ${groupName} on the first invocation.`, evidence });
      }
    }
    return results;
  },
};
