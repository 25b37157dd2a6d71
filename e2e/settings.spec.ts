// The settings journey: trusted accounts and organizations, the rules list with its filters in the URL, a
// rule's page with its metadata, turning a rule off, and tuning a rule's settings (with errors shown next
// to the field and reset to defaults). Whatever it changes is put back in `finally` through lib/db, so the
// other specs see the same trust and rule settings whatever the order. Works with whatever rules are
// registered: the expectations come from the registry.
import { expect, test } from "@playwright/test";
import { parseRuleSettingsForm, ruleSettingFields, type TSettingField } from "@/lib/actions/rule-settings-input";
import { getInstallationSettings, getRuleSettings, saveInstallationSettings, saveRuleSetting } from "@/lib/db/settings";
import { RULES } from "@/lib/rules/registry";
import { RULE_CATEGORY_LABELS, type AnyRuleDefinition } from "@/lib/rules/types";
import { mainNav } from "./pages/app-shell";
import { RulePage, RulesListPage, SettingsPage } from "./pages/settings.page";
import { screenshot } from "./pages/screenshot";

const ACTIVE = RULES.filter((r) => !r.deprecated);

/** Puts a rule's saved row back as it was (a row with no overrides and enabled behaves as no row). */
async function restoreRule(ruleId: string, before: { enabled: boolean; settings: unknown } | undefined) {
  await saveRuleSetting(ruleId, { enabled: before?.enabled ?? true, settings: (before?.settings ?? {}) as Record<string, unknown> }, null);
}

