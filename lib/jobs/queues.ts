// pg-boss queues, their options and job payload schemas. pg-boss keeps its tables in the `pgboss`
// schema of Lantern's own database, so no other queue service is needed.
import { PgBoss } from "pg-boss";
import { z } from "zod";
import { env } from "@/lib/env";

export const QUEUE_SCAN_UNIT = "lantern-scan-unit";
export const QUEUE_SCHEDULED_SCAN = "lantern-scheduled-scan";

export const ZScanUnitJob = z.object({ scanId: z.string().uuid(), unitId: z.string().uuid() });
export type TScanUnitJob = z.infer<typeof ZScanUnitJob>;
export const ZScheduledScanJob = z.object({ accountId: z.string().regex(/^\d{12}$/) });
export type TScheduledScanJob = z.infer<typeof ZScheduledScanJob>;

/**
 * A unit job sends a pg-boss heartbeat while it runs; when a worker is killed the heartbeats stop and
 * pg-boss's monitor retries the job on another worker after `heartbeatSeconds`.
 */
export function scanUnitQueueOptions() {
  return {
    heartbeatSeconds: env().LANTERN_UNIT_HEARTBEAT_SECONDS,
    retryLimit: 3,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 3 * 3600,
    deleteAfterSeconds: 7 * 24 * 3600,
  } as const;
}

export async function ensureQueues(boss: PgBoss) {
  await boss.createQueue(QUEUE_SCAN_UNIT, scanUnitQueueOptions());
  await boss.createQueue(QUEUE_SCHEDULED_SCAN, { retryLimit: 1, expireInSeconds: 600 });
}

export function newBoss(role: "web" | "worker" | "cli") {
  const boss = new PgBoss({
    connectionString: env().DATABASE_URL,
    schema: "pgboss",
    // Only workers run maintenance, heartbeat monitoring and cron; the web app only enqueues.
    supervise: role === "worker",
    schedule: role === "worker",
    max: role === "worker" ? 6 : 3,
    // How often a worker checks for expired jobs and lapsed heartbeats: a killed worker's unit is
    // handed to another worker about heartbeatSeconds + 15 s after it died (pg-boss's default is 60 s).
    superviseIntervalSeconds: 15,
    monitorIntervalSeconds: 15,
  });
  boss.on("error", (err) => console.error(`[pg-boss:${role}]`, err instanceof Error ? err.message : err));
  return boss;
}

const globalForBoss = globalThis as unknown as { lanternBoss?: Promise<PgBoss> };

/** The web app's pg-boss client: started once per process, used only to enqueue jobs. */
export function webBoss(): Promise<PgBoss> {
  if (!globalForBoss.lanternBoss) {
    globalForBoss.lanternBoss = (async () => {
      const boss = newBoss("web");
      await boss.start();
      await ensureQueues(boss);
      return boss;
    })().catch((err) => {
      globalForBoss.lanternBoss = undefined;
      throw err;
    });
  }
  return globalForBoss.lanternBoss;
}
