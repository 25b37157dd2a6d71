// Condition blocks evaluated against a request context that may be partly unknown. With a full context
// (benchmark B6, "can P do A on R given these keys?") every block is TRUE or FALSE; in static analysis the
// keys the request would supply are UNKNOWN and a statement that depends on them is reported as conditional,
// never as unconstrained.
//
// Semantics (IAM User Guide, "IAM JSON policy elements: Condition operators" and "Single-valued vs.
// multivalued context keys"), as @cloud-copilot/iam-simulate implements them:
// - blocks AND together, the values of one block OR together; keys are case-insensitive;
// - a missing key fails a positive operator and passes a negated one (StringNotEquals, NotIpAddress, ...)
//   and every ...IfExists operator; Null tests presence;
// - a multivalued key needs ForAnyValue/ForAllValues: with a plain operator it never matches; ForAllValues
//   is true on a missing key, ForAnyValue false;
// - variables in values (${aws:username}) resolve from the context; an unresolvable one matches nothing.
import type { TStatement } from "@/lib/aws/policy-document";
import { FALSE, TRUE, UNKNOWN, UNKNOWN_VALUE, iamStringMatches, iamStringResolvable, policyVariables, splitArn, type RequestContext, type Tri } from "./match";

export type ConditionBlock = {
  /** As written, e.g. "ForAnyValue:StringLikeIfExists". */
  operator: string;
  base: string; // lowercase base operator, e.g. "stringlike"
  set: "any" | "all" | null;
  ifExists: boolean;
  negated: boolean;
  key: string; // lowercase
  keyAsWritten: string;
  values: string[];
};

const NEGATED = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "numericnotequals", "datenotequals", "notipaddress", "arnnotequals", "arnnotlike"]);

export function compileConditions(condition: TStatement["Condition"]): ConditionBlock[] {
  if (!condition) return [];
  const out: ConditionBlock[] = [];
  for (const [operator, keys] of Object.entries(condition)) {
    let op = operator;
    let set: ConditionBlock["set"] = null;
    const lower = op.toLowerCase();
    if (lower.startsWith("foranyvalue:")) {
      set = "any";
      op = op.slice("ForAnyValue:".length);
    } else if (lower.startsWith("forallvalues:")) {
      set = "all";
      op = op.slice("ForAllValues:".length);
    }
    let base = op.toLowerCase();
    let ifExists = false;
    if (base !== "null" && base.endsWith("ifexists")) {
      ifExists = true;
      base = base.slice(0, -"ifexists".length);
    }
    for (const [key, values] of Object.entries(keys)) {
      out.push({ operator, base, set, ifExists, negated: NEGATED.has(base), key: key.toLowerCase(), keyAsWritten: key, values });
    }
  }
  return out;
}

/** Every condition key and policy variable the blocks read, lowercased. */
export function conditionKeysRead(blocks: ConditionBlock[]): string[] {
  const keys = new Set<string>();
  for (const b of blocks) {
    keys.add(b.key);
    for (const v of b.values) for (const k of policyVariables(v)) keys.add(k);
  }
  return [...keys];
}

/** AND of every block. */
export function evaluateConditions(blocks: ConditionBlock[], ctx: RequestContext): Tri {
  let result: Tri = TRUE;
  for (const b of blocks) {
    const r = evaluateBlock(b, ctx);
    if (r === FALSE) return FALSE;
    if (r === UNKNOWN) result = UNKNOWN;
  }
  return result;
}

export function evaluateBlock(b: ConditionBlock, ctx: RequestContext): Tri {
  const v = ctx.get(b.key);
  if (v === UNKNOWN_VALUE) return UNKNOWN;
  if (b.base === "null") {
    const goal = v === undefined ? "true" : "false";
    return b.values.some((x) => x.toLowerCase() === goal) ? TRUE : FALSE;
  }
  if (b.set === "any" || b.set === "all") {
    if (v === undefined) return b.set === "all" ? TRUE : FALSE;
    const list = typeof v === "string" ? [v] : v;
    let acc: Tri = b.set === "all" ? TRUE : FALSE;
    for (const item of list) {
      const r = valueMatches(b, item, ctx);
      if (b.set === "all") {
        if (r === FALSE) return FALSE;
        if (r === UNKNOWN) acc = UNKNOWN;
      } else {
        if (r === TRUE) return TRUE;
        if (r === UNKNOWN) acc = UNKNOWN;
      }
    }
    return acc;
  }
  if (v === undefined) return b.ifExists || b.negated ? TRUE : FALSE;
  if (typeof v !== "string") return FALSE; // multivalued key without a set operator
  return valueMatches(b, v, ctx);
}

