// Who can assume an IAM role: a condition-aware reading of its trust policy (AssumeRolePolicyDocument).
//
// Every Allow statement that grants sts:AssumeRole, sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity
// becomes one TrustGrant per principal it names, with a class:
//   any_principal              "*", {"AWS": "*"} or NotPrincipal with Allow, and nothing limits the caller
//   any_principal_conditioned  the same, but a condition pins the caller down (sts:ExternalId, an account,
//                              an organization, a source IP ...) to parties the installation does not trust
//   any_principal_trusted      the same, limited to this account, a trusted account or a trusted organization
//   same_account               an AWS principal of the role's own account ("arn:aws:iam::<own>:root", ...)
//   trusted_account            an AWS principal of a trusted account, or of any account but limited by
//                              aws:PrincipalOrgID / aws:PrincipalAccount to a trusted organization or account
//   cross_account              an AWS principal of another, untrusted account
//   service                    an AWS service principal; confusedDeputyProtected says whether aws:SourceAccount,
//                              aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths limit it to known resources
//   federated                  a SAML provider, an OIDC provider, Cognito or a web identity provider
//   deleted_principal          a unique id (AROA..., AIDA...) that IAM left where a deleted principal was
//   denied                     cancelled by an unconditional Deny for the same principal and actions
//
// Condition semantics follow the IAM User Guide ("Condition operators"), like lib/analysis/policy-exposure.ts:
// keys are case-insensitive; keys and operators of a statement are ANDed, one key's values are ORed; only
// positive operators restrict; "...IfExists" and "ForAllValues:" do not (they pass when the key is absent);
// StringEquals compares literally while StringLike/ArnLike/ArnEquals treat * and ? as wildcards. A condition
// that does not say WHO the caller is (aws:MultiFactorAuthPresent, aws:PrincipalTag/..., aws:RequestTag/...)
// never turns "any principal" into a restricted one: any account can create an MFA-holding or tagged user.
//
// Deny statements: an unconditional Deny for anyone (or the same principal) that covers every assume action
// of a grant cancels it. A Deny whose conditions are all negated identity conditions ("StringNotEquals
// aws:PrincipalOrgID o-...") keeps everyone else out, so it restricts the grant like a positive condition
// would. Any other Deny is ignored, which can only over-report, never hide a grant.
import type { TPolicyDocument, TPrincipal, TStatement } from "@/lib/aws/policy-document";
import { parseOperator, type ParsedOperator } from "@/lib/aws/condition-operator";

export const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"] as const;
export type AssumeAction = (typeof ASSUME_ACTIONS)[number];

export type TrustContext = {
  /** The account that owns the role. */
  accountId: string;
  /** Accounts outside this one that the installation trusts (InstallationSettings.trustedAccountIds). */
  trustedAccountIds?: readonly string[];
  /** AWS Organizations ids the installation trusts (InstallationSettings.trustedOrganizationIds). */
  trustedOrganizationIds?: readonly string[];
};

export type TrustPrincipalType = "Anyone" | "AWS" | "Service" | "Federated" | "CanonicalUser";

export type TrustClass =
  | "any_principal"
  | "any_principal_conditioned"
  | "any_principal_trusted"
  | "same_account"
  | "trusted_account"
  | "cross_account"
  | "service"
  | "federated"
  | "deleted_principal"
  | "denied";

/** What a condition key is about. */
export type TrustConditionKind = "identity" | "secret" | "network" | "mfa" | "claim" | "other";

/** Who a restricting identity condition lets in, relative to the context. */
export type TrustScope = "own_account" | "trusted" | "external" | "unknown";

export type TrustCondition = {
  operator: string;
  key: string;
  values: string[];
  kind: TrustConditionKind;
  /** True when this condition narrows who can assume the role to a known set. */
  restricts: boolean;
  /** For restricting identity conditions: the widest party its values let in; null otherwise. */
  scope: TrustScope | null;
  /** Set when the condition comes from a Deny statement that keeps everyone else out. */
  fromDeny: StatementRef | null;
  note: string;
};

