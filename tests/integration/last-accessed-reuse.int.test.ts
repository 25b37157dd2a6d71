// IAM last-accessed reports: generated for the roles Lambda functions use, unless a recent one is stored.
import { afterAll, describe, expect, it } from "vitest";
import { randomAccountId } from "../support/moto";
import { collectHints } from "@/lib/scan/inventory";
import { upsertAccountTarget } from "@/lib/db/account-targets";
import { prisma } from "@/lib/db/client";

describe("collectHints for IAM", () => {
  const accountId = randomAccountId();
  afterAll(async () => {
    await prisma.account.delete({ where: { id: accountId } }).catch(() => undefined);
  });

  it("asks for reports of stale or missing roles only and carries recent ones forward", async () => {
    await upsertAccountTarget({ id: accountId, name: "Hints", regions: ["us-east-1"] });
    const now = new Date("2026-11-23T12:00:00Z");
    const role = (name: string) => `arn:aws:iam::${accountId}:role/${name}`;
    const report = (completedAt: string) => ({ status: "ok", value: { jobCompletedAt: completedAt, services: [] } });
    const base = { accountId, region: "global", configHash: "x", raw: {} };
    await prisma.iamRole.createMany({
      data: [
        { ...base, arn: role("fresh"), name: "fresh", config: { lastAccessed: report("2026-11-23T06:00:00Z") } },
        { ...base, arn: role("stale"), name: "stale", config: { lastAccessed: report("2026-11-20T06:00:00Z") } },
        { ...base, arn: role("failed"), name: "failed", config: { lastAccessed: { status: "error", code: "X", message: "y" } } },
        { ...base, arn: role("unused"), name: "unused", config: { lastAccessed: report("2026-11-23T06:00:00Z") } },
      ],
    });
    const fn = (name: string, roleName: string) => ({
      arn: `arn:aws:lambda:us-east-1:${accountId}:function:${name}`,
      accountId,
      region: "us-east-1",
      name,
      roleArn: role(roleName),
      config: {},
      raw: {},
      configHash: "x",
    });
    await prisma.lambdaFunction.createMany({ data: [fn("a", "fresh"), fn("b", "stale"), fn("c", "failed"), fn("d", "new")] });

    const hints = await collectHints("iam", accountId, now);
    expect(hints?.lambdaRoleArns?.sort()).toEqual([role("failed"), role("new"), role("stale")]);
    expect(hints?.reuseLastAccessed).toEqual({ [role("fresh")]: { jobCompletedAt: "2026-11-23T06:00:00Z", services: [] } });
    expect(await collectHints("lambda", accountId, now)).toEqual({});
  });
});
