// Lantern's IAM privilege analysis of one account: effective permissions of every role and user, risk
// classes, privilege-escalation techniques, transitive escalation through other roles, functions and users,
// and unused permissions. Pure: it reads the normalized inventory only and calls no AWS API.
//
//   const iam = ctx.shared("iam", () => analyzeAccountIam(inventory));
//
// Everything past effective permissions is computed on first use and memoized, so a rule pays only for what
// it reads. After a policy change, reanalyzeIam() rebuilds only the principals that use the policy.
import type { RuleInventory } from "@/lib/rules/types";
import type { TIamGroupRecord, TIamRoleRecord, TIamUserRecord } from "@/scanners/iam/record";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { actionCatalog, type ActionCatalog } from "./catalog";
import { adminStatus, riskClasses, statementEvidence, type AdminStatus, type RiskClasses, type StatementEvidence } from "./classes";
import { PolicyCompiler } from "./compile";
import {
  functionAccess,
  outEdges,
  selfEscalations,
  type Certainty,
  type Edge,
  type EscalationModel,
  type EscalationStep,
  type FunctionModifier,
  type SelfEscalation,
  type Technique,
} from "./escalation";
import { chainFrom, distancesToAdmin, type ChainLink, type Distances } from "./graph";
import { withKeys } from "./match";
import { countRange, forEachBit, forEachCommonBit, hasBit } from "./bitset";
import {
  computePermissions,
  decide,
  principalContext,
  roleSources,
  userSources,
  type Permissions,
  type PolicyIndex,
  type Principal,
  type PrincipalSources,
} from "./permissions";
import { roleTrust, type RoleTrust } from "./trust";
import { ArnUniverse } from "./universe";
import { unusedPermissions, type UnusedAnalysis } from "./unused";

/** The slice of the rule inventory the analysis reads. */
export type IamInventory = Pick<RuleInventory, "accountId" | "iamRoles" | "iamUsers" | "iamGroups" | "iamPolicies"> & {
  lambdaFunctions: Pick<TLambdaFunctionRecord, "arn" | "name" | "region" | "roleArn">[];
};

export type FunctionNode = { arn: string; name: string; region: string; roleArn: string | null; roleId: number | null };

/** One privilege-escalation finding of a principal (R-07). */
export type EscalationFinding = {
  technique: Technique;
  certainty: Certainty;
  /** self: rewrites its own permissions; principal: acts as other principals. */
  kind: "self" | "principal";
  steps: EscalationStep[];
  /** Other techniques that reach the same targets the same way. */
  alternatives: Technique[];
  /** Principals it can act as and gains from (administrators first, at most 10). */
  targets: { arn: string; name: string; kind: "role" | "user"; adminEquivalent: boolean; via: string[] | null }[];
  /** How many principals the technique reaches in all (gaining or not). */
  targetCount: number;
  /** "admin": it reaches (or can make itself) an administrator; "more": it gains some permissions. */
  gain: "admin" | "more";
  /** Self escalations: the policy or group it acts on. */
  target: string | null;
};

export type TransitiveEscalation = {
  /** Shortest chain of definite hops to an administrator-equivalent principal. */
  chain: ChainLink[] | null;
  /** When no definite chain exists: a chain that depends on a condition somewhere. */
  conditionalChain: ChainLink[] | null;
  /** Principals it can act as directly (one hop, definite). */
  directTargets: number;
};

const TARGET_LIMIT = 10;

type ModifierEntry = { principalId: number; access: ReturnType<typeof functionAccess> };

/** Who can change one function (R-09). */
export type FunctionModifiers = {
  /** Principals other than administrators, each with its strongest technique. */
  modifiers: FunctionModifier[];
  /** Administrator-equivalent principals that can change it (they gain nothing from it). */
  administrators: number;
  administratorSample: number[];
};

export class IamAnalysis {
  readonly catalog: ActionCatalog;
  readonly compiler: PolicyCompiler;
  readonly accountId: string;
  readonly principals: Principal[];
  readonly byArn: Map<string, Principal>;
  readonly functions: FunctionNode[];
  readonly policies: PolicyIndex;
  readonly groups: Map<string, TIamGroupRecord>;
  readonly trust: (RoleTrust | null)[];
  private serviceIndex = new Map<string, { id: number; certainty: 0 | 1 | 2 }[]>();
  private namingIndex = new Map<string, { id: number; certainty: 0 | 1 | 2 }[]>();
  private accountTrusting: { id: number; certainty: 0 | 1 | 2 }[] = [];
  private anyoneTrusting: { id: number; certainty: 0 | 1 | 2 }[] = [];
  private readonly classMemo: (RiskClasses | undefined)[];
  private readonly adminMemo: (AdminStatus | undefined)[];
  private readonly adminEqMemo: ("definite" | "conditional" | false | undefined)[];
  private readonly escalationModel: EscalationModel;
  private readonly selfMemo: (SelfEscalation[] | undefined)[];
  private readonly edgeMemo: (Edge[] | undefined)[];
  private findingMemo: (EscalationFinding[] | undefined)[];
  private dist: Distances | null = null;
  private readonly functionIndex: Map<string, number>;

