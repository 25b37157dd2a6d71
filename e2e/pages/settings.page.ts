// Settings: the trust form (/settings), the rules list (/settings/rules) and a rule's page (/settings/rules/<id>).
import { expect, type Locator, type Page } from "@playwright/test";

export class SettingsPage {
  readonly heading: Locator;
  readonly trust: Locator;
  readonly accounts: Locator;
  readonly organizations: Locator;
  readonly save: Locator;
  readonly status: Locator;
  readonly rulesSummary: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Settings" });
    this.trust = page.getByRole("region", { name: "Trusted accounts and organizations" });
    this.accounts = this.trust.getByLabel("Trusted AWS account ids");
    this.organizations = this.trust.getByLabel("Trusted AWS Organizations ids");
    this.save = this.trust.getByRole("button", { name: "Save trusted accounts" });
    this.status = page.locator("#trust-form-status");
    this.rulesSummary = page.getByRole("region", { name: "Rules and thresholds" });
  }

  async goto() {
    await this.page.goto("/settings");
    await expect(this.heading).toBeVisible();
  }

  /** The error shown under a field (in the same labelled block). */
  errorOf(field: Locator): Locator {
    return field.locator("xpath=..").locator("[id$='-error']");
  }
}

export class RulesListPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly filters: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Rules" });
    this.table = page.getByRole("table", { name: /^Rules, / });
    this.filters = page.getByRole("search", { name: "Filter rules" });
    this.summary = page.getByText(/\d+ (of \d+ )?rules?( match)? · /);
  }

  async goto(query = "") {
    await this.page.goto(`/settings/rules${query}`);
    await expect(this.heading).toBeVisible();
  }

  /** Body rows (the header row excluded). */
  rows(): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  row(ruleId: string): Locator {
    return this.rows().filter({ hasText: ruleId });
  }

  async filter(opts: { text?: string; category?: string; severity?: string; state?: string }) {
    if (opts.text !== undefined) await this.filters.getByLabel("Rule contains").fill(opts.text);
    if (opts.category !== undefined) await this.filters.getByLabel("Category").selectOption(opts.category);
    if (opts.severity !== undefined) await this.filters.getByLabel("Severity").selectOption(opts.severity);
    if (opts.state !== undefined) await this.filters.getByLabel("State").selectOption(opts.state);
    await this.filters.getByRole("button", { name: "Apply filters" }).click();
  }
}

export class RulePage {
  readonly title: Locator;
  readonly settings: Locator;
  readonly enabled: Locator;
  readonly save: Locator;
  readonly reset: Locator;
  readonly status: Locator;
  readonly remediation: Locator;
  readonly references: Locator;
  readonly frameworks: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole("heading", { level: 1 });
    this.settings = page.getByRole("region", { name: "Rule settings" });
    this.enabled = this.settings.getByLabel("Run this rule in scans");
    this.save = this.settings.getByRole("button", { name: "Save rule settings" });
    this.reset = this.settings.getByRole("button", { name: "Reset to defaults" });
    this.status = page.locator("#rule-settings-status");
    this.remediation = page.getByRole("region", { name: "How to fix it" });
    this.references = page.getByRole("region", { name: "References" });
    this.frameworks = page.getByRole("region", { name: "Framework controls" });
  }

  async goto(ruleId: string) {
    const response = await this.page.goto(`/settings/rules/${ruleId}`);
    await expect(this.settings).toBeVisible();
    return response;
  }

  /** One setting's block: its input (by label), its errors, its "Customized" badge. */
  setting(key: string, label: string) {
    const block = this.settings.locator(`[data-setting="${key}"]`);
    return {
      block,
      input: block.getByLabel(label, { exact: true }),
      errors: block.locator("[id$='-error']"),
      customized: block.getByText("Customized", { exact: true }),
    };
  }

  codeBlock(label: string) {
    const block = this.remediation.getByRole("figure").filter({ has: this.page.getByText(label, { exact: true }) });
    return { block, code: block.locator("pre"), copy: block.getByRole("button", { name: `Copy ${label}`, exact: true }) };
  }
}
