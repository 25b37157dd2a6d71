// Every catalogue rule on the demo estate: seed "Acme Payments" into a fresh moto account, scan it once, and
// hold each registered rule to what the estate planted for it (scripts/demo-estate/expectations.ts): the rule
// ran in this scan, every planted flaw has an open finding of that rule, and no clean look-alike has one (the
// rule judged it PASS, not UNKNOWN). A rule registered without an expectation fails here, so a new rule cannot
// ship without a plant; one that moto cannot exercise says why.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { resolveExpectedArn, seedDemoEstate, type DemoManifest, type IdLookup, type RuleExpectation } from "@/scripts/demo-estate/estate";
import { randomAccountId } from "../support/moto";
import { expectCompleteBesidesGaps } from "../support/emulator-gaps";
import { upsertAccountTarget } from "@/lib/db/account-targets";
import { createScanRun, getScanSummary, scanCompleteness } from "@/lib/db/scans";
import { loadAccountInventory } from "@/lib/db/inventory";
import { getInstallationSettings, getRuleSettings } from "@/lib/db/settings";
import { planUnits } from "@/lib/scan/services";
import { runUnit } from "@/lib/scan/run-unit";
import { prisma } from "@/lib/db/client";
import { RULES } from "@/lib/rules/registry";
import { createRuleContext, sharedMemo } from "@/lib/rules/context";
import type { RuleInventory, RuleStatus } from "@/lib/rules/types";
import { sourceName } from "@/lib/rules/event-sources/mapping-label";

/** Fills the generated ids of expectation templates from the scanned inventory. */
function idLookup(inventory: RuleInventory): IdLookup {
  return (kind, key, region) => {
    const space = key.indexOf(" ");
    const [head, tail] = space < 0 ? [key, ""] : [key.slice(0, space), key.slice(space + 1)];
    const rest = inventory.restApis.find((a) => a.region === region && a.name === head);
    const http = inventory.httpApis.find((a) => a.region === region && a.name === head);
    switch (kind) {
      case "restapi":
        return rest?.id;
      case "resource":
        return rest?.resources.status === "ok" ? rest.resources.value.find((r) => r.path === tail)?.id : undefined;
      case "httpapi":
        return http?.apiId;
      case "route":
        return http?.routes.status === "ok" ? (http.routes.value.find((r) => r.routeKey === tail)?.routeId ?? undefined) : undefined;
      case "authorizer":
        return http && http.authorizers.status !== "error" ? http.authorizers.value.find((a) => a.name === tail)?.authorizerId : undefined;
      case "kms":
        return inventory.kmsKeys.find((k) => k.region === region && k.aliases.includes(key))?.keyId;
      case "esm":
        return inventory.lambdaEventSourceMappings.find(
          (m) => m.region === region && (m.functionArn ?? "").endsWith(`:function:${head}`) && sourceName(m.eventSourceArn) === tail,
        )?.uuid;
    }
  };
}

const RULES_DIR = fileURLToPath(new URL("../../lib/rules", import.meta.url));

type Row = { rule: string; catalogueId: string; fail: string; pass: string; otherOpen: number; note: string };

