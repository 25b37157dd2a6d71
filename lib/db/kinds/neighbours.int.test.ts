// The neighbour kinds through the generic resource store, on the integration Postgres: nine kinds share the
// NeighbourResource table, told apart by `kind`. Records read back per kind, and a complete listing of one kind
// marks only its own missing resources deleted, never another kind's rows in the same account and region.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeFingerprint } from "@/lib/aws/redact";
import { createAccount } from "@/lib/db/accounts";
import { NEIGHBOUR_KINDS } from "@/lib/db/kinds/neighbours";
import { deletedResourceArns, loadResources, storeResources } from "@/lib/db/resource-store";
import { normalizeNeighbours, type NeighboursScanOutput } from "@/scanners/neighbours/normalize";
import { ZNeighboursRaw } from "@/scanners/neighbours/raw";
import { randomAccountId } from "@/tests/support/moto";

const region = "us-east-1";
const ok = <T>(value: T) => ({ status: "ok" as const, value });

function output(accountId: string, queues: string[]): NeighboursScanOutput {
  const raw = ZNeighboursRaw.parse({
    buckets: ok([{ bucket: { Name: `${accountId}-b` }, policy: { status: "absent" }, acl: ok({}), publicAccessBlock: { status: "absent" }, encryption: { status: "absent" }, ownershipControls: { status: "absent" }, notification: ok({}) }]),
    queues: ok(queues.map((q) => ({ url: `https://sqs.${region}.amazonaws.com/${accountId}/${q}`, attributes: ok({ Attributes: { SqsManagedSseEnabled: "true" } }) }))),
    topics: ok([{ arn: `arn:aws:sns:${region}:${accountId}:t`, attributes: ok({}) }]),
    tables: ok([{ name: "orders", table: ok({ Table: { TableName: "orders" } }) }]),
    keys: ok([{ key: { KeyId: "k1" }, metadata: ok({ KeyMetadata: { KeyId: "k1", KeyManager: "CUSTOMER" } }), rotation: ok({ KeyRotationEnabled: true }) }]),
    aliases: ok([]),
    trails: ok([{ trail: { Name: "t", TrailARN: `arn:aws:cloudtrail:${region}:${accountId}:trail/t`, HomeRegion: region }, selectors: ok({}), status: ok({ IsLogging: true }) }]),
    logGroups: { lambdaPrefix: ok([{ logGroupName: "/aws/lambda/f" }]), named: [] },
    subnets: ok([{ SubnetId: "subnet-1", AvailabilityZone: "us-east-1a", OwnerId: accountId }]),
    analyzers: ok([]),
  });
  return normalizeNeighbours(raw, { accountId, region, fingerprint: makeFingerprint("neighbours-kinds-int-secret") });
}

async function storeAll(accountId: string, out: NeighboursScanOutput) {
  const scanId = randomUUID();
  const results: Record<string, unknown> = {};
  for (const [type, spec] of Object.entries(NEIGHBOUR_KINDS)) {
    const result = out[type as keyof NeighboursScanOutput];
    results[type] = await storeResources(spec as never, { accountId, region, scanId, ...result } as never);
  }
  return results;
}

describe("neighbour kinds in the resource store", () => {
  const accountId = randomAccountId();

  beforeAll(async () => {
    const created = await createAccount({ id: accountId, name: `Neighbours ${accountId}`, regions: [region], roleArn: null, externalId: null, schedule: "0 3 * * *", enabled: true });
    expect(created).toEqual({ ok: true, id: accountId });
  });

  it("stores every kind in the shared table and reads each back by its kind", async () => {
    const out = output(accountId, ["a", "b"]);
    await storeAll(accountId, out);
    for (const [type, spec] of Object.entries(NEIGHBOUR_KINDS)) {
      const loaded = await loadResources(spec as never, accountId, region);
      expect(loaded, type).toEqual(out[type as keyof NeighboursScanOutput].resources.map((r) => r.record).sort((x, y) => (x.arn < y.arn ? -1 : 1)));
    }
  });

  it("marks a queue gone from a complete listing deleted, and nothing of the other kinds", async () => {
    const result = await storeAll(accountId, output(accountId, ["a"]));
    expect(result.sqs_queue).toMatchObject({ deleted: 1 });
    expect(await deletedResourceArns(NEIGHBOUR_KINDS.sqs_queue as never, accountId, region)).toEqual([`arn:aws:sqs:${region}:${accountId}:b`]);
    for (const [type, spec] of Object.entries(NEIGHBOUR_KINDS)) {
      if (type === "sqs_queue") continue;
      expect(await deletedResourceArns(spec as never, accountId, region), type).toEqual([]);
    }
  });
});
