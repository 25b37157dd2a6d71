// Pure: what can invoke a function, derived from data already collected (no AWS call): its event source
// mappings, the statements of its resource policies (unqualified and per qualifier) that grant invocation, and
// its function URLs. This describes wiring, it does not judge it: whether a grant is too broad is for rules.
import type { TPolicyDocument, TPrincipal, TStatement } from "@/lib/aws/policy-document";
import type { TTrigger } from "@/scanners/lambda/record";

/** The actions by which a principal invokes a function. */
const INVOKE_ACTIONS = ["lambda:invokefunction", "lambda:invokefunctionurl", "lambda:invokeasync"];
const URL_ACTION = "lambda:invokefunctionurl";

/** Service principal (its first label) -> trigger source type, where Lantern names it differently or alike. */
const SERVICE_SOURCE_TYPES: Record<string, string> = {
  apigateway: "apigateway",
  "execute-api": "apigateway",
  s3: "s3",
  sns: "sns",
  events: "events",
  sqs: "sqs",
  logs: "cloudwatch-logs",
  iot: "iot",
  kinesis: "kinesis",
  dynamodb: "dynamodb",
  kafka: "kafka",
  mq: "mq",
};

/** The principal event source mappings invoke through: Lambda's own pollers. */
export const ESM_PRINCIPAL = "lambda.amazonaws.com";

/** arn:partition:lambda:region:account:function:name[:qualifier] -> the qualifier, with $LATEST read as none. */
export function qualifierOf(functionArn: string): string | null {
  const parts = functionArn.split(":");
  if (parts.length < 8 || parts[5] !== "function") return null;
  const qualifier = parts.slice(7).join(":");
  return qualifier === "" || qualifier === "$LATEST" ? null : qualifier;
}

/** The account field of an ARN, or of a bare 12-digit account id; null for account-less ARNs (S3). */
export function accountOf(value: string): string | null {
  if (/^\d{12}$/.test(value)) return value;
  const parts = value.split(":");
  return parts.length >= 6 && parts[0] === "arn" && /^\d{12}$/.test(parts[4]) ? parts[4] : null;
}

/** arn:partition:SERVICE:... -> SERVICE */
function arnService(arn: string): string | null {
  const parts = arn.split(":");
  return parts.length >= 6 && parts[0] === "arn" && parts[2] ? parts[2] : null;
}

/** "logs.us-east-1.amazonaws.com" -> "logs"; "alexa-appkit.amazon.com" -> "alexa-appkit". */
function servicePrincipalName(principal: string): string {
  return principal.toLowerCase().split(".")[0];
}

export function sourceTypeOfService(service: string): string {
  return SERVICE_SOURCE_TYPES[service] ?? service;
}

/** Action names are case-insensitive and may hold * and ? wildcards. */
function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return regex.test(action);
}

/** The invoke actions an Allow statement grants (Action, or everything NotAction leaves out). */
function invokeActionsOf(statement: TStatement): string[] {
  if (statement.Action) return INVOKE_ACTIONS.filter((a) => statement.Action?.some((p) => actionMatches(p, a)));
  if (statement.NotAction) return INVOKE_ACTIONS.filter((a) => !statement.NotAction?.some((p) => actionMatches(p, a)));
  return [];
}

type PrincipalRef = { kind: "any" | "service" | "aws" | "other"; value: string };

function principalsOf(statement: TStatement): PrincipalRef[] {
  // Allow + NotPrincipal grants everyone but the listed principals: as far as triggers go, that is anyone.
  if (statement.NotPrincipal) return [{ kind: "any", value: "*" }];
  const p: TPrincipal | undefined = statement.Principal;
  if (!p) return [];
  if (p === "*") return [{ kind: "any", value: "*" }];
  const out: PrincipalRef[] = [];
  for (const v of p.AWS ?? []) out.push(v === "*" ? { kind: "any", value: "*" } : { kind: "aws", value: v });
  for (const v of p.Service ?? []) out.push({ kind: "service", value: v });
  for (const v of p.Federated ?? []) out.push({ kind: "other", value: v });
  for (const v of p.CanonicalUser ?? []) out.push({ kind: "other", value: v });
  return out;
}

/** Values of one condition key under any operator; keys are case-insensitive. */
function conditionValues(statement: TStatement, key: string): string[] {
  const wanted = key.toLowerCase();
  const values = new Set<string>();
  for (const keys of Object.values(statement.Condition ?? {})) {
    for (const [k, v] of Object.entries(keys)) if (k.toLowerCase() === wanted) v.forEach((x) => values.add(x));
  }
  return [...values];
}

function conditionKeys(statement: TStatement): string[] {
  return Object.entries(statement.Condition ?? {})
    .flatMap(([operator, keys]) => Object.keys(keys).map((k) => `${operator}:${k}`))
    .sort();
}

function crossAccount(accountId: string, named: (string | null)[]): boolean | null {
  const accounts = named.filter((a): a is string => a !== null);
  return accounts.length === 0 ? null : accounts.some((a) => a !== accountId);
}

