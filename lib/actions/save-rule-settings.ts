"use server";
import { revalidatePath } from "next/cache";
import { getRuleSettings, saveRuleSetting } from "@/lib/db/settings";
import { getRule } from "@/lib/rules/registry";
import { parseRuleSettingsForm, ruleSettingsFormValues, type TRuleSettingsFormState } from "./rule-settings-input";

const RULE_ID = /^[a-z0-9_]{1,128}$/;

/**
 * A rule's settings form. intent=save: validate every setting with the rule's own schema merged over its
 * defaults, then store whether the rule runs and the settings that differ from the defaults.
 * intent=reset: forget the saved settings (the rule follows its defaults again); whether it runs is kept.
 */
export async function saveRuleSettingsAction(_prev: TRuleSettingsFormState, form: FormData): Promise<TRuleSettingsFormState> {
  const ruleId = form.get("ruleId");
  const rule = typeof ruleId === "string" && RULE_ID.test(ruleId) ? getRule(ruleId) : undefined;
  const values = ruleSettingsFormValues(form, rule ?? {});
  if (!rule) {
    return { status: "invalid", message: "This rule is not in this Lantern version. Reload the rules list.", fieldErrors: {}, formErrors: [], values };
  }

  if (form.get("intent") === "reset") {
    const saved = (await getRuleSettings()).get(rule.id);
    await saveRuleSetting(rule.id, { enabled: saved?.enabled ?? true, settings: {} }, null);
    revalidate(rule.id);
    return { status: "saved", savedAt: Date.now(), message: "Settings reset to their defaults. The next scan of each account applies them." };
  }

  const parsed = parseRuleSettingsForm(rule, values);
  if (!parsed.ok) {
    return { status: "invalid", message: "Nothing was saved: fix the highlighted settings.", fieldErrors: parsed.fieldErrors, formErrors: parsed.formErrors, values };
  }
  await saveRuleSetting(rule.id, { enabled: parsed.enabled, settings: parsed.overrides }, null);
  revalidate(rule.id);
  const customized = Object.keys(parsed.overrides).length;
  if (!parsed.enabled) {
    return { status: "saved", savedAt: Date.now(), message: "Saved. Scans no longer run this rule; findings it already reported stay as they are." };
  }
  const how = !rule.settings ? "" : customized === 0 ? " with its default settings" : ` with ${customized} customized setting${customized === 1 ? "" : "s"}`;
  return { status: "saved", savedAt: Date.now(), message: `Saved. The next scan of each account runs this rule${how}.` };
}

function revalidate(ruleId: string) {
  revalidatePath("/settings/rules");
  revalidatePath(`/settings/rules/${ruleId}`);
}
