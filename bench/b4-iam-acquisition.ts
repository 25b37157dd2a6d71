// B4 — IAM acquisition (research/perf-targets.md): how many IAM calls, and how long, Lantern's IAM scanner
// needs for the LARGE_ACCOUNT's roles and policies (bench/large-account.ts) through the quota shim (IAM pinned
// at the assumed 10 req/s). Target: <= 100 IAM calls per account via GetAccountAuthorizationDetails (GAAD),
// plus only the GetRole calls proven necessary; <= 60 s per large account.
//
// moto answers GAAD in one page whatever MaxItems says, so the calls measured here undercount real AWS: the
// benchmark also computes the GAAD pages real AWS would need from the entities returned and the page size the
// scanner asked for (a lower bound: IAM "might return fewer results" per page).
//
// By default the scanner runs without hints, which is the acquisition of the inventory (GAAD + ListRoles). With
// --last-accessed it also gets the hints Lantern gives it (the roles Lambda functions use) and requests service
// last accessed reports for them; moto does not implement those calls (HTTP 500, retried by the SDK), so that
// part is counted but its timing is moto's, not AWS's.
//
//   npx tsx bench/b4-iam-acquisition.ts [--scale 0.1] [--seed 1] [--moto http://127.0.0.1:5115] [--shim-port 5116] [--last-accessed] [--json FILE]
import { parseArgs } from "node:util";
import { writeFileSync } from "node:fs";
import { DEFAULT_MOTO, DEFAULT_SHIM_PORT, configureLantern, ensureMoto, formatMachine, isMain, machine, peakRssMb, runMain, seconds } from "@/bench/support";
import { DEFAULT_SCALE, DEFAULT_SEED, describePlan, expectedCounts, generateLargeAccount, planLargeAccount, type LargeAccountPlan } from "@/bench/large-account";
import { formatShimSummary, startQuotaShim } from "@/bench/quota-shim";
import { ZQuotasJson, resolveQuotas } from "@/lib/aws/quotas";

/** Roles the plan's functions run as: the hints Lantern's unit runner gives the IAM scanner. */
function lambdaRoleArns(plan: LargeAccountPlan): string[] {
  return [...new Set(plan.functions.map((f) => `arn:aws:iam::${plan.accountId}:role/${plan.roles[f.role].name}`))];
}

/** IAM calls a per-role enumeration needs: ListRoles pages, then ListRolePolicies + GetRolePolicy + ListAttachedRolePolicies per role, and GetPolicy + GetPolicyVersion per managed policy. */
function perRoleEnumerationCalls(roles: number, policies: number): number {
  return Math.ceil(roles / 1000) + roles * 3 + policies * 2;
}

