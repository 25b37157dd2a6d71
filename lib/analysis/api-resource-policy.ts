// Condition-aware reading of an API Gateway REST API resource policy: who may call one request (stage, method,
// path) of the API, without being signed by IAM.
//
// API Gateway evaluates the policy like IAM (apigateway-authorization-flow.html): with no authorization type a
// caller needs an explicit Allow, and any explicit Deny wins. Two shapes restrict "Principal: *":
// - an Allow whose condition pins the caller (aws:SourceVpce, aws:SourceVpc, aws:SourceIp, aws:PrincipalOrgID, ...),
// - the AWS-documented guard: Allow * on execute-api:/* plus a Deny * whose condition is negated
//   (StringNotEquals aws:SourceVpce, NotIpAddress aws:SourceIp). Missing this guard is the usual false
//   positive of "Principal *" checks on PRIVATE APIs, so both shapes are recognized.
//
// Semantics (IAM User Guide, condition operators): keys are case-insensitive; conditions in one statement are
// ANDed, values of one key ORed. Only positive operators without IfExists restrict an Allow; ForAllValues never
// does (vacuous on a missing key). A Deny guards only when every one of its conditions is a negated operator
// on a key that pins the caller, because the caller escapes the Deny by failing any one of them. Any other
// Deny is ignored, which can only over-report access, never hide it. aws:Referer and aws:UserAgent are sent by
// the caller and never restrict.
import type { TPolicyDocument, TPrincipal, TStatement } from "@/lib/aws/policy-document";
import { parseOperator, type ParsedOperator } from "@/lib/aws/condition-operator";

export type RestrictionKind = "vpc" | "ip" | "identity";

export type PolicyRestriction = {
  kind: RestrictionKind;
  /** The condition as written: operator, key and values. */
  operator: string;
  key: string;
  values: string[];
  /** "allow": a condition on the Allow; "deny_guard": the complement of a negated condition on a Deny. */
  via: "allow" | "deny_guard";
  sid: string | null;
};

/**
 * Who may call the request:
 * - anyone: an Allow for any principal applies with nothing pinning the caller,
 * - restricted: any principal, but only from the networks or identities in `restrictions`,
 * - principals: only named AWS principals (the caller must sign with IAM credentials of one of them),
 * - nobody: no Allow applies, or an unconditional Deny for everyone does.
 */
export type ApiPolicyAccess = "anyone" | "restricted" | "principals" | "nobody";

export type ApiPolicyVerdict = {
  access: ApiPolicyAccess;
  restrictions: PolicyRestriction[];
  /** Every path for any principal is limited to named VPCs or VPC endpoints. */
  vpcPinned: boolean;
  /** Every path for any principal is limited to networks (VPC, VPC endpoint or IP ranges). */
  networkRestricted: boolean;
  /** Every path for any principal needs a signed caller from named accounts, organizations or ARNs. */
  identityRestricted: boolean;
  /** The statements that apply to the request, with their role in the verdict. */
  statements: PolicyStatementEvidence[];
};

export type PolicyStatementEvidence = {
  index: number;
  sid: string | null;
  effect: "Allow" | "Deny";
  role: "allow_anyone" | "allow_anyone_restricted" | "allow_principals" | "deny_all" | "deny_guard" | "deny_ignored";
  principal: TPrincipal | null;
  action: string[] | null;
  resource: string[] | null;
  condition: TStatement["Condition"] | null;
};

/** Where "execute-api:/..." shorthand resources point: the API the policy is attached to. */
export type ApiPolicyScope = { partition: string; region: string; accountId: string; apiId: string };

/** arn:<p>:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>: a concrete request the policy is asked about. */
export function executeApiArn(scope: ApiPolicyScope, stage: string, method: string, path: string): string {
  const rest = path.startsWith("/") ? path.slice(1) : path;
  return `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${scope.apiId}/${stage}/${method}/${rest}`;
}

// ---- conditions ------------------------------------------------------------------------------------------

const KEY_KINDS: Record<string, RestrictionKind> = {
  "aws:sourcevpce": "vpc",
  "aws:sourcevpc": "vpc",
  "aws:sourceip": "ip",
  "aws:vpcsourceip": "ip",
  "aws:principalorgid": "identity",
  "aws:principalorgpaths": "identity",
  "aws:principalaccount": "identity",
  "aws:principalarn": "identity",
  "aws:userid": "identity",
  "aws:username": "identity",
};

