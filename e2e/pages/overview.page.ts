import { expect, type Locator, type Page } from "@playwright/test";

export type Severity = "critical" | "high" | "medium" | "low" | "informational";

export class OverviewPage {
  readonly heading: Locator;
  readonly severityCards: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Overview" });
    this.severityCards = page.getByRole("list", { name: "Open findings by severity" });
  }

  async goto() {
    await this.page.goto("/");
    await expect(this.heading).toBeVisible();
  }

  /** The card of one severity: a link named "<severity>: <n> open finding(s)". */
  severityCard(severity: Severity): Locator {
    return this.severityCards.getByRole("link", { name: new RegExp(`^${severity}: \\d+ open finding`) });
  }

  async openCount(severity: Severity): Promise<number> {
    const name = (await this.severityCard(severity).getAttribute("aria-label")) ?? "";
    const m = /: (\d+) open/.exec(name);
    if (!m) throw new Error(`severity card for ${severity} has no count: "${name}"`);
    return Number(m[1]);
  }
}