export type StatementRef = { index: number; sid: string | null };

export type FederationProvider = "saml" | "oidc" | "cognito" | "web_identity" | "other";

export type TrustGrant = {
  /** Position of the Allow statement in the trust policy (0-based). */
  index: number;
  sid: string | null;
  principalType: TrustPrincipalType;
  /** The principal as written ("*" for anyone, also when reached through NotPrincipal). */
  principal: string;
  viaNotPrincipal: boolean;
  /** Account of an AWS principal; null for other types and for unique ids. */
  accountId: string | null;
  actions: AssumeAction[];
  class: TrustClass;
  /** Conditions of the statement, then the restricting conditions of guarding Deny statements. */
  conditions: TrustCondition[];
  requiresExternalId: boolean;
  requiresMfa: boolean;
  /** Services only: whether a source condition limits the service to known resources. */
  confusedDeputyProtected: boolean | null;
  /** Federated principals only. */
  federation: { provider: FederationProvider; subjectRestricted: boolean } | null;
  deniedBy: StatementRef | null;
  /** One sentence on why the grant has its class. */
  reason: string;
  statement: TStatement;
};

/** Every principal the trust policy lets assume the role, classified. */
export function analyzeTrustPolicy(doc: TPolicyDocument, ctx: TrustContext): TrustGrant[] {
  const grants: TrustGrant[] = [];
  doc.Statement.forEach((statement, index) => {
    if (statement.Effect !== "Allow") return;
    const actions = ASSUME_ACTIONS.filter((a) => grantsAction(statement, a));
    if (actions.length === 0) return; // sts:TagSession or sts:SetSourceIdentity alone assume nothing
    for (const principal of principalsOf(statement)) {
      grants.push(classify(doc, statement, index, principal, actions, ctx));
    }
  });
  return grants;
}

// ---- roles --------------------------------------------------------------------------------------------

/**
 * AWS service-linked roles (path /aws-service-role/): AWS writes their trust policy and permissions and
 * does not let the customer change them, so trust and hygiene findings on them cannot be acted on.
 */
export function isServiceLinkedRole(role: { path: string | null; arn: string }): boolean {
  return (role.path ?? "").startsWith("/aws-service-role/") || /:role\/aws-service-role\//.test(role.arn);
}

/** Roles IAM Identity Center creates and manages from permission sets (path /aws-reserved/sso.amazonaws.com/). */
export function isAwsReservedRole(role: { path: string | null; arn: string }): boolean {
  return (role.path ?? "").startsWith("/aws-reserved/") || /:role\/aws-reserved\//.test(role.arn);
}

// ---- principals -----------------------------------------------------------------------------------------

type PrincipalEntry = { type: TrustPrincipalType; value: string; viaNotPrincipal: boolean };

function principalsOf(statement: TStatement): PrincipalEntry[] {
  if (statement.NotPrincipal) return [{ type: "Anyone", value: "*", viaNotPrincipal: true }];
  const p = statement.Principal;
  if (!p) return [];
  if (p === "*") return [{ type: "Anyone", value: "*", viaNotPrincipal: false }];
  const out: PrincipalEntry[] = [];
  for (const value of p.AWS ?? []) {
    out.push(isAnyoneAws(value) ? { type: "Anyone", value, viaNotPrincipal: false } : { type: "AWS", value, viaNotPrincipal: false });
  }
  for (const value of p.Service ?? []) out.push({ type: "Service", value, viaNotPrincipal: false });
  for (const value of p.Federated ?? []) out.push({ type: "Federated", value, viaNotPrincipal: false });
  for (const value of p.CanonicalUser ?? []) out.push({ type: "CanonicalUser", value, viaNotPrincipal: false });
  return out;
}

/** "*" and ARNs whose account is a wildcard ("arn:aws:iam::*:root", which IAM rejects but older tools wrote). */
function isAnyoneAws(value: string): boolean {
  if (value === "*") return true;
  const account = splitArn(value)?.[4];
  return account !== undefined && /[*?]/.test(account);
}

