// Read side of scans for the dashboard and GET /api/scans/[id]: per-unit progress (which worker holds
// each unit, calls, throttles, errors), the time left, and recent scans.
// The DTOs are JSON-ready (ISO date strings) because the same shape goes to the browser while it polls.
import { z } from "zod";
import type { TScanStatus, TScanTrigger } from "./accounts";
import { prisma, type Db } from "./client";

export type TUnitState = "queued" | "running" | "succeeded" | "partial" | "failed";

/** One failed AWS call kind in a unit, as the scanner grouped it (by api and code). */
export type TUnitError = { api: string; code: string; message: string; count: number; resource?: string };

export type TScanUnitProgress = {
  id: string;
  service: string;
  region: string;
  state: TUnitState;
  attempts: number;
  resourceCount: number;
  apiCalls: number;
  throttles: number;
  errors: TUnitError[];
  /** The worker that holds the unit (or last held it, once finished); null while queued. */
  lockedBy: string | null;
  /** When that worker last reported progress. */
  heartbeatAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
};

export type TScanTotals = {
  unitsTotal: number;
  unitsDone: number;
  resources: number;
  apiCalls: number;
  throttles: number;
  /** Failed AWS calls, summed over every unit and error kind. */
  errors: number;
};

export type TScanProgress = {
  id: string;
  accountId: string;
  accountName: string;
  trigger: TScanTrigger;
  status: TScanStatus;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why the whole scan failed before its units ran, if it did. */
  error: string | null;
  totals: TScanTotals;
  /** Time left, computed by the server when it answered (see estimateScanEta). */
  eta: TScanEta;
  units: TScanUnitProgress[];
};

const ZUnitError = z.object({
  api: z.string(),
  code: z.string(),
  message: z.string(),
  count: z.number().int().nonnegative(),
  resource: z.string().optional(),
});

/**
 * ScanUnit.errors is JSON written by the worker; read it defensively so one malformed entry shows up
 * as an "unreadable error record" instead of breaking the page.
 */
export function parseUnitErrors(json: unknown): TUnitError[] {
  if (!Array.isArray(json)) return [];
  return json.map((entry) => {
    const parsed = ZUnitError.safeParse(entry);
    return parsed.success
      ? parsed.data
      : { api: "unknown", code: "UnreadableErrorRecord", message: "The worker stored an error Lantern cannot read.", count: 1 };
  });
}

const DONE_UNIT_STATES: ReadonlySet<TUnitState> = new Set(["succeeded", "partial", "failed"]);

type TUnitCounts = { state: TUnitState; resourceCount: number; apiCalls: number; throttles: number; errors: unknown };

export function summarizeUnits(units: readonly TUnitCounts[]): TScanTotals {
  const totals: TScanTotals = { unitsTotal: units.length, unitsDone: 0, resources: 0, apiCalls: 0, throttles: 0, errors: 0 };
  for (const u of units) {
    if (DONE_UNIT_STATES.has(u.state)) totals.unitsDone += 1;
    totals.resources += u.resourceCount;
    totals.apiCalls += u.apiCalls;
    totals.throttles += u.throttles;
    for (const e of parseUnitErrors(u.errors)) totals.errors += e.count;
  }
  return totals;
}

export type TScanEta =
  /** The scan is over (or failed before its units ran): nothing left to estimate. */
  | { state: "done" }
  /** No unit has finished yet, so there is no measured unit duration to extrapolate from. */
  | { state: "estimating" }
  | {
      state: "estimated";
      /** Whole milliseconds, never negative. */
      remainingMs: number;
      /** How many finished units the average duration is measured on. */
      measuredUnits: number;
    };

type TUnitTiming = { state: TUnitState; startedAt: Date | null; finishedAt: Date | null };

/**
 * Time left = the work left divided by how many units run at once. The work left is the mean duration
 * of the finished units for each queued unit, plus what that mean leaves of each running unit (never
 * less than nothing: a unit running longer than the mean counts as about to finish).
 */
