// What an AccessDenied in a scan means in IAM terms: the action the scanning role lacks, and whether
// the policy Lantern ships (iam/lantern-scanner-policy.json) grants it. The policy is bundled at build
// time, so the answer always matches the policy of this Lantern version. Safe for client components.
import { z } from "zod";
import shippedPolicy from "@/iam/lantern-scanner-policy.json";

export const SHIPPED_POLICY_PATH = "iam/lantern-scanner-policy.json";
export const SHIPPED_ROLE_TEMPLATE_PATH = "iam/lantern-scanner-role.cfn.yaml";
export const AWS_ACCESS_DOC_PATH = "docs/aws-access.md";

const ZStatement = z.object({
  Effect: z.enum(["Allow", "Deny"]),
  Action: z.union([z.string(), z.array(z.string())]),
});
const ZPolicy = z.object({ Statement: z.array(ZStatement) });

const allowedPatterns: string[] = ZPolicy.parse(shippedPolicy).Statement.filter((s) => s.Effect === "Allow").flatMap((s) =>
  Array.isArray(s.Action) ? s.Action : [s.Action],
);

/** IAM action names are case-insensitive; `*` and `?` are the only wildcards. */
function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return re.test(action);
}

export function shippedPolicyAllows(action: string): boolean {
  return allowedPatterns.some((p) => actionMatches(p, action));
}

/**
 * The IAM action behind a scanner's `api` label ("lambda:GetPolicy"). API Gateway is the exception:
 * its IAM actions are HTTP verbs on resource paths, so every read of v1 or v2 is apigateway:GET.
 * Null for Lantern's own labels ("lantern:worker") and anything that is not service:Operation.
 */
export function iamActionFor(api: string): string | null {
  const m = /^([a-z0-9-]+):([A-Za-z0-9*]+)$/.exec(api);
  if (!m || m[1] === "lantern") return null;
  if (m[1] === "apigateway" || m[1] === "apigatewayv2") return "apigateway:GET";
  return `${m[1]}:${m[2]}`;
}

export const isAccessDenied = (code: string) => /AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden|NotAuthorized/i.test(code);

export type TMissingPermission = {
  /** e.g. "lambda:GetPolicy" */
  action: string;
  /** The shipped policy grants it: the role in use is older than the policy, or another policy denies it. */
  inShippedPolicy: boolean;
};

/** For an access-denied error, the permission the scanning role is missing; null for any other error. */
export function missingPermission(api: string, code: string): TMissingPermission | null {
  if (!isAccessDenied(code)) return null;
  const action = iamActionFor(api);
  return action ? { action, inShippedPolicy: shippedPolicyAllows(action) } : null;
}
