// Fault tests: a throttling storm and a worker killed mid-scan. In both the scan must complete with no
// duplicate and no missing rows.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { spawn } from "node:child_process";
import { seedDemoEstate, type DemoManifest } from "@/scripts/demo-estate/estate";
import { randomAccountId } from "../support/moto";
import { startFaultProxy } from "../support/fault-proxy";
import { upsertAccountTarget } from "@/lib/db/account-targets";
import { createScanRun, getScanSummary } from "@/lib/db/scans";
import { planUnits } from "@/lib/scan/services";
import { runUnit } from "@/lib/scan/run-unit";
import { requestScan } from "@/lib/scan/request";
import { startWorker } from "@/lib/jobs/worker";
import { prisma } from "@/lib/db/client";
import { expectCompleteBesidesGaps, stateBesidesGaps } from "../support/emulator-gaps";

const LX01 = "lambda_function_not_publicly_accessible";

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function assertInventoryExact(accountId: string, manifest: DemoManifest) {
  const rows = await prisma.lambdaFunction.findMany({ where: { accountId, deletedAt: null }, select: { arn: true } });
  expect(rows.map((r) => r.arn).sort()).toEqual(manifest.functions.map((f) => f.arn).sort());
  const findings = await prisma.finding.findMany({ where: { accountId, ruleId: LX01 }, select: { resourceArn: true, status: true } });
  // one finding per planted flaw: none duplicated, none missing
  expect(findings.map((f) => f.resourceArn).sort()).toEqual([...manifest.planted.publicPolicy].sort());
  expect(findings.every((f) => f.status === "open")).toBe(true);
}

describe("throttling storm", () => {
  const accountId = randomAccountId();
  let manifest: DemoManifest;

  beforeAll(async () => {
    manifest = await seedDemoEstate({ endpoint: inject("motoEndpoint"), accountId });
    await upsertAccountTarget({ id: accountId, name: "Storm", regions: manifest.regions });
  }, 120_000);
  afterAll(async () => {
    await prisma.account.delete({ where: { id: accountId } }).catch(() => undefined);
  });

  it("every fourth Lambda call throttled (its retry passes): the scan still completes with every resource and counts the throttles", async () => {
    const proxy = await startFaultProxy(inject("motoEndpoint"), [
      { method: "GET", path: /^\/20\d\d-\d\d-\d\d\/(functions|event-source-mappings)/, status: 429, code: "TooManyRequestsException", message: "Rate exceeded", every: 4, retriesPass: true },
    ]);
    const endpoint = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    try {
      const created = await createScanRun({ accountId, trigger: "cli", units: planUnits(manifest.regions) });
      for (const u of created.units) await runUnit(u.id);
      const s = (await getScanSummary(created.scanId))!;
      expect(proxy.hits()).toBeGreaterThan(10);
      expectCompleteBesidesGaps(s);
      expect(s.units.reduce((n, u) => n + u.throttles, 0)).toBe(proxy.hits());
      await assertInventoryExact(accountId, manifest);
    } finally {
      process.env.AWS_ENDPOINT_URL = endpoint;
      await proxy.stop();
    }
  }, 120_000);
});

describe("a worker killed mid-scan", () => {
  const accountId = randomAccountId();
  let manifest: DemoManifest;
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  let survivor: Awaited<ReturnType<typeof startWorker>> | undefined;

  beforeAll(async () => {
    manifest = await seedDemoEstate({ endpoint: inject("motoEndpoint"), accountId });
    await upsertAccountTarget({ id: accountId, name: "Killed worker", regions: manifest.regions });
    // Slow every GetPolicy down so a unit is still running when its worker is killed.
    proxy = await startFaultProxy(inject("motoEndpoint"), [
      { method: "GET", path: /\/policy/, delayMs: 400, status: 0, code: "", message: "" },
    ]);
  }, 120_000);
  afterAll(async () => {
    await survivor?.stop();
    await proxy.stop();
    await prisma.account.delete({ where: { id: accountId } }).catch(() => undefined);
  });

  it("hands the dead worker's unit to another worker; the scan completes with no duplicate or missing rows", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/jobs/worker.ts"], {
      env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, LANTERN_WORKER_ID: "doomed-worker", LANTERN_SCAN_CONCURRENCY: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout?.on("data", (d) => (log += d));
    child.stderr?.on("data", (d) => (log += d));
    try {
      await waitFor("the doomed worker to start", async () => log.includes("started doomed-worker"), 60_000);
      const { scanId } = await requestScan({ accountId, trigger: "manual" });
      const victim = await waitFor(
        "the doomed worker to hold a unit",
        () => prisma.scanUnit.findFirst({ where: { scanId, state: "running", lockedBy: "doomed-worker" }, select: { id: true } }),
        60_000,
      );
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));

      const endpoint = process.env.AWS_ENDPOINT_URL;
      process.env.AWS_ENDPOINT_URL = proxy.endpoint;
      try {
        survivor = await startWorker({ workerId: "survivor", concurrency: 2 });
        const s = await waitFor(
          "the scan to finish",
          async () => {
            const x = await getScanSummary(scanId);
            return x && x.status !== "queued" && x.status !== "running" ? x : undefined;
          },
          150_000,
        );
        expectCompleteBesidesGaps(s);
        const unit = await prisma.scanUnit.findUniqueOrThrow({ where: { id: victim.id } });
        expect(stateBesidesGaps(unit)).toBe("succeeded");
        expect(unit.lockedBy).toBe("survivor");
        expect(unit.attempts).toBe(2);
        await assertInventoryExact(accountId, manifest);
        const created = await prisma.resourceHistory.count({ where: { change: "created", resourceArn: { in: manifest.functions.map((f) => f.arn) } } });
        expect(created).toBe(manifest.functions.length);
      } finally {
        process.env.AWS_ENDPOINT_URL = endpoint;
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 240_000);
});
