// The dashboard's read queries against a real Postgres: keyset pages cover the list exactly once in
// both directions, filters match, scan progress sums units and survives malformed error JSON.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "./client";
import { createAccount, listAccounts } from "./accounts";
import {
  countFindings,
  decodeFindingCursor,
  findingFilterOptions,
  getFinding,
  listFindings,
  type TFindingFilters,
  type TFindingRow,
} from "./findings-query";
import { openFindingCountsBySeverity } from "./overview";
import { getScanProgress, listActiveScans, listRecentScans } from "./scan-progress";
import { SEVERITIES, SEVERITY_RANK } from "../rules/types";

const accountId = String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
const N = 61;
// Several findings share one lastSeenAt so the id tie-break is exercised.
const base = new Date("2030-01-01T00:00:00.000Z");

function severityOf(i: number) {
  return SEVERITIES[i % SEVERITIES.length];
}

let openBefore: Record<string, number>;

beforeAll(async () => {
  openBefore = await openFindingCountsBySeverity();
  const created = await createAccount({
    id: accountId,
    name: "Query test estate",
    regions: ["us-east-1"],
    roleArn: null,
    externalId: null,
    schedule: "0 3 * * *",
    enabled: true,
  });
  expect(created).toEqual({ ok: true, id: accountId });
  await prisma.finding.createMany({
    data: Array.from({ length: N }, (_, i) => {
      const severity = severityOf(i);
      // names alternate between "fn_<i>" and "fn-<i>" so "_" must match literally
      const name = i % 4 === 0 ? `fn_${i}` : `fn-${i}`;
      return {
        id: randomUUID(),
        fingerprint: `${accountId}-${i}`,
        ruleId: i % 3 === 0 ? "rule_b" : "rule_a",
        accountId,
        region: "us-east-1",
        resourceType: "lambda_function",
        resourceArn: `arn:aws:lambda:us-east-1:${accountId}:function:${name}`,
        resourceName: name,
        severity,
        severityRank: SEVERITY_RANK[severity],
        status: i % 7 === 0 ? ("resolved" as const) : ("open" as const),
        title: i % 3 === 0 ? "Rule B holds" : "Rule A holds",
        message: `Function ${name} fails.`,
        evidence: {},
        lastSeenAt: new Date(base.getTime() - (i % 3) * 60_000),
      };
    }),
  });
});

afterAll(async () => {
  await prisma.account.delete({ where: { id: accountId } }).catch(() => undefined);
});

