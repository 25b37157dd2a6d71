// The four Lambda kinds through the generic resource store, on the integration Postgres: typed columns,
// reading records back, and each kind's own listingComplete deciding what may be marked deleted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { createAccount } from "@/lib/db/accounts";
import { prisma } from "@/lib/db/client";
import { lambdaAccountSettingsKind, lambdaEventSourceMappingKind, lambdaFunctionKind, lambdaLayerVersionKind } from "@/lib/db/kinds/lambda";
import { loadResources, storeResources } from "@/lib/db/resource-store";
import { normalizeLambda, type LambdaScanOutput } from "@/scanners/lambda/normalize";
import type { LambdaRaw } from "@/scanners/lambda/raw";
import { ACCOUNT_ID as FIXTURE_ACCOUNT, REGION, fixtureRaw } from "@/scanners/lambda/__fixtures__/fixtures";
import { randomAccountId } from "@/tests/support/moto";

const fingerprint = makeFingerprint("lambda-kinds-int-test-secret");

/** The fixture estate as if it lived in `accountId`, normalized. */
function estate(accountId: string, edit: (raw: LambdaRaw) => void = () => {}): LambdaScanOutput {
  const raw = JSON.parse(JSON.stringify(fixtureRaw()).replaceAll(FIXTURE_ACCOUNT, accountId)) as LambdaRaw;
  edit(raw);
  return normalizeLambda(raw, { accountId, region: REGION, fingerprint });
}

async function store(accountId: string, out: LambdaScanOutput) {
  const input = { accountId, region: REGION, scanId: randomUUID() };
  return {
    functions: await storeResources(lambdaFunctionKind, { ...input, ...out.lambda_function }),
    layers: await storeResources(lambdaLayerVersionKind, { ...input, ...out.lambda_layer_version }),
    mappings: await storeResources(lambdaEventSourceMappingKind, { ...input, ...out.lambda_event_source_mapping }),
    settings: await storeResources(lambdaAccountSettingsKind, { ...input, ...out.lambda_account_settings }),
  };
}

const byArn = <T extends { arn: string }>(records: T[]) => [...records].sort((a, b) => (a.arn < b.arn ? -1 : 1));

describe("Lambda kinds in the resource store", () => {
  const accountId = randomAccountId();
  const lambdaArn = (rest: string) => `arn:aws:lambda:${REGION}:${accountId}:${rest}`;

  beforeAll(async () => {
    const created = await createAccount({ id: accountId, name: `Lambda store ${accountId}`, regions: [REGION], roleArn: null, externalId: null, schedule: "0 3 * * *", enabled: true });
    expect(created).toEqual({ ok: true, id: accountId });
  });

  afterAll(async () => {
    await prisma.account.deleteMany({ where: { id: accountId } });
  });

  it("stores every kind with its typed columns and reads the records back", async () => {
    const out = estate(accountId);
    expect(await store(accountId, out)).toEqual({
      functions: { created: 5, changed: 0, unchanged: 0, deleted: 0 },
      layers: { created: 4, changed: 0, unchanged: 0, deleted: 0 },
      mappings: { created: 5, changed: 0, unchanged: 0, deleted: 0 },
      settings: { created: 1, changed: 0, unchanged: 0, deleted: 0 },
    });

    expect(
      await prisma.lambdaFunction.findUniqueOrThrow({ where: { arn: lambdaArn("function:orders-api") }, select: { name: true, hasPolicy: true, urlAuthType: true } }),
    ).toEqual({ name: "orders-api", hasPolicy: true, urlAuthType: "NONE" });
    expect(
      await prisma.lambdaLayerVersion.findUniqueOrThrow({
        where: { arn: lambdaArn("layer:shared-utils:7") },
        select: { name: true, layerName: true, version: true, compatibleRuntimes: true, hasPolicy: true },
      }),
    ).toEqual({ name: "shared-utils:7", layerName: "shared-utils", version: 7, compatibleRuntimes: ["nodejs20.x", "nodejs22.x"], hasPolicy: true });
    expect(await prisma.lambdaLayerVersion.findUniqueOrThrow({ where: { arn: lambdaArn("layer:shared-utils:5") }, select: { hasPolicy: true } })).toEqual({
      hasPolicy: false,
    });
    expect(
      await prisma.lambdaEventSourceMapping.findUniqueOrThrow({
        where: { arn: lambdaArn("event-source-mapping:5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f") },
        select: { name: true, functionArn: true, eventSourceArn: true, sourceService: true, state: true, batchSize: true },
      }),
    ).toEqual({
      name: "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
      // Unqualified, so it joins the function table (the mapping targets the live alias).
      functionArn: lambdaArn("function:queue-worker"),
      eventSourceArn: `arn:aws:sqs:${REGION}:${accountId}:orders-queue`,
      sourceService: "sqs",
      state: "Enabled",
      batchSize: 10,
    });
    expect(
      await prisma.lambdaEventSourceMapping.findUniqueOrThrow({
        where: { arn: lambdaArn("event-source-mapping:7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a") },
        select: { eventSourceArn: true, sourceService: true },
      }),
    ).toEqual({ eventSourceArn: null, sourceService: "kafka" });
    expect(await prisma.lambdaAccountSettings.findUniqueOrThrow({ where: { arn: lambdaArn("account-settings") }, select: { name: true, region: true } })).toEqual({
      name: `Lambda settings ${REGION}`,
      region: REGION,
    });

    expect(await loadResources(lambdaFunctionKind, accountId, REGION)).toEqual(byArn(out.lambda_function.resources.map((r) => r.record)));
    expect(await loadResources(lambdaLayerVersionKind, accountId, REGION)).toEqual(byArn(out.lambda_layer_version.resources.map((r) => r.record)));
    expect(await loadResources(lambdaEventSourceMappingKind, accountId, REGION)).toEqual(byArn(out.lambda_event_source_mapping.resources.map((r) => r.record)));
    expect(await loadResources(lambdaAccountSettingsKind, accountId, REGION)).toEqual(out.lambda_account_settings.resources.map((r) => r.record));
  });

  it("marks resources deleted only from a complete listing of their own kind", async () => {
    const out = estate(accountId, (raw) => {
      // Mappings could not be listed; one layer version is gone; settings now unreadable.
      raw.eventSourceMappings = { status: "error", code: "AccessDeniedException", message: "denied" };
      if (raw.layers.status === "ok") raw.layers.value[0].versions = raw.layers.value[0].versions.filter((v) => v.version.Version !== 5);
      raw.accountSettings = { status: "error", code: "UnknownOperation", message: "not implemented" };
    });
    const result = await store(accountId, out);
    expect(result.mappings).toEqual({ created: 0, changed: 0, unchanged: 0, deleted: 0 });
    expect(result.layers).toEqual({ created: 0, changed: 0, unchanged: 3, deleted: 1 });
    expect(result.settings).toEqual({ created: 0, changed: 1, unchanged: 0, deleted: 0 });
    // Every function's mapping outcome and triggers changed (now unknown).
    expect(result.functions).toEqual({ created: 0, changed: 5, unchanged: 0, deleted: 0 });

    expect(await loadResources(lambdaEventSourceMappingKind, accountId, REGION)).toHaveLength(5);
    expect((await loadResources(lambdaLayerVersionKind, accountId, REGION)).map((r) => r.version).sort()).toEqual([3, 6, 7]);
    const [settings] = await loadResources(lambdaAccountSettingsKind, accountId, REGION);
    expect(settings.settings).toEqual({ status: "error", code: "UnknownOperation", message: "not implemented" });
  });
});
