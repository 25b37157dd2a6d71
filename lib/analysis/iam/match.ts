// String, ARN and resource matching as IAM does it, with policy variables (${aws:username}) resolved from a
// request context that may be only partly known. Every matcher answers in three values: TRUE, FALSE or
// UNKNOWN (the answer depends on a context key the analysis does not know, e.g. the caller's source IP).
//
// Resource matching follows IAM's documented ARN rules, as @cloud-copilot/iam-simulate implements them (our
// reference evaluator for benchmark B6): ARNs compare segment by segment; partition, service, region and
// account compare case-insensitively and a wildcard there stays within its segment; the resource part
// compares case-sensitively and its resource-type prefix ("function:", "role/") cannot be wildcarded; short
// ARNs in identity policies are padded with "*" segments.

export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = 0 | 1 | 2;

/** Tri-state OR / AND. */
export function triOr(a: Tri, b: Tri): Tri {
  if (a === TRUE || b === TRUE) return TRUE;
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  return FALSE;
}
export function triAnd(a: Tri, b: Tri): Tri {
  if (a === FALSE || b === FALSE) return FALSE;
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  return TRUE;
}

/** A context key's value: a string, a list (multivalued keys), absent (undefined), or not known. */
export const UNKNOWN_VALUE = Symbol("unknown");
export type ContextValue = string | string[] | undefined | typeof UNKNOWN_VALUE;

/** The request context: keys are looked up lowercased (condition keys are case-insensitive). */
export type RequestContext = { get(keyLower: string): ContextValue };

/** A context where every key is known: missing keys are absent. */
export function exactContext(values: Record<string, string | string[]>): RequestContext {
  const m = new Map<string, string | string[]>();
  for (const [k, v] of Object.entries(values)) m.set(k.toLowerCase(), v);
  return { get: (k) => m.get(k) };
}

/**
 * A context for static analysis: `known` keys have their values (undefined = known to be absent); every
 * other key is UNKNOWN, as it depends on the request.
 */
export function partialContext(known: Map<string, string | string[] | undefined>, fallback?: RequestContext): RequestContext {
  return {
    get: (k) => {
      if (known.has(k)) return known.get(k);
      return fallback ? fallback.get(k) : UNKNOWN_VALUE;
    },
  };
}

/** A context that adds or overrides a few keys of another. */
export function withKeys(base: RequestContext, extra: Record<string, string | string[] | undefined>): RequestContext {
  const m = new Map<string, string | string[] | undefined>();
  for (const [k, v] of Object.entries(extra)) m.set(k.toLowerCase(), v);
  return { get: (k) => (m.has(k) ? m.get(k) : base.get(k)) };
}

// ---------------------------------------------------------------------------------------------------------
// IAM strings: literals, * and ? wildcards, ${variables} with optional 'default', ${*} ${?} ${$} escapes.

type Part = { kind: "lit"; text: string } | { kind: "star" } | { kind: "one" } | { kind: "var"; key: string; fallback: string | undefined };
type Template = { parts: Part[]; hasVars: boolean; fixed: RegExp | null; source: string };

const templateMemo = new Map<string, Template>();

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function template(value: string, wildcards: boolean, flags: string): Template {
  const memoKey = `${wildcards ? "w" : "l"}${flags}|${value}`;
  const hit = templateMemo.get(memoKey);
  if (hit) return hit;
  const parts: Part[] = [];
  let lit = "";
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (wildcards && (c === "*" || c === "?")) {
      if (lit) parts.push({ kind: "lit", text: lit });
      lit = "";
      parts.push(c === "*" ? { kind: "star" } : { kind: "one" });
      i++;
    } else if (c === "$" && value[i + 1] === "{" && value.indexOf("}", i + 2) !== -1) {
      const end = value.indexOf("}", i + 2);
      const inner = value.slice(i + 2, end);
      if (inner === "*" || inner === "?" || inner === "$") {
        lit += inner;
      } else {
        if (lit) parts.push({ kind: "lit", text: lit });
        lit = "";
        const pieces = inner.split(", ");
        let fallback: string | undefined;
        if (pieces.length === 2 && pieces[1].startsWith("'") && pieces[1].endsWith("'")) fallback = pieces[1].slice(1, -1);
        parts.push({ kind: "var", key: pieces[0].trim().toLowerCase(), fallback });
      }
      i = end + 1;
    } else {
      lit += c;
      i++;
    }
  }
  if (lit) parts.push({ kind: "lit", text: lit });
  const hasVars = parts.some((p) => p.kind === "var");
  const source = parts.map((p) => (p.kind === "lit" ? escapeRegex(p.text) : p.kind === "star" ? ".*?" : p.kind === "one" ? "." : "")).join("");
  const t: Template = { parts, hasVars, fixed: hasVars ? null : new RegExp(`^${source}$`, flags), source };
  templateMemo.set(memoKey, t);
  return t;
}

/** The regex a (possibly variable-bearing) IAM string compiles to in this context: null = matches nothing. */
function resolve(t: Template, ctx: RequestContext, flags: string): RegExp | null | typeof UNKNOWN_VALUE {
  if (t.fixed) return t.fixed;
  let src = "";
  for (const p of t.parts) {
    if (p.kind === "lit") src += escapeRegex(p.text);
    else if (p.kind === "star") src += ".*?";
    else if (p.kind === "one") src += ".";
    else {
      const v = ctx.get(p.key);
      if (v === UNKNOWN_VALUE) return UNKNOWN_VALUE;
      if (typeof v === "string" && v !== "") src += escapeRegex(v);
      else if (p.fallback) src += escapeRegex(p.fallback);
      else return null; // unresolvable variable: the element matches nothing (IAM User Guide, "policy-vars-no-value")
    }
  }
  return new RegExp(`^${src}$`, flags);
}