async function allInOrder(filters: TFindingFilters): Promise<string[]> {
  const rows = await prisma.finding.findMany({
    where: { accountId, ...(filters.status === "all" ? {} : { status: filters.status }) },
    orderBy: [{ severityRank: "desc" }, { lastSeenAt: "desc" }, { id: "asc" }],
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

describe("listFindings keyset pagination", () => {
  const filters: TFindingFilters = { status: "all", accountId };
  const pageSize = 7;

  it("walks forward and back over every row exactly once, in display order", async () => {
    const expected = await allInOrder(filters);
    expect(expected).toHaveLength(N);

    const forward: TFindingRow[][] = [];
    let page = await listFindings(filters, {}, prisma, pageSize);
    expect(page.prevCursor).toBeNull();
    forward.push(page.rows);
    while (page.nextCursor) {
      const after = decodeFindingCursor(page.nextCursor);
      expect(after).not.toBeNull();
      page = await listFindings(filters, { after: after! }, prisma, pageSize);
      expect(page.prevCursor).not.toBeNull();
      forward.push(page.rows);
    }
    expect(forward.flat().map((r) => r.id)).toEqual(expected);
    expect(forward).toHaveLength(Math.ceil(N / pageSize));

    // back from the last page with "Previous" reproduces the same pages
    const backward: TFindingRow[][] = [page.rows];
    while (page.prevCursor) {
      page = await listFindings(filters, { before: decodeFindingCursor(page.prevCursor)! }, prisma, pageSize);
      backward.unshift(page.rows);
    }
    expect(backward.map((p) => p.map((r) => r.id))).toEqual(forward.map((p) => p.map((r) => r.id)));
    // the first page reached backwards offers "Next" but no "Previous"
    expect(page.nextCursor).not.toBeNull();
  });

  it("says there is no next page when the rows end exactly at a page boundary", async () => {
    const total = await countFindings(filters);
    const page = await listFindings(filters, {}, prisma, total);
    expect(page.rows).toHaveLength(total);
    expect(page.nextCursor).toBeNull();
  });
});

describe("filters", () => {
  it("defaults to open findings and counts match the rows", async () => {
    const open = await countFindings({ status: "open", accountId });
    const resolved = await countFindings({ status: "resolved", accountId });
    expect(open + resolved).toBe(N);
    expect(resolved).toBe(Array.from({ length: N }, (_, i) => i).filter((i) => i % 7 === 0).length);
    const page = await listFindings({ status: "open", accountId }, {}, prisma, 500);
    expect(page.rows).toHaveLength(open);
    expect(page.rows.every((r) => r.status === "open")).toBe(true);
  });

  it("matches the resource name search literally and case-insensitively", async () => {
    const underscored = Array.from({ length: N }, (_, i) => i).filter((i) => i % 4 === 0).length;
    expect(await countFindings({ status: "all", accountId, q: "FN_" })).toBe(underscored);
    expect(await countFindings({ status: "all", accountId, q: "fn-" })).toBe(N - underscored);
    expect(await countFindings({ status: "all", accountId, q: "%" })).toBe(0);
  });

  it("filters by severity and rule", async () => {
    const critical = await listFindings({ status: "all", accountId, severity: "critical" }, {}, prisma, 500);
    expect(critical.rows.length).toBeGreaterThan(0);
    expect(critical.rows.every((r) => r.severity === "critical")).toBe(true);
    const ruleB = await countFindings({ status: "all", accountId, ruleId: "rule_b" });
    expect(ruleB).toBe(Array.from({ length: N }, (_, i) => i).filter((i) => i % 3 === 0).length);
  });

  it("offers the rules with findings and every account as filter options", async () => {
    const options = await findingFilterOptions();
    expect(options.accounts).toContainEqual({ id: accountId, name: "Query test estate" });
    expect(options.rules.find((r) => r.ruleId === "rule_b")?.title).toBe("Rule B holds");
  });

  it("adds this account's open findings to the overview counts", async () => {
    const after = await openFindingCountsBySeverity();
    for (const s of SEVERITIES) {
      const mine = Array.from({ length: N }, (_, i) => i).filter((i) => severityOf(i) === s && i % 7 !== 0).length;
      expect(after[s] - openBefore[s]).toBe(mine);
    }
  });
});

describe("getFinding", () => {
  it("returns the finding with its events in order, and null for an unknown id", async () => {
    const [row] = (await listFindings({ status: "all", accountId }, {}, prisma, 1)).rows;
    await prisma.findingEvent.createMany({
      data: [
        { findingId: row.id, type: "reopened", at: new Date("2030-01-03T00:00:00Z") },
        { findingId: row.id, type: "opened", at: new Date("2030-01-01T00:00:00Z") },
      ],
    });
    const detail = await getFinding(row.id);
    expect(detail).toMatchObject({ id: row.id, accountName: "Query test estate", resourceName: row.resourceName });
    expect(detail?.events.map((e) => e.type)).toEqual(["opened", "reopened"]);
    expect(await getFinding(randomUUID())).toBeNull();
  });
});

describe("accounts and scan progress", () => {
  it("refuses a second account with the same id", async () => {
    const again = await createAccount({
      id: accountId,
      name: "Duplicate",
      regions: ["eu-west-1"],
      roleArn: null,
      externalId: null,
      schedule: "0 3 * * *",
      enabled: true,
    });
    expect(again).toEqual({ ok: false, reason: "exists" });
  });

  it("sums unit counts and errors, and reads a malformed error entry as one unreadable error", async () => {
    const scanId = randomUUID();
    await prisma.scanRun.create({
      data: {
        id: scanId,
        accountId,
        trigger: "manual",
        status: "running",
        startedAt: new Date(),
        units: {
          create: [
            {
              service: "lambda",
              region: "us-east-1",
              state: "partial",
              resourceCount: 5,
              apiCalls: 12,
              throttles: 1,
              errors: [{ api: "lambda:GetPolicy", code: "AccessDeniedException", message: "denied", count: 3 }],
            },
            { service: "lambda", region: "eu-west-1", state: "running", resourceCount: 2, apiCalls: 4, errors: [{ nonsense: true }] },
            { service: "iam", region: "global", state: "queued" },
          ],
        },
      },
    });

    const progress = await getScanProgress(scanId);
    expect(progress?.totals).toEqual({ unitsTotal: 3, unitsDone: 1, resources: 7, apiCalls: 16, throttles: 1, errors: 4 });
    expect(progress?.units.find((u) => u.region === "eu-west-1")?.errors).toEqual([
      expect.objectContaining({ code: "UnreadableErrorRecord", count: 1 }),
    ]);
    expect(JSON.parse(JSON.stringify(progress))).toEqual(progress); // JSON-ready for the API

    expect((await listActiveScans()).map((s) => s.id)).toContain(scanId);
    expect((await listRecentScans(50)).find((s) => s.id === scanId)?.totals.unitsDone).toBe(1);
    const account = (await listAccounts()).find((a) => a.id === accountId);
    expect(account?.lastScan).toMatchObject({ id: scanId, status: "running" });
    expect(await getScanProgress(randomUUID())).toBeNull();
  });
});
