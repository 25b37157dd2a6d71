// Effective permissions of one principal (a role, or a user with its groups): the statements that apply to it,
// where each policy came from, what could not be read, and bit sets over the catalog that answer "which
// actions can it perform at all / on every resource / only under a condition" in a few word operations.
//
// Evaluation logic (IAM User Guide, "Policy evaluation logic", identity-based policies within one account):
// an explicit Deny in any identity policy or the permissions boundary wins; otherwise the request is allowed
// when an identity policy allows it AND, if a permissions boundary is set, the boundary allows it too.
import type { TIamGroupRecord, TIamPolicyRecord, TIamRoleRecord, TIamUserRecord, TParsedPolicy } from "@/scanners/iam/record";
import type { Fetched } from "@/lib/aws/fetched";
import { andInto, andNotInto, count, emptyBits, fullBits, hasBit, orInto, slabBits, type Bits } from "./bitset";
import type { ActionCatalog } from "./catalog";
import { orSetInto } from "./catalog";
import type { CompiledPolicy, CompiledStatement, PolicyCompiler } from "./compile";
import { evaluateConditions } from "./conditions";
import { FALSE, TRUE, UNKNOWN, UNKNOWN_VALUE, resourceMatches, triAnd, triOr, withKeys, type RequestContext, type Tri } from "./match";

export type PolicyKind = "inline" | "managed" | "aws-managed" | "boundary";

export type PolicySource = {
  kind: PolicyKind;
  name: string;
  /** Managed policy ARN; null for inline policies. */
  arn: string | null;
  /** The group the policy reaches a user through; null when attached to the principal itself. */
  via: string | null;
  /** The managed policy's default version. */
  versionId: string | null;
};

/** A policy the analysis needed but could not read: rules answer UNKNOWN instead of judging without it. */
export type LoadIssue = {
  policy: string;
  kind: PolicyKind;
  via: string | null;
  reason: "fetch_error" | "missing_from_inventory" | "no_default_version" | "group_missing";
  code: string | null;
  message: string;
};

export type StatementUse = {
  st: CompiledStatement;
  source: PolicySource;
  /** The statement's conditions under what is known about the principal (TRUE when it has none). */
  cond: Tri;
};

export type PrincipalKind = "role" | "user";

export type Principal = {
  /** Position in IamAnalysis.principals. */
  id: number;
  kind: PrincipalKind;
  arn: string;
  name: string;
  accountId: string;
  role: TIamRoleRecord | null;
  user: TIamUserRecord | null;
  /** Groups of a user (ARNs of the groups found in the inventory). */
  groupArns: string[];
  /** Managed policies attached to the principal or (users) to its groups. */
  attachedPolicyArns: string[];
  boundaryArn: string | null;
  issues: LoadIssue[];
  /** What is known about any request this principal makes (aws:PrincipalArn, its tags, ...). */
  context: RequestContext;
  perms: Permissions;
};

export type Permissions = {
  identity: StatementUse[];
  boundary: StatementUse[] | null;
  /** Actions some applicable Allow grants on some resource, within the boundary, minus certain full Denies. */
  allowMay: Bits;
  /** |allowMay| */
  allowCount: number;
  /** Actions granted on every resource of their type, without any condition and without any Deny that may apply. */
  unconstrained: Bits;
  /** Same, counting conditional grants: unconstrainedMay \ unconstrained are "conditional". */
  unconstrainedMay: Bits;
  /** Actions denied on every resource without condition. */
  denyAll: Bits;
  /** Actions a Deny on every resource may remove (conditional Denies included). */
  denyAllMay: Bits;
};

export type Decision = "allow" | "conditional" | "deny" | "none";

// ---------------------------------------------------------------------------------------------------------
// Gathering a principal's policies from the inventory.

export type PolicyIndex = Map<string, TIamPolicyRecord>;

type Loaded = { source: PolicySource; policy: CompiledPolicy };

function loadFetched(
  compiler: PolicyCompiler,
  fetched: Fetched<TParsedPolicy>,
  source: PolicySource,
  issues: LoadIssue[],
): Loaded | null {
  if (fetched.status === "ok") return { source, policy: compiler.compile(fetched.value.document, fetched.value.text) };
  if (fetched.status === "error") {
    issues.push({ policy: source.arn ?? source.name, kind: source.kind, via: source.via, reason: "fetch_error", code: fetched.code, message: fetched.message });
  } else {
    issues.push({ policy: source.arn ?? source.name, kind: source.kind, via: source.via, reason: "fetch_error", code: "MissingPolicyDocument", message: "The policy document is absent." });
  }
  return null;
}