  constructor(init: {
    catalog: ActionCatalog;
    compiler: PolicyCompiler;
    accountId: string;
    principals: Principal[];
    functions: FunctionNode[];
    policies: PolicyIndex;
    groups: Map<string, TIamGroupRecord>;
    trust: (RoleTrust | null)[];
    reuse?: { from: IamAnalysis; changed: Set<number> };
  }) {
    this.catalog = init.catalog;
    this.compiler = init.compiler;
    this.accountId = init.accountId;
    this.principals = init.principals;
    this.byArn = new Map(init.principals.map((p) => [p.arn, p]));
    this.functions = init.functions;
    this.functionIndex = new Map(init.functions.map((f, i) => [f.arn, i]));
    this.policies = init.policies;
    this.groups = init.groups;
    this.trust = init.trust;
    const n = init.principals.length;
    this.classMemo = new Array(n);
    this.adminMemo = new Array(n);
    this.adminEqMemo = new Array(n);
    this.selfMemo = new Array(n);
    this.edgeMemo = new Array(n);
    this.findingMemo = new Array(n);
    if (init.reuse) {
      const { from, changed } = init.reuse;
      for (let i = 0; i < n; i++) {
        if (changed.has(i)) continue;
        this.classMemo[i] = from.classMemo[i];
        this.adminMemo[i] = from.adminMemo[i];
        this.adminEqMemo[i] = from.adminEqMemo[i];
        this.selfMemo[i] = from.selfMemo[i];
        this.edgeMemo[i] = from.edgeMemo[i];
      }
    }
    const prevModel = init.reuse && init.reuse.from.trust === init.trust ? init.reuse.from : null;
    if (prevModel) {
      this.serviceIndex = prevModel.serviceIndex;
      this.namingIndex = prevModel.namingIndex;
      this.accountTrusting = prevModel.accountTrusting;
      this.anyoneTrusting = prevModel.anyoneTrusting;
    }
    if (init.reuse) for (let i = 0; i < n; i++) if (!init.reuse.changed.has(i)) this.serviceMasks[i] = init.reuse.from.serviceMasks[i];
    if (!prevModel) this.trust.forEach((t, id) => {
      if (!t) return;
      for (const [svc, e] of t.services) pushTo(this.serviceIndex, svc, { id, certainty: e.certainty });
      for (const [arn, e] of t.principals) pushTo(this.namingIndex, arn, { id, certainty: e.certainty });
      if (t.account) this.accountTrusting.push({ id, certainty: t.account.certainty });
      if (t.anyone) this.anyoneTrusting.push({ id, certainty: t.anyone.certainty });
    });
    const roles = this.principals.filter((p) => p.kind === "role");
    const users = this.principals.filter((p) => p.kind === "user");
    const roleIndex = new Int32Array(n).fill(-1);
    roles.forEach((r, k) => (roleIndex[r.id] = k));
    const reuseUniverse = init.reuse && init.reuse.from.principals.length === n ? init.reuse.from.escalationModel : null;
    this.escalationModel = {
      catalog: this.catalog,
      compiler: this.compiler,
      accountId: this.accountId,
      principals: this.principals,
      roles,
      users,
      roleUniverse: reuseUniverse?.roleUniverse ?? universeFor(`${this.accountId}|roles`, roles.map((r) => r.arn)),
      userUniverse: reuseUniverse?.userUniverse ?? universeFor(`${this.accountId}|users`, users.map((u) => u.arn)),
      functionUniverse: reuseUniverse?.functionUniverse ?? universeFor(`${this.accountId}|functions`, this.functions.map((f) => f.arn)),
      roleIndex,
      rolesTrustingService: (s) => this.serviceIndex.get(s) ?? [],
      rolesNamingPrincipal: (a) => this.namingIndex.get(a) ?? [],
      rolesTrustingAccount: () => this.accountTrusting,
      rolesTrustingAnyone: () => this.anyoneTrusting,
      functions: this.functions,
      policies: this.policies,
      groups: this.groups,
      adminEquivalent: (id) => this.adminEquivalent(this.principals[id]),
    };
  }