/** The account of an AWS principal: a bare 12-digit id or the account field of its ARN; null for unique ids. */
export function principalAccountId(value: string): string | null {
  if (/^\d{12}$/.test(value)) return value;
  const parts = splitArn(value);
  const account = parts?.[4];
  return account && /^\d{12}$/.test(account) ? account : null;
}

/** IAM replaces a deleted principal in a trust policy with its unique id (AROA..., AIDA..., ...). */
function isUniqueId(value: string): boolean {
  return /^A[A-Z0-9]{3}[A-Z0-9]{12,}$/.test(value);
}

function splitArn(value: string): string[] | null {
  if (!value.startsWith("arn:")) return null;
  const parts = value.split(":");
  return parts.length >= 6 ? parts : null;
}

function federationProvider(value: string): FederationProvider {
  if (/:saml-provider\//.test(value)) return "saml";
  if (/:oidc-provider\//.test(value)) return "oidc";
  if (value === "cognito-identity.amazonaws.com") return "cognito";
  if (["www.amazon.com", "graph.facebook.com", "accounts.google.com"].includes(value)) return "web_identity";
  return "other";
}

// ---- classification ----------------------------------------------------------------------------------------

function classify(
  doc: TPolicyDocument,
  statement: TStatement,
  index: number,
  principal: PrincipalEntry,
  actions: AssumeAction[],
  ctx: TrustContext,
): TrustGrant {
  const own = assessConditions(statement.Condition, ctx, null, "allow");
  const guard = findDenies(doc, principal, actions, ctx);
  const conditions = [...own, ...guard.restricting.flatMap((g) => g.conditions)];
  // MFA is required, not restricting: any account can create a user with an MFA device.
  const restrictingOwn = own.filter(limits);
  const accountId = principal.type === "AWS" ? principalAccountId(principal.value) : null;

  // AND across the statement's restricting conditions: one trusted one narrows the whole grant. Within one
  // guarding Deny the conditions are alternatives (ORed), so that Deny narrows to trusted only when all are.
  const limitedToTrusted =
    restrictingOwn.some((c) => c.kind === "identity" && isTrustedScope(c.scope)) ||
    guard.restricting.some((g) => g.conditions.every((c) => c.kind === "identity" && isTrustedScope(c.scope)));
  const restricted = restrictingOwn.length > 0 || guard.restricting.length > 0;
  const requiresExternalId = conditions.some((c) => c.restricts && c.key.toLowerCase() === "sts:externalid");
  const requiresMfa = own.some((c) => c.kind === "mfa" && c.restricts);

  const base = {
    index,
    sid: statement.Sid ?? null,
    principalType: principal.type,
    principal: principal.value,
    viaNotPrincipal: principal.viaNotPrincipal,
    accountId,
    actions,
    conditions,
    requiresExternalId,
    requiresMfa,
    confusedDeputyProtected: null as boolean | null,
    federation: null as TrustGrant["federation"],
    deniedBy: guard.cancelledBy,
    statement,
  };
  const keyList = (cs: TrustCondition[]) => [...new Set(cs.filter(limits).map((c) => c.key))].join(", ");

  if (guard.cancelledBy) {
    return { ...base, class: "denied", reason: `An unconditional Deny (statement ${refLabel(guard.cancelledBy)}) cancels this grant.` };
  }

  switch (principal.type) {
    case "Anyone": {
      const who = principal.viaNotPrincipal ? "Every principal not listed in NotPrincipal" : "Any principal in any AWS account";
      if (limitedToTrusted) {
        return { ...base, class: "any_principal_trusted", reason: `${who} may assume the role, but ${keyList(conditions)} limits it to this account or trusted accounts and organizations.` };
      }
      if (restricted) {
        return { ...base, class: "any_principal_conditioned", reason: `${who} that satisfies ${keyList(conditions)} can assume the role; those conditions do not limit it to this account or trusted accounts and organizations.` };
      }
      const ignored = own.length ? ` Its conditions (${[...new Set(own.map((c) => c.key))].join(", ")}) do not limit who the caller is.` : "";
      return { ...base, class: "any_principal", reason: `${who} can assume the role.${ignored}` };
    }
    case "AWS": {
      if (isUniqueId(principal.value)) {
        return { ...base, class: "deleted_principal", reason: `${principal.value} is the unique id IAM leaves for a deleted principal; nobody can use it.` };
      }
      if (accountId === ctx.accountId) {
        return { ...base, class: "same_account", reason: `${principal.value} is in the role's own account.` };
      }
      if (accountId && (ctx.trustedAccountIds ?? []).includes(accountId)) {
        return { ...base, class: "trusted_account", reason: `Account ${accountId} is a trusted account.` };
      }
      if (limitedToTrusted) {
        return { ...base, class: "trusted_account", reason: `${keyList(conditions)} limits ${principal.value} to this account or trusted accounts and organizations.` };
      }
      const guards = [requiresExternalId ? "requires sts:ExternalId" : null, requiresMfa ? "requires MFA" : null].filter(Boolean);
      return {
        ...base,
        class: "cross_account",
        reason: `Account ${accountId ?? "unknown"} is not a trusted account${guards.length ? ` (the grant ${guards.join(" and ")})` : " and the grant requires neither sts:ExternalId nor MFA"}.`,
      };
    }
    case "Service": {
      const sources = conditions.filter((c) => c.restricts && SOURCE_KEYS.has(c.key.toLowerCase()));
      return {
        ...base,
        class: "service",
        confusedDeputyProtected: sources.length > 0,
        reason: sources.length
          ? `The AWS service ${principal.value} may assume the role only for resources matching ${keyList(sources)}.`
          : `The AWS service ${principal.value} may assume the role on behalf of any account: no aws:SourceAccount, aws:SourceArn or aws:SourceOrgID condition.`,
      };
    }
    case "Federated": {
      const provider = federationProvider(principal.value);
      const subjectRestricted = provider === "saml" || own.some((c) => c.kind === "claim" && c.restricts && claimPins(provider, c.key));
      return {
        ...base,
        class: "federated",
        federation: { provider, subjectRestricted },
        reason: subjectRestricted
          ? `Identities of ${principal.value} limited by its token claims may assume the role.`
          : `Any identity ${principal.value} issues tokens to may assume the role: no condition pins the subject or audience.`,
      };
    }
    case "CanonicalUser":
      return { ...base, class: "cross_account", reason: `Canonical user ${principal.value} is not an IAM principal of this account.` };
  }
}

/** A condition that narrows who the caller can be (MFA only says how the caller signed in). */
function limits(c: TrustCondition): boolean {
  return c.restricts && c.kind !== "mfa";
}

function isTrustedScope(scope: TrustScope | null): boolean {
  return scope === "own_account" || scope === "trusted";
}

/** Which claim keys pin a federated caller down, per provider kind. */
function claimPins(provider: FederationProvider, key: string): boolean {
  const claim = key.toLowerCase().split(":").pop() ?? "";
  if (provider === "oidc") return claim === "sub";
  if (provider === "cognito") return claim === "aud";
  return ["sub", "aud", "app_id", "oaud"].includes(claim);
}

export function refLabel(ref: StatementRef): string {
  return ref.sid ? `"${ref.sid}"` : `#${ref.index + 1}`;
}

// ---- deny statements ------------------------------------------------------------------------------------------

type DenyGuard = { ref: StatementRef; conditions: TrustCondition[] };

function findDenies(
  doc: TPolicyDocument,
  principal: PrincipalEntry,
  actions: AssumeAction[],
  ctx: TrustContext,
): { cancelledBy: StatementRef | null; restricting: DenyGuard[] } {
  const restricting: DenyGuard[] = [];
  for (const [index, deny] of doc.Statement.entries()) {
    if (deny.Effect !== "Deny") continue;
    if (!actions.every((a) => grantsAction(deny, a))) continue;
    const ref = { index, sid: deny.Sid ?? null };
    const hasConditions = Object.keys(deny.Condition ?? {}).length > 0;
    if (deny.NotPrincipal) {
      // "Deny everyone except these": an open grant shrinks to the listed principals.
      if (principal.type === "Anyone") {
        const kept = notPrincipalCondition(deny.NotPrincipal, ref, ctx);
        if (!hasConditions && kept.restricts) restricting.push({ ref, conditions: [kept] });
        continue;
      }
      if (listedIn(deny.NotPrincipal, principal)) continue;
    } else if (!denyCoversPrincipal(deny, principal)) {
      continue;
    }
    if (!hasConditions) return { cancelledBy: ref, restricting: [] };
    const conditions = assessConditions(deny.Condition, ctx, ref, "deny");
    if (conditions.every((c) => c.restricts)) restricting.push({ ref, conditions });
  }
  return { cancelledBy: null, restricting };
}

function notPrincipalCondition(p: TPrincipal, ref: StatementRef, ctx: TrustContext): TrustCondition {
  const values = p === "*" ? ["*"] : [...(p.AWS ?? []), ...(p.Service ?? []), ...(p.Federated ?? []), ...(p.CanonicalUser ?? [])];
  const accounts = values.map(principalAccountId);
  const scope: TrustScope = accounts.every((a) => a !== null)
    ? scopeOf("account", accounts as string[], ctx)
    : "unknown";
  return {
    operator: "NotPrincipal",
    key: "NotPrincipal",
    values,
    kind: "identity",
    restricts: p !== "*" && values.length > 0,
    scope,
    fromDeny: ref,
    note: "Every principal not listed in the Deny's NotPrincipal is denied.",
  };
}

function denyCoversPrincipal(deny: TStatement, principal: PrincipalEntry): boolean {
  const p = deny.Principal;
  if (!p) return false;
  if (p === "*" || (p.AWS ?? []).includes("*")) return true;
  return listedIn(p, principal);
}

function listedIn(p: TPrincipal, principal: PrincipalEntry): boolean {
  if (p === "*") return true;
  const list = principal.type === "Anyone" ? [] : (p[principal.type] ?? []);
  return list.includes(principal.value);
}

// ---- conditions ------------------------------------------------------------------------------------------------

type KeyClass = "arn" | "account" | "org_id" | "org_path" | "opaque" | "ip";

/** Lower-cased condition keys that say who the caller is or what it must present, and how to read their values. */
const KEYS: Record<string, { kind: Exclude<TrustConditionKind, "mfa" | "claim" | "other">; cls: KeyClass }> = {
  "aws:principalarn": { kind: "identity", cls: "arn" },
  "aws:principalaccount": { kind: "identity", cls: "account" },
  "aws:principalorgid": { kind: "identity", cls: "org_id" },
  "aws:principalorgpaths": { kind: "identity", cls: "org_path" },
  "aws:sourcearn": { kind: "identity", cls: "arn" },
  "aws:sourceaccount": { kind: "identity", cls: "account" },
  "aws:sourceowner": { kind: "identity", cls: "account" },
  "aws:sourceorgid": { kind: "identity", cls: "org_id" },
  "aws:sourceorgpaths": { kind: "identity", cls: "org_path" },
  "aws:userid": { kind: "identity", cls: "opaque" },
  "sts:externalid": { kind: "secret", cls: "opaque" },
  "aws:sourcevpc": { kind: "network", cls: "opaque" },
  "aws:sourcevpce": { kind: "network", cls: "opaque" },
  "aws:sourceip": { kind: "network", cls: "ip" },
};

/** Keys that protect a service trust against the cross-service confused deputy. */
const SOURCE_KEYS = new Set(["aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths"]);

const MFA_KEYS = new Set(["aws:multifactorauthpresent", "aws:multifactorauthage"]);

const POSITIVE = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);
const NEGATED = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike"]);
const WILDCARD_OPERATORS = new Set(["stringlike", "arnequals", "arnlike", "stringnotlike", "arnnotequals", "arnnotlike"]);


function assessConditions(
  condition: TStatement["Condition"],
  ctx: TrustContext,
  fromDeny: StatementRef | null,
  effect: "allow" | "deny",
): TrustCondition[] {
  const out: TrustCondition[] = [];
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    const op = parseOperator(operator);
    for (const [key, values] of Object.entries(keys)) {
      const assessed = effect === "allow" ? assessAllowCondition(op, key.toLowerCase(), values, ctx) : assessDenyCondition(op, key.toLowerCase(), values, ctx);
      out.push({ operator, key, values, fromDeny, ...assessed });
    }
  }
  return out;
}

