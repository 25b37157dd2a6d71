// The rules list of the settings pages: one row per registered rule with what the installation saved for
// it, and the filters of the list (kept in the URL) turned into validated values or readable problems.
import { z } from "zod";
import { effectiveSettings } from "@/lib/actions/rule-settings-input";
import type { SavedRuleSetting } from "@/lib/db/settings";
import { getKindDescriptor } from "@/lib/db/inventory-query";
import { RULE_CATEGORY_LABELS, SEVERITIES, type AnyRuleDefinition, type RuleCategory, type Severity } from "@/lib/rules/types";
import type { TSettingsState } from "@/components/settings/rule-state-badges";

export type TRuleRow = {
  id: string;
  catalogueId: string;
  title: string;
  severity: Severity;
  category: RuleCategory;
  categoryLabel: string;
  resourceType: string;
  resourceLabel: string;
  /** Inventory page of the resource kind, when Lantern lists that kind. */
  resourceHref: string | null;
  enabled: boolean;
  deprecated: boolean;
  settings: TSettingsState;
};

export function resourceKindLabel(resourceType: string): { label: string; href: string | null } {
  const kind = getKindDescriptor(resourceType);
  return kind ? { label: kind.singular, href: `/inventory/${kind.kind}` } : { label: resourceType, href: null };
}

export function settingsState(rule: AnyRuleDefinition, saved: SavedRuleSetting | undefined): TSettingsState {
  if (!rule.settings) return { kind: "none" };
  const effective = effectiveSettings(rule, saved?.settings);
  if (effective.savedInvalid) return { kind: "invalid" };
  return effective.customizedKeys.length > 0 ? { kind: "customized", count: effective.customizedKeys.length } : { kind: "default" };
}

export function ruleRow(rule: AnyRuleDefinition, saved: SavedRuleSetting | undefined): TRuleRow {
  const kind = resourceKindLabel(rule.resourceType);
  return {
    id: rule.id,
    catalogueId: rule.catalogueId,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    categoryLabel: RULE_CATEGORY_LABELS[rule.category] ?? rule.category,
    resourceType: rule.resourceType,
    resourceLabel: kind.label,
    resourceHref: kind.href,
    enabled: saved?.enabled ?? true,
    deprecated: rule.deprecated === true,
    settings: settingsState(rule, saved),
  };
}

const byCatalogueId = (a: TRuleRow, b: TRuleRow) =>
  a.catalogueId.localeCompare(b.catalogueId, "en", { numeric: true }) || a.id.localeCompare(b.id);

/** Every rule, catalogue order (LX-01, LX-02, …, A1-01, …), deprecated ones last. */
export function ruleRows(rules: readonly AnyRuleDefinition[], saved: Map<string, SavedRuleSetting>): TRuleRow[] {
  return rules.map((r) => ruleRow(r, saved.get(r.id))).sort((a, b) => Number(a.deprecated) - Number(b.deprecated) || byCatalogueId(a, b));
}

// ---------------------------------------------------------------------------------------------------
// Filters in the URL.

export type TSearchParams = Record<string, string | string[] | undefined>;

export const STATE_CHOICES = {
  enabled: "Enabled",
  disabled: "Disabled",
  customized: "Customized settings",
  configurable: "Has settings",
} as const;
type TStateChoice = keyof typeof STATE_CHOICES;

const CATEGORIES = Object.keys(RULE_CATEGORY_LABELS) as [RuleCategory, ...RuleCategory[]];
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const ZRuleSearch = z.object({
  category: optional(z.enum(CATEGORIES, { error: `Category must be one of ${CATEGORIES.join(", ")}.` })),
  severity: optional(z.enum(SEVERITIES as readonly [Severity, ...Severity[]], { error: `Severity must be one of ${SEVERITIES.join(", ")}.` })),
  state: optional(
    z.enum(Object.keys(STATE_CHOICES) as [TStateChoice, ...TStateChoice[]], { error: `State must be one of ${Object.keys(STATE_CHOICES).join(", ")}.` }),
  ),
  q: optional(z.string().trim().max(200, "Search text is limited to 200 characters.")),
});
export type TRuleFilters = z.infer<typeof ZRuleSearch>;

export function parseRuleSearch(params: TSearchParams): { ok: true; filters: TRuleFilters } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const single: Record<string, string | undefined> = {};
  for (const key of Object.keys(ZRuleSearch.shape)) {
    const v = params[key];
    if (Array.isArray(v)) problems.push(`Give "${key}" once, not ${v.length} times.`);
    else single[key] = v;
  }
  const parsed = ZRuleSearch.safeParse(single);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => i.message));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, filters: parsed.data };
}

export const hasActiveRuleFilters = (f: TRuleFilters) => Boolean(f.category || f.severity || f.state || f.q);

function matchesState(row: TRuleRow, state: TStateChoice): boolean {
  switch (state) {
    case "enabled":
      return row.enabled && !row.deprecated;
    case "disabled":
      return !row.enabled || row.deprecated;
    case "customized":
      return row.settings.kind === "customized" || row.settings.kind === "invalid";
    case "configurable":
      return row.settings.kind !== "none";
  }
}

/** Text matches the rule id, catalogue id, title, category or resource kind, ignoring case. */
export function filterRuleRows(rows: readonly TRuleRow[], f: TRuleFilters): TRuleRow[] {
  const q = f.q?.toLowerCase();
  return rows
    .filter((r) => !f.category || r.category === f.category)
    .filter((r) => !f.severity || r.severity === f.severity)
    .filter((r) => !f.state || matchesState(r, f.state))
    .filter(
      (r) =>
        !q ||
        [r.id, r.catalogueId, r.title, r.categoryLabel, r.resourceType, r.resourceLabel].some((s) => s.toLowerCase().includes(q)),
    );
}
