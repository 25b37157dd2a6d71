// The main journey: scan the demo estate from the dashboard, watch it finish, then triage a planted
// public-policy finding down to its remediation. The global setup provides a fresh database, moto with
// the demo estate in account 123456789012, the "Demo estate" account, a worker and the built app.
import { mkdir } from "node:fs/promises";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { navigateTo } from "./pages/app-shell";
import { FindingDetailPage } from "./pages/finding-detail.page";
import { FindingsPage } from "./pages/findings.page";
import { OverviewPage } from "./pages/overview.page";
import { ScansPage } from "./pages/scans.page";

const ACCOUNT = "Demo estate";
const PUBLIC_POLICY_RULE = "lambda_function_not_publicly_accessible";
const SCREENSHOT_DIR = "test-results/screenshots";

/** Full-page screenshot, attached to the report and kept at test-results/screenshots/<name>.png (the README links them). */
async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("[SCANS][FINDINGS] scan the demo estate and triage a public function policy", async ({ page }, testInfo) => {
  test.setTimeout(240_000);

  const overview = new OverviewPage(page);
  await overview.goto();

  await navigateTo(page, "Accounts & scans");
  const scans = new ScansPage(page);
  await expect(scans.heading).toBeVisible();
  await expect(scans.accountRow(ACCOUNT)).toContainText("123456789012");
  await scans.scanNow(ACCOUNT);
  await scans.waitForScanDone(ACCOUNT, 180_000);
  // the finished scan also lands in the history, with every unit done
  await expect(scans.recentScansTable.getByRole("row").nth(1)).toContainText(ACCOUNT);
  await expect(scans.recentScansTable.getByRole("row").nth(1)).toContainText(/succeeded|partial/);
  await screenshot(page, testInfo, "scans");

  await navigateTo(page, "Overview");
  await expect(overview.heading).toBeVisible();
  await expect(page.getByText("No scan has run yet")).toBeHidden();
  expect(await overview.openCount("critical")).toBeGreaterThan(0);
  await screenshot(page, testInfo, "overview");

  await overview.severityCard("critical").click();
  const findings = new FindingsPage(page);
  await expect(page).toHaveURL(/\/findings\?severity=critical/);
  await expect(findings.table).toBeVisible();
  await expect(findings.rows().first()).toContainText(/critical/i);
  await expect(findings.rows().filter({ hasNotText: /critical/i })).toHaveCount(0);
  await screenshot(page, testInfo, "findings");

  await findings.filter({ rule: PUBLIC_POLICY_RULE });
  await expect(findings.rows().first()).toContainText(PUBLIC_POLICY_RULE);
  await findings.open(findings.rows().first());

  const finding = new FindingDetailPage(page);
  await expect(finding.title).toHaveText("Lambda function policy does not allow public access");
  await expect(finding.resource).toContainText("123456789012");
  await expect(finding.offendingStatements().first()).toBeVisible();
  await expect(finding.remediation).toBeVisible();
  const cli = finding.codeBlock("AWS CLI");
  await expect(cli.code).toBeVisible();
  await expect(cli.code).toContainText("aws lambda remove-permission");
  await expect(cli.copy).toBeVisible();
  await screenshot(page, testInfo, "finding");

  // Accept the risk for this resource until a date: the finding becomes suppressed, with who/why in its history.
  await finding.suppress({ reason: "Public by design: the status page function, reviewed by security.", expires: "2099-12-31" });
  // The page re-renders at once with the suppression in place of the form.
  await expect(finding.suppressPanel()).toContainText("until 2099-12-31");
  await page.reload();
  await expect(finding.suppressPanel()).toContainText("until 2099-12-31");
  await expect(finding.suppressPanel()).toContainText("Public by design");
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Suppressed");
  await screenshot(page, testInfo, "finding-suppressed");
  // And revoke it again: the finding is open.
  await finding.suppressPanel().getByRole("button", { name: "Revoke suppression" }).click();
  await expect(finding.suppressPanel().getByRole("button", { name: "Suppress" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Suppression ended");

  // A finding that does not exist is a real 404, not a 200 with a "not found" page.
  const missing = await page.goto("/findings/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await expect(page.getByText(/not found/i).first()).toBeVisible();

  // The overview shows the account's posture score and how it is computed.
  await navigateTo(page, "Overview");
  const posture = page.getByRole("list", { name: "Posture score per account" });
  await expect(posture).toContainText(ACCOUNT);
  await expect(posture).toContainText(/\d+\s*\/ 100/);
  await page.getByText("How is the score computed?").click();
  await expect(page.getByText("Score = 100 × weight of passing checks ÷ weight of all judged checks")).toBeVisible();
});
