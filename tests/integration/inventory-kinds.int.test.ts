// The whole scan on the demo estate lands a live row in every inventory table, with what the estate planted
// there (versions, aliases, layer grants, users, groups, policy versions, API keys, custom domains), and no
// API key value anywhere Lantern stores data.
import { readFileSync } from "node:fs";
import { APIGatewayClient, GetUsagePlanKeysCommand, GetUsagePlansCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedDemoEstate, type DemoManifest } from "@/scripts/demo-estate/estate";
import { randomAccountId } from "../support/moto";
import { upsertAccountTarget } from "@/lib/db/account-targets";
import { createScanRun, getScanSummary } from "@/lib/db/scans";
import { allKinds, planUnits } from "@/lib/scan/services";
import { runUnit } from "@/lib/scan/run-unit";
import { prisma } from "@/lib/db/client";
import { countResources, loadResources, type ResourceKindSpec } from "@/lib/db/resource-store";
import { lambdaFunctionKind, lambdaLayerVersionKind } from "@/lib/db/kinds/lambda";
import { iamGroupKind, iamPolicyKind, iamUserKind } from "@/lib/db/kinds/iam";
import { apiKeyKind, domainNameKind } from "@/lib/db/kinds/apigateway";
import { httpApiKind } from "@/lib/db/kinds/apigatewayv2";
import { expectCompleteBesidesGaps } from "../support/emulator-gaps";

/** Every row of a kind in the account, whole (typed columns, config and raw), deleted ones included. */
async function rowsOf(kind: ResourceKindSpec<never>, accountId: string): Promise<Record<string, unknown>[]> {
  const delegate = prisma[kind.model] as unknown as { findMany(args: unknown): Promise<Record<string, unknown>[]> };
  return delegate.findMany({ where: { accountId } });
}

/** Prisma models with the common inventory columns, read from the schema itself so a new table cannot be missed. */
function resourceModelsInSchema(): string[] {
  const schema = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");
  return [...schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)]
    .filter(([, , body]) => /^\s+configHash\s/m.test(body) && /^\s+deletedAt\s/m.test(body) && /^\s+accountId\s/m.test(body))
    .map(([, name]) => name[0].toLowerCase() + name.slice(1))
    .sort();
}