async function main() {
  const { values } = parseArgs({
    options: {
      moto: { type: "string", default: DEFAULT_MOTO },
      "shim-port": { type: "string", default: String(DEFAULT_SHIM_PORT) },
      scale: { type: "string", default: String(DEFAULT_SCALE) },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      region: { type: "string", default: "us-east-1" },
      "last-accessed": { type: "boolean", default: false },
      json: { type: "string" },
    },
    strict: true,
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  const m = machine();
  console.log("B4 — IAM acquisition through the quota shim (IAM at the assumed quota)");
  console.log(formatMachine(m));

  const moto = await ensureMoto(values.moto, console.log);
  const quotas = resolveQuotas(ZQuotasJson.parse(process.env.LANTERN_AWS_QUOTAS));
  const shim = await startQuotaShim({ upstream: values.moto, port: Number(values["shim-port"]), quotas });
  try {
    const gen = await generateLargeAccount({ endpoint: values.moto, scale, seed, region: values.region, log: console.log });
    const plan = gen.plan;
    console.log(describePlan(plan));
    configureLantern({ endpoint: shim.endpoint, databaseUrl: "postgresql://postgres@127.0.0.1:5432/lantern_bench" });

    const { iamClients } = await import("@/lib/aws/clients");
    const { iamScanner } = await import("@/scanners/iam/iam.scanner");
    const { ErrorCollector } = await import("@/lib/scan/run-unit");
    const { secretFingerprint } = await import("@/lib/scan/fingerprint");

    const hints = values["last-accessed"] ? { lambdaRoleArns: lambdaRoleArns(plan) } : {};
    const metrics = { calls: 0, throttles: 0 };
    const errors = new ErrorCollector();
    const target = { accountId: plan.accountId, region: "global" };
    shim.resetStats();
    const started = performance.now();
    const raw = await iamScanner.collect(iamClients(target, metrics), { accountId: plan.accountId, region: "global", recordError: errors.record, hints });
    const collectedMs = performance.now() - started;
    const output = iamScanner.normalize(raw, { accountId: plan.accountId, region: "global", fingerprint: secretFingerprint() });
    const totalMs = performance.now() - started;
    const stats = shim.stats();

    const counts = Object.fromEntries(Object.entries(output).map(([k, v]) => [k, v.resources.length]));
    const entities = Object.values(counts).reduce((n, c) => n + c, 0);
    const expected = expectedCounts(plan);
    const iamOps = stats.operations.filter((o) => o.service === "iam");
    const gaad = iamOps.find((o) => o.operation === "GetAccountAuthorizationDetails");
    const gaadPageSize = gaad?.pageSizes[0] ?? 100;
    const listRoles = iamOps.find((o) => o.operation === "ListRoles");
    const lastAccessedCalls = iamOps.filter((o) => o.operation.includes("ServiceLastAccessed")).reduce((n, o) => n + o.calls, 0);
    const iamCalls = iamOps.reduce((n, o) => n + o.calls, 0);

    console.log(`\nIAM scanner through the shim: ${iamCalls} IAM calls (${stats.throttled} throttled) in ${seconds(collectedMs)} collect + ${seconds(totalMs - collectedMs)} normalize`);
    console.log(formatShimSummary(stats, quotas));
    console.log(`  records: ${Object.entries(counts).map(([k, c]) => `${k} ${c}`).join(", ")} (generated: iamRole ${expected.iamRole}, iamPolicy ${expected.iamPolicy})`);
    for (const e of errors.errors) console.log(`  error: ${e.api} ${e.code} x${e.count}`);

    const realAws = (ents: number, roles: number, pageSize: number) => Math.ceil(ents / pageSize) + Math.ceil(roles / 1000);
    const full = planLargeAccount({ seed, scale: 1, region: values.region });
    const fullExpected = expectedCounts(full);
    const fullEntities = fullExpected.iamRole + fullExpected.iamPolicy;
    const hereInventory = (gaad?.calls ?? 0) + (listRoles?.calls ?? 0);
    console.log(`\nB4 figures, scale ${scale}:`);
    console.log(`  inventory (GAAD + ListRoles) against moto: ${hereInventory} calls; GAAD asked for MaxItems=${gaadPageSize}, moto answered all ${entities} entities in ${gaad?.calls ?? 0} page(s)`);
    console.log(
      `  real AWS would need >= ${realAws(entities, counts.iam_role ?? 0, gaadPageSize)} calls here (GAAD ceil(${entities}/${gaadPageSize}) + ListRoles ceil(${counts.iam_role ?? 0}/1000)); ` +
        `at scale 1 (${fullEntities} entities, ${fullExpected.iamRole} roles): >= ${realAws(fullEntities, fullExpected.iamRole, gaadPageSize)} calls at MaxItems=${gaadPageSize}, ${realAws(fullEntities, fullExpected.iamRole, 100)} at the default 100 (target <= 100)`,
    );
    console.log(
      `  per-role enumeration instead: ${perRoleEnumerationCalls(counts.iam_role ?? 0, counts.iam_policy ?? 0)} calls here, ${perRoleEnumerationCalls(fullExpected.iamRole, fullExpected.iamPolicy)} at scale 1`,
    );
    const hinted = lambdaRoleArns(plan).length;
    const hintedFull = lambdaRoleArns(full).length;
    console.log(
      `  service last accessed (roles used by Lambda functions, >= 2 calls each: Generate + Get): ${hinted} roles here, ${hintedFull} at scale 1 -> >= ${2 * hintedFull} calls, ` +
        `>= ${((2 * hintedFull) / quotas["iam:read"].rate / 60).toFixed(1)} min at ${quotas["iam:read"].rate} req/s` +
        (values["last-accessed"] ? `; measured against moto: ${lastAccessedCalls} calls (moto answers HTTP 500; the SDK retries)` : " (not run; --last-accessed runs them)"),
    );
    console.log(`  time: ${seconds(totalMs)} here (target <= 60 s per large account); peak RSS ${peakRssMb().toFixed(0)} MB`);
    if (values.json) {
      writeFileSync(values.json, `${JSON.stringify({ bench: "B4", machine: m, scale, seed, iamCalls, operations: iamOps, counts, entities, gaadPageSize, collectedMs, totalMs }, null, 2)}\n`);
      console.log(`wrote ${values.json}`);
    }
  } finally {
    await shim.stop();
    await moto.stop();
  }
}

if (isMain(import.meta.url)) runMain(main);