const POSITIVE = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"]);
const NEGATED = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike", "notipaddress"]);
const WILDCARD_OPERATORS = new Set(["stringlike", "arnlike", "arnequals", "stringnotlike", "arnnotlike", "arnnotequals"]);
const OPEN_CIDRS = new Set(["0.0.0.0/0", "::/0"]);


/** Whether every value names a concrete caller set (no wildcard under a wildcard operator, no open CIDR). */
function concrete(kind: RestrictionKind, base: string, values: string[]): boolean {
  if (values.length === 0) return false;
  if (kind === "ip") return values.every((v) => !OPEN_CIDRS.has(v.trim()));
  if (!WILDCARD_OPERATORS.has(base)) return true;
  return values.every((v) => {
    if (kind === "identity" && v.startsWith("arn:")) return !/[*?]/.test(v.split(":")[4] ?? "*");
    if (kind === "identity" && v.startsWith("o-")) return !/[*?]/.test(v.split("/")[0]);
    return !/[*?]/.test(v);
  });
}

type Cond = { operator: string; key: string; values: string[]; parsed: ParsedOperator; kind: RestrictionKind | undefined };

function conditionsOf(s: TStatement): Cond[] {
  const out: Cond[] = [];
  for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
    const parsed = parseOperator(operator);
    for (const [key, values] of Object.entries(keys)) out.push({ operator, key, values, parsed, kind: KEY_KINDS[key.toLowerCase()] });
  }
  return out;
}

function allowRestriction(c: Cond): RestrictionKind | null {
  if (!c.kind || c.parsed.ifExists || c.parsed.set === "all") return null;
  if (!POSITIVE.has(c.parsed.base)) return null;
  if (c.kind === "ip" && c.parsed.base !== "ipaddress") return null;
  if (c.kind !== "ip" && c.parsed.base === "ipaddress") return null;
  return concrete(c.kind, c.parsed.base, c.values) ? c.kind : null;
}

/** For a Deny: the negated condition a caller must fail to escape (IfExists still guards: a missing key denies). */
function guardRestriction(c: Cond): RestrictionKind | null {
  if (!c.kind || c.parsed.set !== null) return null;
  if (!NEGATED.has(c.parsed.base)) return null;
  if (c.kind === "ip" && c.parsed.base !== "notipaddress") return null;
  if (c.kind !== "ip" && c.parsed.base === "notipaddress") return null;
  const positiveBase = c.parsed.base.replace("not", "");
  return concrete(c.kind, positiveBase, c.values) ? c.kind : null;
}

// ---- principals, actions, resources ----------------------------------------------------------------------

type PrincipalClass = "anyone" | "named" | "service" | "none";

function principalClass(s: TStatement): PrincipalClass {
  if (s.NotPrincipal) return s.Effect === "Allow" ? "anyone" : "none";
  const p = s.Principal;
  if (!p) return "none";
  if (p === "*" || p.AWS?.includes("*")) return "anyone";
  if (p.AWS?.length || p.Federated?.length || p.CanonicalUser?.length) return "named";
  if (p.Service?.length) return "service";
  return "none";
}

function globRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, caseInsensitive ? "i" : "");
}

const INVOKE = "execute-api:Invoke";

function grantsInvoke(s: TStatement): boolean {
  if (s.Action) return s.Action.some((a) => globRegex(a, true).test(INVOKE));
  if (s.NotAction) return !s.NotAction.some((a) => globRegex(a, true).test(INVOKE));
  return false;
}

/** "execute-api:/prod/GET/x" is shorthand for this API's ARN (API Gateway expands it when it saves the policy). */
function expandResource(pattern: string, scope: ApiPolicyScope): string {
  if (pattern.startsWith("execute-api:/")) {
    return `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${scope.apiId}/${pattern.slice("execute-api:/".length)}`;
  }
  return pattern;
}

function coversRequest(s: TStatement, requestArn: string, scope: ApiPolicyScope): boolean {
  const matches = (patterns: string[]) => patterns.some((p) => globRegex(expandResource(p, scope), false).test(requestArn));
  if (s.Resource) return matches(s.Resource);
  if (s.NotResource) return !matches(s.NotResource);
  return true;
}

// ---- the verdict -------------------------------------------------------------------------------------------

