// SA-05: a function behind API Gateway has no function URL that accepts unauthenticated requests. Such a URL is a
// second, gateway-less way to the same code that skips the API's authorizer, WAF, throttling and logging.
// Decision: AuthType NONE fails whether or not a resource policy already admits the public (like LX-03, the
// configuration is the finding; the message says whether calls are refused for now). An AWS_IAM URL passes
// (callers must sign with IAM credentials), with the bypass noted in the evidence.
import { sharedEndpointModel, type Endpoint } from "@/lib/analysis/endpoints";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { listOf } from "@/lib/rules/apigateway/support";

const apiLabel = (e: Endpoint) => `${e.api?.name} ${e.label}`;

export const rule: RuleDefinition = {
  id: "lambda_function_url_not_bypassing_api",
  catalogueId: "SA-05",
  title: "Lambda function behind API Gateway has no unauthenticated function URL",
  severity: "high",
  category: "shadow-api",
  resourceType: "lambda_function",
  description:
    "Reports functions that back an API Gateway route or method and also have a function URL with auth type NONE. " +
    "Functions without a URL, or not behind an API, pass.",
  risk:
    "The function URL bypasses the gateway: whatever the API enforces (authorizer, WAF, throttling, request " +
    "validation, access logs) does not apply to requests sent to the URL.",
  remediation: {
    text: "Delete the function URL if the API is the intended way in, or switch it to AWS_IAM and remove any Principal \"*\" InvokeFunctionUrl permission.",
    cli: "aws lambda delete-function-url-config --function-name <function-name>",
    cloudformation: "# Remove the AWS::Lambda::Url resource (and its AWS::Lambda::Permission) from the template, or set AuthType: AWS_IAM.",
    terraform: "# Remove the aws_lambda_function_url resource, or set authorization_type = \"AWS_IAM\".",
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html",
  ],
  evaluate(inventory, ctx) {
    const model = sharedEndpointModel(inventory, ctx);
    return inventory.lambdaFunctions.map((fn: TLambdaFunctionRecord): RuleResult => {
      const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
      const urls = model.endpoints.filter((e) => e.kind === "function_url" && e.function?.arn === fn.arn);
      const urlGap = model.gaps.find((g) => g.kind === "lambda_function" && g.arn === fn.arn);
      if (urls.length === 0) {
        return urlGap
          ? { ...base, status: "UNKNOWN", message: `Could not read the function URLs of function ${fn.name}: ${urlGap.code}.`, evidence: { gap: urlGap } }
          : { ...base, status: "PASS", message: `Lambda function ${fn.name} has no function URL.`, evidence: { urls: [] } };
      }
      const apis = (model.byFunction.get(fn.arn) ?? []).filter((l) => l.role === "backend" && l.endpoint.kind !== "function_url").map((l) => l.endpoint);
      const evidence = {
        urls: urls.map((u) => ({ url: u.urls[0], qualifier: u.function?.qualifier ?? null, authType: u.auth.authorizationType, authLevel: u.auth.level, reason: u.auth.reason })),
        apiEndpoints: apis.map((e) => ({ api: e.api?.name, endpoint: e.label, authLevel: e.auth.level, resourceArn: e.resourceArn })),
      };
      if (apis.length === 0) {
        const apiGaps = model.gaps.filter((g) => g.region === fn.region && (g.kind === "rest_api" || g.kind === "http_api"));
        const complete = ctx.complete("apigateway_rest_api", fn.region) && ctx.complete("apigatewayv2_api", fn.region);
        if (!complete || apiGaps.length > 0) {
          return { ...base, status: "UNKNOWN", message: `Could not determine whether function ${fn.name} is behind an API: APIs in ${fn.region} were not read completely.`, evidence: { ...evidence, apiGaps } };
        }
        return { ...base, status: "PASS", message: `Lambda function ${fn.name} has a function URL but is not behind API Gateway.`, evidence };
      }
      const open = urls.filter((u) => u.auth.authorizationType === "NONE");
      const via = listOf([...new Set(apis.map(apiLabel))], 2);
      if (open.length > 0) {
        const refused = open.every((u) => u.auth.level === "closed");
        return {
          ...base,
          status: "FAIL",
          message: `Lambda function ${fn.name} is behind ${via} but also has a function URL that accepts unauthenticated requests, bypassing the gateway${refused ? " (no permission admits the public yet, so calls are refused for now)" : ""}.`,
          evidence,
        };
      }
      return {
        ...base,
        status: "PASS",
        message: `Lambda function ${fn.name} is behind ${via}; its function URL requires IAM authentication.`,
        evidence: { ...evidence, note: "The IAM-authenticated URL still skips the gateway's WAF, throttling and logs for signed callers." },
      };
    });
  },
};
