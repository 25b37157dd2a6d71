// Scan runs and their units: creation (one active scan per account), claiming by workers, progress
// and completion. Unit state machine: queued -> running -> succeeded | partial | failed.
import { prisma, type Db } from "./client";
import type { ScanStatus, ScanTrigger, UnitState } from "../generated/prisma/client";
import type { UnitError } from "@/scanners/types";
import { env } from "@/lib/env";

/** The unit that evaluates the rules once every collection unit of its scan finished (lib/scan/analyze.ts). */
export const ANALYSIS_UNIT = { service: "analysis", region: "account" } as const;

export type PlannedUnit = { service: string; region: string };

export type CreatedScan = {
  scanId: string;
  alreadyRunning: boolean;
  units: { id: string; service: string; region: string }[];
};

/**
 * Create a scan with its units, unless the account already has a queued or running scan: then that
 * scan is returned (two requests at once never produce two scans of one account). The account row is
 * locked for the duration of the check so concurrent callers serialize.
 */
export async function createScanRun(
  input: { accountId: string; trigger: ScanTrigger; units: PlannedUnit[] },
  db: Db = prisma,
): Promise<CreatedScan> {
  if (input.units.length === 0) throw new Error("A scan needs at least one unit (service x region).");
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Account" WHERE id = ${input.accountId} FOR UPDATE`;
    if (locked.length === 0) throw new Error(`Account ${input.accountId} does not exist.`);
    const active = await tx.scanRun.findFirst({
      where: { accountId: input.accountId, status: { in: ["queued", "running"] } },
      select: { id: true, units: { select: { id: true, service: true, region: true } } },
      orderBy: { requestedAt: "desc" },
    });
    if (active) return { scanId: active.id, alreadyRunning: true, units: active.units };
    const scan = await tx.scanRun.create({
      data: {
        accountId: input.accountId,
        trigger: input.trigger,
        units: { create: [...input.units, ANALYSIS_UNIT].map((u) => ({ service: u.service, region: u.region })) },
      },
      select: { id: true, units: { select: { id: true, service: true, region: true } } },
    });
    return { scanId: scan.id, alreadyRunning: false, units: scan.units };
  });
}

/** How long a running unit may go without a heartbeat before another worker may take it over. */
const staleSeconds = () => env().LANTERN_UNIT_STALE_SECONDS;

export type ClaimedUnit = {
  id: string;
  scanId: string;
  service: string;
  region: string;
  attempts: number;
  account: { id: string; roleArn: string | null; externalId: string | null };
};

export type ClaimOutcome =
  | { kind: "claimed"; unit: ClaimedUnit }
  | { kind: "busy" } // running elsewhere with a fresh heartbeat: retry later
  | { kind: "waiting" } // the analysis unit, while collection units of its scan are still queued or running
  | { kind: "done" } // already finished (a duplicate delivery): nothing to do
  | { kind: "missing" };

/**
 * Take a unit for this worker. A unit is taken when queued, or when running with a stale heartbeat
 * (its worker died). The conditional UPDATE makes the claim atomic across workers. The analysis unit is
 * taken only once no collection unit of its scan is queued or running.
 */