/** Whether one request value satisfies the block (for a negated operator: matches none of the values). */
function valueMatches(b: ConditionBlock, value: string, ctx: RequestContext): Tri {
  switch (b.base) {
    case "stringequals":
    case "stringnotequals":
      return combine(b, ctx, (p) => iamStringMatches(p, value, ctx, { wildcards: false }));
    case "stringequalsignorecase":
    case "stringnotequalsignorecase":
      return combine(b, ctx, (p) => iamStringMatches(p, value, ctx, { wildcards: false, ignoreCase: true }));
    case "stringlike":
    case "stringnotlike":
      return combine(b, ctx, (p) => iamStringMatches(p, value, ctx, { wildcards: true }));
    case "arnequals":
    case "arnlike":
    case "arnnotequals":
    case "arnnotlike":
      return combine(b, ctx, (p) => arnConditionMatches(p, value, ctx));
    case "numericequals":
    case "numericnotequals":
    case "numericlessthan":
    case "numericlessthanequals":
    case "numericgreaterthan":
    case "numericgreaterthanequals":
      return combine(b, ctx, (p) => compareWith(b.base, parseNumber(p), parseNumber(value)));
    case "dateequals":
    case "datenotequals":
    case "datelessthan":
    case "datelessthanequals":
    case "dategreaterthan":
    case "dategreaterthanequals":
      return combine(b, ctx, (p) => compareWith(b.base, parseDate(p), parseDate(value)));
    case "bool":
      return combine(b, ctx, (p) => boolMatches(p, value, ctx));
    case "binaryequals":
      return combine(b, ctx, (p) => (p === value ? TRUE : FALSE));
    case "ipaddress":
    case "notipaddress":
      return combine(b, ctx, (p) => ipMatches(p, value));
    default:
      return FALSE; // an operator IAM does not define never matches
  }
}

/**
 * Positive operators: any policy value matches. Negated ones: the request value matches no policy value
 * (a value that cannot be resolved counts as "not proven different", as the reference evaluator does).
 */
function combine(b: ConditionBlock, ctx: RequestContext, test: (policyValue: string) => Tri): Tri {
  if (!b.negated) {
    let acc: Tri = FALSE;
    for (const p of b.values) {
      const r = test(p);
      if (r === TRUE) return TRUE;
      if (r === UNKNOWN) acc = UNKNOWN;
    }
    return acc;
  }
  // A value with a variable that cannot be resolved fails a negated operator outright.
  let acc: Tri = TRUE;
  for (const p of b.values) {
    const resolvable = iamStringResolvable(p, ctx);
    if (resolvable === FALSE) return FALSE;
    if (resolvable === UNKNOWN) acc = UNKNOWN;
    const r = test(p);
    if (r === TRUE) return FALSE;
    if (r === UNKNOWN) acc = UNKNOWN;
  }
  return acc;
}

function compareWith(base: string, policy: number | undefined, request: number | undefined): Tri {
  if (policy === undefined || request === undefined) return FALSE;
  const op = base.replace(/^numeric|^date/, "");
  switch (op) {
    case "equals":
    case "notequals": // negation applied by combine()
      return policy === request ? TRUE : FALSE;
    case "lessthan":
      return request < policy ? TRUE : FALSE;
    case "lessthanequals":
      return request <= policy ? TRUE : FALSE;
    case "greaterthan":
      return request > policy ? TRUE : FALSE;
    case "greaterthanequals":
      return request >= policy ? TRUE : FALSE;
    default:
      return FALSE;
  }
}

function parseNumber(v: string): number | undefined {
  const n = v.includes(".") ? parseFloat(v) : parseInt(v, 10);
  return Number.isNaN(n) ? undefined : n;
}

function parseDate(v: string): number | undefined {
  const epoch = parseInt(v, 10);
  if (!Number.isNaN(epoch) && String(epoch) === v) return epoch;
  const d = Date.parse(v);
  return Number.isNaN(d) ? undefined : d;
}

function boolMatches(policyValue: string, value: string, ctx: RequestContext): Tri {
  const lv = value.toLowerCase();
  if (lv !== "true" && lv !== "false") return FALSE;
  const pv = policyValue.toLowerCase();
  if (pv === "true" || pv === "false") return pv === lv ? TRUE : FALSE;
  // a variable holding "true"/"false"
  return iamStringMatches(policyValue, value, ctx, { wildcards: false, ignoreCase: true });
}

function arnConditionMatches(policyArn: string, value: string, ctx: RequestContext): Tri {
  const p = splitArn(policyArn);
  const r = splitArn(value);
  if (!p || !r) return FALSE;
  const parts: [string, string][] = [
    [p.partition, r.partition],
    [p.service, r.service],
    [p.region, r.region],
    [p.account, r.account],
    [p.resource, r.resource],
  ];
  let acc: Tri = TRUE;
  for (const [pp, rr] of parts) {
    const m = iamStringMatches(pp, rr, ctx, { wildcards: true });
    if (m === FALSE) return FALSE;
    if (m === UNKNOWN) acc = UNKNOWN;
  }
  return acc;
}

// ---------------------------------------------------------------------------------------------------------
// IP addresses (IPv4 and IPv6, with or without a CIDR suffix).

function ipMatches(policyValue: string, value: string): Tri {
  const [net, bitsText] = policyValue.split("/");
  const pv = parseIp(net);
  const rv = parseIp(value);
  if (!pv || !rv) return FALSE;
  if (pv.length !== rv.length) return FALSE; // an IPv4 range never holds an IPv6 address
  const total = pv.length * 8;
  const prefix = bitsText === undefined ? total : Number(bitsText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > total) return FALSE;
  for (let i = 0; i < prefix; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if ((pv[byte] & mask) !== (rv[byte] & mask)) return FALSE;
  }
  return TRUE;
}

function parseIp(s: string): number[] | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split(".").map(Number);
    return parts.every((n) => n <= 255) ? parts : null;
  }
  if (!s.includes(":")) return null;
  const [head, tail] = s.split("::");
  if (s.split("::").length > 2) return null;
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}
