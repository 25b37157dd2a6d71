// The worker: pg-boss delivers units, several workers share one scan without running a unit twice,
// concurrent requests for one account produce one scan, and schedules follow the accounts table.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedDemoEstate, type DemoManifest } from "@/scripts/demo-estate/estate";
import { randomAccountId } from "../support/moto";
import { upsertAccountTarget } from "@/lib/db/account-targets";
import { ANALYSIS_UNIT, claimUnit, createScanRun, getScanSummary } from "@/lib/db/scans";
import { requestScan } from "@/lib/scan/request";
import { startWorker, syncSchedules } from "@/lib/jobs/worker";
import { QUEUE_SCHEDULED_SCAN } from "@/lib/jobs/queues";
import { planUnits } from "@/lib/scan/services";
import { prisma } from "@/lib/db/client";
import { expectCompleteBesidesGaps } from "../support/emulator-gaps";

async function waitForScan(scanId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await getScanSummary(scanId);
    if (s && s.status !== "queued" && s.status !== "running") return s;
    if (Date.now() > deadline) throw new Error(`scan ${scanId} still ${s?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("worker", () => {
  const accountId = randomAccountId();
  let manifest: DemoManifest;
  const workers: Awaited<ReturnType<typeof startWorker>>[] = [];

  beforeAll(async () => {
    manifest = await seedDemoEstate({ endpoint: inject("motoEndpoint"), accountId });
    await upsertAccountTarget({ id: accountId, name: "Worker estate", regions: manifest.regions, schedule: "0 3 * * *" });
    workers.push(await startWorker({ workerId: "test-worker-a", concurrency: 2 }));
    workers.push(await startWorker({ workerId: "test-worker-b", concurrency: 2 }));
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) await w.stop();
    await prisma.account.delete({ where: { id: accountId } }).catch(() => undefined);
  });

  it("two scan requests at once give one scan, which the workers complete", async () => {
    const [a, b] = await Promise.all([
      requestScan({ accountId, trigger: "manual" }),
      requestScan({ accountId, trigger: "manual" }),
    ]);
    expect(a.scanId).toBe(b.scanId);
    expect([a.alreadyRunning, b.alreadyRunning].sort()).toEqual([false, true]);
    const s = await waitForScan(a.scanId);
    expectCompleteBesidesGaps(s);
    expect(await prisma.lambdaFunction.count({ where: { accountId, deletedAt: null } })).toBe(manifest.functions.length);
    const units = await prisma.scanUnit.findMany({ where: { scanId: a.scanId }, select: { attempts: true, lockedBy: true } });
    expect(units.every((u) => u.attempts === 1)).toBe(true);
    expect(await prisma.finding.count({ where: { accountId, status: "open" } })).toBeGreaterThan(0);
  });

  it("a unit is claimed by exactly one of many concurrent claimers", async () => {
    const created = await createScanRun({ accountId, trigger: "cli", units: planUnits(["us-east-1"]) });
    const unitId = created.units.find((u) => u.service !== ANALYSIS_UNIT.service)!.id;
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => claimUnit(unitId, `claimer-${i}`)));
    expect(outcomes.filter((o) => o.kind === "claimed")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "busy")).toHaveLength(7);
    // The analysis unit waits while a collection unit of its scan is queued or running.
    const analysis = created.units.find((u) => u.service === ANALYSIS_UNIT.service)!;
    expect(await claimUnit(analysis.id, "claimer-analysis")).toEqual({ kind: "waiting" });
    // leave no running scan behind for the other tests
    await prisma.scanRun.update({ where: { id: created.scanId }, data: { status: "failed" } });
    await prisma.scanUnit.updateMany({ where: { scanId: created.scanId }, data: { state: "failed" } });
  });

  it("keeps one cron schedule per enabled account", async () => {
    const boss = workers[0].boss;
    await syncSchedules(boss);
    let schedules = await boss.getSchedules(QUEUE_SCHEDULED_SCAN, accountId);
    expect(schedules.map((s) => s.cron)).toEqual(["0 3 * * *"]);
    await upsertAccountTarget({ id: accountId, name: "Worker estate", regions: manifest.regions, schedule: "30 4 * * *" });
    await syncSchedules(boss);
    schedules = await boss.getSchedules(QUEUE_SCHEDULED_SCAN, accountId);
    expect(schedules.map((s) => s.cron)).toEqual(["30 4 * * *"]);
    await upsertAccountTarget({ id: accountId, name: "Worker estate", regions: manifest.regions, enabled: false });
    await syncSchedules(boss);
    expect(await boss.getSchedules(QUEUE_SCHEDULED_SCAN, accountId)).toEqual([]);
  });
});
