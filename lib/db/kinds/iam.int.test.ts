// The four IAM kinds through the generic resource store, on the integration Postgres: typed columns, reading
// records back, and AWS managed policies (one ARN in every account) stored per account without collisions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { makeFingerprint } from "@/lib/aws/redact";
import { createAccount } from "@/lib/db/accounts";
import { prisma } from "@/lib/db/client";
import { iamGroupKind, iamPolicyKind, iamRoleKind, iamUserKind } from "@/lib/db/kinds/iam";
import { loadResources, storeResources } from "@/lib/db/resource-store";
import { normalizeIam, type IamOutput } from "@/scanners/iam/normalize";
import type { IamRaw } from "@/scanners/iam/raw";
import { ACCOUNT_ID as FIXTURE_ACCOUNT, fixtureRaw } from "@/scanners/iam/__fixtures__/fixtures";
import { randomAccountId } from "@/tests/support/moto";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const fingerprint = makeFingerprint("iam-kinds-int-test-secret-0");

/** The fixture estate as if it lived in `accountId` (its ARNs rewritten), normalized. */
function estate(accountId: string, edit: (raw: Extract<IamRaw, { listing: "complete" }>) => void = () => {}): IamOutput {
  const raw = JSON.parse(JSON.stringify(fixtureRaw()).replaceAll(FIXTURE_ACCOUNT, accountId)) as IamRaw;
  if (raw.listing !== "complete") throw new Error("fixture raw should be complete");
  edit(raw);
  return normalizeIam(raw, { accountId, region: "global", fingerprint });
}

async function store(accountId: string, out: IamOutput) {
  const scanId = randomUUID();
  const input = { accountId, region: "global", scanId };
  return {
    roles: await storeResources(iamRoleKind, { ...input, ...out.iam_role }),
    users: await storeResources(iamUserKind, { ...input, ...out.iam_user }),
    groups: await storeResources(iamGroupKind, { ...input, ...out.iam_group }),
    policies: await storeResources(iamPolicyKind, { ...input, ...out.iam_policy }),
  };
}

describe("IAM kinds in the resource store", () => {
  const a = randomAccountId();
  const b = randomAccountId();

  beforeAll(async () => {
    for (const id of [a, b]) {
      const created = await createAccount({ id, name: `IAM store ${id}`, regions: ["us-east-1"], roleArn: null, externalId: null, schedule: "0 3 * * *", enabled: true });
      expect(created).toEqual({ ok: true, id });
    }
  });

  afterAll(async () => {
    await prisma.account.deleteMany({ where: { id: { in: [a, b] } } });
  });

  it("stores every kind with its typed columns and reads the records back", async () => {
    const out = estate(a);
    expect(await store(a, out)).toEqual({
      roles: { created: 3, changed: 0, unchanged: 0, deleted: 0 },
      users: { created: 2, changed: 0, unchanged: 0, deleted: 0 },
      groups: { created: 1, changed: 0, unchanged: 0, deleted: 0 },
      policies: { created: 4, changed: 0, unchanged: 0, deleted: 0 },
    });

    const role = await prisma.iamRole.findUniqueOrThrow({
      where: { arn: `arn:aws:iam::${a}:role/orders-api-role` },
      select: { accountId: true, region: true, name: true, path: true, trustedServices: true, hasPermissionsBoundary: true, lastUsedAt: true },
    });
    expect(role).toEqual({
      accountId: a,
      region: "global",
      name: "orders-api-role",
      path: "/",
      trustedServices: ["lambda.amazonaws.com"],
      hasPermissionsBoundary: true,
      lastUsedAt: new Date("2026-11-22T17:41:09.000Z"),
    });
    const policy = await prisma.iamPolicy.findUniqueOrThrow({
      where: { arn: `arn:aws:iam::${a}:policy/orders-data-access` },
      select: { isAwsManaged: true, attachmentCount: true, defaultVersionId: true },
    });
    expect(policy).toEqual({ isAwsManaged: false, attachmentCount: 1, defaultVersionId: "v2" });
    expect(await prisma.iamUser.findUniqueOrThrow({ where: { arn: `arn:aws:iam::${a}:user/machines/ci-bot` }, select: { path: true } })).toEqual({
      path: "/machines/",
    });

    // loadResources orders by ARN.
    const byArn = out.iam_role.resources.map((r) => r.record).sort((x, y) => (x.arn < y.arn ? -1 : 1));
    expect(await loadResources(iamRoleKind, a, "global")).toEqual(byArn);
    expect((await loadResources(iamGroupKind, a, "global")).map((g) => g.members.length)).toEqual([2]);
  });

  it("keeps an AWS managed policy once per account, and detaching it in one account leaves the other's", async () => {
    await store(b, estate(b));
    const adminRows = await prisma.iamPolicy.findMany({
      where: { arn: { in: [`${ADMIN}#${a}`, `${ADMIN}#${b}`] } },
      select: { arn: true, accountId: true, deletedAt: true },
    });
    expect(adminRows).toHaveLength(2);
    expect(adminRows).toEqual(
      expect.arrayContaining([
        { arn: `${ADMIN}#${a}`, accountId: a, deletedAt: null },
        { arn: `${ADMIN}#${b}`, accountId: b, deletedAt: null },
      ]),
    );

    // Account b stops using AdministratorAccess: GAAD no longer returns it there.
    const result = await store(
      b,
      estate(b, (raw) => {
        raw.roles[0] = { ...raw.roles[0], AttachedManagedPolicies: (raw.roles[0].AttachedManagedPolicies ?? []).filter((p) => p.PolicyArn !== ADMIN) };
        raw.policies = raw.policies.filter((p) => p.Arn !== ADMIN);
      }),
    );
    expect(result.policies.deleted).toBe(1);
    const inA = (await loadResources(iamPolicyKind, a, "global")).map((p) => p.arn);
    const inB = (await loadResources(iamPolicyKind, b, "global")).map((p) => p.arn);
    expect(inA).toContain(ADMIN);
    expect(inB).not.toContain(ADMIN);
  });

  it("marks nothing deleted when the listing failed", async () => {
    const failed = normalizeIam({ listing: "failed", code: "AccessDenied", message: "denied" }, { accountId: a, region: "global", fingerprint });
    const result = await store(a, failed);
    for (const r of Object.values(result)) expect(r.deleted).toBe(0);
    expect(await loadResources(iamRoleKind, a, "global")).toHaveLength(3);
  });
});
