// The account's resources of one kind (its roles, users, functions) as a fixed list, so "which of them does
// this Resource pattern match" is computed once per distinct pattern and shared by every principal whose
// policies use it. With it, "which functions can this principal update" is a few bit-set operations instead
// of one policy evaluation per function (a 5,000-function account times hundreds of principals).
import { emptyBits, fullBits, hasBit, setBit, type Bits } from "./bitset";
import { resourceMatches, exactContext, splitArn, TRUE } from "./match";
import type { Permissions, StatementUse } from "./permissions";
import { evaluateConditions } from "./conditions";
import { FALSE, UNKNOWN, withKeys, type RequestContext, type Tri } from "./match";

const NO_VARS = exactContext({});

export class ArnUniverse {
  readonly size: number;
  private readonly memo = new Map<string, Bits>();
  private readonly index: Map<string, number>;
  private readonly services: string[];
  readonly all: Bits;

  constructor(readonly arns: string[]) {
    this.size = arns.length;
    this.all = fullBits(arns.length);
    this.index = new Map(arns.map((a, i) => [a, i]));
    this.services = arns.map((a) => (splitArn(a)?.service ?? "").toLowerCase());
  }

  /** ARNs a pattern without policy variables matches. */
  matching(pattern: string): Bits {
    let b = this.memo.get(pattern);
    if (!b) {
      b = emptyBits(this.size);
      if (pattern === "*") b = this.all;
      else if (!/[*?]/.test(pattern)) {
        // no wildcard: at most the one identical ARN (ARN headers compare case-insensitively)
        const i = this.index.get(pattern);
        if (i !== undefined) setBit(b, i);
        else for (let k = 0; k < this.size; k++) if (this.arns[k].length === pattern.length && resourceMatches(pattern, this.arns[k], NO_VARS) === TRUE) setBit(b, k);
      } else {
        const service = splitArn(pattern)?.service.toLowerCase();
        const wildService = service === undefined || /[*?]/.test(service);
        for (let k = 0; k < this.size; k++) {
          if (!wildService && this.services[k] !== service) continue;
          if (resourceMatches(pattern, this.arns[k], NO_VARS) === TRUE) setBit(b, k);
        }
      }
      this.memo.set(pattern, b);
    }
    return b;
  }
}

export type Across = { definite: Bits; conditional: Bits };

/**
 * The decision on `action` for every ARN of the universe at once, with the same logic as decide(): a
 * certain Deny wins; the request is allowed when an identity statement and (if set) the boundary allow it;
 * "definite" when nothing conditional is involved.
 */
export function decideAcross(perms: Permissions, action: number, u: ArnUniverse, ctx: RequestContext, extra?: Record<string, string>): Across {
  const n = u.arns.length;
  const words = (n + 31) >>> 5;
  const [idSure, idMaybe, bSure, bMaybe, dSure, dMaybe, sure, maybe, any, anyMaybe] = work(words);
  const full = extra ? withKeys(ctx, extra) : ctx;
  const add = (list: StatementUse[], isBoundary: boolean) => {
    for (const use of list) {
      const st = use.st;
      if (!hasBit(st.actions.bits, action)) continue;
      const cond: Tri = st.conditions.length === 0 ? TRUE : extra ? evaluateConditions(st.conditions, full) : use.cond;
      if (cond === FALSE) continue;
      sure.fill(0);
      maybe.fill(0);
      if (st.resources) {
        for (let k = 0; k < st.resources.length; k++) {
          const p = st.resources[k];
          if (st.patternVars[k]) variableMatches(p, u, full, sure, maybe);
          else orTo(sure, u.matching(p));
        }
      } else if (st.notResources) {
        any.fill(0);
        anyMaybe.fill(0);
        for (let k = 0; k < st.notResources.length; k++) {
          const p = st.notResources[k];
          if (st.patternVars[k]) variableMatches(p, u, full, any, anyMaybe);
          else orTo(any, u.matching(p));
        }
        for (let i = 0; i < words; i++) {
          const rest = u.all[i] & ~any[i];
          maybe[i] |= rest & anyMaybe[i];
          sure[i] |= rest & ~anyMaybe[i];
        }
      }
      const [s, m] = st.effect === "Deny" ? [dSure, dMaybe] : isBoundary ? [bSure, bMaybe] : [idSure, idMaybe];
      for (let i = 0; i < words; i++) {
        if (cond === TRUE) {
          s[i] |= sure[i];
          m[i] |= maybe[i];
        } else {
          m[i] |= sure[i] | maybe[i];
        }
      }
    }
  };
  add(perms.identity, false);
  if (perms.boundary) add(perms.boundary, true);
  const definite = emptyBits(n);
  const conditional = emptyBits(n);
  for (let i = 0; i < words; i++) {
    const bs = perms.boundary ? bSure[i] : u.all[i];
    const bm = perms.boundary ? bSure[i] | bMaybe[i] : u.all[i];
    const any = (idSure[i] | idMaybe[i]) & bm & ~dSure[i];
    const sure = idSure[i] & bs & ~dSure[i] & ~dMaybe[i];
    definite[i] = sure;
    conditional[i] = any & ~sure;
  }
  return { definite, conditional };
}

let workSets: Uint32Array[] = [];
/** Ten zeroed work sets of `words` words, reused from call to call. */
function work(words: number): Uint32Array[] {
  if (!workSets.length || workSets[0].length !== words) workSets = Array.from({ length: 10 }, () => new Uint32Array(words));
  else for (const w of workSets) w.fill(0);
  return workSets;
}

/** A pattern with policy variables, resolved in the caller's context, ARN by ARN. */
function variableMatches(pattern: string, u: ArnUniverse, ctx: RequestContext, sure: Uint32Array, maybe: Uint32Array) {
  for (let i = 0; i < u.size; i++) {
    const r = resourceMatches(pattern, u.arns[i], ctx);
    if (r === TRUE) sure[i >>> 5] |= 1 << (i & 31);
    else if (r === UNKNOWN) maybe[i >>> 5] |= 1 << (i & 31);
  }
}

function orTo(dst: Uint32Array, src: Uint32Array) {
  for (let i = 0; i < dst.length; i++) dst[i] |= src[i];
}

