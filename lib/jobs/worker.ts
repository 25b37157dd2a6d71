// Lantern worker: runs scan units from the pg-boss queue and keeps one cron schedule per enabled
// account. Start with `npm run worker`; run as many as you like (on one or several machines): a unit
// is taken by one worker at a time, and a killed worker's unit is retried by another.
//
// Schedules: each enabled account's `schedule` (cron, UTC) fires QUEUE_SCHEDULED_SCAN with its id;
// the worker re-reads the accounts every 30 seconds so schedule edits apply without a restart.
import { createServer } from "node:http";
import type { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import {
  QUEUE_SCAN_UNIT,
  QUEUE_SCHEDULED_SCAN,
  ZScanUnitJob,
  ZScheduledScanJob,
  ensureQueues,
  newBoss,
} from "@/lib/jobs/queues";
import { runUnit, DEFAULT_WORKER_ID } from "@/lib/scan/run-unit";
import { requestScan, ScanRequestError } from "@/lib/scan/request";
import { listAccountTargets } from "@/lib/db/account-targets";
import { finalizeScanIfDone, orphanedAnalysisUnits, reapAbandonedUnits } from "@/lib/db/scans";

const log = (...args: unknown[]) => console.log(new Date().toISOString(), "[worker]", ...args);

/** Make pg-boss's schedules match the enabled accounts (add, change, remove). */
export async function syncSchedules(boss: PgBoss): Promise<{ scheduled: number; removed: number }> {
  const accounts = await listAccountTargets({ enabledOnly: true });
  const wanted = new Map(accounts.map((a) => [a.id, a.schedule]));
  const existing = await boss.getSchedules(QUEUE_SCHEDULED_SCAN);
  let removed = 0;
  for (const s of existing) {
    const key = s.key ?? "";
    if (!wanted.has(key)) {
      await boss.unschedule(QUEUE_SCHEDULED_SCAN, key);
      removed++;
    }
  }
  let scheduled = 0;
  for (const [accountId, cron] of wanted) {
    const cur = existing.find((s) => s.key === accountId);
    if (cur && cur.cron === cron) continue;
    try {
      await boss.schedule(QUEUE_SCHEDULED_SCAN, cron, { accountId }, { tz: "UTC", key: accountId });
      scheduled++;
    } catch (err) {
      log(`account ${accountId}: invalid schedule "${cron}": ${err instanceof Error ? err.message : err}`);
    }
  }
  return { scheduled, removed };
}

export async function startWorker(opts: { workerId?: string; concurrency?: number } = {}) {
  const e = env();
  const workerId = opts.workerId ?? e.LANTERN_WORKER_ID ?? DEFAULT_WORKER_ID;
  const boss = newBoss("worker");
  await boss.start();
  await ensureQueues(boss);
  const abort = new AbortController();

  await boss.work(
    QUEUE_SCAN_UNIT,
    { localConcurrency: opts.concurrency ?? e.LANTERN_SCAN_CONCURRENCY, pollingIntervalSeconds: 1 },
    async ([job]) => {
      const data = ZScanUnitJob.parse(job.data);
      const outcome = await runUnit(data.unitId, { workerId, signal: abort.signal });
      // Running elsewhere with a live heartbeat: fail this delivery so pg-boss retries it later.
      if (outcome.kind === "busy") throw new Error(`unit ${data.unitId} is running on another worker`);
      if (outcome.kind === "finished") {
        const analysis = outcome.analysis?.kind === "finished" ? `; analysis ${outcome.analysis.state}` : "";
        log(`unit ${data.unitId} ${outcome.state} (${outcome.resources} resources)${analysis}${outcome.scanStatus ? `; scan ${data.scanId} ${outcome.scanStatus}` : ""}`);
      }
      return outcome;
    },
  );

  await boss.work(QUEUE_SCHEDULED_SCAN, { pollingIntervalSeconds: 5 }, async ([job]) => {
    const { accountId } = ZScheduledScanJob.parse(job.data);
    try {
      const r = await requestScan({ accountId, trigger: "schedule" }, boss);
      log(`scheduled scan of ${accountId}: ${r.alreadyRunning ? "already running" : "queued"} ${r.scanId}`);
    } catch (err) {
      if (err instanceof ScanRequestError && err.code !== "enqueue_failed") log(err.message);
      else throw err;
    }
  });

  const sync = async () => {
    try {
      const r = await syncSchedules(boss);
      if (r.scheduled || r.removed) log(`schedules: ${r.scheduled} set, ${r.removed} removed`);
      for (const scanId of await reapAbandonedUnits(600)) await finalizeScanIfDone(scanId);
      // Analyses nobody runs (the worker that finished the last collection unit died before or during it).
      const orphans = await orphanedAnalysisUnits();
      if (orphans.length) {
        await boss.insert(QUEUE_SCAN_UNIT, orphans.map((o) => ({ data: { scanId: o.scanId, unitId: o.unitId }, singletonKey: o.unitId })));
      }
    } catch (err) {
      log("schedule sync failed:", err instanceof Error ? err.message : err);
    }
  };
  await sync();
  const timer = setInterval(sync, 30_000);

  let health: ReturnType<typeof createServer> | undefined;
  if (e.WORKER_HEALTH_PORT !== undefined) {
    health = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", workerId }));
    }).listen(e.WORKER_HEALTH_PORT, "127.0.0.1");
  }

  log(`started ${workerId}`);
  const stop = async () => {
    clearInterval(timer);
    abort.abort();
    health?.close();
    await boss.stop({ graceful: true, timeout: 20_000 });
  };
  return { boss, stop, workerId };
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("lib/jobs/worker.ts");
if (isMain) {
  startWorker()
    .then(({ stop }) => {
      const shutdown = (sig: string) => {
        log(`${sig}: stopping`);
        stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on("SIGINT", () => shutdown("SIGINT"));
      process.on("SIGTERM", () => shutdown("SIGTERM"));
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
