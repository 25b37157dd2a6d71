// Transitive escalation without a graph database. Edge targets are bit sets over the account's principals,
// so "which principals reach an administrator in k hops" is computed layer by layer: a principal joins layer
// k+1 when one of its edges hits layer k (one AND per edge). Every principal gets its distance to the nearest
// administrator-equivalent principal and the next hop of a shortest chain; depth is bounded.
import { emptyBits, setBit, type Bits } from "./bitset";
import type { Edge } from "./escalation";

export type ChainLink = {
  from: number;
  to: number;
  edge: Edge;
};

export type Distances = {
  /** Hops to the nearest administrator-equivalent principal through definite edges; -1 = unreachable. */
  definite: Int32Array;
  /** Same through any edges (a conditional hop makes the chain conditional). */
  any: Int32Array;
  nextDefinite: (ChainLink | null)[];
  nextAny: (ChainLink | null)[];
};

export const MAX_DEPTH = 8;

function firstCommon(a: Bits, b: Bits): number {
  for (let w = 0; w < a.length; w++) {
    const x = a[w] & b[w];
    if (x) return (w << 5) + (31 - Math.clz32(x & -x));
  }
  return -1;
}

export function distancesToAdmin(count: number, edgesOf: (id: number) => Edge[], isAdmin: (id: number) => boolean, isAdminMaybe: (id: number) => boolean): Distances {
  const withEdges: number[] = [];
  for (let id = 0; id < count; id++) if (edgesOf(id).length) withEdges.push(id);
  const run = (onlyDefinite: boolean, seed: (id: number) => boolean) => {
    const dist = new Int32Array(count).fill(-1);
    const next: (ChainLink | null)[] = new Array(count).fill(null);
    const reached = emptyBits(count);
    for (let id = 0; id < count; id++) {
      if (seed(id)) {
        dist[id] = 0;
        setBit(reached, id);
      }
    }
    for (let depth = 1; depth <= MAX_DEPTH; depth++) {
      const layer: ChainLink[] = [];
      for (const id of withEdges) {
        if (dist[id] !== -1) continue;
        for (const e of edgesOf(id)) {
          if (onlyDefinite && e.certainty !== "definite") continue;
          const to = firstCommon(e.targets, reached);
          if (to >= 0) {
            layer.push({ from: id, to, edge: e });
            break;
          }
        }
      }
      if (!layer.length) break;
      for (const link of layer) {
        dist[link.from] = depth;
        next[link.from] = link;
        setBit(reached, link.from);
      }
    }
    return { dist, next };
  };
  const d = run(true, isAdmin);
  const a = run(false, (id) => isAdmin(id) || isAdminMaybe(id));
  return { definite: d.dist, any: a.dist, nextDefinite: d.next, nextAny: a.next };
}

/** The chain from `id` to the nearest administrator-equivalent principal. */
export function chainFrom(id: number, next: (ChainLink | null)[]): ChainLink[] {
  const out: ChainLink[] = [];
  let cur = next[id];
  const seen = new Set<number>([id]);
  while (cur && out.length < MAX_DEPTH) {
    out.push(cur);
    if (seen.has(cur.to)) break;
    seen.add(cur.to);
    cur = next[cur.to];
  }
  return out;
}

