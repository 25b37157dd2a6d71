import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RULES } from "@/lib/rules/registry";
import type { AnyRuleDefinition } from "@/lib/rules/types";
import { createRuleContext, NO_TRUSTED, sharedMemo } from "@/lib/rules/context";
import {
  effectiveSettings,
  numberBounds,
  parseRuleSettingsForm,
  ruleSettingFields,
  ruleSettingsFormValues,
  SETTING_FIELD_PREFIX,
  settingKind,
  settingLabel,
  type TRuleSettingsFormValues,
} from "./rule-settings-input";

// A rule with one setting of every kind the form knows.
const schema = z.object({
  staleDays: z.number().int().min(1).max(3650),
  ratio: z.number().gt(0).lte(1),
  includeManaged: z.boolean(),
  namePrefix: z.string().max(20),
  minimumConfidence: z.enum(["high", "medium", "low"]),
  trustedPublishers: z.array(z.string().regex(/^\d{12}$/, "an AWS account id is 12 digits")),
  deprecatedRuntimes: z.array(z.object({ runtime: z.string().min(1), deprecatedOn: z.iso.date() })),
});
type S = z.infer<typeof schema>;
const defaults: S = {
  staleDays: 90,
  ratio: 0.5,
  includeManaged: false,
  namePrefix: "",
  minimumConfidence: "medium",
  trustedPublishers: ["094274105915"],
  deprecatedRuntimes: [{ runtime: "nodejs16.x", deprecatedOn: "2024-06-12" }],
};
const rule = {
  settings: {
    schema,
    defaults,
    describe: {
      staleDays: "Days without use before a role counts as stale.",
      ratio: "A ratio.",
      includeManaged: "Also judge AWS managed policies.",
      namePrefix: "Only names with this prefix.",
      minimumConfidence: "Report findings of at least this confidence.",
      trustedPublishers: "Accounts whose layers are trusted.",
      deprecatedRuntimes: "Runtimes with their deprecation dates.",
    },
  },
} satisfies Pick<AnyRuleDefinition, "settings">;

/** The form as first shown (defaults), with some inputs changed. */
function submitted(changes: Record<string, string | boolean> = {}, enabled = true): TRuleSettingsFormValues {
  const fields = ruleSettingFields(rule, undefined);
  return { enabled, settings: { ...Object.fromEntries(fields.map((f) => [f.key, f.value])), ...changes } };
}

describe("ruleSettingFields", () => {
  it("gives each setting the input of its type, with its description and the schema's bounds", () => {
    const fields = ruleSettingFields(rule, undefined);
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ["staleDays", "number"],
      ["ratio", "number"],
      ["includeManaged", "boolean"],
      ["namePrefix", "text"],
      ["minimumConfidence", "choice"],
      ["trustedPublishers", "lines"],
      ["deprecatedRuntimes", "json"],
    ]);
    const stale = fields[0];
    expect(stale).toMatchObject({ label: "Stale days", min: 1, max: 3650, step: 1, value: "90", defaultValue: "90", isCustomized: false });
    expect(stale.describe).toBe("Days without use before a role counts as stale.");
    expect(fields[1]).toMatchObject({ min: 0, minExclusive: true, max: 1, step: "any" });
    expect(fields[1].maxExclusive).toBeUndefined();
    expect(fields[2]).toMatchObject({ value: false });
    expect(fields[4]).toMatchObject({ value: "medium", options: ["high", "medium", "low"] });
    expect(fields[5]).toMatchObject({ value: "094274105915" });
    expect(JSON.parse(fields[6].value as string)).toEqual(defaults.deprecatedRuntimes);
  });

  it("shows the saved values in effect and marks them customized", () => {
    const fields = ruleSettingFields(rule, { staleDays: 30, trustedPublishers: ["111122223333", "444455556666"] });
    expect(fields.find((f) => f.key === "staleDays")).toMatchObject({ value: "30", defaultValue: "90", isCustomized: true });
    expect(fields.find((f) => f.key === "trustedPublishers")).toMatchObject({ value: "111122223333\n444455556666", isCustomized: true });
    expect(fields.find((f) => f.key === "ratio")).toMatchObject({ isCustomized: false });
  });

  it("a saved value equal to the default is not a customization", () => {
    expect(effectiveSettings(rule, { staleDays: 90 }).customizedKeys).toEqual([]);
  });

  it("saved values that no longer fit the schema: defaults in effect, flagged, like the analysis", () => {
    const saved = { staleDays: "ninety" };
    const e = effectiveSettings(rule, saved);
    expect(e).toMatchObject({ savedInvalid: true, customizedKeys: [], values: defaults });
    const ctx = createRuleContext({ id: "x", settings: rule.settings }, { now: new Date(), saved, installation: NO_TRUSTED, complete: () => true, shared: sharedMemo() });
    expect(ctx.settings).toEqual(e.values);
  });

  it("a rule without settings has no fields", () => {
    expect(ruleSettingFields({}, undefined)).toEqual([]);
    expect(parseRuleSettingsForm({}, { enabled: false, settings: {} })).toEqual({ ok: true, enabled: false, overrides: {} });
  });
});