type Assessed = Pick<TrustCondition, "kind" | "restricts" | "scope" | "note">;

function kindOf(key: string): TrustConditionKind {
  if (KEYS[key]) return KEYS[key].kind;
  if (MFA_KEYS.has(key)) return "mfa";
  // Federation claims are named after the provider: "token.actions.githubusercontent.com:sub", "saml:aud".
  if (!key.startsWith("aws:") && !key.startsWith("sts:") && key.includes(":")) return "claim";
  return "other";
}

function assessAllowCondition(op: ParsedOperator, key: string, values: string[], ctx: TrustContext): Assessed {
  const kind = kindOf(key);
  const no = (note: string): Assessed => ({ kind, restricts: false, scope: null, note });

  if (kind === "mfa") {
    const requires =
      !op.ifExists &&
      ((key === "aws:multifactorauthpresent" && op.base === "bool" && values.length > 0 && values.every((v) => v.toLowerCase() === "true")) ||
        (key === "aws:multifactorauthage" && (op.base === "numericlessthan" || op.base === "numericlessthanequals")) ||
        (op.base === "null" && values.length > 0 && values.every((v) => v.toLowerCase() === "false")));
    // "restricts" here means "requires MFA"; MFA never says which account the caller is in.
    return { kind, restricts: requires, scope: null, note: requires ? "The caller must have signed in with MFA (any account can)." : "Does not require MFA." };
  }
  if (kind === "claim") {
    if (!POSITIVE.has(op.base) || op.ifExists || op.set === "all") return no("Only a positive, non-IfExists match on a claim limits federated callers.");
    const open = values.length === 0 || values.some((v) => /^[^:*?]*:?[*?]+$/.test(v) && WILDCARD_OPERATORS.has(op.base));
    return open ? no("A wildcard claim value lets in every identity of the provider.") : { kind, restricts: true, scope: null, note: "Federated callers must carry this token claim." };
  }
  if (kind === "other") return no("This key does not identify the caller.");

  const { cls } = KEYS[key];
  if (cls === "ip") {
    if (op.base !== "ipaddress" || op.ifExists) return no("Only IpAddress without IfExists limits the caller's network.");
    const open = values.length === 0 || values.some((v) => /\/0$/.test(v.trim()));
    return open ? no("The address range covers the whole internet.") : { kind, restricts: true, scope: null, note: "The caller must call from the listed networks." };
  }
  if (!POSITIVE.has(op.base)) return no("Only StringEquals, StringLike, ArnEquals and ArnLike pin a caller down; this operator does not.");
  if (op.ifExists) return no("IfExists lets in every caller that does not carry the key.");
  if (op.set === "all") return no("ForAllValues is true when the key is absent, so callers without it pass.");
  if (values.length === 0) return no("No values to match.");
  const loose = values.find((v) => !isConcrete(cls, v, WILDCARD_OPERATORS.has(op.base)));
  if (loose !== undefined) return no(`The wildcard value "${loose}" lets in callers from any account.`);
  return { kind, restricts: true, scope: kind === "identity" ? scopeOf(cls, values, ctx) : null, note: restrictNote(kind, cls) };
}

