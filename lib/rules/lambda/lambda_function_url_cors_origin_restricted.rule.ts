// LX-04: a function URL's CORS configuration must not allow every origin. Every URL of the function counts:
// the unqualified one and those of its aliases (fn.urls). Specific origins pass; so do URLs without CORS,
// since browsers then refuse cross-origin reads.
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";

type Url = { qualifier: string | null; url: string; authType: string; cors: NonNullable<Extract<TLambdaFunctionRecord["url"], { status: "ok" }>["value"]["cors"]> | null };

/** The URLs the record knows: the full list when it was read, else the unqualified URL alone. */
function knownUrls(fn: TLambdaFunctionRecord): { urls: Url[]; complete: boolean; error: { code: string; message: string } | null } {
  if (fn.urls?.status === "ok") return { urls: fn.urls.value, complete: true, error: null };
  const own: Url[] = fn.url?.status === "ok" ? [{ qualifier: null, ...fn.url.value }] : [];
  const failure = fn.urls?.status === "error" ? fn.urls : fn.url?.status === "error" ? fn.url : null;
  return {
    urls: own,
    complete: false,
    error: failure ? { code: failure.code, message: failure.message } : { code: "MissingInRecord", message: "The inventory record has no URL data." },
  };
}

const where = (u: Url) => (u.qualifier ? `function URL of alias ${u.qualifier}` : "function URL");

function urlEvidence(u: Url): Record<string, unknown> {
  return {
    qualifier: u.qualifier,
    url: u.url,
    authType: u.authType,
    allowOrigins: u.cors?.allowOrigins ?? null,
    allowMethods: u.cors?.allowMethods ?? null,
    allowCredentials: u.cors?.allowCredentials ?? null,
  };
}

function evaluateFunction(fn: TLambdaFunctionRecord): RuleResult {
  const base = { resourceArn: fn.arn, resourceName: fn.name, region: fn.region };
  const { urls, complete, error } = knownUrls(fn);
  const open = urls.filter((u) => u.cors?.allowOrigins.includes("*"));
  const evidence = { openUrls: open.map(urlEvidence), urls: urls.map(urlEvidence), urlsError: error };

  if (open.length > 0) {
    const first = open[0];
    const auth = first.authType === "NONE" ? "it also accepts unauthenticated requests" : `it requires ${first.authType} authentication`;
    const message =
      open.length === 1
        ? `Lambda function ${fn.name} has a ${where(first)} whose CORS configuration allows every origin (AllowOrigins "*"); ${auth}.`
        : `Lambda function ${fn.name} has ${open.length} function URLs whose CORS configuration allows every origin: ${open.map((u) => u.qualifier ?? "the function's own URL").join(", ")}.`;
    return { ...base, status: "FAIL", message, evidence };
  }
  if (!complete) {
    return {
      ...base,
      status: "UNKNOWN",
      message: `Could not read the function URL configurations of function ${fn.name}: ${error?.code ?? "unknown error"}.`,
      evidence,
    };
  }
  if (urls.length === 0) return { ...base, status: "PASS", message: `Lambda function ${fn.name} has no function URL.`, evidence };
  const withCors = urls.filter((u) => u.cors && u.cors.allowOrigins.length > 0);
  return {
    ...base,
    status: "PASS",
    message:
      withCors.length > 0
        ? `Lambda function ${fn.name} allows cross-origin requests to its function URL only from named origins: ${[...new Set(withCors.flatMap((u) => u.cors?.allowOrigins ?? []))].join(", ")}.`
        : `Lambda function ${fn.name} has no CORS configuration on its function URL, so browsers refuse cross-origin reads.`,
    evidence,
  };
}

export const rule: RuleDefinition = {
  id: "lambda_function_url_cors_origin_restricted",
  catalogueId: "LX-04",
  title: "Lambda function URL CORS does not allow every origin",
  severity: "medium",
  category: "lambda-exposure",
  resourceType: "lambda_function",
  description:
    "Reads the CORS configuration of every function URL of each function (its own and its aliases') and reports " +
    "URLs whose AllowOrigins contains \"*\". URLs without CORS and URLs that name specific origins pass.",
  risk:
    "With AllowOrigins \"*\", scripts on any website can call the function URL from a visitor's browser and read " +
    "the response. For an unauthenticated URL that exposes its data to every site; for an internal or cookie-based " +
    "endpoint it lets other sites act through a logged-in visitor's browser.",
  remediation: {
    text:
      "List the origins that need the URL (for example https://app.example.com) in AllowOrigins, or remove the CORS " +
      "configuration when no browser calls the URL from another origin.",
    cli:
      "aws lambda update-function-url-config --function-name <function-name> " +
      "--cors 'AllowOrigins=https://app.example.com,AllowMethods=GET,MaxAge=300'",
    cloudformation: [
      "FunctionUrl:",
      "  Type: AWS::Lambda::Url",
      "  Properties:",
      "    TargetFunctionArn: !GetAtt Function.Arn",
      "    AuthType: AWS_IAM",
      "    Cors:",
      "      AllowOrigins:",
      "        - https://app.example.com",
      "      AllowMethods:",
      "        - GET",
    ].join("\n"),
    terraform: [
      'resource "aws_lambda_function_url" "this" {',
      "  function_name      = aws_lambda_function.this.function_name",
      '  authorization_type = "AWS_IAM"',
      "  cors {",
      '    allow_origins = ["https://app.example.com"]',
      '    allow_methods = ["GET"]',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors",
    "https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS",
  ],
  evaluate(inventory) {
    return inventory.lambdaFunctions.map(evaluateFunction);
  },
};
