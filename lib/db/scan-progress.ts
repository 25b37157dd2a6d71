// Read side of scans for the dashboard and GET /api/scans/[id]: per-unit progress and recent scans.
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
  startedAt: true,
  finishedAt: true,
} as const;

export async function getScanProgress(id: string, db: Db = prisma): Promise<TScanProgress | null> {
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
    units: scan.units.map((u) => ({
      ...u,
      errors: parseUnitErrors(u.errors),
      startedAt: iso(u.startedAt),
      finishedAt: iso(u.finishedAt),
    })),
  };
}

export type TScanSummary = Omit<TScanProgress, "units">;

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