/** In a Deny, a negated condition on an identity key keeps out everyone who does not match its values. */
function assessDenyCondition(op: ParsedOperator, key: string, values: string[], ctx: TrustContext): Assessed {
  const kind = kindOf(key);
  const no = (note: string): Assessed => ({ kind, restricts: false, scope: null, note });
  const entry = KEYS[key];
  if (!entry) return no("This Deny condition does not say who the caller is, so the Deny does not limit the grant.");
  if (op.set !== null) return no("Set operators in a Deny are not used to narrow the grant.");
  if (entry.cls === "ip") {
    const open = values.length === 0 || values.some((v) => /\/0$/.test(v.trim()));
    return op.base === "notipaddress" && !open
      ? { kind, restricts: true, scope: null, note: "Callers outside the listed networks are denied." }
      : no("This Deny does not keep out callers outside a network.");
  }
  // A negated operator is true when the key is absent, so callers without the key are denied too, with or
  // without IfExists.
  if (!NEGATED.has(op.base)) return no("Only a negated operator in a Deny keeps out everyone but the listed values.");
  if (values.length === 0) return no("No values to match.");
  const loose = values.find((v) => !isConcrete(entry.cls, v, WILDCARD_OPERATORS.has(op.base)));
  if (loose !== undefined) return no(`The wildcard value "${loose}" keeps out nobody in particular.`);
  return {
    kind,
    restricts: true,
    scope: kind === "identity" ? scopeOf(entry.cls, values, ctx) : null,
    note: `Callers that do not match are denied. ${restrictNote(kind, entry.cls)}`,
  };
}

