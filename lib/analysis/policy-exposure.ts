// Condition-aware public-access analysis of a normalized Lambda resource-based policy.
//
// A statement "grants access to anyone" when it allows Principal "*", {"AWS": "*"} or uses NotPrincipal
// with Allow. Such a statement is still not public when one of its conditions pins the caller down
// (aws:SourceArn to a concrete ARN, aws:SourceAccount, aws:PrincipalOrgID, lambda:EventSourceToken,
// lambda:FunctionUrlAuthType = AWS_IAM, ...). Flagging those anyway is the best-known false positive of
// public-policy checks (prowler #4870), so every condition is assessed and kept as evidence.
//
// Semantics followed (IAM User Guide, "Condition operators" and "Single-valued vs. multivalued keys"):
// - Condition keys are case-insensitive; all keys and operators of a statement must match (AND), the
//   values of one key are alternatives (OR). One restricting key therefore restricts the statement, and
//   a key restricts only when every one of its values is concrete.
// - Only positive matching operators restrict: StringEquals, StringEqualsIgnoreCase, StringLike,
//   ArnEquals, ArnLike. Negated operators (StringNotEquals, ...) let through every caller but a few.
// - "...IfExists" does not restrict: a direct caller simply does not carry aws:SourceArn and passes.
// - "ForAllValues:" is vacuously true when the key is absent, so it does not restrict; "ForAnyValue:"
//   is false on an absent key, so it restricts like the plain operator.
// - StringEquals compares literally, so a "*" there is a literal that no caller matches (restrictive);
//   StringLike, ArnEquals and ArnLike treat "*" and "?" as wildcards.
//
// Deny statements grant nothing. Deliberately simple neutralization: an unconditional Deny for
// Principal "*" whose actions and resources cover everything an Allow grants cancels that Allow. Any
// other Deny is ignored, which can only over-report, never hide exposure.
import type { TPolicyDocument, TPrincipal, TStatement } from "@/lib/aws/policy-document";
import { parseOperator, type ParsedOperator } from "@/lib/aws/condition-operator";

export type ExposureContext = {
  /** The account that owns the function. */
  accountId: string;
  /** Accounts the operator trusts (used to label, not to decide, who a condition lets in). */
  trustedAccountIds?: string[];
  /** AWS Organizations ids the operator trusts, e.g. "o-a1b2c3d4e5". */
  orgIds?: string[];
};

/** How the statement reaches "anyone". */
export type AnyonePrincipalKind = "principal_star" | "aws_star" | "not_principal_allow";

/** Who a restricting account, organization or ARN condition lets in, relative to the context. */
export type ConditionScope = "own_account" | "trusted" | "external" | "unknown";

export type ConditionAssessment = {
  operator: string;
  key: string;
  values: string[];
  /** True when this condition alone limits the callers to a known set. */
  restricts: boolean;
  /** One sentence on why it does or does not restrict. */
  note: string;
  /** For account, organization and ARN keys that restrict; null otherwise. */
  scope: ConditionScope | null;
};

export type StatementVerdict = "public" | "restricted" | "neutralized";

export const INVOKE_ACTIONS = ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"] as const;
export type InvokeAction = (typeof INVOKE_ACTIONS)[number];

export type StatementAssessment = {
  /** Position of the statement in the policy (0-based), for statements without a Sid. */
  index: number;
  sid: string | null;
  kind: AnyonePrincipalKind;
  principal: TPrincipal | null;
  notPrincipal: TPrincipal | null;
  actions: string[] | null;
  notActions: string[] | null;
  /** The invoke actions the statement grants; empty when it only exposes configuration. */
  invokeActions: InvokeAction[];
  /** True when the grant reaches the function through its function URL. */
  viaFunctionUrl: boolean;
  conditions: ConditionAssessment[];
  verdict: StatementVerdict;
  neutralizedBy: { index: number; sid: string | null } | null;
  statement: TStatement;
};

/** Every Allow statement that names anyone as principal, with its verdict. */
export function assessAnyoneStatements(doc: TPolicyDocument, ctx: ExposureContext): StatementAssessment[] {
  const out: StatementAssessment[] = [];
  doc.Statement.forEach((statement, index) => {
    if (statement.Effect !== "Allow") return;
    const kind = anyoneKind(statement);
    if (!kind) return;
    // A statement without Action or NotAction grants nothing (IAM rejects it); never a finding.
    if (!statement.Action?.length && !statement.NotAction?.length) return;

    const conditions = assessConditions(statement, ctx);
    const invokeActions = INVOKE_ACTIONS.filter((a) => grantsAction(statement, a));
    const neutralizer = conditions.some((c) => c.restricts) ? null : findNeutralizingDeny(doc, statement);
    out.push({
      index,
      sid: statement.Sid ?? null,
      kind,
      principal: statement.Principal ?? null,
      notPrincipal: statement.NotPrincipal ?? null,
      actions: statement.Action ?? null,
      notActions: statement.NotAction ?? null,
      invokeActions,
      viaFunctionUrl: isViaFunctionUrl(statement, conditions, invokeActions),
      conditions,
      verdict: conditions.some((c) => c.restricts) ? "restricted" : neutralizer ? "neutralized" : "public",
      neutralizedBy: neutralizer,
      statement,
    });
  });
  return out;
}

