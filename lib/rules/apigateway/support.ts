// Shared pieces of the API Gateway rules (REST in this folder, HTTP/WebSocket in ../apigatewayv2, shadow-API
// signals in ../shadow-api): result bases for APIs, stages and endpoints, and the evidence an endpoint shows.
import type { Endpoint } from "@/lib/analysis/endpoints";
import type { RuleResult } from "@/lib/rules/types";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import type { THttpApiRecord } from "@/scanners/apigatewayv2/record";

type AnyApi = Pick<TRestApiRecord, "arn" | "name" | "region"> | Pick<THttpApiRecord, "arn" | "name" | "region">;
type Base = Pick<RuleResult, "resourceArn" | "resourceName" | "region">;

export function apiBase(api: AnyApi): Base {
  return { resourceArn: api.arn, resourceName: api.name, region: api.region };
}

/** Stage-level results name the API kind but point at the stage: arn:aws:apigateway:<region>::/restapis/<id>/stages/<name>. */
export function stageBase(api: AnyApi, stageName: string): Base {
  return { resourceArn: `${api.arn}/stages/${stageName}`, resourceName: `${api.name}/${stageName}`, region: api.region };
}

/** Method- and route-level results point at the method or route ARN; the name reads "orders-api GET /orders". */
export function endpointBase(e: Endpoint): Base {
  return { resourceArn: e.resourceArn, resourceName: `${e.api?.name ?? e.function?.name ?? "?"} ${e.label}`, region: e.region };
}

/** One UNKNOWN result for a whole API whose listing the rule needs could not be read. */
export function unreadable(base: Base, kind: string, what: string, failure: { code: string; message: string }): RuleResult {
  return {
    ...base,
    status: "UNKNOWN",
    message: `Could not read the ${what} of ${kind} ${base.resourceName}: ${failure.code}.`,
    evidence: { [what]: { status: "error", code: failure.code, message: failure.message } },
  };
}

/** What a reviewer needs to see about an endpoint: how it is called, who may call it, where it leads. */
export function endpointEvidence(e: Endpoint): Record<string, unknown> {
  return {
    endpoint: e.label,
    method: e.method,
    path: e.path,
    authorizationType: e.auth.authorizationType,
    authorizer: e.auth.authorizer,
    apiKeyRequired: e.auth.apiKeyRequired,
    authLevel: e.auth.level,
    authReason: e.auth.reason,
    resourcePolicy: e.auth.resourcePolicy,
    inheritedFrom: e.auth.inheritedFrom,
    networkScope: e.network.scope,
    networkRestrictions: e.network.restrictions,
    integration: e.integration,
    functionArns: e.functionArns,
    stages: e.stages.map((s) => ({ name: s.name, logged: s.logged, executionLogLevel: s.executionLogLevel, accessLogs: s.accessLogs })),
    urls: e.urls,
  };
}

/** "a", "a and b", "a, b and 3 more". */
export function listOf(items: string[], max = 3): string {
  if (items.length <= 1) return items.join("");
  if (items.length <= max) return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Days between an ISO date and now; null when the date does not parse. */
export function daysSince(date: string | null | undefined, now: Date): number | null {
  if (!date) return null;
  const t = Date.parse(date);
  if (Number.isNaN(t)) return null;
  return Math.floor((now.getTime() - t) / 86_400_000);
}

/** Case-insensitive glob match ("*" any run, "?" one character). */
export function globMatches(pattern: string, value: string): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i").test(value);
}

/** The scope "execute-api:/..." resources of a REST API's policy expand to. */
export function restPolicyScope(api: Pick<TRestApiRecord, "arn" | "region" | "accountId" | "id">) {
  return { partition: api.arn.split(":")[1] || "aws", region: api.region, accountId: api.accountId, apiId: api.id };
}
