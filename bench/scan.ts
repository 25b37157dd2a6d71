// A full Lantern scan of one account with the real unit runner, as the CLI runs it (scripts/lantern.ts):
// plan the units of every registered service, run them with LANTERN_SCAN_CONCURRENCY in flight (higher
// priority first), then read back what was stored. Lantern modules are imported lazily: the benchmark sets
// the environment they read (bench/support.ts configureLantern) first.
import { recreateDatabase } from "@/tests/support/test-db";
import { expectedCounts, type LargeAccountPlan } from "@/bench/large-account";

export type UnitFigure = {
  service: string;
  region: string;
  state: string;
  resources: number;
  apiCalls: number;
  throttles: number;
  errors: { api: string; code: string; count: number }[];
};

export type KindFigure = { resourceType: string; model: string; stored: number; expected?: number };

export type ScanFigures = {
  scanId: string;
  status: string;
  wallMs: number;
  units: UnitFigure[];
  resources: number;
  analysis: { results: number; ms: number } | null;
  kinds: KindFigure[];
  services: string[];
};

/** Drop and recreate the benchmark database (local hosts only), then put the account in it. */
export async function freshDatabase(databaseUrl: string, plan: LargeAccountPlan) {
  await recreateDatabase(databaseUrl);
  await registerAccount(plan);
}

export async function registerAccount(plan: LargeAccountPlan) {
  const { upsertAccountTarget } = await import("@/lib/db/account-targets");
  await upsertAccountTarget({ id: plan.accountId, name: `LARGE_ACCOUNT scale ${plan.scale}`, regions: [plan.region] });
}

export async function scanAccount(plan: LargeAccountPlan): Promise<ScanFigures> {
  const { env } = await import("@/lib/env");
  const { createScanRun, getScanSummary } = await import("@/lib/db/scans");
  const { getService, planUnits, SERVICES } = await import("@/lib/scan/services");
  const { runUnit } = await import("@/lib/scan/run-unit");

  const created = await createScanRun({ accountId: plan.accountId, trigger: "cli", units: planUnits([plan.region]) });
  if (created.alreadyRunning) throw new Error(`a scan of ${plan.accountId} is already running in this database`);
  const queue = created.units.filter((u) => u.service !== "analysis").sort((a, b) => (getService(b.service)?.priority ?? 0) - (getService(a.service)?.priority ?? 0));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(env().LANTERN_SCAN_CONCURRENCY, queue.length) }, async () => {
      for (let u = queue.shift(); u; u = queue.shift()) {
        const outcome = await runUnit(u.id);
        if (outcome.kind !== "finished") throw new Error(`unit ${u.service} ${u.region} did not run: ${JSON.stringify(outcome)}`);
      }
    }),
  );
  const wallMs = performance.now() - started;
  const summary = await getScanSummary(created.scanId);
  if (!summary) throw new Error(`scan ${created.scanId} disappeared`);
  const units: UnitFigure[] = summary.units.map((u) => ({
    service: u.service,
    region: u.region,
    state: u.state,
    resources: u.resourceCount,
    apiCalls: u.apiCalls,
    throttles: u.throttles,
    errors: (u.errors as { api: string; code: string; count: number }[]).map((e) => ({ api: e.api, code: e.code, count: e.count })),
  }));
  return {
    scanId: created.scanId,
    status: summary.status,
    wallMs,
    units,
    // Collected resources; the analysis unit's count is rule results, reported apart with its duration.
    resources: units.filter((u) => u.service !== "analysis").reduce((n, u) => n + u.resources, 0),
    analysis: await analysisFigures(created.scanId),
    kinds: await inventoryCounts(plan),
    services: SERVICES.map((s) => s.id),
  };
}

/** Rule results and wall time of the scan's analysis unit (null when it did not run). */
async function analysisFigures(scanId: string): Promise<{ results: number; ms: number } | null> {
  const { prisma } = await import("@/lib/db/client");
  const u = await prisma.scanUnit.findFirst({ where: { scanId, service: "analysis" }, select: { resourceCount: true, startedAt: true, finishedAt: true } });
  if (!u?.startedAt || !u.finishedAt) return null;
  return { results: u.resourceCount, ms: u.finishedAt.getTime() - u.startedAt.getTime() };
}

/** Stored live resources per kind of every registered service, against what the generator created. */
export async function inventoryCounts(plan: LargeAccountPlan): Promise<KindFigure[]> {
  const { allKinds } = await import("@/lib/scan/services");
  const { countResources } = await import("@/lib/db/resource-store");
  const expected = expectedCounts(plan);
  const out: KindFigure[] = [];
  for (const kind of allKinds()) {
    out.push({ resourceType: kind.resourceType, model: kind.model, stored: await countResources(kind, { accountId: plan.accountId }), expected: expected[kind.model] });
  }
  return out;
}

export function formatScan(f: ScanFigures): string {
  const lines = [`scan ${f.scanId}: ${f.status}, ${f.resources} resources in ${(f.wallMs / 1000).toFixed(1)} s (services: ${f.services.join(", ")})`];
  if (f.analysis) lines.push(`  analysis: ${f.analysis.results} rule results in ${(f.analysis.ms / 1000).toFixed(1)} s`);
  for (const u of f.units) {
    const errors = u.errors.map((e) => `${e.api} ${e.code} x${e.count}`).join("; ");
    lines.push(`  unit ${u.service} ${u.region}: ${u.state}, ${u.resources} resources, ${u.apiCalls} calls, ${u.throttles} throttled${errors ? `; errors: ${errors}` : ""}`);
  }
  for (const k of f.kinds) {
    const lost = k.expected === undefined ? "" : k.stored >= k.expected ? ", none lost" : `, ${k.expected - k.stored} LOST`;
    lines.push(`  inventory ${k.resourceType}: ${k.stored} stored${k.expected === undefined ? " (no generated count to compare)" : ` of ${k.expected} generated${lost}`}`);
  }
  return lines.join("\n");
}

/** Resources the scan should have stored but did not, over the kinds the generator knows. */
export function resourcesLost(f: ScanFigures): number {
  return f.kinds.reduce((n, k) => n + (k.expected === undefined ? 0 : Math.max(0, k.expected - k.stored)), 0);
}