export function loadManaged(compiler: PolicyCompiler, policies: PolicyIndex, arn: string, kind: PolicyKind, via: string | null, issues: LoadIssue[]): Loaded | null {
  const record = policies.get(arn);
  const name = arn.slice(arn.lastIndexOf("/") + 1);
  if (!record) {
    issues.push({ policy: arn, kind, via, reason: "missing_from_inventory", code: null, message: `Policy ${arn} is not in the inventory.` });
    return null;
  }
  const version = record.versions.find((v) => v.isDefault) ?? record.versions.find((v) => v.versionId === record.defaultVersionId);
  if (!version) {
    issues.push({ policy: arn, kind, via, reason: "no_default_version", code: null, message: `Policy ${arn} has no default version in the inventory.` });
    return null;
  }
  const effectiveKind: PolicyKind = kind === "boundary" ? "boundary" : record.isAwsManaged ? "aws-managed" : "managed";
  return loadFetched(compiler, version.policy, { kind: effectiveKind, name: record.name || name, arn, via, versionId: version.versionId }, issues);
}

export type PrincipalSources = {
  identity: Loaded[];
  boundary: Loaded | null;
  issues: LoadIssue[];
  groupArns: string[];
  attachedPolicyArns: string[];
};

export function roleSources(compiler: PolicyCompiler, policies: PolicyIndex, role: TIamRoleRecord): PrincipalSources {
  const issues: LoadIssue[] = [];
  const identity: Loaded[] = [];
  for (const p of role.inlinePolicies) {
    const l = loadFetched(compiler, p.policy, { kind: "inline", name: p.name, arn: null, via: null, versionId: null }, issues);
    if (l) identity.push(l);
  }
  for (const a of role.attachedPolicies) {
    const l = loadManaged(compiler, policies, a.arn, "managed", null, issues);
    if (l) identity.push(l);
  }
  const boundary = role.permissionsBoundary ? loadManaged(compiler, policies, role.permissionsBoundary.arn, "boundary", null, issues) : null;
  return { identity, boundary, issues, groupArns: [], attachedPolicyArns: role.attachedPolicies.map((a) => a.arn) };
}

export function userSources(compiler: PolicyCompiler, policies: PolicyIndex, groups: Map<string, TIamGroupRecord>, user: TIamUserRecord): PrincipalSources {
  const issues: LoadIssue[] = [];
  const identity: Loaded[] = [];
  const attached = user.attachedPolicies.map((a) => a.arn);
  const groupArns: string[] = [];
  for (const p of user.inlinePolicies) {
    const l = loadFetched(compiler, p.policy, { kind: "inline", name: p.name, arn: null, via: null, versionId: null }, issues);
    if (l) identity.push(l);
  }
  for (const a of user.attachedPolicies) {
    const l = loadManaged(compiler, policies, a.arn, "managed", null, issues);
    if (l) identity.push(l);
  }
  for (const g of user.groups) {
    const group = (g.arn && groups.get(g.arn)) || [...groups.values()].find((x) => x.name === g.name);
    if (!group) {
      issues.push({ policy: g.arn ?? g.name, kind: "inline", via: g.name, reason: "group_missing", code: null, message: `Group ${g.name} is not in the inventory.` });
      continue;
    }
    groupArns.push(group.arn);
    for (const p of group.inlinePolicies) {
      const l = loadFetched(compiler, p.policy, { kind: "inline", name: p.name, arn: null, via: group.name, versionId: null }, issues);
      if (l) identity.push(l);
    }
    for (const a of group.attachedPolicies) {
      attached.push(a.arn);
      const l = loadManaged(compiler, policies, a.arn, "managed", group.name, issues);
      if (l) identity.push(l);
    }
  }
  const boundary = user.permissionsBoundary ? loadManaged(compiler, policies, user.permissionsBoundary.arn, "boundary", null, issues) : null;
  return { identity, boundary, issues, groupArns, attachedPolicyArns: [...new Set(attached)] };
}