export function estimateScanEta(status: TScanStatus, units: readonly TUnitTiming[], now: Date): TScanEta {
  if (status !== "queued" && status !== "running") return { state: "done" };
  const durations: number[] = [];
  for (const u of units) {
    if (!DONE_UNIT_STATES.has(u.state) || !u.startedAt || !u.finishedAt) continue;
    const ms = u.finishedAt.getTime() - u.startedAt.getTime();
    // a clock step between two workers can make a finish precede its start: not a duration
    if (Number.isFinite(ms) && ms >= 0) durations.push(ms);
  }
  if (durations.length === 0) return { state: "estimating" };
  const mean = durations.reduce((sum, ms) => sum + ms, 0) / durations.length;

  let work = 0;
  let running = 0;
  for (const u of units) {
    if (u.state === "queued") work += mean;
    else if (u.state === "running") {
      running++;
      const elapsed = u.startedAt ? now.getTime() - u.startedAt.getTime() : 0;
      work += Math.max(0, mean - (Number.isFinite(elapsed) ? Math.max(0, elapsed) : 0));
    }
  }
  const remainingMs = Math.round(work / Math.max(1, running));
  return { state: "estimated", remainingMs: Number.isFinite(remainingMs) ? Math.max(0, remainingMs) : 0, measuredUnits: durations.length };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const SCAN_SELECT = {
  id: true,
  accountId: true,
  trigger: true,
  status: true,
  requestedAt: true,
  startedAt: true,
  finishedAt: true,
  error: true,
  account: { select: { name: true } },
} as const;

const UNIT_SELECT = {
  id: true,
  service: true,
  region: true,
  state: true,
  attempts: true,
  resourceCount: true,
  apiCalls: true,
  throttles: true,
  errors: true,
  lockedBy: true,
  heartbeatAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export async function getScanProgress(id: string, db: Db = prisma, now: Date = new Date()): Promise<TScanProgress | null> {
  const scan = await db.scanRun.findUnique({
    where: { id },
    select: { ...SCAN_SELECT, units: { orderBy: [{ service: "asc" }, { region: "asc" }], select: UNIT_SELECT } },
  });
  if (!scan) return null;
  return {
    id: scan.id,
    accountId: scan.accountId,
    accountName: scan.account.name,
    trigger: scan.trigger,
    status: scan.status,
    requestedAt: scan.requestedAt.toISOString(),
    startedAt: iso(scan.startedAt),
    finishedAt: iso(scan.finishedAt),
    error: scan.error,
    totals: summarizeUnits(scan.units),
    eta: estimateScanEta(scan.status, scan.units, now),
    units: scan.units.map((u) => ({
      ...u,
      errors: parseUnitErrors(u.errors),
      heartbeatAt: iso(u.heartbeatAt),
      startedAt: iso(u.startedAt),
      finishedAt: iso(u.finishedAt),
    })),
  };
}

export type TScanSummary = Omit<TScanProgress, "units" | "eta">;

/** The newest scans of every account, newest first, with per-scan totals. */
export async function listRecentScans(limit = 20, db: Db = prisma): Promise<TScanSummary[]> {
  const scans = await db.scanRun.findMany({
    orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
    take: limit,
    select: {
      ...SCAN_SELECT,
      units: { select: { state: true, resourceCount: true, apiCalls: true, throttles: true, errors: true } },
    },
  });
  return scans.map((scan) => ({
    id: scan.id,
    accountId: scan.accountId,
    accountName: scan.account.name,
    trigger: scan.trigger,
    status: scan.status,
    requestedAt: scan.requestedAt.toISOString(),
    startedAt: iso(scan.startedAt),
    finishedAt: iso(scan.finishedAt),
    error: scan.error,
    totals: summarizeUnits(scan.units),
  }));
}

/** Scans still queued or running, oldest first: the ones the scans page follows live. */
export async function listActiveScans(db: Db = prisma): Promise<TScanProgress[]> {
  const active = await db.scanRun.findMany({
    where: { status: { in: ["queued", "running"] } },
    orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  const progress = await Promise.all(active.map((s) => getScanProgress(s.id, db)));
  return progress.filter((p): p is TScanProgress => p !== null);
}