export async function claimUnit(unitId: string, workerId: string, db: Db = prisma): Promise<ClaimOutcome> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "ScanUnit"
       SET state = 'running', "lockedBy" = ${workerId}, "heartbeatAt" = now(), attempts = attempts + 1,
           "startedAt" = COALESCE("startedAt", now())
     WHERE id = ${unitId}
       AND (state = 'queued'
            OR (state = 'running' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${staleSeconds()}))))
       AND (service <> ${ANALYSIS_UNIT.service}
            OR NOT EXISTS (SELECT 1 FROM "ScanUnit" o
                            WHERE o."scanId" = "ScanUnit"."scanId" AND o.service <> ${ANALYSIS_UNIT.service}
                              AND o.state IN ('queued', 'running')))
     RETURNING id`;
  if (rows.length === 0) {
    const unit = await db.scanUnit.findUnique({ where: { id: unitId }, select: { state: true, service: true } });
    if (!unit) return { kind: "missing" };
    if (unit.state === "queued" && unit.service === ANALYSIS_UNIT.service) return { kind: "waiting" };
    return unit.state === "running" ? { kind: "busy" } : { kind: "done" };
  }
  const unit = await db.scanUnit.findUniqueOrThrow({
    where: { id: unitId },
    select: {
      id: true,
      scanId: true,
      service: true,
      region: true,
      attempts: true,
      scan: { select: { account: { select: { id: true, roleArn: true, externalId: true } } } },
    },
  });
  await db.scanRun.updateMany({
    where: { id: unit.scanId, status: "queued" },
    data: { status: "running", startedAt: new Date() },
  });
  return {
    kind: "claimed",
    unit: {
      id: unit.id,
      scanId: unit.scanId,
      service: unit.service,
      region: unit.region,
      attempts: unit.attempts,
      account: unit.scan.account,
    },
  };
}

/** Keep the claim alive and publish progress while the unit runs. Returns false if the claim was lost. */
export async function heartbeatUnit(
  unitId: string,
  workerId: string,
  progress: { apiCalls: number; throttles: number },
  db: Db = prisma,
): Promise<boolean> {
  const r = await db.scanUnit.updateMany({
    where: { id: unitId, lockedBy: workerId, state: "running" },
    data: { heartbeatAt: new Date(), apiCalls: progress.apiCalls, throttles: progress.throttles },
  });
  return r.count === 1;
}

export async function finishUnit(
  unitId: string,
  workerId: string,
  result: {
    state: Exclude<UnitState, "queued" | "running">;
    resourceCount: number;
    apiCalls: number;
    throttles: number;
    errors: UnitError[];
    /** Resource types listed completely (and stored) by this unit. */
    completeKinds?: string[];
  },
  db: Db = prisma,
): Promise<boolean> {
  const r = await db.scanUnit.updateMany({
    where: { id: unitId, lockedBy: workerId, state: "running" },
    data: {
      state: result.state,
      finishedAt: new Date(),
      heartbeatAt: new Date(),
      resourceCount: result.resourceCount,
      apiCalls: result.apiCalls,
      throttles: result.throttles,
      errors: result.errors,
      completeKinds: result.completeKinds ?? [],
    },
  });
  return r.count === 1;
}

/** `${resourceType}|${region}` for every kind a unit of this scan listed completely. */
export async function scanCompleteness(scanId: string, db: Db = prisma): Promise<Set<string>> {
  const units = await db.scanUnit.findMany({ where: { scanId, service: { not: ANALYSIS_UNIT.service } }, select: { region: true, completeKinds: true } });
  return new Set(units.flatMap((u) => u.completeKinds.map((k) => `${k}|${u.region}`)));
}

/** The scan's analysis unit when every collection unit finished and the analysis has not run yet. */
export async function readyAnalysisUnit(scanId: string, db: Db = prisma): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM "ScanUnit" a
     WHERE a."scanId" = ${scanId} AND a.service = ${ANALYSIS_UNIT.service} AND a.state = 'queued'
       AND NOT EXISTS (SELECT 1 FROM "ScanUnit" o WHERE o."scanId" = a."scanId" AND o.service <> ${ANALYSIS_UNIT.service}
                         AND o.state IN ('queued', 'running'))`;
  return rows[0]?.id ?? null;
}

/**
 * Analysis units that should run but have nobody on them: ready and queued, or running with a dead worker.
 * The worker's periodic sweep hands them to the queue (the worker that finished the last collection unit
 * normally runs the analysis at once; this covers a worker killed in between).
 */
