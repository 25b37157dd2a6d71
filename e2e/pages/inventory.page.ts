import { expect, type Locator, type Page } from "@playwright/test";

/** /inventory: every resource kind with its live count. */
export class InventoryPage {
  readonly heading: Locator;
  readonly kindsTable: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Inventory" });
    this.kindsTable = page.getByRole("table", { name: /^Live resources per kind/ });
  }

  async goto() {
    await this.page.goto("/inventory");
    await expect(this.heading).toBeVisible();
  }

  /** The row of a kind, by its label ("Lambda functions"). */
  kindRow(label: string): Locator {
    return this.kindsTable.getByRole("row").filter({ has: this.page.getByRole("link", { name: label, exact: true }) });
  }

  async liveCount(label: string): Promise<number> {
    const text = (await this.kindRow(label).getByTestId("kind-total").textContent()) ?? "";
    const n = Number(text.replace(/,/g, "").trim());
    if (!Number.isInteger(n)) throw new Error(`no live count for ${label}: "${text}"`);
    return n;
  }

  async openKind(label: string) {
    await this.kindRow(label).getByRole("link", { name: label, exact: true }).click();
  }
}

/** /inventory/<kind>: one kind's resources with filters. */
export class InventoryListPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly filters: Locator;
  readonly matchingCount: Locator;

  constructor(
    readonly page: Page,
    readonly kindLabel: string,
  ) {
    this.heading = page.getByRole("heading", { level: 1, name: kindLabel });
    this.table = page.getByRole("table", { name: new RegExp(`^${kindLabel}, `) });
    this.filters = page.getByRole("search", { name: `Filter ${kindLabel}` });
    this.matchingCount = page.getByText(/^[\d,]+ matching/);
  }

  /** Body rows (the header row excluded). */
  rows(): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  /** The resource names of the rows shown, in order. */
  async names(): Promise<string[]> {
    return this.rows().locator("td:first-child a").allTextContents();
  }

  async search(text: string) {
    await this.filters.getByLabel("Name contains").fill(text);
    await this.filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text)}`));
  }

  async open(name: string) {
    await this.table.getByRole("link", { name, exact: true }).click();
  }
}

/** /inventory/<kind>/item?arn=...: one resource. */
export class ResourcePage {
  readonly title: Locator;
  readonly configuration: Locator;
  readonly history: Locator;
  readonly historyTable: Locator;
  readonly resource: Locator;
  readonly raw: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole("heading", { level: 1 });
    this.configuration = page.getByRole("region", { name: "Configuration", exact: true });
    this.history = page.getByRole("region", { name: "Configuration history" });
    this.historyTable = this.history.getByRole("table", { name: "Configuration versions, newest first" });
    this.resource = page.getByRole("region", { name: "Resource", exact: true });
    this.raw = page.getByRole("region", { name: "Raw API responses" });
  }

  historyRows(): Locator {
    return this.historyTable.getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  /** A collapsible section of the configuration, by its top-level key. */
  section(key: string): Locator {
    return this.configuration.locator("details").filter({ has: this.page.locator("summary code", { hasText: new RegExp(`^${key}$`) }) });
  }
}
