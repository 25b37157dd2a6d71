// B2 — pure pipeline throughput (research/perf-targets.md): the LARGE_ACCOUNT fixture scanned with Lantern's
// real unit runner, no quota shim and Lantern's own limiter lifted, normalized rows written to Postgres.
// Target: >= 5,000 resources/s per worker, <= 500 MB RSS.
//
// moto serves ~300-430 requests/s on 2 cores, so a live scan measures moto. To make the pipeline's own
// throughput visible, the scan goes through a record/replay proxy (bench/replay-proxy.ts):
//   A. live: record while scanning against moto (fresh database): end to end, moto-bound;
//   B. replay, fresh database: the same scan with the emulator's answers served from memory, every row new;
//   C. replay, unchanged: scan B again into the same database, every row unchanged (a recurring scan);
//   D. stages, fresh database: per unit, collect+normalize (replayed) timed apart from storing the rows.
//
//   npx tsx bench/b2-pipeline-throughput.ts [--scale 0.1] [--seed 1] [--moto http://127.0.0.1:5115]
//       [--database postgresql://postgres@127.0.0.1:5432/lantern_bench] [--json FILE]
//
// Services: whatever lib/scan/services.ts registers when it runs.
import { parseArgs } from "node:util";
import { writeFileSync } from "node:fs";
import { DEFAULT_DATABASE, DEFAULT_MOTO, configureLantern, ensureMoto, formatMachine, isMain, machine, peakRssMb, runMain, seconds, unlimitedQuotasJson } from "@/bench/support";
import { DEFAULT_SCALE, DEFAULT_SEED, describePlan, generateLargeAccount, type LargeAccountPlan } from "@/bench/large-account";
import { startReplayProxy, type ReplayStats } from "@/bench/replay-proxy";
import { freshDatabase, formatScan, resourcesLost, scanAccount, type ScanFigures } from "@/bench/scan";
import { BUCKET_NAMES } from "@/lib/aws/quotas";

type Phase = { name: string; scan: ScanFigures; proxy: ReplayStats; resourcesPerS: number; rssMb: number; heapMb: number };
type Stage = { unit: string; resources: number; collectNormalizeMs: number; storeMs: number; calls: number };

function memoryMb() {
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20 };
}

/** Per unit: collect+normalize through the (replaying) proxy, then store, each timed on its own. */
async function stageTimings(plan: LargeAccountPlan): Promise<Stage[]> {
  const { planUnits, getService } = await import("@/lib/scan/services");
  const { createScanRun } = await import("@/lib/db/scans");
  const { storeResources } = await import("@/lib/db/resource-store");
  const { collectHints } = await import("@/lib/scan/inventory");
  const { secretFingerprint } = await import("@/lib/scan/fingerprint");
  const { ErrorCollector } = await import("@/lib/scan/run-unit");
  const created = await createScanRun({ accountId: plan.accountId, trigger: "cli", units: planUnits([plan.region]) });
  const stages: Stage[] = [];
  for (const u of created.units) {
    const service = getService(u.service);
    if (!service) continue;
    const target = { accountId: plan.accountId, region: u.region };
    const metrics = { calls: 0, throttles: 0 };
    const errors = new ErrorCollector();
    let t = performance.now();
    const output = await service.collectAndNormalize(
      target,
      metrics,
      { accountId: plan.accountId, region: u.region, recordError: errors.record, hints: await collectHints(service.id, plan.accountId) },
      { accountId: plan.accountId, region: u.region, fingerprint: secretFingerprint() },
    );
    const collectNormalizeMs = performance.now() - t;
    t = performance.now();
    let resources = 0;
    for (const kind of service.kinds) {
      const result = output[kind.resourceType];
      if (!result) continue;
      resources += result.resources.length;
      await storeResources(kind, { accountId: plan.accountId, region: u.region, scanId: created.scanId, resources: result.resources, listingComplete: result.listingComplete });
    }
    stages.push({ unit: `${u.service} ${u.region}`, resources, collectNormalizeMs, storeMs: performance.now() - t, calls: metrics.calls });
  }
  return stages;
}