/**
 * The qualifier a statement applies to: AWS writes the qualified ARN into the statements of a qualifier's
 * policy. moto returns every qualifier's statements from every GetPolicy, so the statement's own Resource is
 * the better witness; the qualifier the policy was read for is the fallback when Resource is absent or mixed.
 */
function statementQualifier(statement: TStatement, readFor: string | null): string | null {
  const resources = statement.Resource ?? [];
  const qualifiers = new Set(resources.filter((r) => r.split(":")[5] === "function").map(qualifierOf));
  return resources.length > 0 && qualifiers.size === 1 ? [...qualifiers][0] : readFor;
}

export type PolicyInput = { qualifier: string | null; document: TPolicyDocument };
export type MappingInput = { uuid: string; functionArn: string | null; eventSourceArn: string | null; sourceService: string; state: string | null };
export type UrlInput = { qualifier: string | null; authType: string };

/** A mapping counts as live unless it is (being) disabled or deleted: an unknown new state is shown as live. */
export function mappingEnabled(state: string | null): boolean {
  return !["Disabled", "Disabling", "Deleting"].includes(state ?? "");
}

function policyTriggers(accountId: string, policy: PolicyInput): TTrigger[] {
  const out: TTrigger[] = [];
  for (const statement of policy.document.Statement) {
    if (statement.Effect !== "Allow") continue;
    const actions = invokeActionsOf(statement);
    if (actions.length === 0) continue;
    const qualifier = statementQualifier(statement, policy.qualifier);
    const sourceArns = conditionValues(statement, "aws:SourceArn");
    const sourceAccounts = conditionValues(statement, "aws:SourceAccount");
    const conditions = { sourceAccounts, keys: conditionKeys(statement) };
    const onlyUrl = actions.every((a) => a === URL_ACTION);
    for (const principal of principalsOf(statement)) {
      for (const sourceArn of sourceArns.length > 0 ? sourceArns : [null]) {
        const arnSvc = sourceArn ? arnService(sourceArn) : null;
        let sourceType: string;
        if (principal.kind === "service") sourceType = sourceTypeOfService(servicePrincipalName(principal.value));
        else if (arnSvc) sourceType = sourceTypeOfService(arnSvc);
        else if (onlyUrl) sourceType = "function-url";
        else if (principal.kind === "aws") sourceType = "aws-account";
        else if (principal.kind === "any") sourceType = "any";
        else sourceType = "other";
        out.push({
          sourceType,
          sourceArn,
          principal: principal.value,
          via: "resource_policy",
          qualifier,
          statementSid: statement.Sid ?? null,
          esmUuid: null,
          enabled: true,
          crossAccount: crossAccount(accountId, [
            principal.kind === "aws" ? accountOf(principal.value) : null,
            sourceArn ? accountOf(sourceArn) : null,
            ...sourceAccounts,
          ]),
          conditions,
          authType: null,
        });
      }
    }
  }
  return out;
}

function triggerKey(t: TTrigger): string {
  return JSON.stringify([t.via, t.sourceType, t.sourceArn, t.principal, t.qualifier]);
}

/**
 * Duplicates of one source (two statements granting the same principal and source ARN, two mappings from one
 * queue) become one trigger: enabled when any is, and with the conditions of the least conditioned statement,
 * since the weakest grant is the one in force.
 */
function merge(a: TTrigger, b: TTrigger): TTrigger {
  const aKeys = a.conditions?.keys.length ?? 0;
  const bKeys = b.conditions?.keys.length ?? 0;
  const base = bKeys < aKeys ? b : a;
  return {
    ...base,
    enabled: a.enabled || b.enabled,
    crossAccount: a.crossAccount === null && b.crossAccount === null ? null : a.crossAccount === true || b.crossAccount === true,
  };
}

export function deriveTriggers(input: {
  accountId: string;
  mappings: MappingInput[];
  policies: PolicyInput[];
  urls: UrlInput[];
}): TTrigger[] {
  const all: TTrigger[] = [];
  for (const m of input.mappings) {
    all.push({
      sourceType: m.sourceService,
      sourceArn: m.eventSourceArn,
      principal: ESM_PRINCIPAL,
      via: "event_source_mapping",
      qualifier: m.functionArn ? qualifierOf(m.functionArn) : null,
      statementSid: null,
      esmUuid: m.uuid,
      enabled: mappingEnabled(m.state),
      crossAccount: crossAccount(input.accountId, [m.eventSourceArn ? accountOf(m.eventSourceArn) : null]),
      conditions: null,
      authType: null,
    });
  }
  for (const policy of input.policies) all.push(...policyTriggers(input.accountId, policy));
  for (const url of input.urls) {
    all.push({
      sourceType: "function-url",
      sourceArn: null,
      principal: url.authType === "NONE" ? "*" : url.authType,
      via: "function_url",
      qualifier: url.qualifier,
      statementSid: null,
      esmUuid: null,
      enabled: true,
      crossAccount: null,
      conditions: null,
      authType: url.authType,
    });
  }
  const byKey = new Map<string, TTrigger>();
  for (const t of all) {
    const key = triggerKey(t);
    const seen = byKey.get(key);
    byKey.set(key, seen ? merge(seen, t) : t);
  }
  // Sorted, so the stored record (and its hash) does not change with the order AWS lists things in.
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
}