  private get model(): EscalationModel {
    return this.escalationModel;
  }

  principal(arn: string): Principal | undefined {
    return this.byArn.get(arn);
  }

  get roles(): Principal[] {
    return this.principals.filter((p) => p.kind === "role");
  }

  classes(p: Principal): RiskClasses {
    return (this.classMemo[p.id] ??= riskClasses(this.catalog, p));
  }

  selfEscalations(p: Principal): SelfEscalation[] {
    return (this.selfMemo[p.id] ??= selfEscalations(this.model, p));
  }

  /** Principals `p` can act as; empty for administrator-equivalent principals (they have nothing to gain). */
  edges(p: Principal): Edge[] {
    return (this.edgeMemo[p.id] ??= this.adminEquivalent(p) === "definite" ? [] : outEdges(this.model, p));
  }

  /** The functions of a function edge that run as `target`. */
  via(e: Edge, target: number, limit = 5): string[] | null {
    if (!e.functions) return null;
    const out: string[] = [];
    for (let w = 0; w < e.functions.length && out.length < limit; w++) {
      let word = e.functions[w];
      while (word !== 0 && out.length < limit) {
        const low = word & -word;
        const f = this.functions[(w << 5) + (31 - Math.clz32(low))];
        if (f.roleId === target) out.push(f.arn);
        word ^= low;
      }
    }
    return out;
  }

  adminStatus(p: Principal): AdminStatus {
    return (this.adminMemo[p.id] ??= adminStatus(this.catalog, p));
  }

  /** "definite": admin, or can make itself one; "conditional": only under a condition; false otherwise. */
  adminEquivalent(p: Principal): "definite" | "conditional" | false {
    const memo = this.adminEqMemo[p.id];
    if (memo !== undefined) return memo;
    let r: "definite" | "conditional" | false = false;
    if (this.adminStatus(p).adminEquivalent) r = "definite";
    else {
      const self = this.selfEscalations(p).filter((s) => s.reach === "admin");
      if (self.some((s) => s.certainty === "definite")) r = "definite";
      else if (self.length) r = "conditional";
    }
    this.adminEqMemo[p.id] = r;
    return r;
  }

  /** Named escalation techniques the principal can use by itself (R-07), with what they gain. */
  escalations(p: Principal): EscalationFinding[] {
    const memo = this.findingMemo[p.id];
    if (memo) return memo;
    const out: EscalationFinding[] = [];
    for (const s of this.selfEscalations(p)) {
      out.push({ technique: s.technique, alternatives: [], certainty: s.certainty, kind: "self", steps: s.steps, targets: [], targetCount: 0, gain: s.reach === "admin" ? "admin" : "more", target: s.target });
    }
    for (const e of this.edges(p)) {
      const targets: EscalationFinding["targets"] = [];
      let admin = false;
      // Targets it gains from: administrators first, then the first few that grant something new. The
      // search stops there; the full target count comes from the edge.
      const admins = this.adminBits();
      forEachCommonBit(e.targets, admins, (id) => {
        const t = this.principals[id];
        admin = true;
        targets.push({ arn: t.arn, name: t.name, kind: t.kind, adminEquivalent: true, via: this.via(e, id) });
        return targets.length < TARGET_LIMIT;
      });
      if (targets.length < TARGET_LIMIT) {
        forEachBit(e.targets, (id) => {
          const t = this.principals[id];
          if (hasBit(admins, id) || !this.gains(p, t)) return;
          targets.push({ arn: t.arn, name: t.name, kind: t.kind, adminEquivalent: false, via: this.via(e, id) });
          return targets.length < TARGET_LIMIT;
        });
      }
      if (!targets.length) continue;
      out.push({ technique: e.technique, alternatives: e.alternatives, certainty: e.certainty, kind: "principal", steps: e.steps, targets, targetCount: e.targetCount, gain: admin ? "admin" : "more", target: null });
    }
    this.findingMemo[p.id] = out;
    return out;
  }

  private serviceMasks: ({ any: Uint32Array; full: Uint32Array } | undefined)[] = [];