describe("every catalogue rule on the demo estate", () => {
  const accountId = randomAccountId();
  let manifest: DemoManifest;
  let scanId: string;
  let lookup: IdLookup;
  /** ruleId -> ARNs with an open finding in this account. */
  const open = new Map<string, Set<string>>();
  /** ruleId -> ARN -> the status the rule gives it, evaluated as the scan's analysis did. */
  const statuses = new Map<string, Map<string, RuleStatus>>();
  const evaluated = new Set<string>();
  const rows: Row[] = [];

  beforeAll(async () => {
    manifest = await seedDemoEstate({ endpoint: inject("motoEndpoint"), accountId });
    await upsertAccountTarget({ id: accountId, name: "Catalogue estate", regions: manifest.regions });
    const created = await createScanRun({ accountId, trigger: "cli", units: planUnits(manifest.regions) });
    for (const u of created.units) await runUnit(u.id);
    const summary = await getScanSummary(created.scanId);
    if (!summary) throw new Error("scan vanished");
    expectCompleteBesidesGaps(summary);
    scanId = created.scanId;

    for (const e of await prisma.ruleEvaluation.findMany({ where: { scanId }, select: { ruleId: true } })) evaluated.add(e.ruleId);
    for (const f of await prisma.finding.findMany({ where: { accountId, status: "open" }, select: { ruleId: true, resourceArn: true } })) {
      open.set(f.ruleId, (open.get(f.ruleId) ?? new Set()).add(f.resourceArn));
    }

    // Findings only show FAIL; to tell a look-alike's PASS from UNKNOWN, evaluate every rule again over the stored
    // inventory with the context the analysis used (lib/scan/analyze.ts): a result in a region whose kind was not
    // listed completely counts as UNKNOWN there too.
    const inventory = await loadAccountInventory(accountId);
    lookup = idLookup(inventory);
    const [completeness, saved, installation] = await Promise.all([scanCompleteness(scanId), getRuleSettings(), getInstallationSettings()]);
    const complete = (type: string, region: string) => completeness.has(`${type}|${region}`);
    const shared = sharedMemo();
    const now = new Date();
    for (const rule of RULES) {
      const ctx = createRuleContext(rule, { now, saved: saved.get(rule.id)?.settings, installation, complete, shared });
      const byArn = new Map<string, RuleStatus>();
      for (const r of rule.evaluate(inventory, ctx)) byArn.set(r.resourceArn, complete(rule.resourceType, r.region) ? r.status : "UNKNOWN");
      statuses.set(rule.id, byArn);
    }
  }, 240_000);

  afterAll(async () => {
    if (rows.length > 0) {
      const width = Math.max(...rows.map((r) => r.rule.length));
      const lines = [
        `${"check".padEnd(6)} ${"rule".padEnd(width)}  ${"fail found".padEnd(10)}  ${"pass ok".padEnd(7)}  other open  note`,
        ...[...rows]
          .sort((a, b) => a.catalogueId.localeCompare(b.catalogueId, "en", { numeric: true }) || a.rule.localeCompare(b.rule))
          .map((r) => `${r.catalogueId.padEnd(6)} ${r.rule.padEnd(width)}  ${r.fail.padEnd(10)}  ${r.pass.padEnd(7)}  ${String(r.otherOpen).padEnd(10)}  ${r.note}`),
      ];
      console.log(`Catalogue on the demo estate (scan ${scanId}):\n${lines.join("\n")}`);
    }
    await prisma.account.delete({ where: { id: accountId } }).catch(() => undefined);
  });

  it("holds an expectation for every registered rule, and none for a rule that does not exist", () => {
    const registered = RULES.filter((r) => !r.deprecated).map((r) => r.id);
    // A rule missing here needs a plant in scripts/demo-estate (or a reason moto cannot show it).
    expect(registered.filter((id) => !manifest.expectations[id])).toEqual([]);
    // An extra id is a renamed or retired rule, unless its file is written and only waits to be registered.
    const onDisk = new Set(
      readdirSync(RULES_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => readdirSync(join(RULES_DIR, d.name)).filter((f) => f.endsWith(".rule.ts")).map((f) => f.slice(0, -".rule.ts".length))),
    );
    expect(Object.keys(manifest.expectations).filter((id) => !registered.includes(id) && !onDisk.has(id))).toEqual([]);
  });

  it.each(RULES.filter((r) => !r.deprecated).map((r) => [r.id, r] as const))("%s", (ruleId, rule) => {
    const e: RuleExpectation | undefined = manifest.expectations[ruleId];
    const row: Row = { rule: ruleId, catalogueId: rule.catalogueId, fail: "-", pass: "-", otherOpen: 0, note: "NO EXPECTATION" };
    rows.push(row);
    expect(e, `no expectation for ${ruleId}: plant a failing resource and a passing look-alike in scripts/demo-estate`).toBeDefined();
    if (!e) return;

    expect(evaluated.has(ruleId), `${ruleId} has no RuleEvaluation in the scan: it did not run`).toBe(true);
    if (e.fail.length === 0 || e.pass.length === 0) {
      expect(e.unknownOnEmulator?.trim(), `${ruleId} expects no ${e.fail.length === 0 ? "failing" : "passing"} resource without saying why`).toBeTruthy();
    }

    const findings = open.get(ruleId) ?? new Set<string>();
    const status = statuses.get(ruleId) ?? new Map<string, RuleStatus>();
    const fail = e.fail.map((t) => resolveExpectedArn(t, lookup));
    const pass = e.pass.map((t) => resolveExpectedArn(t, lookup));
    const missed = fail.filter((arn) => !findings.has(arn));
    const flagged = pass.filter((arn) => findings.has(arn));
    const notPassing = pass.filter((arn) => status.get(arn) !== "PASS").map((arn) => `${arn} (${status.get(arn) ?? "no result"})`);
    Object.assign(row, {
      fail: `${fail.length - missed.length}/${fail.length}`,
      pass: `${pass.filter((arn) => !findings.has(arn) && status.get(arn) === "PASS").length}/${pass.length}`,
      otherOpen: [...findings].filter((arn) => !fail.includes(arn)).length,
      note: e.unknownOnEmulator?.split(":")[0] ?? "",
    });

    expect({ missedFlaws: missed, flaggedLookAlikes: flagged, lookAlikesNotPassing: notPassing }).toEqual({
      missedFlaws: [],
      flaggedLookAlikes: [],
      lookAlikesNotPassing: [],
    });
  });
});
