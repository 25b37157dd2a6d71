import { expect, type Locator, type Page } from "@playwright/test";

export class ScansPage {
  readonly heading: Locator;
  readonly accountsTable: Locator;
  readonly recentScansTable: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Accounts & scans" });
    this.accountsTable = page.getByRole("table", { name: "AWS accounts Lantern scans" });
    this.recentScansTable = page.getByRole("table", { name: "Recent scans, newest first" });
  }

  async goto() {
    await this.page.goto("/scans");
    await expect(this.heading).toBeVisible();
  }

  accountRow(accountName: string): Locator {
    return this.accountsTable.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: accountName }) });
  }

  /** Presses "Scan now" in the account's row and waits for the action's answer. */
  async scanNow(accountName: string) {
    const row = this.accountRow(accountName);
    await row.getByRole("button", { name: /Scan now/ }).click();
    await expect(row.getByText(/queued\.|Already running/)).toBeVisible();
  }

  /** The live progress panel of the account's scan. */
  progress(accountName: string) {
    const panel = this.page.getByRole("region", { name: `Scan of ${accountName}` });
    return {
      panel,
      unitsDone: panel.getByRole("progressbar", { name: "Units done" }),
      status: panel.getByTestId("scan-status"),
      unitsTable: panel.getByRole("table"),
    };
  }

  /** Waits until every unit of the account's scan is done and the scan ended succeeded or partial. */
  async waitForScanDone(accountName: string, timeout: number) {
    const { panel, unitsDone, status } = this.progress(accountName);
    await expect(panel).toBeVisible();
    await expect(status).toHaveText(/^(succeeded|partial|failed)$/, { timeout });
    await expect(status).toHaveText(/^(succeeded|partial)$/);
    await expect(unitsDone).toHaveAttribute("aria-valuetext", /^([1-9]\d*) of \1 units done$/);
  }
}
