// LC-09: a function the internet can invoke should have reserved concurrency, the only per-function cap on how
// many copies run at once. Without it, a flood of requests scales the function up to the account's whole
// concurrency pool: a bill nobody planned (denial of wallet) and throttling of every other function.
//
// "Reachable from the internet" is any of: a function URL with AuthType NONE (any qualifier), a resource-based
// policy statement that lets anyone invoke it (the LX-01 analysis, every qualifier), or an API Gateway
// permission whose API is public. The API is looked up in the API Gateway inventories: a PRIVATE-only REST API
// does not count, nor does an API that no longer exists; an API that cannot be looked up (another account, a
// wildcard id, an incomplete listing) leaves the verdict UNKNOWN unless another path decides it. A permission
// with no source ARN lets any API in any account invoke it, so it counts.
import { analyzePublicAccess } from "@/lib/analysis/policy-exposure";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleContext, RuleDefinition, RuleInventory, RuleResult } from "@/lib/rules/types";
import { namesOneApi, parseExecuteApiArn } from "./execute-api-arn";
import { functionPolicies, invokeActionsOf } from "./function-policies";

type Path = { kind: "function_url" | "public_policy" | "apigateway"; detail: string };

function apiPath(sourceArn: string | null, inventory: RuleInventory, ctx: RuleContext): { path: Path | null; unresolved: string | null } {
  if (!sourceArn) return { path: { kind: "apigateway", detail: "an API Gateway permission without a source ARN (any API in any account)" }, unresolved: null };
  const arn = parseExecuteApiArn(sourceArn);
  if (!arn || !namesOneApi(arn)) return { path: null, unresolved: `${sourceArn} does not name one API` };
  if (arn.account !== inventory.accountId) return { path: null, unresolved: `API ${arn.apiId} belongs to account ${arn.account}` };
  const rest = inventory.restApis.find((a) => a.id === arn.apiId && a.region === arn.region);
  if (rest) {
    const privateOnly = rest.endpointTypes.length > 0 && rest.endpointTypes.every((t) => t === "PRIVATE");
    return { path: privateOnly ? null : { kind: "apigateway", detail: `REST API ${rest.name} (${rest.endpointTypes.join(", ") || "endpoint type not reported"})` }, unresolved: null };
  }
  const http = inventory.httpApis.find((a) => a.apiId === arn.apiId && a.region === arn.region);
  if (http) return { path: { kind: "apigateway", detail: `${http.protocolType ?? "HTTP"} API ${http.name}` }, unresolved: null };
  const complete = ctx.complete("apigateway_rest_api", arn.region) && ctx.complete("apigatewayv2_api", arn.region);
  // Listed completely and not there: the API was deleted, so it cannot reach the function (ES-05 reports it).
  return complete ? { path: null, unresolved: null } : { path: null, unresolved: `the API Gateway inventory of ${arn.region} is incomplete` };
}

