// Runs one scan unit: a collection unit (service x region of one account: claim it, collect and normalize
// through the service's scanner, store the inventory) or the scan's analysis unit (evaluate every rule over
// the account's inventory and apply the finding lifecycle; lib/scan/analyze.ts). Idempotent: running a unit again rewrites the same rows.
import { hostname } from "node:os";
import type { CallError, UnitError } from "@/scanners/types";
import type { CallMetrics } from "@/lib/aws/clients";
import { claimUnit, finalizeScanIfDone, finishUnit, heartbeatUnit, readyAnalysisUnit, type ClaimedUnit } from "@/lib/db/scans";
import { getService } from "@/lib/scan/services";
import { storeResources } from "@/lib/db/resource-store";
import { collectHints } from "@/lib/scan/inventory";
import { analyzeScan, ANALYSIS_SERVICE } from "@/lib/scan/analyze";
import { secretFingerprint } from "@/lib/scan/fingerprint";

export const DEFAULT_WORKER_ID = `${hostname()}:${process.pid}`;

/** Groups failed calls by (api, code) so one denied API on 500 functions is one line with a count. */
export class ErrorCollector {
  private groups = new Map<string, UnitError>();
  record = (e: CallError) => {
    const key = `${e.api}|${e.code}`;
    const g = this.groups.get(key);
    if (g) g.count++;
    else this.groups.set(key, { ...e, message: e.message.slice(0, 500), count: 1 });
  };
  get errors(): UnitError[] {
    return [...this.groups.values()];
  }
}

export type UnitOutcome =
  | {
      kind: "finished";
      service: string;
      state: "succeeded" | "partial" | "failed";
      resources: number;
      scanStatus: string | null;
      /** The scan's analysis, when this unit was the last collection unit and this worker ran it. */
      analysis?: UnitOutcome;
    }
  | { kind: "busy" }
  | { kind: "waiting" }
  | { kind: "skipped"; reason: string };

/**
 * Run one unit. The worker that finishes the last collection unit of a scan runs the scan's analysis unit
 * right after (the claim makes sure only one does); the worker's sweep covers a worker killed in between.
 */
export async function runUnit(unitId: string, opts: { workerId?: string; signal?: AbortSignal } = {}): Promise<UnitOutcome> {
  const outcome = await runOneUnit(unitId, opts);
  if (outcome.kind !== "finished" || outcome.service === ANALYSIS_SERVICE || outcome.scanStatus) return outcome;
  const ready = await readyAnalysisUnit(outcome.scanId);
  if (!ready) return outcome;
  const analysis = await runOneUnit(ready, opts);
  return { ...outcome, scanStatus: analysis.kind === "finished" ? analysis.scanStatus : null, analysis };
}

type FinishedUnit = Extract<UnitOutcome, { kind: "finished" }> & { scanId: string };

async function runOneUnit(unitId: string, opts: { workerId?: string; signal?: AbortSignal }): Promise<FinishedUnit | Exclude<UnitOutcome, { kind: "finished" }>> {
  const workerId = opts.workerId ?? DEFAULT_WORKER_ID;
  const claim = await claimUnit(unitId, workerId);
  if (claim.kind === "busy") return { kind: "busy" };
  if (claim.kind === "waiting") return { kind: "waiting" };
  if (claim.kind !== "claimed") return { kind: "skipped", reason: claim.kind };
  const unit = claim.unit;

  const metrics: CallMetrics = { calls: 0, throttles: 0 };
  const collector = new ErrorCollector();
  const beat = setInterval(() => {
    heartbeatUnit(unit.id, workerId, { apiCalls: metrics.calls, throttles: metrics.throttles }).catch((err) =>
      console.error(`[unit ${unit.id}] heartbeat failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }, 5_000);
  beat.unref();

  let state: "succeeded" | "partial" | "failed" = "failed";
  let resources = 0;
  const completeKinds: string[] = [];
  try {
    if (unit.service === ANALYSIS_SERVICE) {
      const out = await analyzeScan({ scanId: unit.scanId, accountId: unit.account.id });
      out.errors.forEach(collector.record);
      resources = out.results;
      state = out.errors.length === 0 ? "succeeded" : out.rules > 0 ? "partial" : "failed";
    } else {
      state = await collectUnit(unit, metrics, collector, completeKinds, opts.signal, (n) => (resources += n));
    }
  } catch (err) {
    const e = err as Error;
    collector.record({ api: `lantern:${unit.service}`, code: e?.name ?? "Error", message: e?.message ?? String(err) });
    state = "failed";
  } finally {
    clearInterval(beat);
  }

  const finished = await finishUnit(unit.id, workerId, {
    state,
    resourceCount: resources,
    apiCalls: metrics.calls,
    throttles: metrics.throttles,
    errors: collector.errors,
    completeKinds,
  });
  if (!finished) return { kind: "skipped", reason: "claim lost to another worker" };
  const scanStatus = await finalizeScanIfDone(unit.scanId);
  return { kind: "finished", service: unit.service, scanId: unit.scanId, state, resources, scanStatus };
}

/** Collect, normalize and store one service x region. Kinds listed completely go into `completeKinds`. */
async function collectUnit(
  unit: ClaimedUnit,
  metrics: CallMetrics,
  collector: ErrorCollector,
  completeKinds: string[],
  signal: AbortSignal | undefined,
  countResources: (n: number) => void,
): Promise<"succeeded" | "partial" | "failed"> {
  const service = getService(unit.service);
  if (!service) {
    collector.record({ api: "lantern:plan", code: "UnknownService", message: `No scanner for service "${unit.service}".` });
    return "failed";
  }
  const target = { accountId: unit.account.id, region: unit.region, roleArn: unit.account.roleArn, externalId: unit.account.externalId };
  const output = await service.collectAndNormalize(
    target,
    metrics,
    {
      accountId: target.accountId,
      region: target.region,
      recordError: collector.record,
      signal,
      hints: await collectHints(service.id, target.accountId),
    },
    { accountId: target.accountId, region: target.region, fingerprint: secretFingerprint() },
  );
  let allComplete = true;
  for (const kind of service.kinds) {
    const result = output[kind.resourceType];
    if (!result) {
      // The scanner produced nothing for this kind: a bug, not an empty account. Say so.
      collector.record({ api: `lantern:${unit.service}`, code: "MissingOutput", message: `No ${kind.resourceType} output from the ${unit.service} scanner.` });
      allComplete = false;
      continue;
    }
    countResources(result.resources.length);
    await storeResources(kind, { accountId: target.accountId, region: target.region, scanId: unit.scanId, resources: result.resources, listingComplete: result.listingComplete });
    // The analysis judges only kinds whose listing completed; otherwise stored findings stay as they are.
    if (result.listingComplete) completeKinds.push(kind.resourceType);
    else allComplete = false;
  }
  return completeKinds.length === 0 ? "failed" : allComplete && collector.errors.length === 0 ? "succeeded" : "partial";
}