test("[SETTINGS] trusted accounts and organizations: errors next to the field, what was typed kept, saved lists normalized", async ({ page }, testInfo) => {
  const before = await getInstallationSettings();
  try {
    await page.goto("/");
    await mainNav(page).getByRole("link", { name: "Settings", exact: true }).click();
    const settings = new SettingsPage(page);
    await expect(settings.heading).toBeVisible();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(mainNav(page).getByRole("link", { name: "Settings", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(settings.trust).toContainText("Cross-account grants to these are not flagged");

    // a bad account id and a bad organization id: both rejected, each under its own field, nothing saved
    const typedAccounts = "111122223333\n12345";
    await settings.accounts.fill(typedAccounts);
    await settings.organizations.fill("o-short");
    await settings.save.click();
    await expect(settings.status).toContainText("Fix the highlighted fields.");
    await expect(settings.errorOf(settings.accounts)).toContainText("“12345” is not an AWS account id");
    await expect(settings.errorOf(settings.organizations)).toContainText("“o-short” is not an organization id");
    await expect(settings.accounts).toHaveAttribute("aria-invalid", "true");
    await expect(settings.accounts).toHaveValue(typedAccounts);
    await expect(settings.organizations).toHaveValue("o-short");
    expect(await getInstallationSettings()).toEqual(before);
    await screenshot(page, testInfo, "settings-trust-invalid");

    // valid lists, with a blank line, a repeat and a comma: saved one per line
    await settings.accounts.fill("111122223333\n\n444455556666, 111122223333");
    await settings.organizations.fill("o-a1b2c3d4e5");
    await settings.save.click();
    await expect(settings.status).toContainText("Saved: 2 trusted accounts and 1 trusted organization.");
    await expect(settings.errorOf(settings.accounts)).toHaveCount(0);
    expect(await getInstallationSettings()).toEqual({ trustedAccountIds: ["111122223333", "444455556666"], trustedOrganizationIds: ["o-a1b2c3d4e5"] });
    await page.reload();
    await expect(settings.accounts).toHaveValue("111122223333\n444455556666");
    await expect(settings.organizations).toHaveValue("o-a1b2c3d4e5");
    await screenshot(page, testInfo, "settings");
  } finally {
    await saveInstallationSettings(before, null);
  }
});

test("[SETTINGS] every registered rule is listed; filters live in the URL and run on the server", async ({ page }, testInfo) => {
  const list = new RulesListPage(page);
  await list.goto();
  await expect(list.rows()).toHaveCount(RULES.length);
  const rowTexts = await list.rows().allInnerTexts();
  for (const r of RULES) {
    const row = rowTexts.find((t) => t.includes(r.id) && t.includes(r.title));
    expect(row, `${r.id} is listed with its title`).toBeDefined();
    expect(row).toContain(r.catalogueId);
  }
  await screenshot(page, testInfo, "settings-rules");

  // by severity: the URL carries it, every row has it
  const severity = ACTIVE[0].severity;
  await list.filter({ severity });
  await expect(page).toHaveURL(new RegExp(`[?&]severity=${severity}`));
  await expect(list.rows()).toHaveCount(RULES.filter((r) => r.severity === severity).length);
  await expect(list.filters.getByLabel("Severity")).toHaveValue(severity);

  // by category and text, from a fresh load of the URL (shareable)
  const target = ACTIVE[ACTIVE.length - 1];
  await list.goto(`?category=${target.category}&q=${encodeURIComponent(target.catalogueId.toLowerCase())}`);
  const expected = RULES.filter(
    (r) =>
      r.category === target.category &&
      [r.id, r.catalogueId, r.title, RULE_CATEGORY_LABELS[r.category], r.resourceType].some((s) => s.toLowerCase().includes(target.catalogueId.toLowerCase())),
  );
  await expect(list.rows()).toHaveCount(expected.length);
  await expect(list.row(target.id)).toBeVisible();
  await expect(list.filters.getByLabel("Category")).toHaveValue(target.category);
  await expect(list.filters.getByLabel("Rule contains")).toHaveValue(target.catalogueId.toLowerCase());

  // nothing matches: an empty state with a way out
  await list.filter({ text: "no-rule-has-this-text-8d1f" });
  await expect(page.getByRole("heading", { name: "No rules match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(list.rows()).toHaveCount(RULES.length);

  // a hand-edited URL: the problems, in words
  await list.goto("?severity=severe");
  await expect(page.getByRole("alert").filter({ hasText: "These filters cannot be applied" })).toContainText("Severity must be one of");
});

test("[SETTINGS] a rule's page shows its metadata; an unknown rule is a real 404", async ({ page }, testInfo) => {
  const rule: AnyRuleDefinition = ACTIVE.find((r) => r.remediation.cli || r.remediation.terraform) ?? ACTIVE[0];
  const list = new RulesListPage(page);
  await list.goto();
  await list.row(rule.id).getByRole("link", { name: rule.title }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/rules/${rule.id}$`));

  const detail = new RulePage(page);
  await expect(detail.title).toHaveText(rule.title);
  await expect(page.getByText(rule.description.split("\n")[0].slice(0, 60)).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Why it matters" })).toContainText(rule.risk.split("\n")[0].slice(0, 60));
  await expect(detail.remediation).toContainText(rule.remediation.text.split("\n")[0].slice(0, 60));
  const blocks = [
    ["AWS CLI", rule.remediation.cli],
    ["CloudFormation", rule.remediation.cloudformation],
    ["Terraform", rule.remediation.terraform],
  ] as const;
  for (const [label, code] of blocks) {
    const block = detail.codeBlock(label);
    if (!code) {
      await expect(block.block).toHaveCount(0);
      continue;
    }
    await expect(block.code).toHaveText(code, { useInnerText: false });
    await block.copy.click();
    await expect(block.block.getByText(/^(Copied|Copy failed: select the text instead)$/)).toBeVisible();
  }
  for (const href of rule.references) await expect(detail.references.getByRole("link", { name: href })).toHaveAttribute("href", href);
  for (const controls of Object.values(rule.frameworks ?? {})) for (const c of controls) await expect(detail.frameworks).toContainText(c);
  await screenshot(page, testInfo, "settings-rule");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, testInfo, "settings-rule-dark");
  await page.emulateMedia({ colorScheme: "light" });

  const missing = await page.goto("/settings/rules/no_such_rule_e2e");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Rule not found" })).toBeVisible();
  const malformed = await page.goto("/settings/rules/..%2F..%2Fetc");
  expect(malformed?.status()).toBe(404);
});

test("[SETTINGS] turn a rule off and on again", async ({ page }) => {
  const rule = ACTIVE[0];
  const before = (await getRuleSettings()).get(rule.id);
  try {
    const detail = new RulePage(page);
    await detail.goto(rule.id);
    await expect(detail.enabled).toBeChecked({ checked: before?.enabled ?? true });
    if (!(before?.enabled ?? true)) {
      await detail.enabled.check();
      await detail.save.click();
      await expect(detail.status).toContainText("Saved.");
    }

    // from the keyboard: Space toggles the checkbox, Enter on the button submits
    await detail.enabled.focus();
    await page.keyboard.press("Space");
    await expect(detail.enabled).not.toBeChecked();
    await detail.save.focus();
    await page.keyboard.press("Enter");
    await expect(detail.status).toContainText("Scans no longer run this rule");
    await expect(detail.settings.getByText("Disabled", { exact: true })).toBeVisible();
    expect((await getRuleSettings()).get(rule.id)?.enabled).toBe(false);

    const list = new RulesListPage(page);
    await list.goto("?state=disabled");
    await expect(list.row(rule.id)).toContainText("Disabled");

    await detail.goto(rule.id);
    await expect(detail.enabled).not.toBeChecked();
    await detail.enabled.check();
    await detail.save.click();
    await expect(detail.status).toContainText("The next scan of each account runs this rule");
    expect((await getRuleSettings()).get(rule.id)?.enabled).toBe(true);
  } finally {
    await restoreRule(rule.id, before);
  }
});

// ---------------------------------------------------------------------------------------------------
// Tuning a rule's settings, with the first registered rule that has some.

type TPick = { rule: AnyRuleDefinition; field: TSettingField; invalid: string | null; changed: string | boolean };

/** A setting we can change to another valid value, preferably one with a value its schema refuses. */
function pickSetting(): TPick | null {
  const picks: TPick[] = [];
  for (const rule of ACTIVE.filter((r) => r.settings)) {
    const fields = ruleSettingFields(rule, undefined);
    const base = Object.fromEntries(fields.map((f) => [f.key, f.value]));
    const check = (key: string, value: string | boolean) => parseRuleSettingsForm(rule, { enabled: true, settings: { ...base, [key]: value } });
    for (const field of fields) {
      const d = field.defaultValue;
      const candidates: (string | boolean)[] =
        field.kind === "boolean"
          ? [!d]
          : field.kind === "number"
            ? [String(Number(d) + 1), String(Number(d) - 1), String(field.min ?? ""), String(field.max ?? "")]
            : field.kind === "lines"
              ? [String(d).split("\n").slice(0, -1).join("\n"), `${d}\n123456789012`.trim(), `${d}\nexample`.trim()]
              : field.kind === "text"
                ? ["lantern-e2e", ""]
                : field.kind === "choice"
                  ? (field.options ?? []).filter((o) => o !== d)
                  : [];
      const changed = candidates.find((c) => {
        const r = check(field.key, c);
        return r.ok && Object.hasOwn(r.overrides, field.key);
      });
      if (changed === undefined) continue;
      const bad: string[] =
        field.kind === "number" ? [""] : field.kind === "lines" ? [`${d}\nnot a valid entry !!`.trim()] : field.kind === "text" ? ["x".repeat(5000)] : [];
      const invalid = bad.find((b) => !check(field.key, b).ok) ?? null;
      picks.push({ rule, field, invalid, changed });
    }
  }
  return picks.find((p) => p.invalid !== null) ?? picks[0] ?? null;
}

test("[SETTINGS] tune a rule's setting: the error next to it, saved as customized, reset to defaults", async ({ page }, testInfo) => {
  const pick = pickSetting();
  test.skip(pick === null, "No registered rule has a setting this test can change.");
  const { rule, field, invalid, changed } = pick!;
  const before = (await getRuleSettings()).get(rule.id);
  try {
    await restoreRule(rule.id, undefined);
    const detail = new RulePage(page);
    await detail.goto(rule.id);
    const setting = detail.setting(field.key, field.label);
    await expect(setting.block).toContainText(field.describe);
    await expect(setting.customized).toHaveCount(0);
    await expect(detail.reset).toBeDisabled();
    // every setting of the rule is shown with its description
    for (const f of ruleSettingFields(rule, undefined)) await expect(detail.setting(f.key, f.label).block).toContainText(f.describe);

    if (invalid !== null && field.kind !== "boolean") {
      await setting.input.fill(invalid);
      await detail.save.click();
      await expect(detail.status).toContainText("Nothing was saved");
      await expect(setting.errors).toBeVisible();
      await expect(setting.input).toHaveAttribute("aria-invalid", "true");
      await expect(setting.input).toHaveValue(invalid);
      expect((await getRuleSettings()).get(rule.id)?.settings ?? {}).toEqual({});
      await screenshot(page, testInfo, "settings-rule-invalid");
    }

    if (typeof changed === "boolean") await setting.input.setChecked(changed);
    else if (field.kind === "choice") await setting.input.selectOption(changed);
    else await setting.input.fill(changed);
    await detail.save.click();
    await expect(detail.status).toContainText("1 customized setting");
    await expect(setting.customized).toBeVisible();
    await expect(setting.errors).toHaveCount(0);
    expect(Object.keys(((await getRuleSettings()).get(rule.id)?.settings ?? {}) as object)).toEqual([field.key]);

    const list = new RulesListPage(page);
    await list.goto("?state=customized");
    await expect(list.row(rule.id)).toContainText("Customized (1)");

    await detail.goto(rule.id);
    if (typeof changed === "boolean") await expect(setting.input).toBeChecked({ checked: changed });
    else await expect(setting.input).toHaveValue(changed);
    await detail.reset.click();
    await expect(detail.status).toContainText("reset to their defaults");
    await expect(setting.customized).toHaveCount(0);
    if (typeof field.defaultValue === "boolean") await expect(setting.input).toBeChecked({ checked: field.defaultValue });
    else await expect(setting.input).toHaveValue(field.defaultValue);
    expect((await getRuleSettings()).get(rule.id)?.settings).toEqual({});
  } finally {
    await restoreRule(rule.id, before);
  }
});
