// The analysis step of a scan: after every collection unit of the scan finished, evaluate every rule over
// the account's stored inventory (all regions, IAM included) and apply the finding lifecycle. It runs as the
// scan's "analysis" unit, so it is claimed, heartbeated and taken over like any other unit.
//
// Completeness: a result about a resource whose kind this scan did not list completely in that region is
// treated as UNKNOWN (nothing changes), and only completely listed kinds resolve findings that a rule no
// longer reports. A rule that throws leaves its findings as they were and is reported as a unit error.
import type { UnitError } from "@/scanners/types";
import { RULES } from "@/lib/rules/registry";
import type { ResourceType, RuleResult } from "@/lib/rules/types";
import { createRuleContext, sharedMemo } from "@/lib/rules/context";
import { applyRuleResults, type RuleRun } from "@/lib/db/findings";
import { loadAccountInventory } from "@/lib/db/inventory";
import { scanCompleteness } from "@/lib/db/scans";
import { getInstallationSettings, getRuleSettings } from "@/lib/db/settings";
import { suppressedFindingKeys } from "@/lib/db/findings";
import { storeScores } from "@/lib/db/scores";
import { applySuppressions } from "@/lib/db/suppressions";
import { scopedScores, type ScoredResult, type ScopedScores } from "@/lib/analysis/score";
import { exposureOf } from "@/lib/analysis/exposure";
import { sharedEndpointModel } from "@/lib/analysis/endpoints";

export const ANALYSIS_SERVICE = "analysis";
export const ANALYSIS_REGION = "account";

export type AnalysisOutcome = {
  rules: number;
  results: number;
  errors: UnitError[];
  applied: { opened: number; reopened: number; resolved: number; stillOpen: number; unknown: number; suppressed: number; unsuppressed: number };
  scores: ScopedScores;
};

export async function analyzeScan(input: { scanId: string; accountId: string; now?: Date }): Promise<AnalysisOutcome> {
  const now = input.now ?? new Date();
  const [inventory, completeness, saved, installation] = await Promise.all([
    loadAccountInventory(input.accountId),
    scanCompleteness(input.scanId),
    getRuleSettings(),
    getInstallationSettings(),
  ]);
  const scored: (ScoredResult & { ruleId: string })[] = [];
  const complete = (resourceType: ResourceType, region: string) => completeness.has(`${resourceType}|${region}`);
  const scannedRegions = new Set([...completeness].map((k) => k.split("|")[1]));
  const shared = sharedMemo();
  const errors: UnitError[] = [];
  const applied = { opened: 0, reopened: 0, resolved: 0, stillOpen: 0, unknown: 0 };
  let rules = 0;
  let results = 0;

  for (const rule of RULES) {
    if (rule.deprecated) continue;
    const setting = saved.get(rule.id);
    if (setting && !setting.enabled) continue;
    let out: RuleResult[];
    try {
      out = rule.evaluate(inventory, createRuleContext(rule, { now, saved: setting?.settings, installation, complete, shared }));
    } catch (err) {
      const e = err as Error;
      errors.push({ api: `lantern:rule:${rule.id}`, code: e?.name ?? "Error", message: (e?.message ?? String(err)).slice(0, 500), count: 1 });
      continue;
    }
    rules++;
    results += out.length;
    const grouped = new Map<string, RuleResult[]>();
    for (const r of out) {
      const list = grouped.get(r.region);
      if (list) list.push(r);
      else grouped.set(r.region, [r]);
    }
    // Regions this scan covered get a run even without results, so findings the rule no longer reports resolve.
    for (const region of new Set([...grouped.keys(), ...scannedRegions])) {
      const listed = complete(rule.resourceType, region);
      const regionResults = (grouped.get(region) ?? []).map((r) => (listed ? r : { ...r, status: "UNKNOWN" as const }));
      for (const r of regionResults) {
        scored.push({ ruleId: rule.id, status: r.status, resourceArn: r.resourceArn, severity: rule.severity });
      }
      if (!listed && regionResults.length === 0) continue;
      // Applied rule by rule: only one rule's results (and their evidence) are held at a time.
      const runs: RuleRun[] = [{ rule, results: regionResults, resolveMissing: listed }];
      const r = await applyRuleResults({ accountId: input.accountId, region, scanId: input.scanId, runs });
      for (const k of Object.keys(applied) as (keyof typeof applied)[]) applied[k] += r[k];
    }
  }

  // New findings that an active suppression covers are held at once; expired suppressions release theirs.
  const suppressions = await applySuppressions({ now, accountId: input.accountId });
  const suppressed = await suppressedFindingKeys(input.accountId);
  for (const r of scored) r.suppressed = suppressed.has(`${r.ruleId}|${r.resourceArn}`);

  // Unauthenticated endpoints that the internet can reach make their API and backing functions "exposed".
  const endpoints = sharedEndpointModel(inventory, { shared }).endpoints.filter(
    (e) => e.auth.level === "none" && e.reachable === true && e.network.scope === "internet" && !e.network.networkRestricted,
  );
  const exposure = exposureOf(
    inventory,
    endpoints.map((e) => ({ arn: e.resourceArn, apiArn: e.api?.arn ?? null, functionArns: e.functionArns, reason: `unauthenticated endpoint ${e.label}` })),
  );
  const scores = scopedScores({
    results: scored,
    isExposed: (arn) => exposure.exposed.has(arn),
    functionRoles: new Map(inventory.lambdaFunctions.map((f) => [f.arn, f.roleArn])),
    apiArns: [...inventory.restApis.map((a) => a.arn), ...inventory.httpApis.map((a) => a.arn)],
  });
  await storeScores({ scanId: input.scanId, accountId: input.accountId, scores, at: now });
  return { rules, results, errors, applied: { ...applied, suppressed: suppressions.suppressed, unsuppressed: suppressions.reopened }, scores };
}
