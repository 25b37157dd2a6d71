// Does a value look randomly generated (a key, a token) rather than written by a person (a name, a path, a
// sentence)? Shannon entropy alone cannot tell "orders-prod-eu-west-1" from a token, so the test also asks
// how the character classes alternate and whether the value is made of word-like segments.

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = Array.from(value).length;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

type CharClass = "lower" | "upper" | "digit" | "other";

function classOf(ch: string): CharClass {
  if (ch >= "a" && ch <= "z") return "lower";
  if (ch >= "A" && ch <= "Z") return "upper";
  if (ch >= "0" && ch <= "9") return "digit";
  return "other";
}

/**
 * Share of adjacent letter/digit pairs whose class changes (lower -> upper, letter -> digit). A random
 * base62 string changes class at about 60% of positions, random hex at about 47%, "ProductionDatabase"
 * at 6%. Separators are left out, so "orders-prod-1" is judged on "ordersprod1".
 */
export function classTransitionRatio(value: string): number {
  const classes = Array.from(value)
    .map(classOf)
    .filter((c) => c !== "other");
  if (classes.length < 2) return 0;
  let changes = 0;
  for (let i = 1; i < classes.length; i++) if (classes[i] !== classes[i - 1]) changes++;
  return changes / (classes.length - 1);
}

const SEPARATORS = /[-_./:@]+/;
const WORDLIKE_SEGMENT = /^(?:[a-z]+|[A-Z]?[a-z]+|[A-Z]+|\d+)$/;

/**
 * Made of two or more word-like segments (lowercase words, Capitalized words, ALLCAPS, numbers) joined by
 * separators: an identifier, a resource name or a path, not a generated secret.
 */
export function isSegmentedIdentifier(value: string): boolean {
  const segments = value.split(SEPARATORS).filter(Boolean);
  return segments.length >= 2 && segments.every((s) => WORDLIKE_SEGMENT.test(s) || s.length <= 3);
}

const HEX = /^[0-9a-fA-F]+$/;
const TOKEN_CHARS = /^[A-Za-z0-9+/=_\-.~!@#$%^&*]+$/;
export const MIN_RANDOM_LENGTH = 16;

/**
 * True for values that look machine-generated: at least 16 characters from a token alphabet, no spaces,
 * entropy close to the maximum for their length and alphabet (hex: 3 bits, otherwise 3.5 bits, less for
 * short values), classes that alternate the way random strings do, and a digit unless 24 characters or
 * longer with short lowercase runs. Values made of words are refused.
 */
export function looksRandom(value: string): boolean {
  const n = Array.from(value).length;
  if (n < MIN_RANDOM_LENGTH || !TOKEN_CHARS.test(value)) return false;
  if (isSegmentedIdentifier(value)) return false;
  const h = shannonEntropy(value);
  if (HEX.test(value)) return h >= Math.min(3.0, 0.75 * Math.log2(n)) && classTransitionRatio(value) >= 0.2;
  if (h < Math.min(3.5, 0.8 * Math.log2(n))) return false;
  if (/\d/.test(value)) return classTransitionRatio(value) >= 0.3 || h >= 4.2;
  // Generated tokens of this length almost always hold a digit. Joined words ("MyServiceNameForProduction")
  // do not, and their lowercase runs are word-long where a random string's are about two characters.
  return n >= 24 && h >= 4.2 && meanLowercaseRun(value) <= 3;
}

function meanLowercaseRun(value: string): number {
  const runs = value.match(/[a-z]+/g) ?? [];
  return runs.length === 0 ? 0 : runs.reduce((sum, r) => sum + r.length, 0) / runs.length;
}