  /** Services with any action allowed, and services with every action allowed (bits over the service list). */
  private masks(p: Principal): { any: Uint32Array; full: Uint32Array } {
    let m = this.serviceMasks[p.id];
    if (!m) {
      const c = this.catalog;
      const words = (c.serviceList.length + 31) >>> 5;
      m = { any: new Uint32Array(words), full: new Uint32Array(words) };
      const bits = p.perms.allowMay;
      c.serviceList.forEach((svc, k) => {
        const { start, end } = c.services.get(svc)!;
        const n = countRange(bits, start, end);
        if (n) m!.any[k >>> 5] |= 1 << (k & 31);
        if (n === end - start) m!.full[k >>> 5] |= 1 << (k & 31);
      });
      this.serviceMasks[p.id] = m;
    }
    return m;
  }

  /**
   * Whether acting as `t` gives `p` an action it lacks. Service masks settle most pairs: a service `t` uses
   * that `p` lacks entirely is a gain; services `p` holds whole cannot be; only the rest is compared bit by bit.
   */
  gains(p: Principal, t: Principal): boolean {
    if (t.perms.allowCount > p.perms.allowCount) return true;
    const mp = this.masks(p);
    const mt = this.masks(t);
    for (let w = 0; w < mp.any.length; w++) if (mt.any[w] & ~mp.any[w]) return true;
    const c = this.catalog;
    const a = t.perms.allowMay;
    const b = p.perms.allowMay;
    for (let w = 0; w < mp.any.length; w++) {
      let word = mt.any[w] & ~mp.full[w];
      while (word !== 0) {
        const low = word & -word;
        const { start, end } = c.services.get(c.serviceList[(w << 5) + (31 - Math.clz32(low))])!;
        for (let i = start; i < end; i++) if (a[i >>> 5] & (1 << (i & 31)) && !(b[i >>> 5] & (1 << (i & 31)))) return true;
        word ^= low;
      }
    }
    return false;
  }

  private adminSet: Uint32Array | null = null;
  /** Bits (over principal ids) of the definitely administrator-equivalent principals. */
  adminBits(): Uint32Array {
    if (!this.adminSet) {
      const b = new Uint32Array((this.principals.length + 31) >>> 5);
      for (const p of this.principals) if (this.adminEquivalent(p) === "definite") b[p.id >>> 5] |= 1 << (p.id & 31);
      this.adminSet = b;
    }
    return this.adminSet;
  }

  private distances(): Distances {
    if (!this.dist) {
      this.dist = distancesToAdmin(
        this.principals.length,
        (id) => this.edges(this.principals[id]),
        (id) => this.adminEquivalent(this.principals[id]) === "definite",
        (id) => this.adminEquivalent(this.principals[id]) === "conditional",
      );
    }
    return this.dist;
  }

  /** Chains through other principals to an administrator-equivalent one (R-08). */
  transitive(p: Principal): TransitiveEscalation {
    const d = this.distances();
    const chain = d.definite[p.id] > 0 ? chainFrom(p.id, d.nextDefinite) : null;
    const conditionalChain = !chain && d.any[p.id] > 0 ? chainFrom(p.id, d.nextAny) : null;
    const direct = new Set<number>();
    for (const e of this.edges(p)) if (e.certainty === "definite") forEachBit(e.targets, (t) => void direct.add(t));
    return { chain, conditionalChain, directTargets: direct.size };
  }

  private modifierIndex: { entries: ModifierEntry[]; adminCounts: Int32Array; adminSamples: number[][] } | null = null;

  /** Principals that can change the code or configuration of a function (R-09), its own role excluded. */
  functionModifiers(functionArn: string): FunctionModifiers {
    if (!this.modifierIndex) {
      const n = this.functions.length;
      const entries: ModifierEntry[] = [];
      const adminCounts = new Int32Array(n);
      const adminSamples: number[][] = Array.from({ length: n }, () => []);
      for (const p of this.principals) {
        const access = functionAccess(this.model, p);
        if (!access.length) continue;
        if (this.adminEquivalent(p) === "definite") {
          const any = new Uint32Array(access[0].definite.length);
          for (const a of access) for (let w = 0; w < any.length; w++) any[w] |= a.definite[w] | a.conditional[w];
          forEachBit(any, (k) => {
            if (this.functions[k].roleId === p.id) return;
            adminCounts[k]++;
            if (adminSamples[k].length < 5) adminSamples[k].push(p.id);
          });
        } else {
          entries.push({ principalId: p.id, access });
        }
      }
      this.modifierIndex = { entries, adminCounts, adminSamples };
    }
    const k = this.functionIndex.get(functionArn);
    if (k === undefined) return { modifiers: [], administrators: 0, administratorSample: [] };
    const role = this.functions[k].roleId;
    const modifiers: FunctionModifier[] = [];
    for (const e of this.modifierIndex.entries) {
      if (e.principalId === role) continue;
      // techniques come strongest first: the first definite one, else the first conditional one
      const hit = e.access.find((a) => hasBit(a.definite, k)) ?? e.access.find((a) => hasBit(a.conditional, k));
      if (hit) modifiers.push({ principalId: e.principalId, technique: hit.technique, certainty: hasBit(hit.definite, k) ? "definite" : "conditional", canInvoke: hit.canInvoke });
    }
    return { modifiers, administrators: this.modifierIndex.adminCounts[k], administratorSample: this.modifierIndex.adminSamples[k] };
  }