/** Does `value` match the IAM string `pattern` (wildcards when `wildcards`)? */
export function iamStringMatches(pattern: string, value: string, ctx: RequestContext, opts: { wildcards: boolean; ignoreCase?: boolean }): Tri {
  const flags = opts.ignoreCase ? "i" : "";
  return templateMatches(template(pattern, opts.wildcards, flags), value, ctx, flags);
}

function templateMatches(t: Template, value: string, ctx: RequestContext, flags: string): Tri {
  if (t.fixed) return t.fixed.test(value) ? TRUE : FALSE;
  const re = resolve(t, ctx, flags);
  if (re === UNKNOWN_VALUE) return UNKNOWN;
  if (re === null) return FALSE;
  return re.test(value) ? TRUE : FALSE;
}

/** Whether every variable of an IAM string resolves in this context (FALSE: one is missing, no default). */
export function iamStringResolvable(pattern: string, ctx: RequestContext): Tri {
  const t = template(pattern, false, "");
  if (!t.hasVars) return TRUE;
  const re = resolve(t, ctx, "");
  return re === UNKNOWN_VALUE ? UNKNOWN : re === null ? FALSE : TRUE;
}

/** True when the string holds a ${variable} (not counting the ${*} ${?} ${$} escapes). */
export function hasPolicyVariable(value: string): boolean {
  return template(value, true, "").hasVars;
}

/** Variables a string refers to, lowercased. */
export function policyVariables(value: string): string[] {
  return template(value, true, "").parts.flatMap((p) => (p.kind === "var" ? [p.key] : []));
}

// ---------------------------------------------------------------------------------------------------------
// ARNs and resources.

export type ArnParts = { partition: string; service: string; region: string; account: string; resource: string };

export function splitArn(arn: string): ArnParts | null {
  if (!arn.startsWith("arn:")) return null;
  const parts = arn.split(":");
  if (parts.length < 6) return null;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

const splitMemo = new Map<string, ArnParts | null>();
function splitArnCached(arn: string): ArnParts | null {
  let r = splitMemo.get(arn);
  if (r === undefined) {
    if (splitMemo.size > 200_000) splitMemo.clear();
    r = splitArn(arn);
    splitMemo.set(arn, r);
  }
  return r;
}

function padShortArn(pattern: string): string {
  const parts = pattern.split(":");
  while (parts.length < 6) parts.push("*");
  return parts.join(":");
}

const segmentMemo = new Map<string, RegExp>();
function segmentRegex(segment: string): RegExp {
  let re = segmentMemo.get(segment);
  if (!re) {
    re = new RegExp(`^${escapeRegex(segment).replace(/\\\*/g, ".*?").replace(/\\\?/g, ".")}$`, "i");
    segmentMemo.set(segment, re);
  }
  return re;
}

/** The resource-type prefix of a policy resource part ("function:", "role/"), which wildcards cannot replace. */
function productPrefix(p: ArnParts): string {
  if (p.service === "s3" && p.account === "" && p.region === "") return "";
  const slash = p.resource.indexOf("/");
  const colon = p.resource.indexOf(":");
  if (slash === -1 && colon === -1) return "";
  const cut = slash === -1 ? colon : colon === -1 ? slash : Math.min(slash, colon);
  return p.resource.slice(0, cut + 1);
}

type CompiledPattern =
  | { all: true }
  | { all: false; arn: ArnParts; product: string; rest: Template; plain: boolean; head: [RegExp, RegExp, RegExp, RegExp] | null };
const patternMemo = new Map<string, CompiledPattern>();

function compilePattern(pattern: string): CompiledPattern {
  let c = patternMemo.get(pattern);
  if (c) return c;
  if (pattern === "*") c = { all: true };
  else {
    const arn = splitArn(pattern.startsWith("arn:") ? padShortArn(pattern) : pattern);
    if (!arn) c = { all: false, arn: { partition: "", service: "", region: "", account: "", resource: pattern }, product: "", rest: template(pattern, true, ""), plain: true, head: null };
    else {
      const product = productPrefix(arn);
      const head: [RegExp, RegExp, RegExp, RegExp] = [segmentRegex(arn.partition), segmentRegex(arn.service), segmentRegex(arn.region), segmentRegex(arn.account)];
      c = { all: false, arn, product, rest: template(arn.resource.slice(product.length), true, ""), plain: false, head };
    }
  }
  patternMemo.set(pattern, c);
  return c;
}

/**
 * Does the request resource (an ARN, or "*" for actions that take no resource) match a policy Resource
 * pattern? Resource patterns may hold policy variables.
 */
export function resourceMatches(pattern: string, resource: string, ctx: RequestContext): Tri {
  const c = compilePattern(pattern);
  if (c.all) return TRUE;
  if (resource === "*") return FALSE; // only Resource "*" grants an action that takes no resource
  if (c.plain || !c.head) return templateMatches(c.rest, resource, ctx, "");
  const r = splitArnCached(resource);
  if (!r) return FALSE;
  const h = c.head;
  if (!h[0].test(r.partition) || !h[1].test(r.service) || !h[2].test(r.region) || !h[3].test(r.account)) return FALSE;
  if (!r.resource.startsWith(c.product)) return FALSE;
  return templateMatches(c.rest, r.resource.slice(c.product.length), ctx, "");
}