describe("inventory of every kind on the demo estate", () => {
  const accountId = randomAccountId();
  let manifest: DemoManifest;
  let scanId: string;

  beforeAll(async () => {
    manifest = await seedDemoEstate({ endpoint: inject("motoEndpoint"), accountId });
    await upsertAccountTarget({ id: accountId, name: "Inventory kinds estate", regions: manifest.regions });
    const created = await createScanRun({ accountId, trigger: "cli", units: planUnits(manifest.regions) });
    for (const u of created.units) await runUnit(u.id);
    const summary = await getScanSummary(created.scanId);
    if (!summary) throw new Error("scan vanished");
    expectCompleteBesidesGaps(summary);
    scanId = created.scanId;
  }, 120_000);

  afterAll(async () => {
    await prisma.account.delete({ where: { id: accountId } }).catch(() => undefined);
  });

  it("stores at least one live row in every resource table of the schema", async () => {
    const kinds = allKinds();
    // The neighbour kinds share one table (NeighbourResource, told apart by `kind`).
    expect([...new Set(kinds.map((k) => k.model))].sort()).toEqual(resourceModelsInSchema());
    const empty: string[] = [];
    for (const kind of kinds) if ((await countResources(kind, { accountId })) === 0) empty.push(kind.model);
    expect(empty).toEqual([]);
  });

  it("stores as many rows of each kind as the estate holds", async () => {
    const live = async (kind: ResourceKindSpec<never>) => countResources(kind, { accountId });
    const c = manifest.counts;
    const byModel = Object.fromEntries(
      await Promise.all(allKinds().map(async (k) => [k.model === "neighbourResource" ? k.resourceType : k.model, await live(k)] as const)),
    );
    expect(byModel).toEqual({
      lambdaFunction: c.functions,
      lambdaLayerVersion: c.layerVersions,
      lambdaEventSourceMapping: c.eventSourceMappings,
      // One per scanned region: GetAccountSettings is a moto gap, stored as an error outcome, not left out.
      lambdaAccountSettings: manifest.regions.length,
      iamRole: c.roles,
      iamUser: c.users,
      iamGroup: c.groups,
      // The customer-managed policies plus the AWS-managed ones attached to something (at least AdministratorAccess).
      iamPolicy: expect.any(Number),
      apiGatewayRestApi: c.restApis,
      apiGatewayDomainName: c.domainNames,
      apiGatewayUsagePlan: c.usagePlans,
      apiGatewayApiKey: c.apiKeys,
      apiGatewayV2Api: c.httpApis,
      s3_bucket: c.s3Buckets,
      sqs_queue: c.queues,
      sns_topic: c.snsTopics,
      dynamodb_table: c.tables,
      kms_key: c.kmsKeys,
      // A multi-region trail is recorded in every scanned region (its home record and a shadow elsewhere).
      cloudtrail_trail: c.trails * manifest.regions.length,
      logs_log_group: c.logGroups,
      // moto's default VPC adds subnets beside the estate's own.
      ec2_subnet: expect.any(Number),
      accessanalyzer_region: manifest.regions.length,
    });
    expect(byModel.iamPolicy).toBeGreaterThan(c.customerManagedPolicies);
  });

  it("records versions and aliases on the functions, and the layer versions' grants", async () => {
    const fns = (await Promise.all(manifest.regions.map((r) => loadResources(lambdaFunctionKind, accountId, r)))).flat();
    const versions = fns.flatMap((f) => (f.versions.status === "ok" ? f.versions.value.map((v) => v.arn) : []));
    expect(versions.sort()).toEqual(manifest.versions);
    const aliases = fns.flatMap((f) =>
      f.aliases.status === "ok" ? f.aliases.value.map((a) => ({ arn: a.arn, functionVersion: a.functionVersion, routing: a.routing })) : [],
    );
    expect(aliases.map((a) => a.arn).sort()).toEqual(manifest.aliases.map((a) => a.arn).sort());
    for (const a of manifest.aliases) {
      expect(aliases.find((x) => x.arn === a.arn)).toEqual({
        arn: a.arn,
        functionVersion: a.functionVersion,
        routing: a.canary ? [a.canary] : [],
      });
    }
    // The alias's own permission reached the record through its qualifier policy.
    for (const aliasArn of manifest.planted.aliasPolicy) {
      const [fnArn, qualifier] = [aliasArn.slice(0, aliasArn.lastIndexOf(":")), aliasArn.slice(aliasArn.lastIndexOf(":") + 1)];
      const fn = fns.find((f) => f.arn === fnArn)!;
      const q = fn.qualifierPolicies.find((p) => p.qualifier === qualifier);
      expect(q?.policy.status).toBe("ok");
      const sid = manifest.aliases.find((a) => a.arn === aliasArn)!.permissionSid;
      expect(q?.policy.status === "ok" && q.policy.value.text).toContain(`"${sid}"`);
    }

    const layers = (await Promise.all(manifest.regions.map((r) => loadResources(lambdaLayerVersionKind, accountId, r)))).flat();
    expect(layers.map((l) => l.arn).sort()).toEqual(manifest.layerVersions.map((l) => l.arn).sort());
    for (const arn of [...manifest.planted.publicLayer, ...manifest.planted.orgSharedLayer]) {
      expect(layers.find((l) => l.arn === arn)?.policy.status, arn).toBe("ok");
    }
  });

  it("records the IAM users in their groups, the policy versions, and the custom domains with their mappings", async () => {
    const users = await loadResources(iamUserKind, accountId, "global");
    expect(users.map((u) => u.arn).sort()).toEqual(manifest.users);
    const groups = await loadResources(iamGroupKind, accountId, "global");
    expect(groups.map((g) => g.arn).sort()).toEqual(manifest.groups);
    expect(groups.every((g) => g.members.length > 0 && g.attachedPolicies.length > 0)).toBe(true);
    const policies = await loadResources(iamPolicyKind, accountId, "global");
    for (const p of manifest.customerPolicies) {
      const stored = policies.find((x) => x.arn === p.arn);
      expect({ defaultVersionId: stored?.defaultVersionId, versions: stored?.versions.length }, p.name).toEqual({
        defaultVersionId: p.defaultVersionId,
        versions: p.versions,
      });
    }

    const domains = (await Promise.all(manifest.regions.map((r) => loadResources(domainNameKind, accountId, r)))).flat();
    expect(domains.map((d) => d.domainName).sort()).toEqual(manifest.domainNames.map((d) => d.name).sort());
    for (const d of manifest.domainNames) {
      const stored = domains.find((x) => x.domainName === d.name)!;
      expect(stored.securityPolicy).toBe(d.securityPolicy);
      expect(stored.basePathMappings.status === "ok" ? stored.basePathMappings.value.map((m) => m.basePath) : null).toEqual(
        d.mappings.map((m) => m.split(" -> ")[0]),
      );
    }
    const keys = (await Promise.all(manifest.regions.map((r) => loadResources(apiKeyKind, accountId, r)))).flat();
    expect(keys.map((k) => `${k.name} ${k.enabled}`).sort()).toEqual(manifest.apiKeys.map((k) => `${k.name} ${k.enabled}`).sort());

    const httpApis = (await Promise.all(manifest.regions.map((r) => loadResources(httpApiKind, accountId, r)))).flat();
    const mapped = httpApis.flatMap((a) =>
      a.apiMappings.status === "ok" ? a.apiMappings.value.map((m) => `${m.domainName} ${m.apiMappingKey} -> ${a.name}/${m.stage}`) : [],
    );
    expect(mapped.sort()).toEqual(manifest.httpDomainNames.flatMap((d) => d.mappings.map((m) => `${d.name} ${m}`)).sort());
  });

  it("never stores an API key value: not in any inventory row, history, finding or scan error", async () => {
    // The exposure is real: moto hands the values out in GetUsagePlanKeys, which the scanner calls.
    const region = manifest.apiKeys[0].region;
    const gw = new APIGatewayClient({ endpoint: inject("motoEndpoint"), region, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    gw.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-moto-account-id"] = accountId;
        return next(args);
      },
      { step: "build", name: "motoAccountId" },
    );
    const plans = (await gw.send(new GetUsagePlansCommand({}))).items ?? [];
    const handedOut = (await Promise.all(plans.map((p) => gw.send(new GetUsagePlanKeysCommand({ usagePlanId: p.id! }))))).flatMap(
      (r) => r.items?.map((k) => k.value) ?? [],
    );
    expect(handedOut.length).toBeGreaterThan(0);
    expect(manifest.secretApiKeyValues).toEqual(expect.arrayContaining(handedOut));

    const rows = (await Promise.all(allKinds().map((k) => rowsOf(k, accountId)))).flat();
    const history = await prisma.resourceHistory.findMany({ where: { resourceArn: { in: rows.map((r) => r.arn as string) } } });
    const findings = await prisma.finding.findMany({ where: { accountId }, include: { events: true } });
    const units = await prisma.scanUnit.findMany({ where: { scanId } });
    // Not vacuous: the API key rows, and the usage plans that list them, are there to search.
    const stored = JSON.stringify({ rows, history, findings, units });
    for (const k of manifest.apiKeys) expect(stored).toContain(k.name);
    expect(history.length).toBeGreaterThan(0);
    for (const value of [...manifest.secretApiKeyValues, ...manifest.secretEnvValues]) expect(stored).not.toContain(value);
  });
});