async function main() {
  const { values } = parseArgs({
    options: {
      moto: { type: "string", default: DEFAULT_MOTO },
      database: { type: "string", default: DEFAULT_DATABASE },
      scale: { type: "string", default: String(DEFAULT_SCALE) },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      region: { type: "string", default: "us-east-1" },
      json: { type: "string" },
    },
    strict: true,
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  const m = machine();
  console.log("B2 — pure pipeline throughput (no quota shim, Lantern's limiter lifted)");
  console.log(formatMachine(m));

  const moto = await ensureMoto(values.moto, console.log);
  const proxy = await startReplayProxy({ upstream: values.moto });
  let configured = false;
  try {
    const gen = await generateLargeAccount({ endpoint: values.moto, scale, seed, region: values.region, log: console.log });
    console.log(describePlan(gen.plan));
    console.log(gen.reused ? "account already generated in moto" : `generated in ${seconds(gen.ms)} (${gen.requests} requests)`);
    configureLantern({ endpoint: proxy.endpoint, databaseUrl: values.database, quotasJson: unlimitedQuotasJson(BUCKET_NAMES) });
    configured = true;

    const phases: Phase[] = [];
    const phase = async (name: string, mode: "record" | "replay", fresh: boolean) => {
      if (fresh) await freshDatabase(values.database, gen.plan);
      proxy.setMode(mode);
      proxy.resetStats();
      const scan = await scanAccount(gen.plan);
      const p: Phase = { name, scan, proxy: proxy.stats(), resourcesPerS: scan.resources / (scan.wallMs / 1000), ...memoryMb() };
      phases.push(p);
      console.log(`\n${name}`);
      console.log(formatScan(scan));
      console.log(
        `  ${p.resourcesPerS.toFixed(0)} resources/s; ${p.proxy.requests} requests (${p.proxy.replayed} replayed, ${p.proxy.forwarded} to moto, ${p.proxy.misses} replay misses); ` +
          `emulator busy ${seconds(p.proxy.emulatorBusyMs)} (${((100 * p.proxy.emulatorBusyMs) / scan.wallMs).toFixed(0)}% of wall); RSS now ${p.rssMb.toFixed(0)} MB, JS heap ${p.heapMb.toFixed(0)} MB`,
      );
    };
    await phase("A. live against moto (recording), fresh database", "record", true);
    await phase("B. replay, fresh database (every row created)", "replay", true);
    await phase("C. replay, same database (every row unchanged)", "replay", false);

    await freshDatabase(values.database, gen.plan);
    proxy.resetStats();
    const stages = await stageTimings(gen.plan);
    console.log("\nD. stages, replay, fresh database");
    for (const s of stages) {
      console.log(
        `  ${s.unit}: ${s.resources} resources; collect+normalize ${seconds(s.collectNormalizeMs)} (${s.calls} SDK calls, ${(s.resources / (s.collectNormalizeMs / 1000)).toFixed(0)} res/s); ` +
          `store ${seconds(s.storeMs)} (${(s.resources / (s.storeMs / 1000)).toFixed(0)} res/s into Postgres)`,
      );
    }

    const peak = peakRssMb();
    const b = phases[1];
    console.log(`\nB2 summary, scale ${scale}:`);
    for (const p of phases) console.log(`  ${p.name}: ${p.scan.resources} resources in ${seconds(p.scan.wallMs)} = ${p.resourcesPerS.toFixed(0)} resources/s`);
    console.log(`  pipeline (B) ${b.resourcesPerS.toFixed(0)} resources/s per worker (target >= 5,000); peak RSS ${peak.toFixed(0)} MB (target <= 500; includes the replay store, ${(proxy.stats().recordedBytes / 2 ** 20).toFixed(1)} MB of responses)`);
    console.log(`  resources lost: ${Math.max(...phases.map((p) => resourcesLost(p.scan)))}`);
    if (values.json) {
      writeFileSync(values.json, `${JSON.stringify({ bench: "B2", machine: m, scale, seed, phases, stages, peakRssMb: peak }, null, 2)}\n`);
      console.log(`wrote ${values.json}`);
    }
  } finally {
    await proxy.stop();
    await moto.stop();
    if (configured) await (await import("@/lib/db/client")).prisma.$disconnect();
  }
}

if (isMain(import.meta.url)) runMain(main);
