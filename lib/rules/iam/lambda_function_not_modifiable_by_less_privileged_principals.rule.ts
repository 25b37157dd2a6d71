// who can change this function (LambdaGuard's "writes", PMapper's lambda edges). Whoever can call
// lambda:UpdateFunctionCode or UpdateFunctionConfiguration on a function runs code as its execution role; when
// such a principal holds fewer permissions than the role, the function is a privilege-escalation step. The rule
// fails on those principals (definitely allowed, gaining something); deployers that already hold the role's
// permissions, administrators, and principals allowed only under a condition are listed in the evidence.
// Resource-based grants of UpdateFunctionCode to other accounts are out of scope here (Lambda exposure rules).
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { iamAnalysis, listed } from "@/lib/analysis/iam/rule-support";

const SHOWN = 20;

export const rule: RuleDefinition = {
  id: "lambda_function_not_modifiable_by_less_privileged_principals",
  catalogueId: "R-09",
  title: "Lambda function can be changed only by principals that hold its role's permissions",
  severity: "high",
  category: "iam",
  resourceType: "lambda_function",
  description:
    "Lists the roles and users that may call lambda:UpdateFunctionCode or lambda:UpdateFunctionConfiguration on " +
    "each function (identity policies, Denies and permissions boundaries evaluated against the function's ARN) " +
    "and reports functions that a principal with fewer permissions than the function's execution role can change.",
  risk:
    "Changing a function's code or adding a layer runs the attacker's code with the execution role's permissions " +
    "on the function's next invocation: a CI user or a sibling function that may update every function inherits " +
    "the strongest execution role in the account.",
  remediation: {
    text:
      "Scope lambda:UpdateFunctionCode and lambda:UpdateFunctionConfiguration to the functions each principal " +
      "deploys (by name prefix, path or aws:ResourceTag condition), keep deployment principals out of functions " +
      "with stronger roles, and require code signing so only signed packages can be deployed.",
    cli: [
      "aws iam put-role-policy --role-name <deployer-role> --policy-name deploy --policy-document file://deploy-own-functions.json",
      "aws lambda put-function-code-signing-config --function-name <function-name> --code-signing-config-arn <csc-arn>",
    ].join("\n"),
    cloudformation: [
      "- Effect: Allow",
      "  Action: [lambda:UpdateFunctionCode, lambda:UpdateFunctionConfiguration]",
      "  Resource: !Sub 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:orders-*'",
    ].join("\n"),
    terraform: [
      "statement {",
      '  actions   = ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"]',
      '  resources = ["arn:aws:lambda:${var.region}:${data.aws_caller_identity.current.account_id}:function:orders-*"]',
      "}",
    ].join("\n"),
  },
  references: [
    "https://pathfinding.cloud/paths/lambda-003",
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html",
  ],
  evaluate(inventory, ctx) {
    const a = iamAnalysis(inventory, ctx);
    const iamComplete = (["iam_role", "iam_user", "iam_group", "iam_policy"] as const).filter((k) => !ctx.complete(k, "global"));
    return inventory.lambdaFunctions.map((fn): RuleResult => {
      const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
      const role = fn.roleArn ? a.principal(fn.roleArn) : undefined;
      if (iamComplete.length) {
        return { ...base, status: "UNKNOWN", message: `Could not determine who can change function ${fn.name}: this scan did not list ${iamComplete.join(", ")} completely.`, evidence: { incomplete: iamComplete } };
      }
      if (!role) {
        return { ...base, status: "UNKNOWN", message: `Could not determine who can change function ${fn.name}: its execution role ${fn.roleArn ?? "(none)"} is not in the inventory.`, evidence: { roleArn: fn.roleArn } };
      }
      if (role.issues.length) {
        return { ...base, status: "UNKNOWN", message: `Could not determine who can change function ${fn.name}: the policies of its role ${role.name} could not all be read.`, evidence: { roleArn: role.arn, unreadablePolicies: role.issues } };
      }
      return judge(fn, a, role, base);
    });
  },
};

function judge(fn: TLambdaFunctionRecord, a: ReturnType<typeof iamAnalysis>, role: NonNullable<ReturnType<ReturnType<typeof iamAnalysis>["principal"]>>, base: Pick<RuleResult, "resourceArn" | "resourceName" | "region">): RuleResult {
  const { modifiers, administrators, administratorSample } = a.functionModifiers(fn.arn);
  const roleAdmin = a.adminEquivalent(role) === "definite";
  const rows = modifiers.map((m) => {
    const p = a.principals[m.principalId];
    return { principal: p.arn, kind: p.kind, name: p.name, technique: m.technique.name, actions: m.technique.actions, certainty: m.certainty, canInvoke: m.canInvoke, gains: roleAdmin || a.gains(p, role) };
  });
  const gaining = rows.filter((r) => r.certainty === "definite" && r.gains);
  const evidence = {
    role: role.arn,
    roleIsAdministrator: roleAdmin,
    lessPrivileged: gaining.slice(0, SHOWN),
    lessPrivilegedCount: gaining.length,
    otherModifiers: rows.filter((r) => !(r.certainty === "definite" && r.gains)).slice(0, SHOWN),
    otherModifierCount: rows.length - gaining.length,
    administrators,
    administratorSample: administratorSample.map((id) => a.principals[id].arn),
  };
  if (gaining.length) {
    const names = gaining.map((r) => `${r.kind} ${r.name}`);
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} can be changed by ${gaining.length} ${gaining.length === 1 ? "principal" : "principals"} with fewer permissions than its role ${role.name}${roleAdmin ? " (an administrator)" : ""}: ${listed(names, names.length)}.`,
      evidence,
    };
  }
  const others = rows.length;
  const parts = [others ? `${others} ${others === 1 ? "principal that already holds" : "principals that already hold"} its role's permissions or ${others === 1 ? "is" : "are"} allowed only under a condition` : "", administrators ? `${administrators} ${administrators === 1 ? "administrator" : "administrators"}` : ""].filter(Boolean);
  return {
    ...base,
    status: "PASS",
    message: parts.length ? `Lambda function ${fn.name} can be changed only by ${parts.join(" and ")}.` : `Lambda function ${fn.name} cannot be changed by any principal other than its own role.`,
    evidence,
  };
}
