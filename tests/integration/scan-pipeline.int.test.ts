// Scanner -> emulator -> Postgres, end to end, on the demo estate seeded into a fresh moto account.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedDemoEstate, fixDemoFlaw, type DemoManifest } from "@/scripts/demo-estate/estate";
import { randomAccountId } from "../support/moto";
import { startFaultProxy } from "../support/fault-proxy";
import { upsertAccountTarget } from "@/lib/db/account-targets";
import { createScanRun, getScanSummary } from "@/lib/db/scans";
import { planUnits } from "@/lib/scan/services";
import { runUnit } from "@/lib/scan/run-unit";
import { prisma } from "@/lib/db/client";
import { expectCompleteBesidesGaps, realErrors, stateBesidesGaps } from "../support/emulator-gaps";

const LX01 = "lambda_function_not_publicly_accessible";
const LX03 = "lambda_function_url_auth_required";

async function scan(accountId: string) {
  const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId } });
  const created = await createScanRun({ accountId, trigger: "cli", units: planUnits(account.regions) });
  expect(created.alreadyRunning).toBe(false);
  for (const u of created.units) await runUnit(u.id);
  const summary = await getScanSummary(created.scanId);
  if (!summary) throw new Error("scan vanished");
  return summary;
}

async function openFindings(accountId: string, ruleId: string) {
  const rows = await prisma.finding.findMany({ where: { accountId, ruleId, status: "open" }, select: { resourceArn: true } });
  return rows.map((r) => r.resourceArn).sort();
}