function evidenceOf(s: TStatement, index: number, role: PolicyStatementEvidence["role"]): PolicyStatementEvidence {
  return {
    index,
    sid: s.Sid ?? null,
    effect: s.Effect,
    role,
    principal: s.Principal ?? s.NotPrincipal ?? null,
    action: s.Action ?? s.NotAction ?? null,
    resource: s.Resource ?? s.NotResource ?? null,
    condition: s.Condition ?? null,
  };
}

function restrictionsOf(conds: Cond[], kinds: (RestrictionKind | null)[], via: PolicyRestriction["via"], sid: string | null): PolicyRestriction[] {
  return conds.flatMap((c, i) => {
    const kind = kinds[i];
    return kind ? [{ kind, operator: c.operator, key: c.key, values: c.values, via, sid }] : [];
  });
}

/** Who may call the request `requestArn` (see executeApiArn) under this policy. */
export function evaluateApiPolicy(doc: TPolicyDocument, requestArn: string, scope: ApiPolicyScope): ApiPolicyVerdict {
  const statements: PolicyStatementEvidence[] = [];
  let denyAll = false;
  let openAllow = false;
  const restrictedAllows: PolicyRestriction[][] = [];
  const guards: PolicyRestriction[][] = [];
  let namedAllow = false;

  doc.Statement.forEach((s, index) => {
    if (!grantsInvoke(s) || !coversRequest(s, requestArn, scope)) return;
    const who = principalClass(s);
    const conds = conditionsOf(s);
    if (s.Effect === "Deny") {
      if (who !== "anyone") {
        statements.push(evidenceOf(s, index, "deny_ignored"));
        return;
      }
      if (conds.length === 0) {
        denyAll = true;
        statements.push(evidenceOf(s, index, "deny_all"));
        return;
      }
      const kinds = conds.map(guardRestriction);
      if (kinds.every((k) => k !== null)) {
        guards.push(restrictionsOf(conds, kinds, "deny_guard", s.Sid ?? null));
        statements.push(evidenceOf(s, index, "deny_guard"));
      } else {
        statements.push(evidenceOf(s, index, "deny_ignored"));
      }
      return;
    }
    if (who === "named") {
      namedAllow = true;
      statements.push(evidenceOf(s, index, "allow_principals"));
      return;
    }
    if (who !== "anyone") return;
    const kinds = conds.map(allowRestriction);
    if (kinds.some((k) => k !== null)) {
      restrictedAllows.push(restrictionsOf(conds, kinds, "allow", s.Sid ?? null));
      statements.push(evidenceOf(s, index, "allow_anyone_restricted"));
    } else {
      openAllow = true;
      statements.push(evidenceOf(s, index, "allow_anyone"));
    }
  });

  const none = { restrictions: [], vpcPinned: false, networkRestricted: false, identityRestricted: false, statements };
  if (denyAll) return { access: "nobody", ...none };
  if (!openAllow && restrictedAllows.length === 0) return { access: namedAllow ? "principals" : "nobody", ...none };

  // A caller must pass every guard (each by matching one of its conditions) and, without an open Allow, match one
  // of the restricted Allows (each by matching all its restricting conditions).
  const onlyKinds = (group: PolicyRestriction[], kinds: RestrictionKind[]) => group.length > 0 && group.every((r) => kinds.includes(r.kind));
  const hasKind = (group: PolicyRestriction[], kinds: RestrictionKind[]) => group.some((r) => kinds.includes(r.kind));
  const pinnedBy = (kinds: RestrictionKind[]) =>
    guards.some((g) => onlyKinds(g, kinds)) || (!openAllow && restrictedAllows.every((a) => hasKind(a, kinds)));
  const restrictions = [...guards.flat(), ...(openAllow ? [] : restrictedAllows.flat())];
  const access: ApiPolicyAccess = openAllow && guards.length === 0 ? "anyone" : "restricted";
  return {
    access,
    restrictions: access === "anyone" ? [] : restrictions,
    vpcPinned: access === "restricted" && pinnedBy(["vpc"]),
    networkRestricted: access === "restricted" && pinnedBy(["vpc", "ip"]),
    identityRestricted: access === "restricted" && pinnedBy(["identity"]),
    statements,
  };
}

const ACCESS_RANK: Record<ApiPolicyAccess, number> = { anyone: 3, restricted: 2, principals: 1, nobody: 0 };

/**
 * The widest of several verdicts (one per stage, method and sample path of an endpoint): what the most
 * exposed request is allowed. Pinning holds only when it holds for every restricted request.
 */
