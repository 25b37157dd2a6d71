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
import type { ResourceType, RuleInventory } from "@/lib/rules/types";
import { storeResources, deletedResourceArns } from "@/lib/db/resource-store";
import { loadRuleInventory, collectHints } from "@/lib/scan/inventory";
import { createRuleContext, NO_TRUSTED, sharedMemo } from "@/lib/rules/context";
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
      const output = await service.collectAndNormalize(
        target,
        metrics,
        {
          accountId: target.accountId,
          region: target.region,
          recordError: collector.record,
          signal: opts.signal,
          hints: await collectHints(service.id, target.accountId),
        },
        { accountId: target.accountId, region: target.region, fingerprint: secretFingerprint() },
      );
      let anyComplete = false;
      let allComplete = true;
      const runs: RuleRun[] = [];
      const deletedArns: string[] = [];
      let inventory: RuleInventory | undefined;
      for (const kind of service.kinds) {
        const result = output[kind.resourceType];
        if (!result) {
          // The scanner produced nothing for this kind: a bug, not an empty account. Say so.
          collector.record({ api: `lantern:${unit.service}`, code: "MissingOutput", message: `No ${kind.resourceType} output from the ${unit.service} scanner.` });
          allComplete = false;
          continue;
        }
        resources += result.resources.length;
        await storeResources(kind, { accountId: target.accountId, region: target.region, scanId: unit.scanId, resources: result.resources, listingComplete: result.listingComplete });
        if (!result.listingComplete) {
          allComplete = false;
          continue;
        }
        anyComplete = true;
        // Rules judge only kinds whose listing completed; otherwise stored findings stay as they are.
        const rules = rulesFor(kind.resourceType as ResourceType);
        if (rules.length) {
          // Loaded once per unit, after this kind was stored, and shared by every kind's rules.
          inventory ??= await loadRuleInventory(target.accountId);
          for (const rule of rules) {
            const ctx = createRuleContext(rule, { now: new Date(), installation: NO_TRUSTED, complete: () => true, shared: sharedMemo() });
            runs.push({ rule, results: rule.evaluate(inventory, ctx).filter((r) => r.region === target.region) });
          }
          deletedArns.push(...(await deletedResourceArns(kind, target.accountId, target.region)));
        }
      }
      if (runs.length || deletedArns.length) {
        await applyRuleResults({ accountId: target.accountId, region: target.region, scanId: unit.scanId, runs, deletedArns });
      }
      state = !anyComplete ? "failed" : allComplete && collector.errors.length === 0 ? "succeeded" : "partial";
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
