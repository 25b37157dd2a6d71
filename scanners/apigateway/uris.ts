// Pure helpers for the strings API Gateway hands back: Lambda integration/authorizer URIs, the JSON-escaped
// resource policy, method-setting and throttle keys, and ARNs of API Gateway resources.
import type { z } from "zod";
import type { ZLambdaTarget } from "@/scanners/apigateway/record";

export type TLambdaTarget = z.infer<typeof ZLambdaTarget>;

/** The partition a region belongs to, for ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("eusc-")) return "aws-eusc";
  return "aws";
}

/** arn:<partition>:apigateway:<region>::<path>: how IAM names API Gateway resources (no account). */
export function apiGatewayArn(region: string, path: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::${path}`;
}

// arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<functionArn>/invocations
const LAMBDA_URI = /^arn:[a-z0-9-]+:apigateway:[a-z0-9-]+:lambda:path\/+[0-9]{4}-[0-9]{2}-[0-9]{2}\/functions\/(.+?)\/invocations\/?$/;
const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;
const FUNCTION_ARN = /^arn:[a-z0-9-]+:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;

/** The function ARN without its qualifier (alias or version), or null when it is not a Lambda function ARN. */
export function unqualifiedFunctionArn(arn: string): string | null {
  if (!FUNCTION_ARN.test(arn)) return null;
  return arn.split(":").slice(0, 7).join(":");
}

/**
 * The Lambda function an integration or authorizer URI invokes, or null when the URI is not a Lambda
 * invocation URI (HTTP backends, other AWS services, mocks).
 */
export function lambdaTargetOf(uri: string | null | undefined): TLambdaTarget | null {
  if (!uri) return null;
  const m = LAMBDA_URI.exec(uri);
  if (!m) return null;
  const functionArn = m[1];
  const stageVariables = [...new Set([...functionArn.matchAll(STAGE_VARIABLE)].map((v) => v[1]))].sort();
  // A stage variable in the qualifier still names one function; one in the name part can name any.
  const withoutQualifierVariable = functionArn.replace(/:\$\{stageVariables\.[A-Za-z0-9_]+\}$/, "");
  return { functionArn, unqualifiedFunctionArn: unqualifiedFunctionArn(withoutQualifierVariable), stageVariables };
}

/**
 * The function ARN of a stage-variable URI with one stage's values substituted. Returns null unless every
 * referenced variable is set and the result is a Lambda function ARN, so a value that is not part of a
 * function ARN never leaves normalize.
 */
export function resolveWithStageVariables(functionArn: string, variables: Record<string, string>): string | null {
  let missing = false;
  const resolved = functionArn.replace(STAGE_VARIABLE, (_m, name: string) => {
    const value = variables[name];
    if (value === undefined) missing = true;
    return value ?? "";
  });
  return !missing && FUNCTION_ARN.test(resolved) ? resolved : null;
}

/**
 * API Gateway returns a resource policy JSON-escaped: `{\"Version\":\"2012-10-17\",...\"Resource\":\"arn:...\/*\"}`
 * (moto returns it plain). An escaped document is the body of a JSON string literal, so JSON.parse of it in quotes
 * undoes every escape (\" and \/ alike). Anything else is returned as is for parsePolicyDocument to judge.
 */
export function unescapeApiGatewayPolicy(text: string): string {
  const trimmed = text.trim();
  if (!/^\{\s*\\"/.test(trimmed)) return text;
  try {
    const unescaped: unknown = JSON.parse(`"${trimmed}"`);
    return typeof unescaped === "string" ? unescaped : text;
  } catch {
    return text;
  }
}

/**
 * "<path>/<METHOD>" keys of method settings ("~1items~1{id}/GET", "*\/*") and usage plan throttles
 * ("/items/GET"): split at the last "/", with JSON-pointer escapes (~1 for /, ~0 for ~) undone.
 */
export function splitMethodKey(key: string): { resourcePath: string; httpMethod: string } {
  const at = key.lastIndexOf("/");
  if (at < 0) return { resourcePath: key, httpMethod: "*" };
  const path = key.slice(0, at).replaceAll("~1", "/").replaceAll("~0", "~");
  const httpMethod = key.slice(at + 1);
  if (path === "*" || path.startsWith("/")) return { resourcePath: path, httpMethod };
  return { resourcePath: `/${path}`, httpMethod };
}
