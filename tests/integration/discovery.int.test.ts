// Account onboarding against the emulator: organization members (one-click add) and enabled regions.
import { afterAll, describe, expect, it } from "vitest";
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { randomAccountId } from "../support/moto";
import { accountDiscoveryClients, instrument } from "@/lib/aws/clients";
import { discoverEnabledRegions, listOrganizationAccounts } from "@/lib/aws/discovery";
import { upsertAccountTarget } from "@/lib/db/account-targets";
import { main, EXIT } from "@/scripts/lantern";
import { prisma } from "@/lib/db/client";

describe("account discovery", () => {
  const management = randomAccountId();
  const created: string[] = [];

  afterAll(async () => {
    await prisma.account.deleteMany({ where: { id: { in: [management, ...created] } } });
  });

  it("lists the organization's member accounts and adds them with one command", async () => {
    const org = instrument(new OrganizationsClient({ region: "us-east-1" }), { calls: 0, throttles: 0 }, management);
    await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    for (const name of ["payments-prod", "payments-staging"]) {
      await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    }
    const members = await listOrganizationAccounts(accountDiscoveryClients({ accountId: management, region: "us-east-1" }, { calls: 0, throttles: 0 }));
    expect(members.map((m) => m.name)).toEqual(expect.arrayContaining(["payments-prod", "payments-staging"]));
    expect(members.every((m) => /^\d{12}$/.test(m.id))).toBe(true);

    await upsertAccountTarget({ id: management, name: "Management", regions: ["us-east-1"] });
    expect(await main(["accounts", "discover", "--via", management, "--add", "--role-name", "LanternScanner", "--external-id", "ext-0123456789abcdef"])).toBe(EXIT.ok);
    const prod = members.find((m) => m.name === "payments-prod")!;
    created.push(...members.map((m) => m.id).filter((id) => id !== management));
    const row = await prisma.account.findUniqueOrThrow({ where: { id: prod.id } });
    expect(row.roleArn).toBe(`arn:aws:iam::${prod.id}:role/LanternScanner`);
    expect(row.externalId).toBe("ext-0123456789abcdef");
    // running it again adds nothing twice
    expect(await main(["accounts", "discover", "--via", management, "--add", "--role-name", "LanternScanner"])).toBe(EXIT.ok);
    expect(await prisma.account.count({ where: { id: { in: members.map((m) => m.id) } } })).toBe(members.length);
  });

  it("discovers the enabled regions (account:ListRegions, or ec2:DescribeRegions where that is unavailable)", async () => {
    const found = await discoverEnabledRegions(accountDiscoveryClients({ accountId: management, region: "us-east-1" }, { calls: 0, throttles: 0 }));
    expect(found.regions).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1"]));
    expect(found.regions.every((r) => /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(r))).toBe(true);
    expect(["account:ListRegions", "ec2:DescribeRegions"]).toContain(found.source);
  });

  it("rejects discovery through an account that is not configured", async () => {
    expect(await main(["accounts", "discover", "--via", randomAccountId()])).toBe(EXIT.usage);
    expect(await main(["accounts", "discover", "--add"])).toBe(EXIT.usage);
  });
});