function evaluateFunction(fn: TLambdaFunctionRecord, inventory: RuleInventory, ctx: RuleContext): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const paths: Path[] = [];
  const unresolved: string[] = [];

  const urls = fn.urls?.status === "ok" ? fn.urls.value : fn.url?.status === "ok" ? [{ qualifier: null, ...fn.url.value }] : [];
  for (const u of urls) if (u.authType === "NONE") paths.push({ kind: "function_url", detail: `function URL${u.qualifier ? ` of alias ${u.qualifier}` : ""} with AuthType NONE` });
  if (fn.urls?.status !== "ok") unresolved.push("the function URLs could not be listed");

  const policies = functionPolicies(fn);
  const documents = new Map(policies.statements.map((s) => [s.document, s]));
  for (const doc of documents.keys()) {
    for (const s of analyzePublicAccess(doc, { accountId: fn.accountId })) {
      if (s.invokeActions.length > 0) paths.push({ kind: "public_policy", detail: `statement ${s.sid ? `"${s.sid}"` : `#${s.index + 1}`} lets anyone invoke it` });
    }
  }
  if (policies.gaps.length > 0) unresolved.push("some resource-based policies could not be read");

  for (const ref of policies.statements) {
    const s = ref.statement;
    if (s.Effect !== "Allow" || !s.Principal || s.Principal === "*") continue;
    if (!(s.Principal.Service ?? []).some((p) => p.toLowerCase() === "apigateway.amazonaws.com") || invokeActionsOf(s).length === 0) continue;
    const sourceArns = Object.entries(s.Condition ?? {})
      .filter(([op]) => /^(arnlike|arnequals|stringlike|stringequals)$/i.test(op))
      .flatMap(([, keys]) => Object.entries(keys).filter(([k]) => k.toLowerCase() === "aws:sourcearn").flatMap(([, v]) => v));
    for (const arn of sourceArns.length > 0 ? sourceArns : [null]) {
      const r = apiPath(arn, inventory, ctx);
      if (r.path) paths.push(r.path);
      if (r.unresolved) unresolved.push(r.unresolved);
    }
  }

  const unique = [...new Map(paths.map((p) => [p.detail, p])).values()];
  const rc = fn.reservedConcurrency;
  const evidence = {
    internetPaths: unique,
    unresolved,
    reservedConcurrency: rc?.status === "ok" ? rc.value : null,
    reservedConcurrencyError: rc?.status === "error" ? { code: rc.code, message: rc.message } : null,
  };

  if (unique.length === 0) {
    if (unresolved.length > 0) {
      return { ...base, status: "UNKNOWN", message: `Could not determine whether function ${fn.name} is reachable from the internet: ${unresolved[0]}.`, evidence };
    }
    return {
      ...base,
      status: "PASS",
      message: `Lambda function ${fn.name} is not reachable from the internet through a public function URL, a public policy or a public API.`,
      evidence,
    };
  }
  const via = unique.map((p) => p.detail).join("; ");
  if (!rc || rc.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the reserved concurrency of function ${fn.name}, which is reachable from the internet (${via}): ${rc?.status === "error" ? rc.code : "no concurrency data in its inventory record"}.`,
      evidence,
    };
  }
  if (rc.status === "absent") {
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} is reachable from the internet (${via}) and has no reserved concurrency to cap how many copies run at once.`,
      evidence,
    };
  }
  return {
    ...base,
    status: "PASS",
    message:
      rc.value === 0
        ? `Lambda function ${fn.name} is reachable from the internet but its reserved concurrency is 0, so every invocation is throttled.`
        : `Lambda function ${fn.name} is reachable from the internet and its reserved concurrency caps it at ${rc.value} concurrent executions.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_reserved_concurrency_when_exposed",
  catalogueId: "LC-09",
  title: "Internet-reachable Lambda function has reserved concurrency",
  severity: "low",
  category: "lambda-configuration",
  resourceType: "lambda_function",
  description:
    "For functions reachable from the internet (a function URL with AuthType NONE, a resource-based policy that " +
    "lets anyone invoke, or an API Gateway permission for a public API), reports those without reserved " +
    "concurrency. Functions with no such path pass.",
  risk:
    "Anyone can invoke an internet-reachable function as often as they like. Without a concurrency cap it scales " +
    "to the account's limit: the bill grows with the attacker's traffic, and every other function in the region " +
    "is throttled once the shared pool is exhausted.",
  remediation: {
    text:
      "Set reserved concurrency to the most copies the function should ever run at once (measure the peak first), " +
      "and keep throttling on the API stage or CloudFront in front of it.",
    cli: "aws lambda put-function-concurrency --function-name <function-name> --reserved-concurrent-executions 50",
    cloudformation: ["Function:", "  Type: AWS::Lambda::Function", "  Properties:", "    ReservedConcurrentExecutions: 50"].join("\n"),
    terraform: ['resource "aws_lambda_function" "this" {', "  # ...", "  reserved_concurrent_executions = 50", "}"].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
  ],
  evaluate(inventory, ctx) {
    return inventory.lambdaFunctions.map((fn) => evaluateFunction(fn, inventory, ctx));
  },
};
