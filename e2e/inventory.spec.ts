// The inventory journey: every kind is listed with live counts, a kind's list is searchable, and a
// resource shows its configuration and history. Runs on its own: when nothing has been scanned yet
// (this file runs before the scan journey), it scans the demo estate first through "Scan now".
import { expect, test } from "@playwright/test";
import { navigateTo } from "./pages/app-shell";
import { InventoryListPage, InventoryPage, ResourcePage } from "./pages/inventory.page";
import { ScansPage } from "./pages/scans.page";
import { screenshot } from "./pages/screenshot";

const ACCOUNT = "Demo estate";
const FUNCTIONS = "Lambda functions";

test("[INVENTORY] list every kind, search Lambda functions and open one with its configuration and history", async ({ page }, testInfo) => {
  test.setTimeout(240_000);

  const inventory = new InventoryPage(page);
  await inventory.goto();
  await expect(inventory.kindsTable).toBeVisible();
  for (const label of [FUNCTIONS, "IAM roles", "API Gateway REST APIs", "API Gateway HTTP and WebSocket APIs"]) {
    await expect(inventory.kindRow(label)).toBeVisible();
  }

  if ((await inventory.liveCount(FUNCTIONS)) === 0) {
    await navigateTo(page, "Accounts & scans");
    const scans = new ScansPage(page);
    await expect(scans.heading).toBeVisible();
    await scans.scanNow(ACCOUNT);
    // while it runs, the progress shows calls, throttles and the time left
    const { panel } = scans.progress(ACCOUNT);
    await expect(panel.getByRole("term").filter({ hasText: /^Throttles$/ })).toBeVisible();
    await expect(panel.getByTestId("scan-eta")).toContainText("Time left");
    await scans.waitForScanDone(ACCOUNT, 180_000);
    await expect(panel.getByRole("columnheader", { name: "Worker" })).toBeVisible();
    await navigateTo(page, "Inventory");
    await expect(inventory.heading).toBeVisible();
  }

  expect(await inventory.liveCount(FUNCTIONS)).toBeGreaterThan(0);
  await screenshot(page, testInfo, "inventory");

  await inventory.openKind(FUNCTIONS);
  const list = new InventoryListPage(page, FUNCTIONS);
  await expect(page).toHaveURL(/\/inventory\/lambda_function$/);
  await expect(list.table).toBeVisible();
  const names = await list.names();
  expect(names.length).toBeGreaterThan(0);

  // search by a part of a name in another case: the search ignores case
  const target = names[Math.floor(names.length / 2)];
  const part = target.slice(0, Math.max(4, target.length - 2)).toUpperCase();
  await list.search(part);
  const found = await list.names();
  expect(found).toContain(target);
  for (const name of found) expect(name.toUpperCase()).toContain(part);
  await expect(list.matchingCount).toContainText(`${found.length} matching`);

  await list.open(target);
  const resource = new ResourcePage(page);
  await expect(resource.title).toHaveText(target);
  await expect(page).toHaveURL(/\/inventory\/lambda_function\/item\?arn=arn%3Aaws%3Alambda%3A/);
  await expect(resource.configuration).toBeVisible();
  await expect(resource.section("environment")).toBeVisible();
  await expect(resource.resource).toContainText("123456789012");
  await expect(resource.historyRows().first()).toContainText(/created|changed/);
  // the raw API responses are there for experts, collapsed until asked for
  await expect(resource.raw.locator("pre")).toBeHidden();
  await resource.raw.getByText(/Show the raw API responses/).click();
  await expect(resource.raw.locator("pre")).toBeVisible();
  await screenshot(page, testInfo, "inventory-resource");
});
