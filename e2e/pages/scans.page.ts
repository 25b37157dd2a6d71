import { expect, type Locator, type Page } from "@playwright/test";

export class ScansPage {
  readonly heading: Locator;
  readonly accountsTable: Locator;
  readonly recentScansTable: Locator;
  readonly organizationPanel: Locator;
  readonly membersTable: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Accounts & scans" });
    this.accountsTable = page.getByRole("table", { name: "AWS accounts Lantern scans" });
    this.recentScansTable = page.getByRole("table", { name: "Recent scans, newest first" });
    this.organizationPanel = page.getByRole("region", { name: "Organization accounts" });
    this.membersTable = this.organizationPanel.getByRole("table", { name: "Member accounts of the organization" });
  }

  async goto() {
    await this.page.goto("/scans");
    await expect(this.heading).toBeVisible();
  }

  accountRow(accountName: string): Locator {
    return this.accountsTable.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: accountName }) });
  }

  /** The regions an account scans, as listed in its row. */
  accountRegions(accountName: string): Locator {
    return this.accountRow(accountName).getByTestId("account-regions");
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

  /** Lists the organization's members through a configured account and waits for the answer. */
  async findMemberAccounts(managementAccountName: string, opts: { roleName?: string; externalId?: string } = {}) {
    const panel = this.organizationPanel;
    const select = panel.getByLabel("Management or delegated admin account");
    const option = select.getByRole("option", { name: new RegExp(`^${managementAccountName} \\(\\d{12}\\)$`) });
    await select.selectOption((await option.getAttribute("value")) ?? "");
    if (opts.roleName !== undefined) await panel.getByLabel("Role name in each member account").fill(opts.roleName);
    if (opts.externalId !== undefined) await panel.getByLabel("External id (optional)").fill(opts.externalId);
    await panel.getByRole("button", { name: "Find member accounts" }).click();
    await expect(this.membersTable.or(panel.getByRole("alert")).or(panel.getByText("No other member account"))).toBeVisible();
  }

  memberRow(memberName: string): Locator {
    return this.membersTable.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: memberName }) });
  }

  /** Presses "Add" on a listed member and waits until the row says it was added. */
  async addMember(memberName: string) {
    const row = this.memberRow(memberName);
    await row.getByRole("button", { name: new RegExp(`^Add ${memberName}$`) }).click();
    await expect(row.getByText("Added", { exact: true })).toBeVisible();
  }

  /** "Discover regions" on an account row; returns the message (count and the API that answered). */
  async discoverRegions(accountName: string): Promise<Locator> {
    const row = this.accountRow(accountName);
    await row.getByRole("button", { name: `Discover regions of ${accountName}` }).click();
    const answer = row.getByTestId("regions-source").or(row.getByRole("alert"));
    await expect(answer).toBeVisible();
    return answer;
  }

  /** Opens the account's "Edit" dialog. */
  async editAccount(accountName: string): Promise<Locator> {
    await this.accountRow(accountName).getByRole("button", { name: `Edit ${accountName}` }).click();
    const dialog = this.page.getByRole("dialog", { name: `Edit ${accountName}` });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
