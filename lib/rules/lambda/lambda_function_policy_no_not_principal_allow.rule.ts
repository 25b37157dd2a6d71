// LX-06: no Allow statement with NotPrincipal in the function's resource-based policies (function, versions,
// aliases). "Allow everyone except these" is a grant to every principal in every account, and IAM documents
// it as a construct never to use with Allow. The finding is the construct itself: whether conditions make a
// given statement public is LX-01's judgement, and the message says which it is. Only an unconditional Deny
// that cancels the whole grant clears it.
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { describeGaps, functionPolicies, refEvidence, refLabel, type PolicyStatementRef } from "./function-policies";
import { assessStatementConditions, conditionEvidence } from "./statement-conditions";

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const policies = functionPolicies(fn);
  const found: { ref: PolicyStatementRef; restricted: boolean; evidence: Record<string, unknown> }[] = [];
  for (const ref of policies.statements) {
    const s = ref.statement;
    if (s.Effect !== "Allow" || !s.NotPrincipal) continue;
    const { conditions, neutralized } = assessStatementConditions(s, ref.document, { accountId: fn.accountId });
    if (neutralized) continue;
    const restricted = conditions.some((c) => c.restricts);
    found.push({ ref, restricted, evidence: { ...refEvidence(ref), restrictedByConditions: restricted, conditionsConsidered: conditionEvidence(conditions) } });
  }
  const evidence = { notPrincipalStatements: found.map((f) => f.evidence), unreadPolicies: policies.gaps };

  if (found.length > 0) {
    const first = found[0];
    const scope = first.restricted ? "its conditions narrow who can use it" : "no condition narrows it, so it is public";
    const message =
      found.length === 1
        ? `Lambda function ${fn.name} has a resource-based policy statement ${refLabel(first.ref)} that allows every principal except those in NotPrincipal; ${scope}.`
        : `Lambda function ${fn.name} has ${found.length} resource-based policy statements that use NotPrincipal with Allow: ${found.map((f) => refLabel(f.ref)).join(", ")}.`;
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
  return { ...base, status: "PASS", message: `Lambda function ${fn.name} has no Allow statement that uses NotPrincipal.`, evidence };
}

export const rule: RuleDefinition = {
  id: "lambda_function_policy_no_not_principal_allow",
  catalogueId: "LX-06",
  title: "Lambda function policy does not use NotPrincipal with Allow",
  severity: "high",
  category: "lambda-exposure",
  resourceType: "lambda_function",
  description:
    "Reads the resource-based policies of each function and of its versions and aliases, and reports Allow " +
    "statements that use NotPrincipal. Statements cancelled by an unconditional Deny for every principal pass.",
  risk:
    "Allow with NotPrincipal grants access to every principal that is not listed, including anonymous callers " +
    "and every other AWS account. Such statements are usually written to mean the opposite, and stay open when " +
    "the exception list drifts.",
  remediation: {
    text:
      "Replace the statement with one that names the principals that need access in Principal (use add-permission " +
      "with --principal, --source-arn and --source-account), then remove the NotPrincipal statement.",
    cli:
      "aws lambda remove-permission --function-name <function-name> --statement-id <sid>\n" +
      "aws lambda add-permission --function-name <function-name> --statement-id <sid> " +
      "--action lambda:InvokeFunction --principal <account-id-or-service-principal>",
    cloudformation: [
      "InvokeFromAccount:",
      "  Type: AWS::Lambda::Permission",
      "  Properties:",
      "    FunctionName: !Ref Function",
      "    Action: lambda:InvokeFunction",
      "    Principal: !Ref AWS::AccountId",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_permission" "invoke_from_account" {',
      '  statement_id  = "AllowAccountInvoke"',
      '  action        = "lambda:InvokeFunction"',
      "  function_name = aws_lambda_function.this.function_name",
      "  principal     = data.aws_caller_identity.current.account_id",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
  ],
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