function restrictNote(kind: TrustConditionKind, cls: KeyClass): string {
  if (kind === "secret") return "The caller must present the external id agreed with this account.";
  if (kind === "network") return "The caller must come through the listed VPC or VPC endpoint.";
  switch (cls) {
    case "arn":
      return "Callers are limited to a concrete ARN.";
    case "account":
      return "Callers are limited to named accounts.";
    case "org_id":
    case "org_path":
      return "Callers are limited to an AWS Organization.";
    default:
      return "Callers are limited to named principals.";
  }
}

function hasWildcard(value: string, wildcards: boolean): boolean {
  return wildcards && /[*?]/.test(value);
}

function isConcrete(cls: KeyClass, value: string, wildcards: boolean): boolean {
  switch (cls) {
    case "arn": {
      const parts = value.split(":");
      if (parts.length < 6 || parts[0] !== "arn") return !hasWildcard(value, wildcards);
      const account = parts[4];
      if (account !== "") return !hasWildcard(account, wildcards);
      // Account-less ARNs (S3 buckets) name globally unique resources; a wildcard could match a bucket
      // anyone may create in their own account.
      return !hasWildcard(parts.slice(2).join(":"), wildcards);
    }
    case "org_path": {
      const org = value.split("/")[0];
      return org !== "" && !hasWildcard(org, wildcards);
    }
    case "opaque":
      // aws:userid "AROAEXAMPLE:*" names one role's sessions; a value that is only wildcards names nobody.
      return value !== "" && !(wildcards && /^[*?]+$/.test(value)) && !(wildcards && /^[*?]/.test(value));
    default:
      return value !== "" && !hasWildcard(value, wildcards);
  }
}

