// The inventory read queries against a real Postgres: keyset pages cover every row exactly once in
// every sort order and in both directions, filters and the deleted toggle match, counts agree, and one
// resource comes with its history and open findings. Rows are written directly, not through a scan.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "./client";
import {
  INVENTORY_SORT_IDS,
  countInventory,
  decodeInventoryCursor,
  getInventoryResource,
  getKindDescriptor,
  historyConfigs,
  inventoryFilterOptions,
  inventoryOverview,
  listInventory,
  listResourceHistory,
  openFindingsForResource,
  type TInventoryFilters,
  type TInventorySort,
} from "./inventory-query";

const randomAccount = () => String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
const accountA = randomAccount();
const accountB = randomAccount();
const functions = getKindDescriptor("lambda_function")!;
const roles = getKindDescriptor("iam_role")!;
const base = new Date("2030-01-01T00:00:00.000Z");
const minutes = (n: number) => new Date(base.getTime() + n * 60_000);

const N = 47;
const fnArn = (account: string, region: string, name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`;

// Names repeat across regions (same name, different ARN: the ARN breaks the tie), alternate "_" and
// "-" (so "_" must match literally) and mix case (the search ignores it). Times repeat too.
function fnRow(i: number) {
  const region = i % 3 === 0 ? "eu-west-1" : "us-east-1";
  const name = i % 5 === 0 ? `Pay_${Math.floor(i / 2)}` : `pay-${Math.floor(i / 2)}`;
  return {
    arn: fnArn(accountA, region, name),
    accountId: accountA,
    region,
    name,
    runtime: i % 2 === 0 ? "python3.12" : "nodejs22.x",
    memorySize: 128 * (1 + (i % 4)),
    timeout: 3 + i,
    hasPolicy: i % 7 === 0 ? null : i % 2 === 0,
    config: { name, index: i },
    raw: {},
    configHash: `hash-${i}`,
    firstSeenAt: minutes(i % 6),
    lastSeenAt: minutes(100 + (i % 4)),
    deletedAt: i % 6 === 1 ? minutes(200) : null,
  };
}

const rows = Array.from({ length: N }, (_, i) => fnRow(i));
// "Pay_x" and "pay-x" can collide on the same ARN; keep the first of each.
const uniqueRows = [...new Map(rows.map((r) => [r.arn, r])).values()];

beforeAll(async () => {
  for (const [id, name] of [
    [accountA, "Inventory test A"],
    [accountB, "Inventory test B"],
  ]) {
    await prisma.account.create({ data: { id, name, regions: ["us-east-1", "eu-west-1"] } });
  }
  await prisma.lambdaFunction.createMany({ data: uniqueRows });
  await prisma.lambdaFunction.createMany({
    data: [0, 1, 2].map((i) => ({
      arn: fnArn(accountB, "us-east-1", `other-${i}`),
      accountId: accountB,
      region: "us-east-1",
      name: `other-${i}`,
      config: {},
      raw: {},
      configHash: "h",
    })),
  });
  await prisma.iamRole.create({
    data: {
      arn: `arn:aws:iam::${accountA}:role/service-role/runner`,
      accountId: accountA,
      region: "global",
      name: "runner",
      path: "/service-role/",
      trustedServices: ["lambda.amazonaws.com"],
      hasPermissionsBoundary: true,
      lastUsedAt: minutes(5),
      config: { name: "runner", inlinePolicies: { status: "error", code: "AccessDenied", message: "no" } },
      raw: { Role: { RoleName: "runner" } },
      configHash: "r1",
    },
  });
});

afterAll(async () => {
  const arns = [...uniqueRows.map((r) => r.arn), `arn:aws:iam::${accountA}:role/service-role/runner`];
  await prisma.resourceHistory.deleteMany({ where: { resourceArn: { in: arns } } });
  await prisma.account.deleteMany({ where: { id: { in: [accountA, accountB] } } });
});

/** The order the page promises, computed by the database itself (same collation as the query). */
async function expectedOrder(filters: TInventoryFilters): Promise<string[]> {
  const field = { name: "name", newest: "firstSeenAt", recent: "lastSeenAt" }[filters.sort];
  const dir = filters.sort === "name" ? "asc" : "desc";
  const found = await prisma.lambdaFunction.findMany({
    where: {
      accountId: filters.accountId,
      region: filters.region,
      ...(filters.includeDeleted ? {} : { deletedAt: null }),
      ...(filters.q ? { name: { contains: filters.q.replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" as const } } : {}),
    },
    orderBy: [{ [field]: dir }, { arn: dir }],
    select: { arn: true },
  });
  return found.map((r) => r.arn);
}

/** Every page forward, then every page backward from the last one; returns both walks. */
async function walk(filters: TInventoryFilters, pageSize: number) {
  const forward: string[][] = [];
  let page = await listInventory(functions, filters, {}, prisma, pageSize);
  forward.push(page.rows.map((r) => r.arn));
  expect(page.prevCursor).toBeNull();
  while (page.nextCursor) {
    const after = decodeInventoryCursor(page.nextCursor, filters.sort)!;
    page = await listInventory(functions, filters, { after }, prisma, pageSize);
    forward.push(page.rows.map((r) => r.arn));
    expect(forward.length).toBeLessThan(100);
  }
  const backward: string[][] = [page.rows.map((r) => r.arn)];
  while (page.prevCursor) {
    const before = decodeInventoryCursor(page.prevCursor, filters.sort)!;
    page = await listInventory(functions, filters, { before }, prisma, pageSize);
    backward.unshift(page.rows.map((r) => r.arn));
    expect(backward.length).toBeLessThan(100);
  }
  return { forward, backward };
}

describe("listInventory", () => {
  it.each(INVENTORY_SORT_IDS.flatMap((sort) => [false, true].map((includeDeleted) => [sort, includeDeleted] as const)))(
    "pages through every row exactly once, both ways (sort %s, deleted included: %s)",
    async (sort: TInventorySort, includeDeleted: boolean) => {
      const filters: TInventoryFilters = { accountId: accountA, includeDeleted, sort };
      const expected = await expectedOrder(filters);
      expect(expected.length).toBe(includeDeleted ? uniqueRows.length : uniqueRows.filter((r) => !r.deletedAt).length);
      const { forward, backward } = await walk(filters, 7);
      expect(forward.flat()).toEqual(expected);
      expect(backward).toEqual(forward);
      expect(forward.slice(0, -1).every((p) => p.length === 7)).toBe(true);
      expect(await countInventory(functions, filters)).toBe(expected.length);
    },
  );

  it("has a single page without cursors when everything fits", async () => {
    const page = await listInventory(functions, { accountId: accountB, includeDeleted: false, sort: "name" }, {}, prisma, 10);
    expect(page.rows.map((r) => r.name)).toEqual(["other-0", "other-1", "other-2"]);
    expect(page).toMatchObject({ nextCursor: null, prevCursor: null });
  });

  it("searches names case-insensitively with _ and % taken literally", async () => {
    const underscore = await listInventory(functions, { accountId: accountA, q: "pay_", includeDeleted: true, sort: "name" });
    expect(underscore.rows.length).toBeGreaterThan(0);
    expect(underscore.rows.every((r) => r.name.startsWith("Pay_"))).toBe(true);
    expect(underscore.rows.map((r) => r.arn)).toEqual(await expectedOrder({ accountId: accountA, q: "pay_", includeDeleted: true, sort: "name" }));
    expect((await listInventory(functions, { accountId: accountA, q: "%", includeDeleted: true, sort: "name" })).rows).toEqual([]);
    expect(await countInventory(functions, { accountId: accountA, q: "PAY-1", includeDeleted: true })).toBe(
      uniqueRows.filter((r) => r.name.toLowerCase().includes("pay-1")).length,
    );
  });

  it("filters by account and region, and hides deleted resources unless asked", async () => {
    const eu = await listInventory(functions, { accountId: accountA, region: "eu-west-1", includeDeleted: true, sort: "name" }, {}, prisma, 100);
    expect(eu.rows.length).toBe(uniqueRows.filter((r) => r.region === "eu-west-1").length);
    expect(eu.rows.every((r) => r.region === "eu-west-1" && r.accountId === accountA && r.accountName === "Inventory test A")).toBe(true);

    const live = await listInventory(functions, { accountId: accountA, includeDeleted: false, sort: "name" }, {}, prisma, 100);
    expect(live.rows.some((r) => r.deletedAt)).toBe(false);
    const all = await listInventory(functions, { accountId: accountA, includeDeleted: true, sort: "name" }, {}, prisma, 100);
    expect(all.rows.filter((r) => r.deletedAt).length).toBe(uniqueRows.filter((r) => r.deletedAt).length);
    expect(all.rows.filter((r) => r.deletedAt).length).toBeGreaterThan(0);

    const b = await countInventory(functions, { accountId: accountB, includeDeleted: false });
    expect(b).toBe(3);
  });

  it("returns the kind's typed columns with their database types", async () => {
    const first = uniqueRows.find((r) => r.hasPolicy === null)!;
    const page = await listInventory(functions, { accountId: accountA, q: first.name, region: first.region, includeDeleted: true, sort: "name" });
    const row = page.rows.find((r) => r.arn === first.arn)!;
    expect(row.values).toEqual({
      runtime: first.runtime,
      packageType: null,
      handler: null,
      memorySize: first.memorySize,
      timeout: first.timeout,
      roleArn: null,
      hasPolicy: null,
      urlAuthType: null,
      lastModified: null,
    });
    const role = (await listInventory(roles, { accountId: accountA, includeDeleted: false, sort: "name" })).rows[0];
    expect(role.values).toEqual({ path: "/service-role/", trustedServices: ["lambda.amazonaws.com"], hasPermissionsBoundary: true, lastUsedAt: minutes(5) });
  });

  it("refuses a cursor of another sort order", async () => {
    const after = { sort: "name" as const, value: "a", arn: "arn:x" };
    await expect(listInventory(functions, { includeDeleted: false, sort: "recent" }, { after })).rejects.toThrow(/another sort order/);
  });
});

describe("inventory overview and filter options", () => {
  it("counts live resources of every kind per account", async () => {
    const overview = await inventoryOverview();
    expect(overview.kinds.map((k) => k.kind.kind)).toContain("apigatewayv2_api");
    expect(overview.kinds).toHaveLength(13);
    const fn = overview.kinds.find((k) => k.kind.kind === "lambda_function")!;
    expect(fn.byAccount[accountA]).toBe(uniqueRows.filter((r) => !r.deletedAt).length);
    expect(fn.byAccount[accountB]).toBe(3);
    expect(fn.total).toBeGreaterThanOrEqual(fn.byAccount[accountA] + 3);
    expect(overview.kinds.find((k) => k.kind.kind === "iam_role")!.byAccount[accountA]).toBe(1);
    expect(overview.kinds.find((k) => k.kind.kind === "iam_user")!.byAccount[accountA]).toBeUndefined();
    expect(overview.accounts.map((a) => a.id)).toEqual(expect.arrayContaining([accountA, accountB]));
  });

  it("offers the regions that hold the kind", async () => {
    const options = await inventoryFilterOptions(functions);
    expect(options.regions).toEqual(expect.arrayContaining(["eu-west-1", "us-east-1"]));
    expect((await inventoryFilterOptions(roles)).regions).toContain("global");
  });
});

describe("one resource", () => {
  const roleArn = `arn:aws:iam::${accountA}:role/service-role/runner`;

  it("comes with its configuration, raw responses and typed fields; an unknown ARN is null", async () => {
    const r = await getInventoryResource(roles, roleArn);
    expect(r).toMatchObject({
      arn: roleArn,
      name: "runner",
      kind: "iam_role",
      accountName: "Inventory test A",
      configHash: "r1",
      raw: { Role: { RoleName: "runner" } },
      config: { inlinePolicies: { status: "error", code: "AccessDenied" } },
      values: { path: "/service-role/" },
    });
    expect(await getInventoryResource(roles, `${roleArn}-missing`)).toBeNull();
    // the ARN of a function is not an IAM role
    expect(await getInventoryResource(roles, uniqueRows[0].arn)).toBeNull();
  });

  it("lists its history newest first and gives configurations of its own versions only", async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await prisma.resourceHistory.createMany({
      data: [
        { id: ids[0], resourceType: "iam_role", resourceArn: roleArn, configHash: "r0", config: { v: 0 }, change: "created", capturedAt: minutes(1) },
        { id: ids[1], resourceType: "iam_role", resourceArn: roleArn, configHash: "r1", config: { v: 1 }, change: "changed", capturedAt: minutes(2) },
        // same ARN under another kind: not this resource's history
        { id: ids[2], resourceType: "lambda_function", resourceArn: roleArn, configHash: "x", config: { v: 9 }, change: "created", capturedAt: minutes(3) },
      ],
    });
    const { entries, total } = await listResourceHistory(roles, roleArn);
    expect(total).toBe(2);
    expect(entries.map((e) => [e.id, e.change])).toEqual([
      [ids[1], "changed"],
      [ids[0], "created"],
    ]);
    expect((await listResourceHistory(roles, roleArn, prisma, 1)).entries).toHaveLength(1);
    const configs = await historyConfigs(roles, roleArn, ids);
    expect([...configs.entries()].sort()).toEqual(
      [
        [ids[0], { v: 0 }],
        [ids[1], { v: 1 }],
      ].sort(),
    );
  });

  it("lists open findings on it, most severe first", async () => {
    const common = { accountId: accountA, region: "global", resourceType: "iam_role", resourceArn: roleArn, resourceName: "runner", message: "m.", evidence: {} };
    await prisma.finding.createMany({
      data: [
        { ...common, fingerprint: `${roleArn}-low`, ruleId: "rule_low", severity: "low", severityRank: 1, title: "Low" },
        { ...common, fingerprint: `${roleArn}-crit`, ruleId: "rule_crit", severity: "critical", severityRank: 4, title: "Critical" },
        { ...common, fingerprint: `${roleArn}-done`, ruleId: "rule_done", severity: "high", severityRank: 3, title: "Resolved", status: "resolved" },
      ],
    });
    const { rows: found, total } = await openFindingsForResource(roleArn);
    expect(total).toBe(2);
    expect(found.map((f) => f.title)).toEqual(["Critical", "Low"]);
  });
});