/** The statements that grant access to anyone: no restricting condition and no covering Deny. */
export function analyzePublicAccess(doc: TPolicyDocument, ctx: ExposureContext): StatementAssessment[] {
  return assessAnyoneStatements(doc, ctx).filter((s) => s.verdict === "public");
}

function anyoneKind(statement: TStatement): AnyonePrincipalKind | null {
  if (statement.NotPrincipal) return "not_principal_allow";
  const p = statement.Principal;
  if (p === "*") return "principal_star";
  if (p?.AWS?.includes("*")) return "aws_star";
  return null;
}

// ---- conditions -------------------------------------------------------------------------------------

type KeyClass = "arn" | "account" | "org_id" | "org_path" | "opaque" | "url_auth_type";

/** Lower-cased condition keys that can pin the caller down, and how their values are read. */
const RESTRICTING_KEYS: Record<string, KeyClass> = {
  "aws:sourcearn": "arn",
  "aws:principalarn": "arn",
  "aws:sourceaccount": "account",
  "aws:sourceowner": "account",
  "aws:principalaccount": "account",
  "aws:principalorgid": "org_id",
  "aws:sourceorgid": "org_id",
  "aws:principalorgpaths": "org_path",
  "aws:sourceorgpaths": "org_path",
  "aws:sourcevpc": "opaque",
  "aws:sourcevpce": "opaque",
  "lambda:eventsourcetoken": "opaque",
  "lambda:functionurlauthtype": "url_auth_type",
};

const POSITIVE_OPERATORS = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);
const WILDCARD_OPERATORS = new Set(["stringlike", "arnequals", "arnlike"]);


function assessConditions(statement: TStatement, ctx: ExposureContext): ConditionAssessment[] {
  const out: ConditionAssessment[] = [];
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    const op = parseOperator(operator);
    for (const [key, values] of Object.entries(keys)) {
      out.push({ operator, key, values, ...assessCondition(op, key.toLowerCase(), values, ctx) });
    }
  }
  return out;
}

type Assessed = Pick<ConditionAssessment, "restricts" | "note" | "scope">;

function assessCondition(op: ParsedOperator, key: string, values: string[], ctx: ExposureContext): Assessed {
  const keyClass = RESTRICTING_KEYS[key];
  if (key === "lambda:invokedviafunctionurl") {
    return no("Limits the grant to calls through the function URL, not to particular callers.");
  }
  if (!keyClass) return no("This key does not identify the caller.");
  if (!POSITIVE_OPERATORS.has(op.base)) return no("Only StringEquals, StringLike, ArnEquals and ArnLike pin a caller down; this operator does not.");
  if (op.ifExists) return no("IfExists lets in every caller that does not carry the key.");
  if (op.set === "all") return no("ForAllValues is true when the key is absent, so callers without it pass.");
  if (values.length === 0) return no("No values to match.");

  const wildcards = WILDCARD_OPERATORS.has(op.base);
  if (keyClass === "url_auth_type") {
    const admitsNone = values.some((v) => valueMatches(v, "NONE", wildcards, op.base === "stringequalsignorecase"));
    return admitsNone
      ? no("Function URL auth type NONE: anyone can call the URL without signing.")
      : yes("Callers must sign requests with IAM credentials (function URL auth type AWS_IAM).", null);
  }

  const loose = values.find((v) => !isConcrete(keyClass, v, wildcards));
  if (loose !== undefined) return no(`The wildcard value "${loose}" lets in callers from any account.`);
  return yes(restrictNote(keyClass), scopeOf(keyClass, values, ctx));
}

function no(note: string): Assessed {
  return { restricts: false, note, scope: null };
}

function yes(note: string, scope: ConditionScope | null): Assessed {
  return { restricts: true, note, scope };
}

function restrictNote(keyClass: KeyClass): string {
  switch (keyClass) {
    case "arn":
      return "Callers are limited to a concrete ARN.";
    case "account":
      return "Callers are limited to named accounts.";
    case "org_id":
    case "org_path":
      return "Callers are limited to an AWS Organization.";
    default:
      return "Callers must present a specific value (VPC, VPC endpoint or event source token).";
  }
}

/** Under a literal operator (StringEquals) "*" and "?" are plain characters, never wildcards. */
function hasWildcard(value: string, wildcards: boolean): boolean {
  return wildcards && /[*?]/.test(value);
}

