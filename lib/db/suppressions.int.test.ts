// Suppressions against a real Postgres: retroactive on existing findings, by ARN pattern and by tag, expiry and
// revocation reopen what they held, and every change leaves a finding event saying who and why.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "./client";
import { createAccount } from "./accounts";
import { applySuppressions, createSuppression, listSuppressions, revokeSuppression, ZSuppressionInput } from "./suppressions";
import { storeResources } from "./resource-store";
import { lambdaFunctionKind } from "./kinds/lambda";
import { lambdaFunction } from "@/lib/rules/__fixtures__/lambda-function";

const accountId = String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
const RULE = "lambda_function_url_auth_required";
const arn = (name: string) => `arn:aws:lambda:us-east-1:${accountId}:function:${name}`;
const names = ["legacy-web", "legacy-admin", "orders-api", "tagged-dev"];

async function statusOf(name: string) {
  const f = await prisma.finding.findFirstOrThrow({ where: { accountId, resourceArn: arn(name) }, select: { status: true, suppressionId: true } });
  return f.status;
}

const input = (s: Partial<Parameters<typeof createSuppression>[0]>) =>
  ({ ruleId: null, accountId: null, resourcePattern: null, tagKey: null, tagValue: null, reason: "Accepted by the web team until the migration.", expiresAt: null, ...s }) as Parameters<
    typeof createSuppression
  >[0];

beforeAll(async () => {
  await createAccount({ id: accountId, name: "Suppression estate", regions: ["us-east-1"], roleArn: null, externalId: null, schedule: "0 3 * * *", enabled: true });
  // The tagged function is in the inventory, so a tag condition can be checked against it.
  await storeResources(lambdaFunctionKind, {
    accountId,
    region: "us-east-1",
    scanId: "suppression-test",
    listingComplete: false,
    resources: names.map((n) => {
      const record = lambdaFunction({ name: n, accountId, tags: { status: "ok", value: n === "tagged-dev" ? { env: "dev" } : {} } });
      return { arn: record.arn, record, raw: {} };
    }),
  });
  await prisma.finding.createMany({
    data: names.map((n) => ({
      id: randomUUID(),
      fingerprint: `${accountId}-${n}`,
      ruleId: RULE,
      accountId,
      region: "us-east-1",
      resourceType: "lambda_function",
      resourceArn: arn(n),
      resourceName: n,
      severity: "high" as const,
      severityRank: 3,
      status: "open" as const,
      title: "t",
      message: "m",
      evidence: {},
    })),
  });
});

describe("suppressions", () => {
  it("refuses a blanket suppression, a short reason and a tag value without a key", () => {
    expect(ZSuppressionInput.safeParse(input({})).success).toBe(false);
    expect(ZSuppressionInput.safeParse(input({ ruleId: RULE, reason: "ok" })).success).toBe(false);
    expect(ZSuppressionInput.safeParse(input({ ruleId: RULE, tagValue: "dev" })).success).toBe(false);
  });

  it("holds existing findings that match an ARN pattern at once, with an event naming who and why", async () => {
    const { applied, suppression } = await createSuppression(input({ accountId, resourcePattern: `arn:aws:lambda:*:${accountId}:function:legacy-*` }), "alice@example.com");
    expect(applied.suppressed).toBe(2);
    expect(await statusOf("legacy-web")).toBe("suppressed");
    expect(await statusOf("legacy-admin")).toBe("suppressed");
    expect(await statusOf("orders-api")).toBe("open");
    const ev = await prisma.findingEvent.findFirstOrThrow({ where: { finding: { resourceArn: arn("legacy-web") }, type: "suppressed" } });
    expect(ev.detail).toContain("alice@example.com");
    expect(ev.detail).toContain("Accepted by the web team");
    expect((await listSuppressions()).find((s) => s.id === suppression.id)?.heldFindings).toBe(2);
  });

  it("matches by tag only resources whose stored tags carry it", async () => {
    const { applied } = await createSuppression(input({ accountId, tagKey: "env", tagValue: "dev" }), "bob");
    expect(applied.suppressed).toBe(1);
    expect(await statusOf("tagged-dev")).toBe("suppressed");
    expect(await statusOf("orders-api")).toBe("open");
  });

  it("reopens what a revoked suppression held, and what an expired one held", async () => {
    const tagged = await prisma.finding.findFirstOrThrow({ where: { resourceArn: arn("tagged-dev") }, select: { suppressionId: true } });
    expect(await revokeSuppression(tagged.suppressionId!, "carol")).toEqual({ suppressed: 0, reopened: 1 });
    expect(await statusOf("tagged-dev")).toBe("open");
    expect(await revokeSuppression(tagged.suppressionId!, "carol")).toBeNull();

    const now = new Date();
    const { applied } = await createSuppression(input({ ruleId: RULE, resourcePattern: arn("orders-api"), expiresAt: new Date(now.getTime() + 60_000) }), "dave", now);
    expect(applied.suppressed).toBe(1);
    const later = await applySuppressions({ now: new Date(now.getTime() + 120_000), accountId });
    expect(later.reopened).toBe(1);
    expect(await statusOf("orders-api")).toBe("open");
    const ev = await prisma.findingEvent.findFirstOrThrow({ where: { finding: { resourceArn: arn("orders-api") }, type: "unsuppressed" } });
    expect(ev.detail).toContain("expired");
    // The pattern suppression created first still holds its two.
    expect(await statusOf("legacy-web")).toBe("suppressed");
  });
});
