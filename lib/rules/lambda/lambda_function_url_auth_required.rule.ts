// LX-03: a function URL must require IAM authentication. AuthType NONE is the finding whatever the
// policy says; the policy only tells how live it is, and that goes into the message and evidence.
// Aliases can have URLs of their own (fn.urls): an unauthenticated alias URL fails the function too.
import { analyzePublicAccess } from "@/lib/analysis/policy-exposure";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { statementEvidence } from "./policy-evidence";

/** Whether the resource policy lets anyone call the URL: null when the policy could not be read. */
function publicUrlGrants(fn: TLambdaFunctionRecord) {
  if (!fn.policy || fn.policy.status === "error") return null;
  if (fn.policy.status === "absent") return [];
  return analyzePublicAccess(fn.policy.value.document, { accountId: fn.accountId }).filter((s) =>
    s.invokeActions.includes("lambda:InvokeFunctionUrl"),
  );
}

type AliasUrl = { qualifier: string; url: string; authType: string };

/** URLs of the function's aliases (the unqualified URL is fn.url); null when they could not be listed. */
function aliasUrls(fn: TLambdaFunctionRecord): AliasUrl[] | null {
  if (!fn.urls || fn.urls.status === "error") return null;
  return fn.urls.value.flatMap((u) => (u.qualifier !== null ? [{ qualifier: u.qualifier, url: u.url, authType: u.authType }] : []));
}

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  // An alias URL with AuthType NONE is as open as the function's own: check those first, whatever fn.url says.
  const aliases = aliasUrls(fn);
  const openAliases = (aliases ?? []).filter((u) => u.authType === "NONE");
  const ownIsOpen = fn.url?.status === "ok" && fn.url.value.authType === "NONE";
  if (openAliases.length > 0 && !ownIsOpen) {
    return {
      ...base,
      status: "FAIL",
      message: `Lambda function ${fn.name} has a function URL on alias ${openAliases.map((u) => u.qualifier).join(", ")} that accepts unauthenticated requests (AuthType NONE).`,
      evidence: { aliasUrls: openAliases, url: fn.url?.status === "ok" ? fn.url.value.url : null },
    };
  }
  if (!fn.url) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not determine whether function ${fn.name} has a function URL: its inventory record has no URL data.`,
      evidence: { url: null },
    };
  }
  if (fn.url.status === "error") {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the function URL configuration of function ${fn.name}: ${fn.url.code}.`,
      evidence: { url: { status: "error", code: fn.url.code, message: fn.url.message } },
    };
  }
  const aliasesUnknown =
    aliases === null
      ? {
          ...base,
          status: "UNKNOWN" as const,
          message: `Could not list the function URLs of the aliases of function ${fn.name}: ${fn.urls?.status === "error" ? fn.urls.code : "no URL list in its inventory record"}.`,
          evidence: { url: fn.url.status === "ok" ? fn.url.value.url : null, urls: fn.urls ?? null },
        }
      : null;
  if (fn.url.status === "absent") {
    return aliasesUnknown ?? { ...base, status: "PASS", message: `Lambda function ${fn.name} has no function URL.`, evidence: { url: null } };
  }

  const { url, authType } = fn.url.value;
  if (authType === "AWS_IAM") {
    return (
      aliasesUnknown ?? {
        ...base,
        status: "PASS",
        message: `Lambda function ${fn.name} has a function URL that requires IAM authentication (AuthType AWS_IAM).`,
        evidence: { url, authType },
      }
    );
  }
  if (authType !== "NONE") {
    const what = authType ? `an unrecognized auth type "${authType}"` : "no recorded auth type";
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not judge the function URL of function ${fn.name}: it has ${what}.`,
      evidence: { url, authType },
    };
  }

  const grants = publicUrlGrants(fn);
  const detail =
    grants === null
      ? "; its resource-based policy could not be read"
      : grants.length > 0
        ? ", and its resource-based policy lets anyone invoke it"
        : "; its resource-based policy grants no public invoke yet, so such calls are refused until one is added";
  return {
    ...base,
    status: "FAIL",
    message: `Lambda function ${fn.name} has a function URL that accepts unauthenticated requests (AuthType NONE)${detail}.`,
    evidence: {
      url,
      authType,
      policyGrantsPublicInvoke: grants === null ? null : grants.length > 0,
      publicStatements: grants?.map(statementEvidence) ?? [],
      aliasUrls: openAliases,
    },
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_url_auth_required",
  catalogueId: "LX-03",
  title: "Lambda function URL requires IAM authentication",
  severity: "high",
  category: "lambda-exposure",
  resourceType: "lambda_function",
  description:
    "Reads each function's URL configuration and reports function URLs whose auth type is NONE. Functions " +
    "without a URL pass. The message also says whether the resource-based policy already lets anyone invoke the URL.",
  risk:
    "A function URL with auth type NONE is a public HTTPS endpoint with no gateway in front: no authentication, " +
    "throttling or WAF unless the function code adds them. Anyone who finds the URL can invoke the function.",
  remediation: {
    text:
      "Set the function URL's auth type to AWS_IAM and grant lambda:InvokeFunctionUrl only to the principals " +
      "that need it. If the URL must be public, put it behind CloudFront with origin access control or an API " +
      "with an authorizer, and remove the Principal \"*\" permission.",
    cli: "aws lambda update-function-url-config --function-name <function-name> --auth-type AWS_IAM",
    cloudformation: [
      "FunctionUrl:",
      "  Type: AWS::Lambda::Url",
      "  Properties:",
      "    TargetFunctionArn: !GetAtt Function.Arn",
      "    AuthType: AWS_IAM",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_function_url" "this" {',
      "  function_name      = aws_lambda_function.this.function_name",
      '  authorization_type = "AWS_IAM"',
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
    "https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html",
  ],
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
