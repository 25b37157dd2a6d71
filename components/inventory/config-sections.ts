// How a stored configuration is laid out on the detail page. Scanners store every AWS read that may
// fail or be missing as an outcome ({status:"ok",value} | {status:"absent"} | {status:"error",code,message},
// lib/aws/fetched.ts); the page must show a failed read as a failed read, never as an empty value.
import { stablePretty } from "./config-diff";

export type TOutcome =
  | { status: "ok"; value: unknown }
  | { status: "absent" }
  | { status: "error"; code: string; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const onlyKeys = (v: Record<string, unknown>, allowed: readonly string[]) => Object.keys(v).every((k) => allowed.includes(k));

/** The outcome shape exactly (no other keys), so a record that merely has a `status` field is not taken for one. */
export function asOutcome(v: unknown): TOutcome | null {
  if (!isRecord(v)) return null;
  if (v.status === "ok" && "value" in v && onlyKeys(v, ["status", "value"])) return { status: "ok", value: v.value };
  if (v.status === "absent" && onlyKeys(v, ["status"])) return { status: "absent" };
  if (v.status === "error" && typeof v.code === "string" && onlyKeys(v, ["status", "code", "message"])) {
    return { status: "error", code: v.code, message: typeof v.message === "string" ? v.message : "" };
  }
  return null;
}

export type TNestedError = { path: string; code: string; message: string };

/** Every failed read below `value`, with a path such as `routes[3].authorizer`. */
export function findErrorOutcomes(value: unknown, path: string, found: TNestedError[] = [], limit = 50): TNestedError[] {
  if (found.length >= limit) return found;
  const outcome = asOutcome(value);
  if (outcome?.status === "error") {
    found.push({ path, code: outcome.code, message: outcome.message });
    return found;
  }
  if (Array.isArray(value)) value.forEach((item, i) => findErrorOutcomes(item, `${path}[${i}]`, found, limit));
  else if (isRecord(value)) {
    for (const key of Object.keys(value).sort()) findErrorOutcomes(value[key], path ? `${path}.${key}` : key, found, limit);
  }
  return found;
}

export type TConfigSection = {
  key: string;
  /** The top-level value, or the outcome it is wrapped in. */
  outcome: TOutcome | null;
  value: unknown;
  /** Pretty JSON of what the section shows (the outcome's value when it is one). */
  json: string;
  lines: number;
  /** Failed reads inside the section, other than the section's own outcome. */
  nestedErrors: TNestedError[];
  /** A one-line hint for the collapsed section: "3 items", "None", "Could not be read: AccessDenied". */
  summary: string;
  /** Absent, or an empty list or object: the summary says it all. */
  empty: boolean;
};

export type TConfigLayout =
  | { shape: "object"; scalars: { key: string; value: string | number | boolean | null }[]; sections: TConfigSection[] }
  | { shape: "other"; json: string };

const isEmpty = (v: unknown) => (Array.isArray(v) ? v.length === 0 : isRecord(v) && Object.keys(v).length === 0);

const isScalar = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

function summaryOf(outcome: TOutcome | null, shown: unknown): string {
  if (outcome?.status === "absent") return "None";
  if (outcome?.status === "error") return `Could not be read: ${outcome.code}`;
  if (Array.isArray(shown)) return shown.length === 0 ? "empty list" : `${shown.length} item${shown.length === 1 ? "" : "s"}`;
  if (isRecord(shown)) {
    const n = Object.keys(shown).length;
    return n === 0 ? "empty" : `${n} field${n === 1 ? "" : "s"}`;
  }
  return shown === null ? "null" : String(shown);
}

/** Top-level scalars as a compact list; every other top-level key as its own section. */
export function configLayout(config: unknown): TConfigLayout {
  if (!isRecord(config)) return { shape: "other", json: stablePretty(config) };
  const scalars: { key: string; value: string | number | boolean | null }[] = [];
  const sections: TConfigSection[] = [];
  for (const key of Object.keys(config).sort()) {
    const value = config[key];
    if (isScalar(value)) {
      scalars.push({ key, value });
      continue;
    }
    const outcome = asOutcome(value);
    const shown = outcome?.status === "ok" ? outcome.value : outcome ? null : value;
    const json = stablePretty(shown);
    sections.push({
      key,
      outcome,
      value,
      json,
      lines: json.split("\n").length,
      nestedErrors: outcome?.status === "error" ? [] : findErrorOutcomes(shown, key),
      summary: summaryOf(outcome, shown),
      empty: outcome?.status === "absent" || isEmpty(shown),
    });
  }
  return { shape: "object", scalars, sections };
}