function isConcrete(keyClass: KeyClass, value: string, wildcards: boolean): boolean {
  switch (keyClass) {
    case "arn": {
      const parts = value.split(":");
      if (parts.length < 6 || parts[0] !== "arn") return !hasWildcard(value, wildcards);
      const account = parts[4];
      if (account !== "") return !hasWildcard(account, wildcards);
      // Account-less ARNs (S3 buckets) name globally unique resources; a wildcard there can match a
      // bucket that anyone may create in their own account.
      return !hasWildcard(parts.slice(2).join(":"), wildcards);
    }
    case "org_path": {
      const org = value.split("/")[0];
      return org !== "" && !hasWildcard(org, wildcards);
    }
    default:
      return !hasWildcard(value, wildcards);
  }
}

function scopeOf(keyClass: KeyClass, values: string[], ctx: ExposureContext): ConditionScope | null {
  const trustedAccounts = new Set(ctx.trustedAccountIds ?? []);
  const trustedOrgs = new Set(ctx.orgIds ?? []);
  const accountScope = (account: string): ConditionScope =>
    account === ctx.accountId ? "own_account" : trustedAccounts.has(account) ? "trusted" : "external";

  let scopes: ConditionScope[];
  switch (keyClass) {
    case "account":
      scopes = values.map(accountScope);
      break;
    case "arn":
      scopes = values.map((v) => {
        const account = v.split(":")[4];
        return account ? accountScope(account) : "unknown";
      });
      break;
    case "org_id":
    case "org_path":
      scopes = values.map((v) => (trustedOrgs.has(v.split("/")[0]) ? "trusted" : ctx.orgIds ? "external" : "unknown"));
      break;
    default:
      return null;
  }
  // The widest value decides who gets in.
  for (const s of ["external", "unknown", "trusted"] as const) if (scopes.includes(s)) return s;
  return "own_account";
}

// ---- actions, resources, wildcards ---------------------------------------------------------------------

function wildcardRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, caseInsensitive ? "i" : "");
}

function valueMatches(pattern: string, value: string, wildcards: boolean, caseInsensitive: boolean): boolean {
  if (wildcards) return wildcardRegex(pattern, caseInsensitive).test(value);
  return caseInsensitive ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
}

/** Action names are case-insensitive and may carry * and ? wildcards. */
function actionMatches(pattern: string, action: string): boolean {
  return wildcardRegex(pattern, true).test(action);
}

function grantsAction(statement: TStatement, action: string): boolean {
  if (statement.Action) return statement.Action.some((p) => actionMatches(p, action));
  if (statement.NotAction) return !statement.NotAction.some((p) => actionMatches(p, action));
  return false;
}

function isViaFunctionUrl(statement: TStatement, conditions: ConditionAssessment[], invokeActions: InvokeAction[]): boolean {
  const hasUrlKey = conditions.some((c) => {
    const key = c.key.toLowerCase();
    if (key === "lambda:functionurlauthtype") return !c.restricts;
    if (key === "lambda:invokedviafunctionurl") return c.values.some((v) => v.toLowerCase() === "true");
    return false;
  });
  const urlOnly = invokeActions.length === 1 && invokeActions[0] === "lambda:InvokeFunctionUrl" && !!statement.Action;
  return hasUrlKey || urlOnly;
}

function isAnyonePrincipal(p: TPrincipal | undefined): boolean {
  return p === "*" || !!p?.AWS?.includes("*");
}

function isServiceWide(pattern: string): boolean {
  return pattern === "*" || pattern.toLowerCase() === "lambda:*";
}

/** Deny actions cover the Allow when every action the Allow can grant is denied. */
function denyCoversActions(deny: TStatement, allow: TStatement): boolean {
  const denied = deny.Action ?? [];
  if (denied.some(isServiceWide)) return true;
  if (!allow.Action) return false; // an Allow with NotAction grants an open-ended set
  // A wildcard Allow pattern is covered only by the same pattern: comparing two wildcard sets in
  // general is not worth the risk of wrongly cancelling a public grant.
  return allow.Action.every((a) =>
    /[*?]/.test(a) ? denied.some((d) => d.toLowerCase() === a.toLowerCase()) : denied.some((d) => actionMatches(d, a)),
  );
}

function denyCoversResources(deny: TStatement, allow: TStatement): boolean {
  if (deny.NotResource) return false;
  const denied = deny.Resource ?? ["*"];
  if (denied.includes("*")) return true;
  const allowed = allow.Resource;
  if (!allowed || allowed.length === 0) return false;
  return allowed.every((r) => denied.some((d) => (/[*?]/.test(r) ? d === r : wildcardRegex(d, false).test(r))));
}

function findNeutralizingDeny(doc: TPolicyDocument, allow: TStatement): { index: number; sid: string | null } | null {
  for (const [index, deny] of doc.Statement.entries()) {
    if (deny.Effect !== "Deny") continue;
    if (deny.NotPrincipal || !isAnyonePrincipal(deny.Principal)) continue;
    if (deny.Condition && Object.keys(deny.Condition).length > 0) continue;
    if (deny.NotAction) continue;
    if (denyCoversActions(deny, allow) && denyCoversResources(deny, allow)) return { index, sid: deny.Sid ?? null };
  }
  return null;
}
