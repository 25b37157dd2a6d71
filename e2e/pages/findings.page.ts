import { expect, type Locator, type Page } from "@playwright/test";

export class FindingsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly matchingCount: Locator;
  readonly filters: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Findings" });
    this.table = page.getByRole("table", { name: /^Findings, / });
    this.matchingCount = page.getByText(/\d+ matching findings?/);
    this.filters = page.getByRole("search", { name: "Filter findings" });
  }

  async goto(query = "") {
    await this.page.goto(`/findings${query}`);
    await expect(this.heading).toBeVisible();
  }

  /** Body rows of the findings table (the header row excluded). */
  rows(): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  async filter(opts: { rule?: string; severity?: string; status?: string; search?: string }) {
    if (opts.search !== undefined) await this.filters.getByLabel("Resource name contains").fill(opts.search);
    if (opts.severity) await this.filters.getByLabel("Severity").selectOption(opts.severity);
    if (opts.status) await this.filters.getByLabel("Status").selectOption(opts.status);
    if (opts.rule) await this.filters.getByLabel("Rule").selectOption(opts.rule);
    await this.filters.getByRole("button", { name: "Apply filters" }).click();
    if (opts.rule) await expect(this.page).toHaveURL(new RegExp(`rule=${opts.rule}`));
  }

  /** Opens the finding in the given row (its title links to the detail page). */
  async open(row: Locator) {
    await row.getByRole("link").first().click();
  }
}
