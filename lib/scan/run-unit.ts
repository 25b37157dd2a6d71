// Runs one scan unit (service x region of one account): claim it, collect and normalize through the
// service's scanner, store the inventory, evaluate the rules of that service's resource types, apply
// the finding lifecycle, and finish the unit. Idempotent: running a unit again rewrites the same rows.
import { hostname } from "node:os";
import type { CallError, UnitError } from "@/scanners/types";
import type { CallMetrics } from "@/lib/aws/clients";
import { claimUnit, finalizeScanIfDone, finishUnit, heartbeatUnit } from "@/lib/db/scans";
import { applyRuleResults, type RuleRun } from "@/lib/db/findings";
import { getService } from "@/lib/scan/services";
import { rulesFor } from "@/lib/rules/registry";
import type { RuleInventory } from "@/lib/rules/types";
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
  | { kind: "finished"; state: "succeeded" | "partial" | "failed"; resources: number; scanStatus: string | null }
  | { kind: "busy" }
  | { kind: "skipped"; reason: string };

export async function runUnit(unitId: string, opts: { workerId?: string; signal?: AbortSignal } = {}): Promise<UnitOutcome> {
  const workerId = opts.workerId ?? DEFAULT_WORKER_ID;
  const claim = await claimUnit(unitId, workerId);
  if (claim.kind === "busy") return { kind: "busy" };
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
  try {
    const service = getService(unit.service);
    if (!service) {
      collector.record({ api: "lantern:plan", code: "UnknownService", message: `No scanner for service "${unit.service}".` });
    } else {
      const target = { accountId: unit.account.id, region: unit.region, roleArn: unit.account.roleArn, externalId: unit.account.externalId };
      const result = await service.collectAndNormalize(
        target,
        metrics,
        { accountId: target.accountId, region: target.region, recordError: collector.record, signal: opts.signal },
        { accountId: target.accountId, region: target.region, fingerprint: secretFingerprint() },
      );
      resources = result.resources.length;
      await service.store({ accountId: target.accountId, region: target.region, scanId: unit.scanId, result });
      if (result.listingComplete) {
        // Rules judge only regions whose listing completed; otherwise stored findings stay as they are.
        const inventory: RuleInventory = { accountId: target.accountId, region: target.region, lambdaFunctions: [] };
        await service.loadInventory(inventory);
        const runs: RuleRun[] = service.resourceTypes.flatMap((t) =>
          rulesFor(t).map((rule) => ({ rule, results: rule.evaluate(inventory) })),
        );
        await applyRuleResults({
          accountId: target.accountId,
          region: target.region,
          scanId: unit.scanId,
          runs,
          deletedArns: await service.deletedArns(target.accountId, target.region),
        });
        state = collector.errors.length ? "partial" : "succeeded";
      } else {
        state = "failed";
      }
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
  });
  if (!finished) return { kind: "skipped", reason: "claim lost to another worker" };
  const scanStatus = await finalizeScanIfDone(unit.scanId);
  return { kind: "finished", state, resources, scanStatus };
}