/** What every request of this principal carries, as far as the inventory tells. */
export function principalContext(kind: PrincipalKind, arn: string, accountId: string, name: string, userId: string | null, tags: Record<string, string>): RequestContext {
  const lowerTags = new Map(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));
  const known = new Map<string, string | undefined>([
    ["aws:principalarn", arn],
    ["aws:principalaccount", accountId],
    ["aws:principaltype", kind === "role" ? "AssumedRole" : "User"],
    ["aws:principalisawsservice", "false"],
    ["aws:principalservicename", undefined],
    ["aws:username", kind === "user" ? name : undefined],
  ]);
  if (kind === "user" && userId) known.set("aws:userid", userId);
  return {
    get(key) {
      if (known.has(key)) return known.get(key);
      if (key.startsWith("aws:principaltag/")) return lowerTags.get(key.slice("aws:principaltag/".length));
      return UNKNOWN_VALUE;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Bit sets.

export function computePermissions(catalog: ActionCatalog, sources: Pick<PrincipalSources, "identity" | "boundary">, context: RequestContext): Permissions {
  const size = catalog.size;
  const identity = uses(sources.identity, context);
  const boundary = sources.boundary ? uses([sources.boundary], context) : null;

  // Dense passes over the whole catalog cost ~1.5 µs each; only the sets something was written to are touched.
  let denies = 0;
  let maybeDenies = 0;
  let conditional = 0;
  const denyAll = scratch(size, 0);
  const denyAllMay = scratch(size, 1);
  const collect = (loaded: Loaded[], list: StatementUse[], may: Bits, unc: Bits, uncMay: Bits) => {
    // unconditional Allows: one precomputed set per policy
    for (const l of loaded) {
      if (l.policy.staticAllow) orSetInto(may, l.policy.staticAllow);
      if (l.policy.staticUnconstrained) orSetInto(unc, l.policy.staticUnconstrained);
    }
    for (const u of list) {
      const st = u.st;
      if (u.cond === FALSE || (st.effect === "Allow" && st.conditions.length === 0)) continue;
      if (st.effect === "Deny") {
        if (st.resourceAll) {
          orSetInto(denyAllMay, st.actions);
          maybeDenies++;
          if (u.cond === TRUE) {
            orSetInto(denyAll, st.actions);
            denies++;
          }
        }
        continue;
      }
      orSetInto(may, st.actions);
      if (st.unconstrained === catalog.empty) continue;
      if (u.cond === TRUE) orSetInto(unc, st.unconstrainedSet);
      else {
        orSetInto(uncMay, st.unconstrainedSet);
        conditional++;
      }
    }
  };
  const idMay = slabBits(size);
  const idUnc = slabBits(size);
  // conditional grants on every resource, beyond the unconditional ones
  const idUncMay = scratch(size, 2);
  collect(sources.identity, identity, idMay, idUnc, idUncMay);
  if (boundary && sources.boundary) {
    const bMay = scratch(size, 3);
    const bUnc = scratch(size, 4);
    const bUncMay = scratch(size, 5);
    collect([sources.boundary], boundary, bMay, bUnc, bUncMay);
    // conditional-or-not on both sides
    if (conditional > 0) {
      orInto(idUncMay, idUnc);
      orInto(bUncMay, bUnc);
      andInto(idUncMay, bUncMay);
    }
    andInto(idMay, bMay);
    andInto(idUnc, bUnc);
  } else if (conditional > 0) {
    orInto(idUncMay, idUnc);
  }
  // Grants on every resource that hold only under a condition: conditional Allows, and unconditional ones
  // a conditional Deny may cut.
  const hasConditional = conditional > 0 || maybeDenies > denies;
  if (hasConditional) {
    if (!(conditional > 0)) orInto(idUncMay, idUnc);
    if (denies) andNotInto(idUncMay, denyAll);
  }
  if (denies) andNotInto(idMay, denyAll);
  if (maybeDenies) andNotInto(idUnc, denyAllMay);
  return {
    identity,
    boundary,
    allowMay: idMay,
    allowCount: count(idMay),
    unconstrained: idUnc,
    unconstrainedMay: hasConditional ? keep(idUncMay) : idUnc,
    denyAll: denies ? keep(denyAll) : catalog.empty,
    denyAllMay: maybeDenies ? keep(denyAllMay) : catalog.empty,
  };
}

const scratchSets: Bits[] = [];
/** Zeroed work sets reused from one principal to the next; keep() copies out the ones that stay. */
function scratch(size: number, slot: number): Bits {
  let b = scratchSets[slot];
  if (!b || b.length !== (size + 31) >>> 5) scratchSets[slot] = b = emptyBits(size);
  else b.fill(0);
  return b;
}

function keep(b: Bits): Bits {
  const out = slabBits(b.length * 32);
  out.set(b);
  return out;
}

function uses(loaded: Loaded[], context: RequestContext): StatementUse[] {
  const out: StatementUse[] = [];
  for (const l of loaded) {
    for (const st of l.policy.statements) {
      out.push({ st, source: l.source, cond: st.conditions.length ? evaluateConditions(st.conditions, context) : TRUE });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// One request: may the principal perform `action` (catalog index) on `resource` (an ARN, or "*")?

export function statementApplies(st: CompiledStatement, action: number, resource: string, ctx: RequestContext): Tri {
  if (!hasBit(st.actions.bits, action)) return FALSE;
  let res: Tri;
  if (st.resources) {
    res = FALSE;
    for (const p of st.resources) {
      res = triOr(res, resourceMatches(p, resource, ctx));
      if (res === TRUE) break;
    }
  } else if (st.notResources) {
    let any: Tri = FALSE;
    for (const p of st.notResources) {
      any = triOr(any, resourceMatches(p, resource, ctx));
      if (any === TRUE) break;
    }
    res = any === TRUE ? FALSE : any === FALSE ? TRUE : UNKNOWN;
  } else {
    res = FALSE;
  }
  if (res === FALSE || st.conditions.length === 0) return res;
  return triAnd(res, evaluateConditions(st.conditions, ctx));
}

export type DecisionDetail = {
  decision: Decision;
  /** The statements that allowed (or may allow) it, and the Denies that (may) apply. */
  allows: StatementUse[];
  denies: StatementUse[];
  boundaryAllows: StatementUse[] | null;
};

/**
 * Decide one request. `ctx` is what is known about the request (for analysis: the principal's context plus a
 * few keys such as iam:PassedToService; for B6 queries: the full context).
 */
export function decide(perms: Permissions, action: number, resource: string, ctx: RequestContext, detail = false): DecisionDetail {
  let allow: Tri = FALSE;
  let deny: Tri = FALSE;
  const allows: StatementUse[] = [];
  const denies: StatementUse[] = [];
  for (const u of perms.identity) {
    const r = statementApplies(u.st, action, resource, ctx);
    if (r === FALSE) continue;
    if (u.st.effect === "Deny") {
      deny = triOr(deny, r);
      if (detail) denies.push(u);
    } else {
      allow = triOr(allow, r);
      if (detail) allows.push(u);
    }
  }
  let boundaryAllows: StatementUse[] | null = null;
  if (perms.boundary) {
    let b: Tri = FALSE;
    boundaryAllows = [];
    for (const u of perms.boundary) {
      const r = statementApplies(u.st, action, resource, ctx);
      if (r === FALSE) continue;
      if (u.st.effect === "Deny") {
        deny = triOr(deny, r);
        if (detail) denies.push(u);
      } else {
        b = triOr(b, r);
        if (detail) boundaryAllows.push(u);
      }
    }
    allow = triAnd(allow, b);
  }
  let decision: Decision;
  if (deny === TRUE) decision = "deny";
  else if (allow === FALSE) decision = "none";
  else if (allow === TRUE && deny === FALSE) decision = "allow";
  else decision = "conditional";
  return { decision, allows, denies, boundaryAllows };
}

/** decide() in analysis mode: the principal's own context plus request keys the caller knows. */
export function decideFor(p: Principal, action: number, resource: string, extra: Record<string, string | string[] | undefined> = {}): Decision {
  if (!hasBit(p.perms.allowMay, action)) return "none";
  const ctx = Object.keys(extra).length ? withKeys(p.context, extra) : p.context;
  return decide(p.perms, action, resource, ctx).decision;
}

export function fullAllowed(catalog: ActionCatalog, perms: Permissions): boolean {
  const all = fullBits(catalog.size);
  for (let i = 0; i < all.length; i++) if ((perms.unconstrained[i] & all[i]) !== all[i]) return false;
  return true;
}
