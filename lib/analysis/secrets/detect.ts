// Secret detection for one named value (an environment variable, a stage variable, an assignment in code).
// Runs in the scanner on the clear value, before it is redacted: only the detector, its confidence and a
// keyed fingerprint of the secret part are stored (see redact.ts). Pure: no I/O, no clock.
import { looksRandom } from "./entropy";
import {
  CONFIDENCE_RANK,
  VALUE_PATTERNS,
  classifyName,
  hasPemBody,
  isNonSecretValue,
  nameTokens,
  type Confidence,
  type DetectContext,
  type DetectorId,
} from "./patterns";

export type { DetectContext };

export type SecretDetection = { detector: DetectorId; confidence: Confidence };

/**
 * A detection with the secret it matched. `match` IS the secret: fingerprint it and drop it; never store,
 * log or return it past the scanner.
 */
export type SecretMatch = SecretDetection & { match: string; index: number };


const MAX_VALUE_LENGTH = 64 * 1024;
/** How far after a PEM header its body must start (hasPemBody reads this much). */
const PEM_BODY_WINDOW = 800;
const MAX_JSON_LEAVES = 200;

/** Every match of the format-based detectors (AWS keys, PEM keys, JWTs, tokens, connection strings). */
export function findValuePatterns(value: string, context: DetectContext = "variable"): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const p of VALUE_PATTERNS) {
    p.pattern.lastIndex = 0;
    for (let m = p.pattern.exec(value); m; m = p.pattern.exec(value)) {
      if (m[0].length === 0) p.pattern.lastIndex++;
      const secret = m[p.group ?? 0];
      if (!secret) continue;
      let confidence: Confidence | null = p.confidence;
      if (p.id === "private-key" && secret.startsWith("-----BEGIN")) {
        const end = m.index + m[0].length;
        confidence = hasPemBody(value.slice(end, end + PEM_BODY_WINDOW)) ? "high" : null;
      } else if (p.check) {
        confidence = p.check(secret, m, context);
      }
      if (!confidence) continue;
      const index = m.index + m[0].indexOf(secret);
      out.push({ detector: p.id, confidence, match: secret, index });
    }
  }
  return out;
}

function charClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
}

/** A literal password: long enough, not a sentence; in code also mixed enough not to be a label. Code is noisier than configuration. */
function passwordConfidence(value: string, context: DetectContext): Confidence | null {
  // Printable ASCII without spaces: a sentence or a translated label (any script) is not a password.
  if (!/^[\x21-\x7e]+$/.test(value) || value.length > 256) return null;
  if (context === "variable") return value.length >= 6 ? "medium" : null;
  if (value.length >= 8 && charClasses(value) >= 3) return "medium";
  return value.length >= 6 ? "low" : null;
}

const AWS_SECRET_KEY = /^[A-Za-z0-9/+]{40}$/;

function isAwsSecretKeyName(name: string): boolean {
  const tokens = nameTokens(name);
  const joined = tokens.join("");
  return joined.includes("secretaccesskey") || (tokens.includes("aws") && tokens.includes("secret"));
}

/** The name-based detectors: a literal under a password name, a random value under a secret name. */
function findByName(name: string, value: string, context: DetectContext): SecretMatch[] {
  const kind = classifyName(name);
  const v = value.trim();
  if (!kind || isNonSecretValue(v)) return [];
  const index = value.indexOf(v);
  if (AWS_SECRET_KEY.test(v) && isAwsSecretKeyName(name) && looksRandom(v)) {
    return [{ detector: "aws-secret-access-key", confidence: "high", match: v, index }];
  }
  if (kind === "password") {
    const confidence = passwordConfidence(v, context);
    return confidence ? [{ detector: "password-assignment", confidence, match: v, index }] : [];
  }
  return looksRandom(v) ? [{ detector: "high-entropy-secret", confidence: "medium", match: v, index }] : [];
}

/** String leaves of a JSON value with the key they sit under: {"db": {"password": "x"}} -> ["password", "x"]. */
function jsonLeaves(value: unknown, key: string, out: [string, string][], depth = 0): void {
  if (out.length >= MAX_JSON_LEAVES || depth > 6) return;
  if (typeof value === "string") out.push([key, value]);
  else if (Array.isArray(value)) for (const item of value) jsonLeaves(item, key, out, depth + 1);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) jsonLeaves(v, k, out, depth + 1);
  }
}

function parseJson(value: string): unknown {
  const v = value.trim();
  if (!(v.startsWith("{") || v.startsWith("["))) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/** One result per (detector, secret): the same key matched twice, or by two patterns, counts once. */
function unique(matches: SecretMatch[]): SecretMatch[] {
  const seen = new Map<string, SecretMatch>();
  for (const m of matches) {
    const key = `${m.detector}\u0000${m.match}`;
    const prior = seen.get(key);
    if (!prior || CONFIDENCE_RANK[m.confidence] > CONFIDENCE_RANK[prior.confidence]) seen.set(key, m);
  }
  return [...seen.values()].sort((a, b) => a.index - b.index || (a.detector < b.detector ? -1 : 1));
}

/**
 * Every secret in one named value, with the matched secret (for fingerprinting only). Format-based
 * detectors look inside the value; when none matches, the name decides: a literal under a password name,
 * a random-looking value under a secret name. A JSON value is also checked key by key.
 */
export function findSecrets(name: string, value: string, context: DetectContext = "variable"): SecretMatch[] {
  if (value.length === 0) return [];
  const v = value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
  const byFormat = findValuePatterns(v, context);
  if (byFormat.length > 0) return unique(byFormat);
  return findSecretsByName(name, v, context);
}

/**
 * The name-based detectors only (a JSON value key by key): for callers that already ran findValuePatterns
 * over a larger text the value is part of.
 */
export function findSecretsByName(name: string, value: string, context: DetectContext = "variable"): SecretMatch[] {
  const json = parseJson(value);
  if (json !== undefined) {
    const leaves: [string, string][] = [];
    jsonLeaves(json, name, leaves);
    const offset = (leaf: string) => Math.max(0, value.indexOf(leaf));
    return unique(leaves.flatMap(([k, leaf]) => findByName(k, leaf, context).map((m) => ({ ...m, index: offset(leaf) }))));
  }
  return unique(findByName(name, value, context));
}

/** The detectors that fire on one named value, strongest first: what the scanner stores (with fingerprints). */
export function detectSecrets(name: string, value: string): SecretDetection[] {
  const byDetector = new Map<DetectorId, Confidence>();
  for (const m of findSecrets(name, value)) {
    const prior = byDetector.get(m.detector);
    if (!prior || CONFIDENCE_RANK[m.confidence] > CONFIDENCE_RANK[prior]) byDetector.set(m.detector, m.confidence);
  }
  return [...byDetector.entries()]
    .map(([detector, confidence]) => ({ detector, confidence }))
    .sort((a, b) => CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence] || (a.detector < b.detector ? -1 : 1));
}
