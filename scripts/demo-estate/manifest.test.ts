// The estate spec is hand-written data; these checks catch the mistakes that would otherwise surface only
// as a moto error half-way through seeding, or worse, as a manifest that disagrees with what was created.
import { describe, expect, it } from "vitest";
import { resolveExpectedArn } from "./expectations";
import { apiKeyValue, buildManifest, isRestrictedPublic, permissionsOf } from "./manifest";
import { ACME_ORG_ID, FAKE_LEDGER_DB_URL, FAKE_STRIPE_SECRET_KEY, MARKER_FUNCTION, buildSpec } from "./spec";

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
    for (const api of spec.httpApis) {
      for (const fn of [api.requestAuthorizer?.fn, ...api.routes.map((r) => ("fn" in r ? r.fn : undefined))].filter(Boolean)) {
        expect(fnSlot.get(fn!), `${api.name} -> ${fn}`).toBe(api.slot);
      }
    }
  });

  it("references only policies, groups, APIs and stages it defines", () => {
    const policies = new Set(spec.customerPolicies.map((p) => p.name));
    const groups = new Set(spec.groups.map((g) => g.name));
    for (const r of spec.roles) {
      for (const n of r.customerManaged) expect(policies.has(n), `${r.name} -> ${n}`).toBe(true);
      if (r.permissionsBoundary) expect(policies.has(r.permissionsBoundary), `${r.name} boundary`).toBe(true);
    }
    for (const x of [...spec.users, ...spec.groups]) for (const n of x.customerManaged) expect(policies.has(n), `${x.name} -> ${n}`).toBe(true);
    for (const u of spec.users) for (const g of u.groups) expect(groups.has(g), `${u.name} in ${g}`).toBe(true);
    for (const d of spec.domainNames) {
      for (const m of d.mappings) {
        const api = spec.restApis.find((a) => a.name === m.api);
        expect(api?.slot, `${d.name} -> ${m.api}`).toBe(d.slot);
        expect(api?.stage.name, `${d.name} -> ${m.api}/${m.stage}`).toBe(m.stage);
      }
    }
    for (const d of spec.httpDomainNames) {
      for (const m of d.mappings) {
        expect(spec.httpApis.find((a) => a.name === m.api)?.slot, `${d.name} -> ${m.api}`).toBe(d.slot);
        expect(m.stage).toBe("$default");
      }
    }
    const keyNames = spec.restApis.flatMap((a) => (a.usagePlan?.keys ?? []).map((k) => k.name));
    expect(new Set(keyNames).size).toBe(keyNames.length);
  });

  it("references only KMS keys, topics, buckets, subnets and functions it defines, in the right region", () => {
    const key = (slot: number, alias: string) => alias.startsWith("alias/aws/") || spec.kmsKeys.some((k) => k.slot === slot && k.alias === alias);
    for (const q of spec.queues) if (typeof q.encryption === "object") expect(key(q.slot, q.encryption.kmsKey), `${q.name} key`).toBe(true);
    for (const t of spec.topics) if (t.kmsKey) expect(key(t.slot, t.kmsKey), `${t.name} key`).toBe(true);
    expect(new Set(spec.kmsKeys.map((k) => `${k.slot} ${k.alias}`)).size).toBe(spec.kmsKeys.length);
    for (const f of spec.functions.filter((x) => x.vpc)) {
      const vpc = spec.vpcs.find((v) => v.slot === f.slot);
      for (const sn of f.vpc!.subnets) expect(vpc?.subnets.some((x) => x.name === sn), `${f.name} subnet ${sn}`).toBe(true);
    }
    for (const v of spec.vpcs) for (const sn of v.vpcLink?.subnets ?? []) expect(v.subnets.some((x) => x.name === sn), `${v.name} link ${sn}`).toBe(true);
    for (const api of spec.httpApis) {
      if (api.routes.some((r) => "private" in r)) expect(spec.vpcs.some((v) => v.slot === api.slot && v.vpcLink), `${api.name} VPC link`).toBe(true);
    }
    for (const t of spec.trails) {
      expect(spec.buckets.some((b) => b.name === t.bucket && b.slot === t.slot), `${t.name} bucket`).toBe(true);
      for (const fn of t.functions) expect(spec.functions.some((f) => f.name === fn), `${t.name} logs ${fn}`).toBe(true);
    }
    // Bucket names are global on moto as on AWS: each test account must get its own.
    for (const b of spec.buckets) expect(b.name.endsWith(`-${ctx.accountId}`), b.name).toBe(true);
    // A permission naming a topic names one the estate creates (ES-02/ES-03 judge it through that link).
    for (const p of spec.functions.flatMap((f) => f.permissions ?? []).filter((x) => x.sourceArn?.startsWith("arn:aws:sns:"))) {
      expect(spec.topics.some((t) => p.sourceArn === `arn:aws:sns:${ctx.regions[t.slot]}:${ctx.accountId}:${t.name}`), p.sid).toBe(true);
    }
  });

  it("keeps the second stage or version stages of an API apart from its main stage", () => {
    for (const api of spec.restApis) if (api.previousStage) expect(api.previousStage.name).not.toBe(api.stage.name);
    for (const api of spec.httpApis) {
      const names = [api.stage.name ?? "$default", ...(api.versionStages ?? [])];
      expect(new Set(names).size, api.name).toBe(names.length);
      if (api.protocol === "WEBSOCKET") expect(api.stage.name, `${api.name} needs a stage name`).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it("points aliases at published versions, and grants alias permissions to a service with a source ARN only", () => {
    for (const f of spec.functions) {
      const published = f.versions?.length ?? 0;
      for (const a of f.aliases ?? []) {
        expect(a.version, `${f.name}:${a.name}`).toBeGreaterThanOrEqual(1);
        expect(a.version, `${f.name}:${a.name}`).toBeLessThanOrEqual(published);
        if (a.canary) {
          expect(a.canary.version).not.toBe(a.version);
          expect(a.canary.version).toBeLessThanOrEqual(published);
          expect(a.canary.weight).toBeGreaterThan(0);
          expect(a.canary.weight).toBeLessThan(1);
        }
        if (a.permission) {
          // Principal "*" here would plant an LX-01 finding the manifest's publicPolicy does not list.
          expect(a.permission.principal).toMatch(/^[a-z0-9-]+\.amazonaws\.com$/);
          expect(a.permission.sourceArn).toMatch(/^arn:aws:/);
        }
      }
      // moto keeps one policy for a function and all its versions: Sids must be unique across them.
      const sids = [...permissionsOf(spec, f.name).map((p) => p.sid), ...(f.aliases ?? []).flatMap((a) => (a.permission ? [a.permission.sid] : []))];
      expect(new Set(sids).size, f.name).toBe(sids.length);
      // ...and shows $LATEST's statements for every version: keep releases off publicly invocable functions.
      if (published > 0) expect(permissionsOf(spec, f.name).some((p) => p.principal === "*" && !isRestrictedPublic(p)), f.name).toBe(false);
    }
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

  it("holds at least one resource of every inventory kind, and both sides of each new flaw", () => {
    const c = m.counts;
    for (const key of [
      "functions", "versions", "aliases", "aliasPermissions", "layerVersions", "eventSourceMappings", "roles", "users", "groups",
      "customerManagedPolicies", "permissionsBoundaries", "restApis", "usagePlans", "apiKeys", "domainNames", "basePathMappings",
      "httpApis", "httpDomainNames", "apiMappings",
    ] as const) {
      expect(c[key], key).toBeGreaterThan(0);
    }
    expect(m.versions).toHaveLength(c.versions);
    expect(m.aliases).toHaveLength(c.aliases);
    expect(m.customerPolicies.some((p) => p.versions === 2 && p.defaultVersionId === "v2")).toBe(true);
    expect(c.policyVersions).toBeGreaterThan(c.customerManagedPolicies);
    expect(m.apiKeys.map((k) => k.enabled).sort()).toEqual([false, true]);
    expect(new Set(m.domainNames.map((d) => d.securityPolicy))).toEqual(new Set(["TLS_1_0", "TLS_1_2"]));
    expect(m.domainNames.every((d) => d.mappings.length > 0)).toBe(true);
    expect(m.httpDomainNames.every((d) => d.mappings.length > 0)).toBe(true);
    expect(m.aliases.some((a) => a.canary)).toBe(true);

    const p = m.planted;
    expect(names(p.aliasPolicy)).toEqual(["fx-rate-refresher:live"]);
    expect(p.publicLayer.map((a) => a.split(":layer:")[1])).toEqual(["acme-observability:1"]);
    expect(p.orgSharedLayer.map((a) => a.split(":layer:")[1])).toEqual(["acme-observability:2"]);
    expect(spec.layer.versions.find((v) => v.grant?.organizationId)?.grant?.organizationId).toBe(ACME_ORG_ID);
    expect(p.adminUser).toEqual(["arn:aws:iam::111122223333:user/break-glass-admin"]);
    expect(p.weakTlsDomain).toEqual(["arn:aws:apigateway:eu-west-1::/domainnames/checkout.eu.acmepayments.example"]);
    expect(p.disabledApiKey).toEqual(["eu-west-1 merchant-oldtown-deli"]);
  });

  it("gives API keys generated-looking values that differ per key and per account", () => {
    expect(m.secretApiKeyValues).toHaveLength(m.apiKeys.length);
    for (const v of m.secretApiKeyValues) expect(v).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(new Set(m.secretApiKeyValues).size).toBe(m.secretApiKeyValues.length);
    const other = buildManifest({ accountId: "999988887777", regions: ctx.regions });
    expect(other.secretApiKeyValues.filter((v) => m.secretApiKeyValues.includes(v))).toEqual([]);
    expect(apiKeyValue(ctx, 1, "merchant-bluebird-shop")).toBe(apiKeyValue(ctx, 1, "merchant-bluebird-shop"));
    // Nowhere else in the manifest: a stored copy found by a "never stored" test must come from Lantern.
    const { secretApiKeyValues, ...rest } = m;
    for (const v of secretApiKeyValues) expect(JSON.stringify(rest)).not.toContain(v);
  });

  it("plants an obviously fake secret with the shape secrets rules look for", () => {
    expect(FAKE_STRIPE_SECRET_KEY).toMatch(/^sk_live_[0-9A-Za-z]{24,}$/);
    expect(FAKE_STRIPE_SECRET_KEY).toContain("NOTxAxREAL");
    expect(m.secretEnvValues).toEqual([FAKE_STRIPE_SECRET_KEY]);
    expect(m.planted.secretEnvVar).toEqual(["STRIPE_API_KEY"]);
  });

  it("expects a failing and a passing resource per rule, or says why one side is missing", () => {
    const e = m.expectations;
    expect(Object.keys(e).length).toBeGreaterThanOrEqual(80);
    for (const [id, x] of Object.entries(e)) {
      expect(id).toMatch(/^[a-z0-9_]+$/);
      if (x.fail.length === 0 || x.pass.length === 0) expect(x.unknownOnEmulator?.length ?? 0, `${id} needs a reason`).toBeGreaterThan(20);
      expect(x.fail.filter((a) => x.pass.includes(a)), `${id}: a resource both fails and passes`).toEqual([]);
      for (const arn of [...x.fail, ...x.pass]) {
        expect(arn, id).toMatch(/^arn:aws:[a-z0-9-]+:/);
        // An unfilled template would show its placeholder; a plain ARN holds no "<" or ">".
        expect(arn.replace(/<(restapi|resource|httpapi|route|authorizer|kms|esm):[^>]+>/g, ""), id).not.toMatch(/[<>]/);
      }
    }
    // The flaws the manifest lists are the ones the rules must find.
    expect(e.lambda_function_not_publicly_accessible).toEqual({ fail: m.planted.publicPolicy, pass: m.planted.conditionedPublic });
    expect(e.lambda_function_url_auth_required.fail).toEqual(m.planted.publicUrl);
    expect(e.apigateway_stage_no_secrets_in_variables.fail).toEqual([
      "arn:aws:apigateway:us-east-1::/restapis/<restapi:acme-partner-callbacks-api>/stages/v2",
    ]);
    expect(Object.values(spec.restApis.find((a) => a.name === "acme-partner-callbacks-api")!.stage.variables ?? {})).toContain(FAKE_LEDGER_DB_URL);
  });

  it("fills expectation placeholders with the ids AWS generated, and names the one it cannot fill", () => {
    const ids: Record<string, string> = {
      "restapi acme-orders-api us-east-1": "a1b2c3d4e5",
      "resource acme-orders-api /orders/{orderId} us-east-1": "res123",
      "route acme-partner-api GET /banners eu-west-1": "rt9",
      "httpapi acme-partner-api eu-west-1": "abcd1234",
    };
    const lookup = (kind: string, key: string, region: string) => ids[`${kind} ${key} ${region}`];
    expect(
      resolveExpectedArn("arn:aws:apigateway:us-east-1::/restapis/<restapi:acme-orders-api>/resources/<resource:acme-orders-api /orders/{orderId}>/methods/GET", lookup),
    ).toBe("arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/resources/res123/methods/GET");
    expect(resolveExpectedArn("arn:aws:apigateway:eu-west-1::/apis/<httpapi:acme-partner-api>/routes/<route:acme-partner-api GET /banners>", lookup)).toBe(
      "arn:aws:apigateway:eu-west-1::/apis/abcd1234/routes/rt9",
    );
    expect(resolveExpectedArn("arn:aws:lambda:us-east-1:111122223333:function:orders-api-handler", lookup)).toBe(
      "arn:aws:lambda:us-east-1:111122223333:function:orders-api-handler",
    );
    expect(() => resolveExpectedArn("arn:aws:apigateway:us-east-1::/restapis/<restapi:gone-api>", lookup)).toThrow(/no restapi "gone-api" in us-east-1/);
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
    // API key values are derived from the account and region, not spelled out in them: compared apart above.
    const withoutKeys = (x: typeof m) => ({ ...x, secretApiKeyValues: x.secretApiKeyValues.length });
    expect(norm(withoutKeys(other))).toEqual(norm(JSON.parse(swap(JSON.stringify(withoutKeys(m))))));
  });
});
