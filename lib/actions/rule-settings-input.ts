// A rule's settings as a form: which input each setting gets (from its default and its zod schema), what the
// installation has customized, and how the submitted text turns back into values the rule's own schema
// accepts. Shared by the settings pages, the server action and its tests. No "use server": this module
// exports functions that take a rule definition, which a server-action module may not.
import type { z } from "zod";
import type { AnyRuleDefinition } from "@/lib/rules/types";

/**
 * number: number input; boolean: checkbox; text: one line; choice: a select of a z.enum's values;
 * lines: string[] one per line; json: anything else (objects, lists of objects), as JSON text.
 */
export type TSettingKind = "number" | "boolean" | "text" | "choice" | "lines" | "json";

/** What a settings form shows for one setting: a plain object, safe to hand to a client component. */
export type TSettingField = {
  key: string;
  label: string;
  kind: TSettingKind;
  /** The rule's own one-line description of the setting. */
  describe: string;
  min?: number;
  max?: number;
  /** The bound itself is not allowed (z.number().positive(): more than 0). */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** 1 for whole numbers, "any" otherwise. */
  step?: number | "any";
  /** The values of a choice. */
  options?: string[];
  /** What the input starts with: the setting in effect (the saved value, or the default). */
  value: string | boolean;
  /** The default in the same form. */
  defaultValue: string | boolean;
  isCustomized: boolean;
};

export type TRuleSettingsFormValues = { enabled: boolean; settings: Record<string, string | boolean> };

export type TRuleSettingsFormState =
  | { status: "idle" }
  | {
      status: "invalid";
      message: string;
      /** Keyed by setting key. */
      fieldErrors: Record<string, string[]>;
      /** Problems that belong to no single setting (a rule whose schema checks settings together). */
      formErrors: string[];
      values: TRuleSettingsFormValues;
    }
  | { status: "saved"; message: string; savedAt: number };

export const SETTING_FIELD_PREFIX = "setting.";

type TSettingsSpec = NonNullable<AnyRuleDefinition["settings"]>;
type TRuleWithSettings = Pick<AnyRuleDefinition, "settings">;

// ---------------------------------------------------------------------------------------------------
// Reading a zod 4 schema. Only the public def shape is used; anything unexpected falls back to the
// default value's type, and the server validates with the full schema in every case.

type TCheckDef = { check?: string; value?: unknown; inclusive?: boolean };
type TZodLike = {
  _zod?: {
    def?: {
      type?: string;
      innerType?: TZodLike;
      in?: TZodLike;
      element?: TZodLike;
      shape?: Record<string, TZodLike>;
      entries?: Record<string, unknown>;
      checks?: { _zod?: { def?: TCheckDef } }[];
    };
  };
  isInt?: boolean | null;
};

const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "nonoptional", "readonly", "catch"]);

