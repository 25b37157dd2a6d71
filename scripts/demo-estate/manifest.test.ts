// The estate spec is hand-written data; these checks catch the mistakes that would otherwise surface only
// as a moto error half-way through seeding, or worse, as a manifest that disagrees with what was created.
import { describe, expect, it } from "vitest";
import { buildManifest, permissionsOf } from "./manifest";
import { FAKE_STRIPE_SECRET_KEY, MARKER_FUNCTION, buildSpec } from "./spec";

const ctx = { accountId: "111122223333", regions: ["us-east-1", "eu-west-1"] as const };
const spec = buildSpec(ctx);
const m = buildManifest(ctx);
const names = (arns: string[]) => arns.map((a) => a.split(":function:")[1] ?? a.split(":role/")[1]).sort();

describe("demo estate spec", () => {
  it("has at least 30 functions in both regions, with unique names", () => {
    expect(m.functions.length).toBeGreaterThanOrEqual(30);
    expect(new Set(spec.functions.map((f) => f.name)).size).toBe(spec.functions.length);
    expect(m.counts.functionsByRegion["us-east-1"]).toBeGreaterThan(0);
    expect(m.counts.functionsByRegion["eu-west-1"]).toBeGreaterThan(0);
    expect(spec.functions.some((f) => f.name === MARKER_FUNCTION)).toBe(true);
  });

  it("references only roles, queues, tables and streams it defines, in the function's own region", () => {
    const roles = new Set(spec.roles.map((r) => r.name));
    const queue = (slot: number, n: string) => spec.queues.some((q) => q.slot === slot && q.name === n);
    for (const f of spec.functions) {
      expect(roles.has(f.role), `${f.name} role`).toBe(true);
      if (f.dlq) expect(queue(f.slot, f.dlq), `${f.name} dlq`).toBe(true);
      if (f.onFailure) expect(queue(f.slot, f.onFailure), `${f.name} onFailure`).toBe(true);
      for (const es of f.eventSources ?? []) {
        if (es.kind === "sqs") expect(queue(f.slot, es.queue), `${f.name} queue`).toBe(true);
        if (es.kind === "dynamodb") expect(spec.tables.some((t) => t.slot === f.slot && t.name === es.table && t.stream), `${f.name} table`).toBe(true);
        if (es.kind === "kinesis") expect(spec.streams.some((s) => s.slot === f.slot && s.name === es.stream), `${f.name} stream`).toBe(true);
        if (es.kind !== "sqs" && es.onFailureQueue) expect(queue(f.slot, es.onFailureQueue)).toBe(true);
      }
    }
    for (const q of spec.queues.filter((x) => x.redriveTo)) {
      const i = spec.queues.findIndex((x) => x.name === q.redriveTo && x.slot === q.slot);
      expect(i, `${q.name} redrive target is defined before it`).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(spec.queues.indexOf(q));
    }
    const fnSlot = new Map(spec.functions.map((f) => [f.name, f.slot]));
    for (const api of spec.restApis) {
      for (const fn of [api.authorizer?.fn, ...api.methods.map((x) => x.fn)].filter(Boolean)) expect(fnSlot.get(fn!), `${api.name} -> ${fn}`).toBe(api.slot);
    }
    for (const api of spec.httpApis) for (const r of api.routes) expect(fnSlot.get(r.fn), `${api.name} -> ${r.fn}`).toBe(api.slot);
  });

  it("gives every permission a valid Sid, unique per function", () => {
    for (const f of spec.functions) {
      const sids = permissionsOf(spec, f.name).map((p) => p.sid);
      expect(new Set(sids).size, f.name).toBe(sids.length);
      for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
    }
  });

  it("plants each kind of flaw and keeps the pass cases apart from the fail cases", () => {
    const p = m.planted;
    for (const key of ["publicPolicy", "conditionedPublic", "publicUrl", "iamUrl", "deprecatedRuntime", "adminRole"] as const) {
      expect(p[key].length, key).toBeGreaterThanOrEqual(2);
    }
    expect(p.publicPolicy.filter((a) => p.conditionedPublic.includes(a))).toEqual([]);
    expect(p.publicUrl.filter((a) => p.iamUrl.includes(a))).toEqual([]);
    // Both regions carry LX-01 and LX-03 flaws, so a region-scoped scan bug cannot pass unnoticed.
    for (const region of ctx.regions) {
      expect(p.publicPolicy.some((a) => a.includes(`:${region}:`)), `publicPolicy in ${region}`).toBe(true);
      expect(p.publicUrl.some((a) => a.includes(`:${region}:`)), `publicUrl in ${region}`).toBe(true);
    }
    // A public URL must not come with a Principal "*" permission: on moto that would also be an LX-01 finding.
    for (const arn of p.publicUrl) expect(p.publicPolicy).not.toContain(arn);
    const flawed = new Set([...p.publicPolicy, ...p.publicUrl, ...p.deprecatedRuntime, ...p.secretEnv, ...p.confusedDeputy]);
    expect(m.functions.length - flawed.size).toBeGreaterThan(flawed.size);
  });

  it("plants the flaws on the functions the estate describes", () => {
    expect(names(m.planted.publicPolicy)).toEqual(["eu-partner-sync", "legacy-coupon-redeemer", "promo-banner-api"]);
    expect(names(m.planted.conditionedPublic)).toEqual(["invoice-pdf-renderer", "org-audit-collector", "settlement-reconciler"]);
    expect(names(m.planted.publicUrl)).toEqual(["checkout-session-creator", "legacy-geoip-lookup", "status-page-feed"]);
    expect(names(m.planted.adminRole)).toEqual(["admin-ops-runner-role", "service-role/eu-partner-sync-role", "service-role/nightly-report-role"]);
    expect(names(m.planted.confusedDeputy)).toEqual(["chargeback-handler", "marketing-events-forwarder", "receipt-ocr"]);
    expect(names(m.planted.sharedRole)).toEqual(["legacy-lambda-role"]);
  });

  it("plants an obviously fake secret with the shape secrets rules look for", () => {
    expect(FAKE_STRIPE_SECRET_KEY).toMatch(/^sk_live_[0-9A-Za-z]{24,}$/);
    expect(FAKE_STRIPE_SECRET_KEY).toContain("NOTxAxREAL");
    expect(m.secretEnvValues).toEqual([FAKE_STRIPE_SECRET_KEY]);
    expect(m.planted.secretEnvVar).toEqual(["STRIPE_API_KEY"]);
  });

  it("is deterministic and follows the account id and regions it is given", () => {
    expect(buildManifest(ctx)).toEqual(m);
    const other = buildManifest({ accountId: "999988887777", regions: ["ap-southeast-2", "ca-central-1"] });
    const swap = (s: string) =>
      s.replaceAll("111122223333", "999988887777").replaceAll("us-east-1", "ap-southeast-2").replaceAll("eu-west-1", "ca-central-1");
    // Lists are sorted by ARN, and the new region names sort differently: compare them as sets.
    const norm = (v: unknown): unknown =>
      Array.isArray(v) && v.every((x) => typeof x === "string")
        ? [...v].sort()
        : Array.isArray(v)
          ? v.map(norm)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]))
            : v;
    expect(norm(other)).toEqual(norm(JSON.parse(swap(JSON.stringify(m)))));
  });
});