export function widestVerdict(verdicts: ApiPolicyVerdict[]): ApiPolicyVerdict | null {
  if (verdicts.length === 0) return null;
  const top = Math.max(...verdicts.map((v) => ACCESS_RANK[v.access]));
  const widest = verdicts.filter((v) => ACCESS_RANK[v.access] === top);
  const first = widest[0];
  const seen = new Set<string>();
  const dedupe = <T>(items: T[], key: (t: T) => string) =>
    items.filter((t) => {
      const k = key(t);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const restrictions = dedupe(widest.flatMap((v) => v.restrictions), (r) => `r|${r.via}|${r.sid}|${r.operator}|${r.key}|${r.values.join(",")}`);
  const statements = dedupe(verdicts.flatMap((v) => v.statements), (s) => `s|${s.index}`).sort((a, b) => a.index - b.index);
  return {
    access: first.access,
    restrictions,
    vpcPinned: widest.every((v) => v.vpcPinned),
    networkRestricted: widest.every((v) => v.networkRestricted),
    identityRestricted: widest.every((v) => v.identityRestricted),
    statements,
  };
}

/** Invoke grants to anyone in the policy, judged statement by statement (A1-04, A1-05 evidence). */
export type AnyoneGrant = {
  index: number;
  sid: string | null;
  statement: TStatement;
  /** Restricting conditions on the statement itself. */
  restrictions: PolicyRestriction[];
  /** Deny guards whose resources cover every resource of the grant. */
  guards: PolicyRestriction[][];
  /** An unconditional Deny for everyone covers it: it grants nothing. */
  denied: boolean;
  /** Neither a restricting condition nor a covering guard: anyone may invoke what it grants. */
  open: boolean;
  vpcPinned: boolean;
};

/** Whether the guard's resources cover every resource pattern of the grant (same pattern, or a wider glob). */
function guardCovers(guard: TStatement, grant: TStatement, scope: ApiPolicyScope): boolean {
  if (guard.NotResource) return false;
  const guarded = (guard.Resource ?? ["*"]).map((r) => expandResource(r, scope));
  const granted = (grant.Resource ?? ["*"]).map((r) => expandResource(r, scope));
  if (grant.NotResource) {
    // An open-ended grant is covered only by a guard on the whole API.
    const wholeApi = `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${scope.apiId}/*`;
    return guarded.some((g) => globRegex(g, false).test(wholeApi));
  }
  return granted.every((r) => guarded.some((g) => g === r || globRegex(g, false).test(r)));
}

export function anyoneInvokeGrants(doc: TPolicyDocument, scope: ApiPolicyScope): AnyoneGrant[] {
  const guardStatements = doc.Statement.flatMap((s) => {
    if (s.Effect !== "Deny" || principalClass(s) !== "anyone" || !grantsInvoke(s)) return [];
    const conds = conditionsOf(s);
    if (conds.length === 0) return [{ s, restrictions: [] as PolicyRestriction[], all: true }];
    const kinds = conds.map(guardRestriction);
    if (!kinds.every((k) => k !== null)) return [];
    return [{ s, restrictions: restrictionsOf(conds, kinds, "deny_guard", s.Sid ?? null), all: false }];
  });
  const out: AnyoneGrant[] = [];
  doc.Statement.forEach((s, index) => {
    if (s.Effect !== "Allow" || principalClass(s) !== "anyone" || !grantsInvoke(s)) return;
    const conds = conditionsOf(s);
    const kinds = conds.map(allowRestriction);
    const restrictions = restrictionsOf(conds, kinds, "allow", s.Sid ?? null);
    const covering = guardStatements.filter((g) => guardCovers(g.s, s, scope));
    const deniedOutright = covering.some((g) => g.all);
    const guards = covering.filter((g) => !g.all).map((g) => g.restrictions);
    const vpcOnly = (group: PolicyRestriction[]) => group.length > 0 && group.every((r) => r.kind === "vpc");
    out.push({
      index,
      sid: s.Sid ?? null,
      statement: s,
      restrictions,
      guards,
      denied: deniedOutright,
      open: !deniedOutright && restrictions.length === 0 && guards.length === 0,
      vpcPinned: deniedOutright || restrictions.some((r) => r.kind === "vpc") || guards.some(vpcOnly),
    });
  });
  return out;
}