describe("parseRuleSettingsForm", () => {
  it("an untouched form saves no overrides", () => {
    expect(parseRuleSettingsForm(rule, submitted())).toEqual({ ok: true, enabled: true, overrides: {} });
  });

  it("keeps only what differs from the defaults, and whether the rule runs", () => {
    const r = parseRuleSettingsForm(
      rule,
      submitted({ staleDays: " 30 ", includeManaged: true, minimumConfidence: "high", trustedPublishers: "111122223333\n\n 111122223333\n094274105915\n" }, false),
    );
    expect(r).toEqual({
      ok: true,
      enabled: false,
      overrides: { staleDays: 30, includeManaged: true, minimumConfidence: "high", trustedPublishers: ["111122223333", "094274105915"] },
    });
  });

  it("an emptied list is a real value (nobody trusted), not the default", () => {
    expect(parseRuleSettingsForm(rule, submitted({ trustedPublishers: "  \n" }))).toMatchObject({ ok: true, overrides: { trustedPublishers: [] } });
  });

  it("accepts a JSON table that fits the schema", () => {
    const runtimes = [
      { runtime: "nodejs16.x", deprecatedOn: "2024-06-12" },
      { runtime: "python3.8", deprecatedOn: "2024-10-14" },
    ];
    const r = parseRuleSettingsForm(rule, submitted({ deprecatedRuntimes: JSON.stringify(runtimes) }));
    expect(r).toEqual({ ok: true, enabled: true, overrides: { deprecatedRuntimes: runtimes } });
  });

  it.each([
    ["staleDays", "", /^Enter a number\.$/],
    ["staleDays", "abc", /^Enter a number\.$/],
    ["staleDays", "0", /^Must be at least 1\.$/],
    ["staleDays", "4000", /^Must be at most 3650\.$/],
    ["staleDays", "1.5", /^Must be a whole number\.$/],
    ["ratio", "0", /^Must be more than 0\.$/],
    ["namePrefix", "x".repeat(21), /^Use at most 20 characters\.$/],
    ["minimumConfidence", "extreme", /^Must be one of "high", "medium", "low"\.$/],
    ["deprecatedRuntimes", "", /^Enter a JSON value/],
    ["deprecatedRuntimes", "[{", /^This is not valid JSON: /],
    ["deprecatedRuntimes", '{"runtime":"x"}', /^Expected a list\.$/],
  ])("rejects %s = %j with a message next to it", (key, value, message) => {
    const r = parseRuleSettingsForm(rule, submitted({ [key]: value }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors)).toEqual([key]);
    expect(r.fieldErrors[key].join(" ")).toMatch(message);
    expect(r.formErrors).toEqual([]);
  });

  it("names the list entry at fault, with the rule's own message", () => {
    const r = parseRuleSettingsForm(rule, submitted({ trustedPublishers: "111122223333\nnot-an-account\n12345" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors.trustedPublishers).toEqual(["“not-an-account”: An AWS account id is 12 digits.", "“12345”: An AWS account id is 12 digits."]);
  });

  it("names the path inside a JSON value at fault", () => {
    const r = parseRuleSettingsForm(rule, submitted({ deprecatedRuntimes: '[{"runtime":"python3.8","deprecatedOn":"soon"}]' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors.deprecatedRuntimes).toEqual(["[0].deprecatedOn: Not a valid date."]);
    const missing = parseRuleSettingsForm(rule, submitted({ deprecatedRuntimes: '[{"deprecatedOn":"2024-01-01"}]' }));
    expect(missing.ok ? [] : missing.fieldErrors.deprecatedRuntimes).toEqual(["[0].runtime: Missing: expected text."]);
  });

  it("reports every bad setting at once", () => {
    const r = parseRuleSettingsForm(rule, submitted({ staleDays: "-1", trustedPublishers: "x", deprecatedRuntimes: "{" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors).sort()).toEqual(["deprecatedRuntimes", "staleDays", "trustedPublishers"]);
  });

  it("puts a problem of the settings together (an object-level check) at the top of the form", () => {
    const together = {
      settings: {
        schema: z.object({ min: z.number(), max: z.number() }).refine((s) => s.min <= s.max, "min must not exceed max"),
        defaults: { min: 1, max: 5 },
        describe: { min: "Lower bound.", max: "Upper bound." },
      },
    } satisfies Pick<AnyRuleDefinition, "settings">;
    const r = parseRuleSettingsForm(together, { enabled: true, settings: { min: "9", max: "5" } });
    expect(r).toEqual({ ok: false, fieldErrors: {}, formErrors: ["Min must not exceed max."] });
  });
});

describe("ruleSettingsFormValues", () => {
  it("reads the prefixed inputs; an unticked checkbox is absent from the form", () => {
    const form = new FormData();
    form.set("ruleId", "x");
    form.set(`${SETTING_FIELD_PREFIX}staleDays`, "12");
    form.set(`${SETTING_FIELD_PREFIX}trustedPublishers`, "a\nb");
    const v = ruleSettingsFormValues(form, rule);
    expect(v.enabled).toBe(false);
    expect(v.settings).toEqual({
      staleDays: "12",
      ratio: "",
      includeManaged: false,
      namePrefix: "",
      minimumConfidence: "",
      trustedPublishers: "a\nb",
      deprecatedRuntimes: "",
    });
    form.set("enabled", "on");
    form.set(`${SETTING_FIELD_PREFIX}includeManaged`, "on");
    expect(ruleSettingsFormValues(form, rule)).toMatchObject({ enabled: true, settings: { includeManaged: true } });
  });
});

describe("schema reading", () => {
  it("sees through optional, default and pipes; falls back on the default's type", () => {
    expect(settingKind(z.number().optional(), undefined)).toBe("number");
    expect(settingKind(z.array(z.string()).default([]), [])).toBe("lines");
    expect(settingKind(z.array(z.number()), [])).toBe("json");
    expect(settingKind(z.string().transform((s) => s.length).pipe(z.number()), "")).toBe("text");
    expect(settingKind(undefined, 3)).toBe("number");
    expect(settingKind(undefined, ["a"])).toBe("lines");
    expect(settingKind(undefined, [])).toBe("json");
    expect(settingKind(undefined, { a: 1 })).toBe("json");
  });

  it("turns exclusive bounds of whole numbers into inclusive ones, and ignores z.int()'s safe range", () => {
    expect(numberBounds(z.int().positive())).toEqual({ min: 1, step: 1 });
    expect(numberBounds(z.number().int().gt(0).lt(10))).toEqual({ min: 1, max: 9, step: 1 });
    expect(numberBounds(z.number())).toEqual({ step: "any" });
    expect(numberBounds(z.number().positive().lt(5))).toEqual({ min: 0, minExclusive: true, max: 5, maxExclusive: true, step: "any" });
    expect(numberBounds(z.number().gt(0).min(2))).toEqual({ min: 2, step: "any" });
  });

  it("labels keys in words", () => {
    expect(settingLabel("staleDays")).toBe("Stale days");
    expect(settingLabel("trustedLayerAccounts")).toBe("Trusted layer accounts");
    expect(settingLabel("max_age_days")).toBe("Max age days");
    expect(settingLabel("secretPatternsURL")).toBe("Secret patterns URL");
  });
});

describe("every registered rule", () => {
  it.each(RULES.filter((r) => r.settings).map((r) => [r.id, r] as const))("%s: its untouched form saves as its defaults", (_id, r) => {
    const fields = ruleSettingFields(r, undefined);
    expect(fields.map((f) => f.key)).toEqual(Object.keys(r.settings!.defaults as object));
    for (const f of fields) expect(f.describe, `${r.id}.${f.key} has a description`).not.toBe("");
    const values = { enabled: true, settings: Object.fromEntries(fields.map((f) => [f.key, f.value])) };
    expect(parseRuleSettingsForm(r, values)).toEqual({ ok: true, enabled: true, overrides: {} });
  });

  it("has at least the rules the registry lists", () => {
    expect(RULES.length).toBeGreaterThan(0);
  });
});