export async function orphanedAnalysisUnits(db: Db = prisma): Promise<{ scanId: string; unitId: string }[]> {
  return db.$queryRaw<{ scanId: string; unitId: string }[]>`
    SELECT a."scanId", a.id AS "unitId" FROM "ScanUnit" a
     WHERE a.service = ${ANALYSIS_UNIT.service}
       AND (a.state = 'queued' OR (a.state = 'running' AND a."heartbeatAt" < now() - make_interval(secs => ${staleSeconds()})))
       AND NOT EXISTS (SELECT 1 FROM "ScanUnit" o WHERE o."scanId" = a."scanId" AND o.service <> ${ANALYSIS_UNIT.service}
                         AND o.state IN ('queued', 'running'))`;
}

/**
 * When every unit of a scan is finished, set the scan's final status: succeeded when all units
 * succeeded, failed when none produced data, partial otherwise. Idempotent; safe to call concurrently.
 */
export async function finalizeScanIfDone(scanId: string, db: Db = prisma): Promise<ScanStatus | null> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "ScanRun" WHERE id = ${scanId} FOR UPDATE`;
    const scan = await tx.scanRun.findUnique({
      where: { id: scanId },
      select: { status: true, units: { select: { state: true, service: true } } },
    });
    if (!scan) return null;
    if (scan.status !== "queued" && scan.status !== "running") return scan.status;
    if (scan.units.some((u) => u.state === "queued" || u.state === "running")) return null;
    // Collection decides the status; a failed or partial analysis makes a successful collection partial.
    const states = scan.units.filter((u) => u.service !== ANALYSIS_UNIT.service).map((u) => u.state);
    const analysis = scan.units.find((u) => u.service === ANALYSIS_UNIT.service)?.state ?? "succeeded";
    const status: ScanStatus = states.every((s) => s === "failed")
      ? "failed"
      : states.every((s) => s === "succeeded") && analysis === "succeeded"
        ? "succeeded"
        : "partial";
    await tx.scanRun.update({ where: { id: scanId }, data: { status, finishedAt: new Date() } });
    return status;
  });
}

/**
 * Units whose worker vanished long ago and that no retry picked up (pg-boss gave up): mark them failed
 * so their scan can finish, with the reason recorded. Returns the affected scan ids.
 */
export async function reapAbandonedUnits(olderThanSeconds: number, db: Db = prisma): Promise<string[]> {
  const rows = await db.$queryRaw<{ scanId: string }[]>`
    UPDATE "ScanUnit"
       SET state = 'failed', "finishedAt" = now(),
           errors = errors || ${JSON.stringify([{ api: "lantern:worker", code: "WorkerLost", message: "The worker running this unit stopped and the unit was not picked up again.", count: 1 }])}::jsonb
     WHERE state = 'running' AND "heartbeatAt" < now() - make_interval(secs => ${olderThanSeconds})
     RETURNING "scanId"`;
  return [...new Set(rows.map((r) => r.scanId))];
}

/** Fail a scan before any unit ran (e.g. it could not be enqueued). */
export async function failScan(scanId: string, error: string, db: Db = prisma) {
  await db.$transaction([
    db.scanUnit.updateMany({
      where: { scanId, state: { in: ["queued", "running"] } },
      data: { state: "failed", finishedAt: new Date() },
    }),
    db.scanRun.update({ where: { id: scanId }, data: { status: "failed", error, finishedAt: new Date() } }),
  ]);
}

export async function getScanSummary(scanId: string, db: Db = prisma) {
  return db.scanRun.findUnique({
    where: { id: scanId },
    select: {
      id: true,
      accountId: true,
      trigger: true,
      status: true,
      requestedAt: true,
      startedAt: true,
      finishedAt: true,
      error: true,
      units: {
        select: { service: true, region: true, state: true, resourceCount: true, apiCalls: true, throttles: true, errors: true },
        orderBy: [{ service: "asc" }, { region: "asc" }],
      },
    },
  });
}
