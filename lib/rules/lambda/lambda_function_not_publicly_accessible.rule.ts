// LX-01: the function's resource-based policies (the function's and each version's and alias's) must not grant
// anything to anyone. Condition-aware:
// Principal "*" limited by aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, an event source
// token or IAM-authenticated function URLs is not public (see lib/analysis/policy-exposure.ts).
import { assessAnyoneStatements, type StatementAssessment } from "@/lib/analysis/policy-exposure";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { describeGaps, functionPolicies, statementQualifier } from "./function-policies";
import { statementEvidence, statementLabel } from "./policy-evidence";

function describeGrant(s: StatementAssessment): string {
  if (s.invokeActions.length > 0) return s.viaFunctionUrl ? "invoke it through its function URL" : "invoke it";
  if (s.actions) return `call ${s.actions.join(", ")}`;
  return `call every action except ${(s.notActions ?? []).join(", ")}`;
}

type Assessed = StatementAssessment & { qualifier: string | null };

const labelOf = (s: Assessed) => (s.qualifier ? `${statementLabel(s)} on qualifier ${s.qualifier}` : statementLabel(s));
const evidenceOf = (s: Assessed) => ({ ...statementEvidence(s), qualifier: s.qualifier });

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  // Records stored by an older scanner may lack the field; that is a gap, not a pass.
  if (!fn.policy) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not determine whether function ${fn.name} is public: its inventory record has no resource policy data.`,
      evidence: { policy: null },
    };
  }

  // The unqualified policy and those of every version and alias: a public grant on an alias is as live as
  // one on the function. Identical statements (moto repeats them in every qualifier's policy) count once.
  const documents = [
    ...(fn.policy.status === "ok" ? [{ readFor: null, document: fn.policy.value.document }] : []),
    ...(fn.qualifierPolicies ?? []).flatMap((q) => (q.policy.status === "ok" ? [{ readFor: q.qualifier, document: q.policy.value.document }] : [])),
  ];
  const seen = new Set<string>();
  const assessed: Assessed[] = [];
  for (const { readFor, document } of documents) {
    for (const s of assessAnyoneStatements(document, { accountId: fn.accountId })) {
      const key = JSON.stringify(s.statement);
      if (seen.has(key)) continue;
      seen.add(key);
      assessed.push({ ...s, qualifier: statementQualifier(s.statement, readFor) });
    }
  }
  const open = assessed.filter((s) => s.verdict === "public");
  const restricted = assessed.filter((s) => s.verdict === "restricted");
  const neutralized = assessed.filter((s) => s.verdict === "neutralized");
  const gaps = functionPolicies(fn).gaps;
  const evidence = {
    publicStatements: open.map(evidenceOf),
    restrictedStatements: restricted.map(evidenceOf),
    neutralizedStatements: neutralized.map(evidenceOf),
  };

  if (open.length > 0) {
    const message =
      open.length === 1
        ? `Lambda function ${fn.name} has a resource-based policy that lets anyone ${describeGrant(open[0])} (statement ${labelOf(open[0])}).`
        : `Lambda function ${fn.name} has a resource-based policy that grants access to anyone in ${open.length} statements: ${open.map(labelOf).join(", ")}.`;
    const removeCommands = open
      .filter((s) => s.sid)
      .map((s) => `aws lambda remove-permission --function-name ${fn.arn} --statement-id ${s.sid}${s.qualifier ? ` --qualifier ${s.qualifier}` : ""}`);
    return { ...base, status: "FAIL", message, evidence: { ...evidence, removeCommands, unreadPolicies: gaps } };
  }

  if (fn.policy.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the resource policy of function ${fn.name}: ${fn.policy.code}.`,
      evidence: { policy: { status: "error", code: fn.policy.code, message: fn.policy.message }, unreadPolicies: gaps },
    };
  }
  if (gaps.length > 0) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read every resource-based policy of function ${fn.name}: ${describeGaps(gaps)}.`,
      evidence: { ...evidence, unreadPolicies: gaps },
    };
  }
  if (documents.length === 0) {
    return { ...base, status: "PASS", message: `Lambda function ${fn.name} has no resource-based policy.`, evidence: { policy: null } };
  }

  if (restricted.length === 0 && neutralized.length === 0) {
    return {
      ...base,
      status: "PASS",
      message: `Lambda function ${fn.name} has a resource-based policy that grants nothing to anyone.`,
      evidence,
    };
  }
  const keys = [...new Set(restricted.flatMap((s) => s.conditions.filter((c) => c.restricts).map((c) => c.key)))];
  const limits = [
    ...(keys.length ? [`limited by ${keys.join(", ")}`] : []),
    ...(neutralized.length ? ["cancelled by an unconditional Deny"] : []),
  ];
  return {
    ...base,
    status: "PASS",
    message: `Lambda function ${fn.name} does not allow public access: every statement for any principal is ${limits.join(" or ")}.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_not_publicly_accessible",
  catalogueId: "LX-01",
  title: "Lambda function policy does not allow public access",
  severity: "critical",
  category: "lambda-exposure",
  resourceType: "lambda_function",
  description:
    "Reads the resource-based policies of each function and of its versions and aliases, and reports statements that allow Principal \"*\", " +
    "{\"AWS\": \"*\"} or use NotPrincipal with Allow, unless a condition limits the caller to a concrete " +
    "source ARN, account, organization, VPC endpoint, event source token or IAM-authenticated function URL.",
  risk:
    "Anyone on the internet, in any AWS account, can invoke the function or read its configuration. Attackers " +
    "can run the code with its execution role's permissions, feed it crafted events, and drive up cost.",
  remediation: {
    text:
      "Remove the statement that grants access to anyone, or add it again with a restricting condition: " +
      "--source-arn for the AWS service that invokes the function, --source-account, or --principal-org-id. " +
      "For function URLs, use auth type AWS_IAM and grant invoke to named principals.",
    cli:
      "aws lambda remove-permission --function-name <function-name> --statement-id <sid>\n" +
      "aws lambda add-permission --function-name <function-name> --statement-id <sid> " +
      "--action lambda:InvokeFunction --principal s3.amazonaws.com " +
      "--source-arn arn:aws:s3:::<bucket> --source-account <account-id>",
    cloudformation: [
      "InvokeFromBucket:",
      "  Type: AWS::Lambda::Permission",
      "  Properties:",
      "    FunctionName: !Ref Function",
      "    Action: lambda:InvokeFunction",
      "    Principal: s3.amazonaws.com",
      "    SourceArn: !GetAtt Bucket.Arn",
      "    SourceAccount: !Ref AWS::AccountId",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_permission" "invoke_from_bucket" {',
      '  statement_id   = "AllowS3Invoke"',
      '  action         = "lambda:InvokeFunction"',
      "  function_name  = aws_lambda_function.this.function_name",
      '  principal      = "s3.amazonaws.com"',
      "  source_arn     = aws_s3_bucket.this.arn",
      "  source_account = data.aws_caller_identity.current.account_id",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1",
    "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
  ],
  frameworks: { "aws-fsbp": ["Lambda.1"] },
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
