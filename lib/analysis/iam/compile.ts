// Policy documents compiled once per distinct text: each statement's Action/NotAction becomes a set over the
// catalog (shared between statements with the same list), its conditions are parsed, and the actions it grants
// on every resource of their type ("unconstrained", Cloudsplaining's "without resource constraints") are
// worked out. A 5,000-role account repeats the same few hundred documents; they are compiled once per process.
import type { TPolicyDocument, TStatement } from "@/lib/aws/policy-document";
import { andInto, emptyBits, isEmpty, orInto, andNotInto, type Bits } from "./bitset";
import { makeSet, type ActionCatalog, type ActionSet } from "./catalog";
import { compileConditions, conditionKeysRead, type ConditionBlock } from "./conditions";
import { exactContext, hasPolicyVariable, resourceMatches, splitArn, TRUE } from "./match";

export type CompiledStatement = {
  sid: string | null;
  /** Position in the policy (0-based). */
  index: number;
  effect: "Allow" | "Deny";
  actions: ActionSet;
  notAction: boolean;
  /** Actions reached through wildcard patterns (or NotAction): what "service wildcard" looks at. */
  wildcardActions: Bits;
  resources: string[] | null;
  notResources: string[] | null;
  /** Resource holds "*": the statement applies to every resource. */
  resourceAll: boolean;
  /** A Resource/NotResource entry holds a policy variable (${aws:username}): it depends on the caller. */
  resourceVars: boolean;
  /** Per Resource (or NotResource) entry: whether it holds a policy variable. */
  patternVars: boolean[];
  conditions: ConditionBlock[];
  conditionKeys: string[];
  /** Actions granted on every resource of the action's type in the account (Resource "*", or a pattern such as arn:aws:s3:::* for objects). */
  unconstrained: Bits;
  unconstrainedSet: ActionSet;
  statement: TStatement;
};

export type CompiledPolicy = {
  /** Distinct per compiled document (same text, same id): keys caches of what depends on the documents. */
  id: number;
  statements: CompiledStatement[];
  hasConditions: boolean;
  hasResourceVars: boolean;
  /**
   * What the policy's unconditional Allow statements grant, precomputed: they do not depend on who holds the
   * policy, so a principal ORs one set per policy instead of one per statement. null when there are none.
   */
  staticAllow: ActionSet | null;
  staticUnconstrained: ActionSet | null;
};

const SAMPLE_FILLERS = ["ltnsample1", "Zq-9_x"];
const EMPTY_SET: ActionSet = { bits: new Uint32Array(0), size: 0, indices: new Int32Array(0), wordIndices: null };

export class PolicyCompiler {
  private readonly memo = new Map<string, CompiledPolicy>();
  private readonly coverMemo = new Map<string, Bits>();
  /** Effective permissions by (principal context, documents): unchanged principals of a re-scan reuse theirs. */
  readonly permissionsCache = new Map<string, unknown>();

  constructor(
    readonly catalog: ActionCatalog,
    readonly accountId: string,
  ) {}

  /** Compile a parsed document; `text` (the document as stored) keys the memo. */
  compile(document: TPolicyDocument, text?: string): CompiledPolicy {
    const key = text ?? JSON.stringify(document);
    const hit = this.memo.get(key);
    if (hit) return hit;
    const statements = document.Statement.map((s, i) => this.compileStatement(s, i));
    const statics = statements.filter((s) => s.effect === "Allow" && s.conditions.length === 0);
    let staticAllow: ActionSet | null = null;
    let staticUnconstrained: ActionSet | null = null;
    if (statics.length) {
      const allow = emptyBits(this.catalog.size);
      const unc = emptyBits(this.catalog.size);
      for (const s of statics) {
        orInto(allow, s.actions.bits);
        if (s.unconstrained !== this.catalog.empty) orInto(unc, s.unconstrained);
      }
      staticAllow = makeSet(allow);
      staticUnconstrained = isEmpty(unc) ? null : makeSet(unc);
    }
    const compiled: CompiledPolicy = {
      id: this.memo.size + 1,
      statements,
      hasConditions: statements.some((s) => s.conditions.length > 0),
      hasResourceVars: statements.some((s) => s.resourceVars),
      staticAllow,
      staticUnconstrained,
    };
    this.memo.set(key, compiled);
    return compiled;
  }