function unwrap(schema: TZodLike | undefined): TZodLike | undefined {
  let s = schema;
  for (let i = 0; i < 20 && s?._zod?.def; i++) {
    const def = s._zod.def;
    if (def.type && WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else break;
  }
  return s;
}

/** The schema of one setting, when the rule's schema is an object (possibly wrapped). */
export function settingSchema(spec: TSettingsSpec, key: string): z.ZodType | undefined {
  const shape = unwrap(spec.schema as unknown as TZodLike)?._zod?.def?.shape;
  return shape && Object.hasOwn(shape, key) ? (shape[key] as unknown as z.ZodType) : undefined;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

export function settingKind(schema: z.ZodType | undefined, defaultValue: unknown): TSettingKind {
  const s = unwrap(schema as unknown as TZodLike);
  const type = s?._zod?.def?.type;
  if (type === "number" || type === "int") return "number";
  if (type === "boolean") return "boolean";
  if (type === "string") return "text";
  if (type === "enum" && choiceOptions(schema).length > 0) return "choice";
  if (type === "array") {
    const element = unwrap(s?._zod?.def?.element)?._zod?.def?.type;
    if (element === "string") return "lines";
    if (element !== undefined) return "json";
  }
  if (type !== undefined && type !== "any" && type !== "unknown") return "json";
  // No readable schema: go by the default.
  if (typeof defaultValue === "number") return "number";
  if (typeof defaultValue === "boolean") return "boolean";
  if (typeof defaultValue === "string") return "text";
  if (isStringArray(defaultValue) && defaultValue.length > 0) return "lines";
  return "json";
}

/** The values of a z.enum of strings (empty for anything else). */
export function choiceOptions(schema: z.ZodType | undefined): string[] {
  const def = unwrap(schema as unknown as TZodLike)?._zod?.def;
  if (def?.type !== "enum" || !def.entries) return [];
  const values = Object.values(def.entries);
  return values.every((v): v is string => typeof v === "string") ? values : [];
}

/** min, max and step for a number input, from the schema's checks (the server checks them again). */
type TNumberBounds = Pick<TSettingField, "min" | "max" | "minExclusive" | "maxExclusive"> & { step: number | "any" };

export function numberBounds(schema: z.ZodType | undefined): TNumberBounds {
  const s = unwrap(schema as unknown as TZodLike);
  const isInt = s?.isInt === true;
  const out: TNumberBounds = { step: isInt ? 1 : "any" };
  for (const c of s?._zod?.def?.checks ?? []) {
    const def = c._zod?.def;
    if (!def || typeof def.value !== "number" || !Number.isFinite(def.value)) continue;
    // z.int() carries the safe-integer range: not a bound worth showing.
    if (Math.abs(def.value) >= Number.MAX_SAFE_INTEGER) continue;
    // A whole number above 0 is at least 1; a decimal above 0 has no smallest value, so the bound stays exclusive.
    const exclusive = def.inclusive === false;
    const shift = exclusive && isInt ? 1 : 0;
    if (def.check === "greater_than" && def.value + shift >= (out.min ?? -Infinity)) {
      out.min = def.value + shift;
      if (exclusive && !isInt) out.minExclusive = true;
      else delete out.minExclusive;
    }
    if (def.check === "less_than" && def.value - shift <= (out.max ?? Infinity)) {
      out.max = def.value - shift;
      if (exclusive && !isInt) out.maxExclusive = true;
      else delete out.maxExclusive;
    }
  }
  return out;
}

/** "staleDays" -> "Stale days", "trustedLayerAccounts" -> "Trusted layer accounts", "max_age" -> "Max age" */
export function settingLabel(key: string): string {
  const words = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .trim()
    .split(/\s+/)
    .map((w, i) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : i === 0 ? w : w.toLowerCase()));
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** JSON with sorted object keys, so two equal values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function toInputValue(kind: TSettingKind, value: unknown): string | boolean {
  switch (kind) {
    case "boolean":
      return value === true;
    case "number":
      return typeof value === "number" ? String(value) : "";
    case "text":
    case "choice":
      return typeof value === "string" ? value : "";
    case "lines":
      return isStringArray(value) ? value.join("\n") : "";
    case "json":
      return JSON.stringify(value ?? null, null, 2);
  }
}

type TConverted = { ok: true; value: unknown } | { ok: false; message: string };

/** The submitted text of one input, as the value the rule's schema is asked about. */
export function fromInputValue(kind: TSettingKind, raw: string | boolean): TConverted {
  if (kind === "boolean") return { ok: true, value: raw === true };
  const text = typeof raw === "string" ? raw : "";
  switch (kind) {
    case "number": {
      const t = text.trim();
      const n = Number(t);
      if (t === "" || !Number.isFinite(n)) return { ok: false, message: "Enter a number." };
      return { ok: true, value: n };
    }
    case "text":
      return { ok: true, value: text.trim() };
    case "choice":
      return { ok: true, value: text };
    case "lines":
      return { ok: true, value: [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))] };
    case "json": {
      if (text.trim() === "") return { ok: false, message: "Enter a JSON value (the default is shown below)." };
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch (err) {
        return { ok: false, message: `This is not valid JSON: ${(err as Error).message}.` };
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Settings in effect, as the analysis computes them (lib/rules/context.ts createRuleContext).

export type TEffectiveSettings = {
  /** What the rule runs with: defaults, overridden by the saved values when they still fit the schema. */
  values: Record<string, unknown>;
  /** Saved values exist but no longer fit the rule's schema, so the analysis uses the defaults. */
  savedInvalid: boolean;
  /** Settings whose value in effect differs from the default. */
  customizedKeys: string[];
};

export function effectiveSettings(rule: TRuleWithSettings, saved: unknown): TEffectiveSettings {
  const spec = rule.settings;
  if (!spec) return { values: {}, savedInvalid: false, customizedKeys: [] };
  const defaults = spec.defaults as Record<string, unknown>;
  let values = defaults;
  let savedInvalid = false;
  if (saved !== undefined && saved !== null) {
    const parsed = spec.schema.safeParse({ ...defaults, ...(saved as object) });
    if (parsed.success) values = parsed.data as Record<string, unknown>;
    else savedInvalid = true;
  }
  const customizedKeys = Object.keys(defaults).filter((k) => stableJson(values[k]) !== stableJson(defaults[k]));
  return { values, savedInvalid, customizedKeys };
}

/** The inputs of a rule's settings form, in the order of its defaults. */
export function ruleSettingFields(rule: TRuleWithSettings, saved: unknown): TSettingField[] {
  const spec = rule.settings;
  if (!spec) return [];
  const defaults = spec.defaults as Record<string, unknown>;
  const describe = spec.describe as Record<string, string>;
  const effective = effectiveSettings(rule, saved);
  return Object.keys(defaults).map((key) => {
    const schema = settingSchema(spec, key);
    const kind = settingKind(schema, defaults[key]);
    const bounds = kind === "number" ? numberBounds(schema) : kind === "choice" ? { options: choiceOptions(schema) } : {};
    return {
      key,
      label: settingLabel(key),
      kind,
      describe: describe[key] ?? "",
      ...bounds,
      value: toInputValue(kind, effective.values[key]),
      defaultValue: toInputValue(kind, defaults[key]),
      isCustomized: effective.customizedKeys.includes(key),
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// The submitted form.

/** Reads the form's fields for this rule's settings (a checkbox is present only when ticked). */
export function ruleSettingsFormValues(form: FormData, rule: TRuleWithSettings): TRuleSettingsFormValues {
  const settings: Record<string, string | boolean> = {};
  const defaults = (rule.settings?.defaults ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(defaults)) {
    const kind = settingKind(rule.settings ? settingSchema(rule.settings, key) : undefined, defaults[key]);
    const v = form.get(`${SETTING_FIELD_PREFIX}${key}`);
    settings[key] = kind === "boolean" ? v !== null : typeof v === "string" ? v : "";
  }
  return { enabled: form.get("enabled") !== null, settings };
}

/** "runtimes[2].deprecatedOn" */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

function sentence(message: string): string {
  const m = message.trim();
  const s = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

const plural = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;
const TYPE_WORDS: Record<string, string> = { int: "a whole number", number: "a number", string: "text", boolean: "true or false", array: "a list", object: "an object" };

/**
 * Plainer wording for zod's built-in messages. Passed per parse, so a message the rule's schema sets
 * itself ("an AWS account id is 12 digits") still wins.
 */
export function settingIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "too_small": {
      const min = issue.minimum;
      if (issue.origin === "number" || issue.origin === "int") return `Must be ${issue.inclusive === false ? "more than" : "at least"} ${min}.`;
      if (issue.origin === "array") return `List at least ${plural(min, "entry", "entries")}.`;
      if (issue.origin === "string") return Number(min) === 1 ? "Must not be empty." : `Use at least ${plural(min, "character", "characters")}.`;
      return undefined;
    }
    case "too_big": {
      const max = issue.maximum;
      if (issue.origin === "number" || issue.origin === "int") return `Must be ${issue.inclusive === false ? "less than" : "at most"} ${max}.`;
      if (issue.origin === "array") return `List at most ${plural(max, "entry", "entries")}.`;
      if (issue.origin === "string") return `Use at most ${plural(max, "character", "characters")}.`;
      return undefined;
    }
    case "invalid_type":
      if (issue.expected === "int") return "Must be a whole number.";
      return issue.input === undefined
        ? `Missing: expected ${TYPE_WORDS[issue.expected] ?? issue.expected}.`
        : `Expected ${TYPE_WORDS[issue.expected] ?? issue.expected}.`;
    case "invalid_format":
      if (issue.format === "regex" && "pattern" in issue && issue.pattern) return `Does not have the expected form (${String(issue.pattern)}).`;
      return `Not a valid ${issue.format}.`;
    case "invalid_value":
      return `Must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`;
    case "unrecognized_keys":
      return `Unknown ${issue.keys.length === 1 ? "key" : "keys"}: ${issue.keys.join(", ")}.`;
    case "not_multiple_of":
      return `Must be a multiple of ${issue.divisor}.`;
    default:
      return undefined;
  }
}

function shortValue(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

export type TParsedRuleSettings =
  | {
      ok: true;
      enabled: boolean;
      /** Only the settings that differ from the defaults: the rule keeps following its defaults for the rest. */
      overrides: Record<string, unknown>;
    }
  | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] };

/**
 * Turns the submitted text into values and validates them with the rule's own schema, merged over its
 * defaults exactly as the analysis will. Errors are keyed by setting, each naming the entry at fault.
 */
export function parseRuleSettingsForm(rule: TRuleWithSettings, values: TRuleSettingsFormValues): TParsedRuleSettings {
  const spec = rule.settings;
  if (!spec) return { ok: true, enabled: values.enabled, overrides: {} };
  const defaults = spec.defaults as Record<string, unknown>;
  const fieldErrors: Record<string, string[]> = {};
  const input: Record<string, unknown> = { ...defaults };
  const kinds: Record<string, TSettingKind> = {};

  for (const key of Object.keys(defaults)) {
    const kind = settingKind(settingSchema(spec, key), defaults[key]);
    kinds[key] = kind;
    const converted = fromInputValue(kind, values.settings[key] ?? (kind === "boolean" ? false : ""));
    if (converted.ok) input[key] = converted.value;
    else fieldErrors[key] = [converted.message];
  }
  const unreadable = new Set(Object.keys(fieldErrors));

  const parsed = spec.schema.safeParse(input, { error: settingIssueMessage });
  const formErrors: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, ...rest] = issue.path;
      const key = typeof head === "string" && Object.hasOwn(defaults, head) ? head : null;
      if (key === null) {
        formErrors.push(sentence(issue.message));
        continue;
      }
      // Text that could not be read kept the default in `input`: its reading error is the one to show.
      if (unreadable.has(key)) continue;
      let text = sentence(issue.message);
      if (rest.length > 0 && kinds[key] === "lines" && typeof rest[0] === "number") {
        const entry = (input[key] as unknown[])[rest[0]];
        text = `“${shortValue(entry)}”: ${text}`;
      } else if (rest.length > 0) {
        text = `${pathText(rest)}: ${text}`;
      }
      (fieldErrors[key] ??= []).push(text);
    }
  }
  if (Object.keys(fieldErrors).length > 0 || formErrors.length > 0) return { ok: false, fieldErrors, formErrors };

  const overrides = Object.fromEntries(
    Object.keys(defaults)
      .filter((k) => stableJson(input[k]) !== stableJson(defaults[k]))
      .map((k) => [k, input[k]]),
  );
  return { ok: true, enabled: values.enabled, overrides };
}