describe("scan pipeline on the demo estate", () => {
  const accountId = randomAccountId();
  let manifest: DemoManifest;

  beforeAll(async () => {
    manifest = await seedDemoEstate({ endpoint: inject("motoEndpoint"), accountId });
    await upsertAccountTarget({ id: accountId, name: "Integration estate", regions: manifest.regions });
  }, 120_000);

  afterAll(async () => {
    await prisma.account.delete({ where: { id: accountId } }).catch(() => undefined);
  });

  it("inventories every function and finds exactly the planted flaws", async () => {
    const s = await scan(accountId);
    expectCompleteBesidesGaps(s);
    expect(s.units.map((u) => `${u.service} ${u.region}`).sort()).toEqual(
      ["apigateway", "apigatewayv2", "lambda", "neighbours"].flatMap((svc) => manifest.regions.map((r) => `${svc} ${r}`)).concat("iam global", "analysis account").sort(),
    );

    const stored = await prisma.lambdaFunction.count({ where: { accountId, deletedAt: null } });
    expect(stored).toBe(manifest.functions.length);

    expect(await openFindings(accountId, LX01)).toEqual([...manifest.planted.publicPolicy].sort());
    expect(await openFindings(accountId, LX03)).toEqual([...manifest.planted.publicUrl].sort());
    for (const arn of manifest.planted.conditionedPublic) {
      expect(await openFindings(accountId, LX01)).not.toContain(arn);
    }
    // Every evaluated resource is counted as pass or fail, none unknown, in each region.
    const evals = await prisma.ruleEvaluation.findMany({ where: { scanId: s.id, ruleId: { in: [LX01, LX03] } } });
    expect(evals.every((e) => e.unknown === 0)).toBe(true);
    expect(evals.reduce((n, e) => n + e.pass + e.fail, 0)).toBe(manifest.functions.length * 2);

    // The analysis stored a posture score for the account, every function and every API, and the day's rollup.
    const account = await prisma.postureScore.findUniqueOrThrow({ where: { scanId_scope_subjectArn: { scanId: s.id, scope: "account", subjectArn: accountId } } });
    expect(account.score).toBeGreaterThanOrEqual(0);
    expect(account.score).toBeLessThan(100);
    expect(account.failed).toBeGreaterThanOrEqual(manifest.planted.publicPolicy.length + manifest.planted.publicUrl.length);
    expect(await prisma.postureScore.count({ where: { scanId: s.id, scope: "function" } })).toBe(manifest.functions.length);
    const planted = await prisma.postureScore.findUniqueOrThrow({
      where: { scanId_scope_subjectArn: { scanId: s.id, scope: "function", subjectArn: manifest.planted.publicPolicy[0] } },
    });
    expect(planted.failed).toBeGreaterThan(0);
    expect(await prisma.dailyPostureScore.count({ where: { accountId, scope: "account" } })).toBe(1);
  });

  it("never stores environment variable values, only names, lengths and fingerprints", async () => {
    const rows = await prisma.lambdaFunction.findMany({ where: { accountId }, select: { config: true, raw: true } });
    const text = JSON.stringify(rows);
    for (const value of manifest.secretEnvValues) expect(text).not.toContain(value);
    const history = JSON.stringify(await prisma.resourceHistory.findMany({ where: { resourceArn: { in: manifest.functions.map((f) => f.arn) } } }));
    for (const value of manifest.secretEnvValues) expect(history).not.toContain(value);
    expect(text).toContain('"fingerprint"');
  });

  it("a second scan with one flaw fixed resolves exactly that finding", async () => {
    const fixedArn = manifest.planted.publicPolicy[0];
    const fixed = manifest.functions.find((f) => f.arn === fixedArn)!;
    // A baseline scan right before the fix, so anything the emulator settles on its own after seeding (it
    // has nothing to do with the fix) is already stored when the fix is scanned.
    expectCompleteBesidesGaps(await scan(accountId));
    const before = await openFindings(accountId, LX01);
    const beforeUrl = await openFindings(accountId, LX03);
    await fixDemoFlaw({ endpoint: inject("motoEndpoint"), accountId, region: fixed.region, functionName: fixed.name, kind: "publicPolicy" });

    const s = await scan(accountId);
    expectCompleteBesidesGaps(s);
    expect(await openFindings(accountId, LX01)).toEqual(before.filter((a) => a !== fixedArn));
    expect(await openFindings(accountId, LX03)).toEqual(beforeUrl);
    const resolved = await prisma.finding.findFirstOrThrow({ where: { accountId, ruleId: LX01, resourceArn: fixedArn }, include: { events: true } });
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.events.map((e) => e.type).sort()).toEqual(["opened", "resolved"]);
    // unchanged functions wrote no new history row
    const changedHistory = await prisma.resourceHistory.findMany({
      where: { scanId: s.id, change: "changed", resourceType: "lambda_function" },
      select: { resourceArn: true },
    });
    expect(changedHistory.map((h) => h.resourceArn)).toEqual([fixedArn]);
  });

  it("an AccessDenied on one API in one region ends the scan partial, records the error, and keeps findings open", async () => {
    const [deniedRegion, okRegion] = manifest.regions;
    const openBefore = await openFindings(accountId, LX01);
    const proxy = await startFaultProxy(inject("motoEndpoint"), [
      {
        method: "GET",
        path: /^\/2015-03-31\/functions\/[^/]+\/policy/,
        region: deniedRegion,
        status: 403,
        code: "AccessDeniedException",
        message: "User: arn:aws:sts::000000000000:assumed-role/LanternScanner/lantern is not authorized to perform: lambda:GetPolicy",
      },
    ]);
    const endpoint = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    try {
      const s = await scan(accountId);
      expect(proxy.hits()).toBeGreaterThan(0);
      expect(s.status).toBe("partial");
      const denied = s.units.find((u) => u.service === "lambda" && u.region === deniedRegion)!;
      const ok = s.units.find((u) => u.service === "lambda" && u.region === okRegion)!;
      const inDenied = manifest.functions.filter((f) => f.region === deniedRegion).length;
      expect(denied.state).toBe("partial");
      expect(stateBesidesGaps(ok)).toBe("succeeded");
      // one denied GetPolicy per function at least (and per version/alias qualifier)
      const deniedErrors = realErrors(denied);
      expect(deniedErrors).toEqual([expect.objectContaining({ api: "lambda:GetPolicy", code: "AccessDeniedException" })]);
      expect(deniedErrors[0].count).toBeGreaterThanOrEqual(inDenied);
      expect(await prisma.lambdaFunction.count({ where: { accountId, region: deniedRegion, deletedAt: null } })).toBe(inDenied);
      // UNKNOWN never resolves: the public-policy findings of the denied region stay open.
      expect(await openFindings(accountId, LX01)).toEqual(openBefore);
      const evals = await prisma.ruleEvaluation.findFirstOrThrow({ where: { scanId: s.id, ruleId: LX01, region: deniedRegion } });
      expect(evals.unknown).toBe(inDenied);
      expect(evals.pass + evals.fail).toBe(0);
    } finally {
      process.env.AWS_ENDPOINT_URL = endpoint;
      await proxy.stop();
    }
  });

  it("a failed listing leaves the stored inventory untouched (nothing marked deleted)", async () => {
    const [region] = manifest.regions;
    const proxy = await startFaultProxy(inject("motoEndpoint"), [
      { method: "GET", path: /^\/2015-03-31\/functions\/?(\?|$)/, region, status: 403, code: "AccessDeniedException", message: "not authorized to perform: lambda:ListFunctions" },
    ]);
    const endpoint = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    try {
      const s = await scan(accountId);
      expect(s.status).toBe("partial");
      const unit = s.units.find((u) => u.service === "lambda" && u.region === region)!;
      // the functions listing failed; layers, mappings and account settings were still read
      expect(unit.state).toBe("partial");
      expect(realErrors(unit)).toEqual([expect.objectContaining({ api: "lambda:ListFunctions", code: "AccessDeniedException" })]);
      expect(await prisma.lambdaFunction.count({ where: { accountId, deletedAt: null } })).toBe(manifest.functions.length);
    } finally {
      process.env.AWS_ENDPOINT_URL = endpoint;
      await proxy.stop();
    }
  });
});
