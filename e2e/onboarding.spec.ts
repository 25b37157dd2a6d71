// The onboarding journey: list the member accounts of an AWS Organization through the demo estate's
// account, add one with one click, discover its enabled regions, then narrow them and change its schedule.
// The organization is created here, in the emulator's account 123456789012 (the demo estate), with
// member names of its own; everything it adds is removed again in `finally`, so the other specs see the
// same accounts whatever the order.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DeleteOrganizationCommand,
  OrganizationsClient,
  RemoveAccountFromOrganizationCommand,
} from "@aws-sdk/client-organizations";
import { instrument } from "@/lib/aws/clients";
import { deleteAccount } from "@/lib/db/accounts";
import { ScansPage } from "./pages/scans.page";
import { screenshot } from "./pages/screenshot";

const MANAGEMENT = "Demo estate";
const MANAGEMENT_ID = "123456789012";
// what the app gives an added account before discovery (lib/env.ts; the web server shares this environment)
const DEFAULT_REGIONS = (process.env.LANTERN_DEFAULT_REGIONS ?? "us-east-1")
  .split(",")
  .map((r) => r.trim())
  .filter(Boolean)
  .join(", ");

/** Organizations as the demo estate's moto account (x-moto-account-id), on the emulator of this run. */
function organizationsOfDemoEstate(): OrganizationsClient {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (!endpoint) throw new Error("AWS_ENDPOINT_URL is not set: run the end-to-end tests through `npm run test:e2e`.");
  return instrument(new OrganizationsClient({ region: "us-east-1", endpoint }), { calls: 0, throttles: 0 }, MANAGEMENT_ID);
}

test("[ONBOARDING] find the organization's member accounts, add one with one click and discover its regions", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const suffix = randomBytes(3).toString("hex");
  const [payments, analytics] = [`e2e-payments-${suffix}`, `e2e-analytics-${suffix}`];
  const org = organizationsOfDemoEstate();
  const memberIds: string[] = [];
  let createdOrganization = false;

  try {
    try {
      await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
      createdOrganization = true;
    } catch (err) {
      // an earlier run against the same emulator left it: its members have other names
      if ((err as Error).name !== "AlreadyInOrganizationException") throw err;
    }
    for (const name of [payments, analytics]) {
      const created = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
      const id = created.CreateAccountStatus?.AccountId;
      if (!id) throw new Error(`CreateAccount ${name} returned no account id`);
      memberIds.push(id);
    }
    const [paymentsId, analyticsId] = memberIds;

    const scans = new ScansPage(page);
    await scans.goto();
    await scans.findMemberAccounts(MANAGEMENT);
    await expect(scans.memberRow(payments)).toContainText(paymentsId);
    await expect(scans.memberRow(analytics)).toContainText(`${analytics}@example.com`);
    await expect(scans.memberRow(analytics)).toContainText(`arn:aws:iam::${analyticsId}:role/LanternScanner`);
    // the account asked through is not proposed to itself
    await expect(scans.membersTable.getByText(MANAGEMENT_ID, { exact: true })).toHaveCount(0);

    await scans.addMember(payments);
    const added = scans.accountRow(payments);
    await expect(added).toContainText(paymentsId);
    await expect(added).toContainText(`arn:aws:iam::${paymentsId}:role/LanternScanner`);
    await expect(scans.accountRegions(payments)).toHaveText(DEFAULT_REGIONS);
    // the other member is still offered
    await expect(scans.memberRow(analytics).getByRole("button", { name: `Add ${analytics}` })).toBeEnabled();

    const answer = await scans.discoverRegions(payments);
    await expect(answer).toContainText(/now scans \d+ regions \(from (account:ListRegions|ec2:DescribeRegions)\)/);
    await expect(scans.accountRegions(payments)).toContainText("eu-west-1");
    await expect(scans.accountRegions(payments)).toContainText("us-west-2");
    await screenshot(page, testInfo, "onboarding");

    // the discovered list is an override away: narrow it and change the schedule
    const dialog = await scans.editAccount(payments);
    await dialog.getByRole("button", { name: "Discover regions" }).click();
    await expect(dialog.getByTestId("regions-source")).toContainText(/enabled regions, from (account:ListRegions|ec2:DescribeRegions)/);
    await dialog.getByLabel("Regions").fill("us-east-1, eu-west-1");
    await dialog.getByLabel("Scan schedule (cron, UTC)").fill("0 3 * * *");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText(/picks up schedule and enabled changes within 30 s/)).toBeVisible();
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(scans.accountRegions(payments)).toHaveText("us-east-1, eu-west-1");
    await expect(added).toContainText("0 3 * * *");

    // stored: after a reload the member is marked as configured
    await scans.goto();
    await scans.findMemberAccounts(MANAGEMENT);
    await expect(scans.memberRow(payments)).toContainText("Already configured");
    await expect(scans.memberRow(analytics).getByRole("button", { name: `Add ${analytics}` })).toBeVisible();
  } finally {
    for (const id of memberIds) await deleteAccount(id);
    for (const id of memberIds) await org.send(new RemoveAccountFromOrganizationCommand({ AccountId: id }));
    if (createdOrganization) await org.send(new DeleteOrganizationCommand({}));
  }
});
