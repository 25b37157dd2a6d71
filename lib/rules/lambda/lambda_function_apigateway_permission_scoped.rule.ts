// LX-09: a permission for apigateway.amazonaws.com must name the API and the route (or authorizer) that
// invokes the function. Without aws:SourceArn any API in any account can be wired to the function; with
// ".../<api>/*/*/*" every method and path of every stage of that API can, including routes added later
// without authorization. A source ARN that pins a method or a path ("/*/GET/orders", "/prod/*/orders",
// "/*/$default") or an authorizer (".../authorizers/<id>") passes.
import type { ConditionAssessment } from "@/lib/analysis/policy-exposure";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { namesOneApi, parseExecuteApiArn, pinsRoute } from "./execute-api-arn";
import { describeGaps, functionPolicies, invokeActionsOf, refEvidence, refLabel, type PolicyStatementRef } from "./function-policies";
import { assessStatementConditions, conditionEvidence } from "./statement-conditions";

const APIGATEWAY = "apigateway.amazonaws.com";

type Reason = "no_source_arn" | "source_arn_not_restrictive" | "any_api" | "any_route";
type Finding = { ref: PolicyStatementRef; reason: Reason; sourceArns: string[]; conditions: ConditionAssessment[] };

function isApiGatewayGrant(ref: PolicyStatementRef): boolean {
  const s = ref.statement;
  if (s.Effect !== "Allow" || s.NotPrincipal || !s.Principal || s.Principal === "*") return false;
  return (s.Principal.Service ?? []).some((p) => p.toLowerCase() === APIGATEWAY) && invokeActionsOf(s).length > 0;
}

function assess(ref: PolicyStatementRef, accountId: string): Finding | "scoped" | null {
  const { conditions, neutralized } = assessStatementConditions(ref.statement, ref.document, { accountId });
  if (neutralized) return null;
  const sourceArn = conditions.filter((c) => c.key.toLowerCase() === "aws:sourcearn");
  const restricting = sourceArn.filter((c) => c.restricts);
  if (restricting.length === 0) {
    const reason = sourceArn.length > 0 ? "source_arn_not_restrictive" : "no_source_arn";
    return { ref, reason, sourceArns: sourceArn.flatMap((c) => c.values), conditions };
  }
  // The keys of a statement are ANDed: one condition whose every value pins a route pins the grant.
  let worst: Reason | null = null;
  for (const c of restricting) {
    const parsed = c.values.map(parseExecuteApiArn);
    // A source ARN that is not an execute-api ARN never matches an API Gateway call: nothing is granted.
    if (parsed.every((p) => p === null)) return null;
    const broad = parsed.find((p) => p !== null && (!namesOneApi(p) || !pinsRoute(p)));
    if (!broad) return "scoped";
    const reason: Reason = namesOneApi(broad) ? "any_route" : "any_api";
    if (worst !== "any_api") worst = reason;
  }
  return { ref, reason: worst ?? "any_route", sourceArns: restricting.flatMap((c) => c.values), conditions };
}

function describe(f: Finding): string {
  const label = refLabel(f.ref);
  switch (f.reason) {
    case "no_source_arn":
      return `any API in any account (statement ${label} has no aws:SourceArn)`;
    case "source_arn_not_restrictive":
      return `any API in any account (the aws:SourceArn condition of statement ${label} does not pin an API)`;
    case "any_api": {
      const arn = f.sourceArns.map(parseExecuteApiArn).find((p) => p && !namesOneApi(p));
      return `any API${arn && arn.account && !/[*?]/.test(arn.account) ? ` of account ${arn.account}` : ""} (statement ${label}, aws:SourceArn ${f.sourceArns.join(", ")})`;
    }
    case "any_route": {
      const arn = f.sourceArns.map(parseExecuteApiArn).find((p) => p && !pinsRoute(p));
      return `any method and path of API ${arn?.apiId ?? "?"} (statement ${label}, aws:SourceArn ${f.sourceArns.join(", ")})`;
    }
  }
}

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const policies = functionPolicies(fn);
  const findings: Finding[] = [];
  let scoped = 0;
  for (const ref of policies.statements.filter(isApiGatewayGrant)) {
    const verdict = assess(ref, fn.accountId);
    if (verdict === "scoped") scoped++;
    else if (verdict) findings.push(verdict);
  }
  const evidence = {
    broadStatements: findings.map((f) => ({ ...refEvidence(f.ref), reason: f.reason, sourceArns: f.sourceArns, conditionsConsidered: conditionEvidence(f.conditions) })),
    scopedStatements: scoped,
    unreadPolicies: policies.gaps,
  };

  if (findings.length > 0) {
    const message =
      findings.length === 1
        ? `Lambda function ${fn.name} lets API Gateway invoke it from ${describe(findings[0])}.`
        : `Lambda function ${fn.name} has ${findings.length} API Gateway permissions that are not limited to one route: ${findings.map(describe).join("; ")}.`;
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
  if (scoped === 0) return { ...base, status: "PASS", message: `Lambda function ${fn.name} has no API Gateway invoke permission.`, evidence };
  return {
    ...base,
    status: "PASS",
    message: `Lambda function ${fn.name} limits every API Gateway invoke permission to one API's route or authorizer.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_apigateway_permission_scoped",
  catalogueId: "LX-09",
  title: "Lambda function API Gateway permissions name one API route or authorizer",
  severity: "medium",
  category: "lambda-exposure",
  resourceType: "lambda_function",
  description:
    "Reads the resource-based policies of each function and of its versions and aliases, and reports " +
    "lambda:InvokeFunction grants to apigateway.amazonaws.com without aws:SourceArn, with a source ARN that " +
    "matches any API (wildcard API id or account), or one that matches every method and path of an API " +
    "(\".../<api>/*/*/*\"). Source ARNs that pin a method, a path or an authorizer pass.",
  risk:
    "Anyone who can create or change an API, in this account or (without a source ARN) in any account, can route " +
    "requests to the function, for example through a new route with no authorization, bypassing the authorizer " +
    "and throttling the intended route has.",
  remediation: {
    text:
      "Replace the permission with one whose --source-arn names the API, stage (or *), method and resource path " +
      "that integrate with the function, one permission per route or authorizer.",
    cli:
      "aws lambda remove-permission --function-name <function-name> --statement-id <sid>\n" +
      "aws lambda add-permission --function-name <function-name> --statement-id <sid> " +
      "--action lambda:InvokeFunction --principal apigateway.amazonaws.com " +
      "--source-arn 'arn:aws:execute-api:<region>:<account-id>:<api-id>/*/POST/orders'",
    cloudformation: [
      "InvokeFromPostOrders:",
      "  Type: AWS::Lambda::Permission",
      "  Properties:",
      "    FunctionName: !Ref Function",
      "    Action: lambda:InvokeFunction",
      "    Principal: apigateway.amazonaws.com",
      '    SourceArn: !Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/POST/orders"',
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_permission" "post_orders" {',
      '  statement_id  = "AllowPostOrders"',
      '  action        = "lambda:InvokeFunction"',
      "  function_name = aws_lambda_function.this.function_name",
      '  principal     = "apigateway.amazonaws.com"',
      '  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/*/POST/orders"',
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html#apigateway-permissions",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html",
  ],
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