  get size(): number {
    return this.memo.size;
  }

  private compileStatement(s: TStatement, index: number): CompiledStatement {
    const c = this.catalog;
    const notAction = !s.Action && !!s.NotAction;
    const patterns = s.Action ?? s.NotAction ?? [];
    const actions = c.actionSet(patterns, notAction);
    let wildcardActions: Bits;
    if (notAction) wildcardActions = actions.bits;
    else {
      const wild = patterns.filter((p) => p.includes("*") || p.includes("?"));
      wildcardActions = wild.length === 0 ? c.empty : c.actionSet(wild, false).bits;
    }
    const resources = s.Resource ?? null;
    const notResources = resources ? null : (s.NotResource ?? null);
    const resourceAll = !!resources?.includes("*");
    const patternVars = (resources ?? notResources ?? []).map(hasPolicyVariable);
    const resourceVars = patternVars.some(Boolean);
    const conditions = compileConditions(s.Condition);
    const unconstrained = this.unconstrainedActions(actions.bits, resources, notResources, resourceAll, resourceVars);
    return {
      sid: s.Sid ?? null,
      index,
      effect: s.Effect,
      actions,
      notAction,
      wildcardActions,
      resources,
      notResources,
      resourceAll,
      resourceVars,
      patternVars,
      conditions,
      conditionKeys: conditionKeysRead(conditions),
      unconstrained,
      unconstrainedSet: unconstrained === actions.bits ? actions : unconstrained === c.empty ? EMPTY_SET : makeSet(unconstrained),
      statement: s,
    };
  }

  private unconstrainedActions(actions: Bits, resources: string[] | null, notResources: string[] | null, all: boolean, vars: boolean): Bits {
    const c = this.catalog;
    if (all) return actions;
    if (vars) return c.empty;
    if (notResources) {
      // Every resource but the listed ones: still every resource of the type, unless an exclusion covers a
      // whole type the action acts on.
      if (notResources.includes("*")) return c.empty;
      const out = emptyBits(c.size);
      out.set(actions);
      for (const p of notResources) andNotInto(out, this.coveredBy(p));
      return out;
    }
    if (!resources) return c.empty;
    const covered = emptyBits(c.size);
    for (const p of resources) orInto(covered, this.coveredBy(p));
    andInto(covered, actions);
    return isEmpty(covered) ? c.empty : covered;
  }

  /**
   * Actions with a resource type this pattern covers entirely within the account: it matches sample
   * ARNs of the type built with two different fillers for every name placeholder. The region and account of
   * the samples are the pattern's own when it names one (every secret of one region counts as all of them).
   */
  coveredBy(pattern: string): Bits {
    const hit = this.coverMemo.get(pattern);
    if (hit) return hit;
    const c = this.catalog;
    const arn = splitArn(pattern);
    const out = emptyBits(c.size);
    // A resource part without wildcards names one resource: it cannot cover a whole type.
    if (arn && /[*?]/.test(arn.resource) && !hasPolicyVariable(pattern)) {
      const wildService = /[*?]/.test(arn.service);
      const ctx = exactContext({});
      for (const t of c.allResourceTypes()) {
        if (!wildService && t.service !== arn.service.toLowerCase()) continue;
        const samples = SAMPLE_FILLERS.map((f) => sampleArn(t.arnFormat, f, arn.region, arn.partition, this.accountId));
        if (samples.every((s) => resourceMatches(pattern, s, ctx) === TRUE)) orInto(out, c.actionsWithType(t.service, t.name));
      }
    }
    this.coverMemo.set(pattern, out);
    return out;
  }
}

export function sampleArn(format: string, filler: string, region: string, partition: string, accountId: string): string {
  const concrete = (s: string) => s !== "" && !/[*?$]/.test(s);
  return format.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
    if (name === "Partition") return concrete(partition) ? partition : "aws";
    if (name === "Region") return concrete(region) ? region : "us-east-1";
    if (name === "Account") return accountId;
    return filler;
  });
}
