// The four API Gateway (REST) kinds through the generic resource store, on the integration Postgres: typed
// columns, reading records back, and each kind's own listingComplete deciding what may be marked deleted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { createAccount } from "@/lib/db/accounts";
import { prisma } from "@/lib/db/client";
import { apiKeyKind, domainNameKind, restApiKind, usagePlanKind } from "@/lib/db/kinds/apigateway";
import { loadResources, storeResources } from "@/lib/db/resource-store";
import { normalizeApiGateway, type ApiGatewayOutput } from "@/scanners/apigateway/normalize";
import type { ApiGatewayRaw } from "@/scanners/apigateway/raw";
import { ACCOUNT_ID as FIXTURE_ACCOUNT, API_IDS, FIXTURE_SECRET_VALUES, REGION, fixtureRaw } from "@/scanners/apigateway/__fixtures__/fixtures";
import { randomAccountId } from "@/tests/support/moto";

const fingerprint = makeFingerprint("apigw-kinds-int-test-secret");

/** The fixture estate as if it lived in `accountId`, normalized. */
function estate(accountId: string, edit: (raw: ApiGatewayRaw) => void = () => {}): ApiGatewayOutput {
  const raw = JSON.parse(JSON.stringify(fixtureRaw()).replaceAll(FIXTURE_ACCOUNT, accountId)) as ApiGatewayRaw;
  edit(raw);
  return normalizeApiGateway(raw, { accountId, region: REGION, fingerprint });
}

async function store(accountId: string, out: ApiGatewayOutput) {
  const input = { accountId, region: REGION, scanId: randomUUID() };
  return {
    restApis: await storeResources(restApiKind, { ...input, ...out.apigateway_rest_api }),
    domains: await storeResources(domainNameKind, { ...input, ...out.apigateway_domain_name }),
    plans: await storeResources(usagePlanKind, { ...input, ...out.apigateway_usage_plan }),
    keys: await storeResources(apiKeyKind, { ...input, ...out.apigateway_api_key }),
  };
}

describe("API Gateway (REST) kinds in the resource store", () => {
  const accountId = randomAccountId();
  const arn = (path: string) => `arn:aws:apigateway:${REGION}::${path}`;

  beforeAll(async () => {
    const created = await createAccount({ id: accountId, name: `API GW store ${accountId}`, regions: [REGION], roleArn: null, externalId: null, schedule: "0 3 * * *", enabled: true });
    expect(created).toEqual({ ok: true, id: accountId });
  });

  afterAll(async () => {
    await prisma.account.deleteMany({ where: { id: accountId } });
  });

  it("stores every kind with its typed columns and reads the records back", async () => {
    const out = estate(accountId);
    expect(await store(accountId, out)).toEqual({
      restApis: { created: 3, changed: 0, unchanged: 0, deleted: 0 },
      domains: { created: 2, changed: 0, unchanged: 0, deleted: 0 },
      plans: { created: 2, changed: 0, unchanged: 0, deleted: 0 },
      keys: { created: 2, changed: 0, unchanged: 0, deleted: 0 },
    });

    expect(
      await prisma.apiGatewayRestApi.findUniqueOrThrow({
        where: { arn: arn(`/restapis/${API_IDS.orders}`) },
        select: { accountId: true, region: true, name: true, endpointType: true, disableExecuteApiEndpoint: true, methodCount: true, stageCount: true },
      }),
    ).toEqual({ accountId, region: REGION, name: "orders-api", endpointType: "REGIONAL", disableExecuteApiEndpoint: false, methodCount: 4, stageCount: 2 });
    expect(
      await prisma.apiGatewayRestApi.findUniqueOrThrow({ where: { arn: arn(`/restapis/${API_IDS.legacy}`) }, select: { disableExecuteApiEndpoint: true } }),
    ).toEqual({ disableExecuteApiEndpoint: null });
    expect(
      await prisma.apiGatewayDomainName.findUniqueOrThrow({
        where: { arn: `${arn("/domainnames/api.example.com")}#${accountId}` },
        select: { name: true, endpointType: true, securityPolicy: true, mutualTls: true },
      }),
    ).toEqual({ name: "api.example.com", endpointType: "REGIONAL", securityPolicy: "TLS_1_2", mutualTls: true });
    expect(await prisma.apiGatewayApiKey.findUniqueOrThrow({ where: { arn: arn("/apikeys/key0old001") }, select: { name: true, enabled: true } })).toEqual({
      name: "old-integration",
      enabled: false,
    });

    expect(await loadResources(restApiKind, accountId, REGION)).toEqual(
      [...out.apigateway_rest_api.resources.map((r) => r.record)].sort((a, b) => (a.arn < b.arn ? -1 : 1)),
    );
    expect(await loadResources(usagePlanKind, accountId, REGION)).toHaveLength(2);

    // Nothing secret in any stored column, config or raw.
    const rows = await prisma.apiGatewayRestApi.findMany({ where: { accountId }, select: { config: true, raw: true } });
    const keys = await prisma.apiGatewayUsagePlan.findMany({ where: { accountId }, select: { config: true, raw: true } });
    const stored = JSON.stringify([rows, keys]);
    for (const secret of FIXTURE_SECRET_VALUES) expect(stored, secret).not.toContain(secret);
  });

  it("marks a REST API gone only when its own listing completed", async () => {
    const withoutLegacy = (raw: ApiGatewayRaw) => {
      if (raw.restApis.status === "ok") raw.restApis.value = raw.restApis.value.filter((e) => e.api.id !== API_IDS.legacy);
    };
    const failedListing = estate(accountId, (raw) => {
      raw.restApis = { status: "error", code: "AccessDeniedException", message: "denied" };
    });
    expect((await store(accountId, failedListing)).restApis).toEqual({ created: 0, changed: 0, unchanged: 0, deleted: 0 });
    expect(await loadResources(restApiKind, accountId, REGION)).toHaveLength(3);

    const result = await store(accountId, estate(accountId, withoutLegacy));
    expect(result.restApis).toEqual({ created: 0, changed: 0, unchanged: 2, deleted: 1 });
    // The other kinds' listings completed with everything still there.
    expect(result.domains).toEqual({ created: 0, changed: 0, unchanged: 2, deleted: 0 });
    expect((await loadResources(restApiKind, accountId, REGION)).map((r) => r.id).sort()).toEqual([API_IDS.orders, API_IDS.internal].sort());
  });
});
