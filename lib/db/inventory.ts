// Inventory writes and reads. A resource seen again updates lastSeenAt; a changed normalized config
// writes a ResourceHistory row; a resource missing from a COMPLETE listing is marked deleted (never
// erased). Writes are batched: a few round trips per unit, not one per resource.
import { createHash } from "node:crypto";
import { prisma, type Db } from "./client";
import type { Prisma } from "../generated/prisma/client";
import type { NormalizedResource } from "@/scanners/types";
import { ZLambdaFunctionRecord, type TLambdaFunctionRecord } from "@/scanners/lambda/record";

/** Stable JSON (sorted keys) so the hash only changes when the configuration does. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}

export function configHash(record: unknown): string {
  return createHash("sha256").update(stableStringify(record)).digest("hex");
}

export type StoreResult = { created: number; changed: number; unchanged: number; deleted: number };

const BATCH = 500;

function lambdaColumns(r: TLambdaFunctionRecord) {
  return {
    name: r.name,
    region: r.region,
    runtime: r.runtime,
    packageType: r.packageType,
    roleArn: r.roleArn,
    handler: r.handler,
    memorySize: r.memorySize,
    timeout: r.timeout,
    lastModified: r.lastModified,
    hasPolicy: r.policy.status === "error" ? null : r.policy.status === "ok",
    urlAuthType: r.url.status === "ok" ? r.url.value.authType : null,
  };
}

export async function storeLambdaFunctions(
  input: {
    accountId: string;
    region: string;
    scanId: string;
    resources: NormalizedResource<TLambdaFunctionRecord>[];
    listingComplete: boolean;
  },
  db: Db = prisma,
): Promise<StoreResult> {
  const now = new Date();
  const result: StoreResult = { created: 0, changed: 0, unchanged: 0, deleted: 0 };
  const seen = input.resources.map((r) => r.arn);

  for (let i = 0; i < input.resources.length; i += BATCH) {
    const page = input.resources.slice(i, i + BATCH);
    const existing = await db.lambdaFunction.findMany({
      where: { arn: { in: page.map((r) => r.arn) } },
      select: { arn: true, configHash: true, deletedAt: true },
    });
    const byArn = new Map(existing.map((e) => [e.arn, e]));
    const creates: Prisma.LambdaFunctionCreateManyInput[] = [];
    const history: Prisma.ResourceHistoryCreateManyInput[] = [];
    const unchanged: string[] = [];
    const changed: { arn: string; data: Prisma.LambdaFunctionUpdateInput }[] = [];

    for (const res of page) {
      const hash = configHash(res.record);
      const prev = byArn.get(res.arn);
      const config = res.record as unknown as Prisma.InputJsonValue;
      const raw = (res.raw ?? {}) as Prisma.InputJsonValue;
      if (!prev) {
        creates.push({
          arn: res.arn,
          accountId: input.accountId,
          ...lambdaColumns(res.record),
          config,
          raw,
          configHash: hash,
          firstSeenAt: now,
          lastSeenAt: now,
          lastScanId: input.scanId,
        });
        history.push({ resourceType: "lambda_function", resourceArn: res.arn, scanId: input.scanId, configHash: hash, config, change: "created", capturedAt: now });
      } else if (prev.configHash !== hash || prev.deletedAt) {
        changed.push({
          arn: res.arn,
          data: { ...lambdaColumns(res.record), config, raw, configHash: hash, lastSeenAt: now, deletedAt: null, lastScanId: input.scanId },
        });
        history.push({ resourceType: "lambda_function", resourceArn: res.arn, scanId: input.scanId, configHash: hash, config, change: prev.deletedAt ? "created" : "changed", capturedAt: now });
      } else {
        unchanged.push(res.arn);
      }
    }

    const ops: Prisma.PrismaPromise<unknown>[] = [];
    if (creates.length) ops.push(db.lambdaFunction.createMany({ data: creates, skipDuplicates: true }));
    for (const c of changed) ops.push(db.lambdaFunction.update({ where: { arn: c.arn }, data: c.data }));
    if (unchanged.length) {
      ops.push(db.lambdaFunction.updateMany({ where: { arn: { in: unchanged } }, data: { lastSeenAt: now, lastScanId: input.scanId } }));
    }
    if (history.length) ops.push(db.resourceHistory.createMany({ data: history }));
    if (ops.length) await db.$transaction(ops);
    result.created += creates.length;
    result.changed += changed.length;
    result.unchanged += unchanged.length;
  }

  if (input.listingComplete) {
    const gone = await db.lambdaFunction.findMany({
      where: { accountId: input.accountId, region: input.region, deletedAt: null, arn: { notIn: seen } },
      select: { arn: true, configHash: true, config: true },
    });
    if (gone.length) {
      await db.$transaction([
        db.lambdaFunction.updateMany({ where: { arn: { in: gone.map((g) => g.arn) } }, data: { deletedAt: now, lastScanId: input.scanId } }),
        db.resourceHistory.createMany({
          data: gone.map((g) => ({
            resourceType: "lambda_function",
            resourceArn: g.arn,
            scanId: input.scanId,
            configHash: g.configHash,
            config: g.config as Prisma.InputJsonValue,
            change: "deleted",
            capturedAt: now,
          })),
        }),
      ]);
    }
    result.deleted = gone.length;
  }
  return result;
}

/** The live (not deleted) Lambda inventory of one account and region, as rules read it. */
export async function loadLambdaInventory(accountId: string, region: string, db: Db = prisma): Promise<TLambdaFunctionRecord[]> {
  const rows = await db.lambdaFunction.findMany({
    where: { accountId, region, deletedAt: null },
    select: { config: true },
    orderBy: { arn: "asc" },
  });
  // Parsed again on the way out: a row written by an older scanner version fails loudly, not silently.
  return rows.map((r) => ZLambdaFunctionRecord.parse(r.config));
}

/** ARNs of Lambda functions deleted in this account and region (their findings get resolved). */
export async function deletedLambdaArns(accountId: string, region: string, db: Db = prisma): Promise<string[]> {
  const rows = await db.lambdaFunction.findMany({
    where: { accountId, region, deletedAt: { not: null } },
    select: { arn: true },
  });
  return rows.map((r) => r.arn);
}