function scopeOf(cls: KeyClass, values: string[], ctx: TrustContext): TrustScope {
  const trustedAccounts = new Set(ctx.trustedAccountIds ?? []);
  const trustedOrgs = new Set(ctx.trustedOrganizationIds ?? []);
  const accountScope = (account: string): TrustScope =>
    account === ctx.accountId ? "own_account" : trustedAccounts.has(account) ? "trusted" : /^\d{12}$/.test(account) ? "external" : "unknown";
  let scopes: TrustScope[];
  switch (cls) {
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
      // The account's own organization id is not in the inventory: an organization counts as trusted only
      // when the installation lists it.
      scopes = values.map((v) => (trustedOrgs.has(v.split("/")[0]) ? "trusted" : "unknown"));
      break;
    default:
      scopes = values.map(() => "unknown");
  }
  for (const s of ["external", "unknown", "trusted"] as const) if (scopes.includes(s)) return s;
  return "own_account";
}

// ---- actions ---------------------------------------------------------------------------------------------------

function wildcardRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

/** Whether the statement's Action (or NotAction) covers the action; action names are case-insensitive. */
export function grantsAction(statement: TStatement, action: string): boolean {
  if (statement.Action) return statement.Action.some((p) => wildcardRegex(p).test(action));
  if (statement.NotAction) return !statement.NotAction.some((p) => wildcardRegex(p).test(action));
  return false;
}