  unused(p: Principal, now: Date, days: number): UnusedAnalysis | null {
    if (!p.role || p.role.lastAccessed.status !== "ok") return null;
    return unusedPermissions(this.catalog, p, p.role.lastAccessed.value, now, days);
  }

  /** The statements that allow one step of a path (for evidence). */
  explainStep(p: Principal, step: EscalationStep, resource = step.resource): StatementEvidence[] {
    const i = this.catalog.indexOf(step.action);
    if (i < 0) return [];
    const ctx = step.context ? withKeys(p.context, step.context) : p.context;
    const d = decide(p.perms, i, resource, ctx, true);
    return [...d.allows, ...(d.boundaryAllows ?? [])].map(statementEvidence);
  }

  /** Forces every lazy part (benchmarks). */
  analyzeAll(): void {
    for (const p of this.principals) {
      this.classes(p);
      this.escalations(p);
    }
    for (const p of this.principals) this.transitive(p);
    if (this.functions.length) this.functionModifiers(this.functions[0].arn);
  }
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

// ---------------------------------------------------------------------------------------------------------
// Building.

type Built = {
  policies: PolicyIndex;
  groups: Map<string, TIamGroupRecord>;
  roles: TIamRoleRecord[];
  users: TIamUserRecord[];
};

function indexes(inv: IamInventory): Built {
  return {
    policies: new Map(inv.iamPolicies.map((p) => [p.arn, p])),
    groups: new Map(inv.iamGroups.map((g) => [g.arn, g])),
    roles: inv.iamRoles,
    users: inv.iamUsers,
  };
}

function makePrincipal(catalog: ActionCatalog, compiler: PolicyCompiler, b: Built, id: number, record: { role?: TIamRoleRecord; user?: TIamUserRecord }): Principal {
  let sources: PrincipalSources;
  let context;
  if (record.role) {
    const r = record.role;
    sources = roleSources(compiler, b.policies, r);
    context = principalContext("role", r.arn, r.accountId, r.name, r.roleId, r.tags);
  } else {
    const u = record.user!;
    sources = userSources(compiler, b.policies, b.groups, u);
    context = principalContext("user", u.arn, u.accountId, u.name, u.userId, u.tags);
  }
  const r = record.role ?? record.user!;
  // Same documents, same principal context: the same permissions (a re-scan of an unchanged account).
  const key = `${r.arn}|${record.user?.userId ?? ""}|${JSON.stringify(r.tags)}|${sources.identity.map((l) => `${l.policy.id}:${l.source.kind}:${l.source.via ?? ""}:${l.source.arn ?? l.source.name}`).join(",")}|${sources.boundary?.policy.id ?? ""}`;
  let perms = compiler.permissionsCache.get(key) as Permissions | undefined;
  if (!perms) {
    perms = computePermissions(catalog, sources, context);
    if (compiler.permissionsCache.size > 100_000) compiler.permissionsCache.clear();
    compiler.permissionsCache.set(key, perms);
  }
  return {
    id,
    kind: record.role ? "role" : "user",
    arn: r.arn,
    name: r.name,
    accountId: r.accountId,
    role: record.role ?? null,
    user: record.user ?? null,
    groupArns: sources.groupArns,
    attachedPolicyArns: sources.attachedPolicyArns,
    boundaryArn: r.permissionsBoundary?.arn ?? null,
    issues: sources.issues,
    context,
    perms,
  };
}

function functionNodes(inv: IamInventory, byArn: Map<string, Principal>): FunctionNode[] {
  return inv.lambdaFunctions.map((f) => {
    const role = f.roleArn ? byArn.get(f.roleArn) : undefined;
    return { arn: f.arn, name: f.name, region: f.region, roleArn: f.roleArn, roleId: role && role.kind === "role" ? role.id : null };
  });
}

export function analyzeAccountIam(inv: IamInventory, options: { catalog?: ActionCatalog } = {}): IamAnalysis {
  const catalog = options.catalog ?? actionCatalog();
  const compiler = compilerFor(catalog, inv.accountId);
  const b = indexes(inv);
  const principals: Principal[] = [];
  for (const role of b.roles) principals.push(makePrincipal(catalog, compiler, b, principals.length, { role }));
  for (const user of b.users) principals.push(makePrincipal(catalog, compiler, b, principals.length, { user }));
  const byArn = new Map(principals.map((p) => [p.arn, p]));
  const trust = principals.map((p) => (p.role ? roleTrust(catalog, p.role, inv.accountId) : null));
  return new IamAnalysis({ catalog, compiler, accountId: inv.accountId, principals, functions: functionNodes(inv, byArn), policies: b.policies, groups: b.groups, trust });
}

/**
 * Re-analysis after a change: `inv` is the new inventory, in which only the named policies (managed policy
 * ARNs) and principals (role/user ARNs, e.g. an inline policy or trust policy edit) changed. Principals that use
 * a changed policy are rebuilt; everything else is reused, and the graph is recomputed on demand.
 */
export function reanalyzeIam(prev: IamAnalysis, inv: IamInventory, changed: { policyArns?: string[]; principalArns?: string[] }): IamAnalysis {
  const b = indexes(inv);
  const policySet = new Set(changed.policyArns ?? []);
  const principalSet = new Set(changed.principalArns ?? []);
  const groupArnsChanged = new Set(inv.iamGroups.filter((g) => g.attachedPolicies.some((a) => policySet.has(a.arn))).map((g) => g.arn));
  const affected = new Set<number>();
  const principals = prev.principals.slice();
  const roleByArn = principalSet.size ? new Map(inv.iamRoles.map((r) => [r.arn, r])) : null;
  const userByArn = principalSet.size ? new Map(inv.iamUsers.map((u) => [u.arn, u])) : null;
  for (const p of prev.principals) {
    const uses = principalSet.has(p.arn) || p.attachedPolicyArns.some((a) => policySet.has(a)) || (p.boundaryArn !== null && policySet.has(p.boundaryArn)) || p.groupArns.some((g) => groupArnsChanged.has(g));
    if (!uses) continue;
    const role = p.kind === "role" ? (roleByArn?.get(p.arn) ?? inv.iamRoles.find((r) => r.arn === p.arn)) : undefined;
    const user = p.kind === "user" ? (userByArn?.get(p.arn) ?? inv.iamUsers.find((u) => u.arn === p.arn)) : undefined;
    if (!role && !user) continue; // deleted principals: a full analysis handles removals
    principals[p.id] = makePrincipal(prev.catalog, prev.compiler, b, p.id, { role, user });
    affected.add(p.id);
  }
  const trust = principalSet.size ? principals.map((p) => (p.role ? roleTrust(prev.catalog, p.role, inv.accountId) : null)) : prev.trust;
  return new IamAnalysis({
    catalog: prev.catalog,
    compiler: prev.compiler,
    accountId: prev.accountId,
    principals,
    functions: prev.functions,
    policies: b.policies,
    groups: b.groups,
    trust,
    reuse: { from: prev, changed: affected },
  });
}

/** Which principals a re-analysis rebuilt (for benchmarks and incremental callers). */
export function changedPrincipals(prev: IamAnalysis, next: IamAnalysis): Principal[] {
  return next.principals.filter((p, i) => prev.principals[i] !== p);
}

// The account's role/user/function lists rarely change between scans: their pattern memos are kept.
const universes = new Map<string, ArnUniverse>();
function universeFor(key: string, arns: string[]): ArnUniverse {
  const prev = universes.get(key);
  if (prev && prev.arns.length === arns.length && prev.arns.every((a, i) => a === arns[i])) return prev;
  if (universes.size > 48) universes.clear();
  const u = new ArnUniverse(arns);
  universes.set(key, u);
  return u;
}

// Compiled policies are shared across analyses of the same account (a scan re-reads mostly the same documents).
const compilers = new Map<string, PolicyCompiler>();
function compilerFor(catalog: ActionCatalog, accountId: string): PolicyCompiler {
  const key = `${catalog.version}|${accountId}`;
  let c = compilers.get(key);
  if (!c || c.catalog !== catalog) {
    if (compilers.size > 16) compilers.clear();
    c = new PolicyCompiler(catalog, accountId);
    compilers.set(key, c);
  }
  return c;
}

