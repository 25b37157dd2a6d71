// Generic inventory storage for every resource kind. Each kind has its own table with common columns
// (arn, accountId, region, name, config, raw, configHash, firstSeenAt, lastSeenAt, deletedAt, lastScanId)
// plus typed columns for what the UI filters on and rules read; a ResourceKindSpec maps a normalized
// record to those typed columns.
//
// A resource seen again updates lastSeenAt; a changed normalized config writes a ResourceHistory row;
// a resource missing from a COMPLETE listing is marked deleted (never erased). Writes are batched: a few
// round trips per page of resources, not one per resource.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { prisma, type Db } from "./client";
import type { Prisma } from "../generated/prisma/client";
import type { NormalizedResource } from "@/scanners/types";

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

/** Prisma model delegates that hold inventory (one per resource kind). */
export type ResourceModel =
  | "lambdaFunction"
  | "lambdaLayerVersion"
  | "lambdaEventSourceMapping"
  | "lambdaAccountSettings"
  | "iamRole"
  | "iamUser"
  | "iamGroup"
  | "iamPolicy"
  | "apiGatewayRestApi"
  | "apiGatewayDomainName"
  | "apiGatewayUsagePlan"
  | "apiGatewayApiKey"
  | "apiGatewayV2Api";

export type ResourceKindSpec<TRecord = unknown> = {
  /** Stable snake-case id used by rules, findings and history, e.g. "iam_role". */
  resourceType: string;
  /** Human label for the UI, e.g. "IAM roles". */
  label: string;
  model: ResourceModel;
  /** The zod schema of the normalized record: records read back from the database are parsed with it. */
  schema: z.ZodType<TRecord>;
  name(record: TRecord): string;
  /** The kind's typed columns (besides the common ones), from the normalized record. */
  columns(record: TRecord): Record<string, string | number | boolean | Date | string[] | null>;
};

// The delegates differ in their typed columns only; storage uses the common shape.
type AnyDelegate = {
  findMany(args: unknown): Promise<Record<string, unknown>[]>;
  createMany(args: unknown): Prisma.PrismaPromise<unknown>;
  update(args: unknown): Prisma.PrismaPromise<unknown>;
  updateMany(args: unknown): Prisma.PrismaPromise<unknown>;
  count(args: unknown): Promise<number>;
};
function delegate(db: Db, model: ResourceModel): AnyDelegate {
  return db[model] as unknown as AnyDelegate;
}

export type StoreResult = { created: number; changed: number; unchanged: number; deleted: number };

const BATCH = 500;

export async function storeResources<TRecord>(
  spec: ResourceKindSpec<TRecord>,
  input: {
    accountId: string;
    region: string;
    scanId: string;
    resources: NormalizedResource<TRecord>[];
    listingComplete: boolean;
  },
  db: Db = prisma,
): Promise<StoreResult> {
  const table = delegate(db, spec.model);
  const now = new Date();
  const result: StoreResult = { created: 0, changed: 0, unchanged: 0, deleted: 0 };

  for (let i = 0; i < input.resources.length; i += BATCH) {
    const page = input.resources.slice(i, i + BATCH);
    const existing = (await table.findMany({
      where: { arn: { in: page.map((r) => r.arn) } },
      select: { arn: true, configHash: true, deletedAt: true },
    })) as { arn: string; configHash: string; deletedAt: Date | null }[];
    const byArn = new Map(existing.map((e) => [e.arn, e]));
    const creates: Record<string, unknown>[] = [];
    const history: Prisma.ResourceHistoryCreateManyInput[] = [];
    const unchanged: string[] = [];
    const changed: { arn: string; data: Record<string, unknown> }[] = [];

    for (const res of page) {
      const hash = configHash(res.record);
      const prev = byArn.get(res.arn);
      const config = res.record as unknown as Prisma.InputJsonValue;
      const raw = (res.raw ?? {}) as Prisma.InputJsonValue;
      const columns = { name: spec.name(res.record), region: input.region, ...spec.columns(res.record) };
      if (!prev) {
        creates.push({
          arn: res.arn,
          accountId: input.accountId,
          ...columns,
          config,
          raw,
          configHash: hash,
          firstSeenAt: now,
          lastSeenAt: now,
          lastScanId: input.scanId,
        });
        history.push({ resourceType: spec.resourceType, resourceArn: res.arn, scanId: input.scanId, configHash: hash, config, change: "created", capturedAt: now });
      } else if (prev.configHash !== hash || prev.deletedAt) {
        changed.push({
          arn: res.arn,
          data: { ...columns, config, raw, configHash: hash, lastSeenAt: now, deletedAt: null, lastScanId: input.scanId },
        });
        history.push({
          resourceType: spec.resourceType,
          resourceArn: res.arn,
          scanId: input.scanId,
          configHash: hash,
          config,
          change: prev.deletedAt ? "created" : "changed",
          capturedAt: now,
        });
      } else {
        unchanged.push(res.arn);
      }
    }

    const ops: Prisma.PrismaPromise<unknown>[] = [];
    if (creates.length) ops.push(table.createMany({ data: creates, skipDuplicates: true }));
    for (const c of changed) ops.push(table.update({ where: { arn: c.arn }, data: c.data }));
    if (unchanged.length) {
      ops.push(table.updateMany({ where: { arn: { in: unchanged } }, data: { lastSeenAt: now, lastScanId: input.scanId } }));
    }
    if (history.length) ops.push(db.resourceHistory.createMany({ data: history }));
    if (ops.length) await db.$transaction(ops);
    result.created += creates.length;
    result.changed += changed.length;
    result.unchanged += unchanged.length;
  }

  if (input.listingComplete) {
    const seen = input.resources.map((r) => r.arn);
    const gone = (await table.findMany({
      where: { accountId: input.accountId, region: input.region, deletedAt: null, arn: { notIn: seen } },
      select: { arn: true, configHash: true, config: true },
    })) as { arn: string; configHash: string; config: Prisma.InputJsonValue }[];
    if (gone.length) {
      await db.$transaction([
        table.updateMany({ where: { arn: { in: gone.map((g) => g.arn) } }, data: { deletedAt: now, lastScanId: input.scanId } }),
        db.resourceHistory.createMany({
          data: gone.map((g) => ({
            resourceType: spec.resourceType,
            resourceArn: g.arn,
            scanId: input.scanId,
            configHash: g.configHash,
            config: g.config,
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

/** The live (not deleted) records of a kind in one account and region ("global" for IAM). */
export async function loadResources<TRecord>(spec: ResourceKindSpec<TRecord>, accountId: string, region: string, db: Db = prisma): Promise<TRecord[]> {
  const rows = (await delegate(db, spec.model).findMany({
    where: { accountId, region, deletedAt: null },
    select: { config: true },
    orderBy: { arn: "asc" },
  })) as { config: unknown }[];
  // Parsed again on the way out: a row written by an older scanner version fails loudly, not silently.
  return rows.map((r) => spec.schema.parse(r.config));
}

/** The live records of a kind in every region of one account. */
export async function loadAccountResources<TRecord>(spec: ResourceKindSpec<TRecord>, accountId: string, db: Db = prisma): Promise<TRecord[]> {
  const rows = (await delegate(db, spec.model).findMany({
    where: { accountId, deletedAt: null },
    select: { config: true },
    orderBy: [{ region: "asc" }, { arn: "asc" }],
  })) as { config: unknown }[];
  return rows.map((r) => spec.schema.parse(r.config));
}

export async function deletedResourceArns(spec: ResourceKindSpec<unknown>, accountId: string, region: string, db: Db = prisma): Promise<string[]> {
  const rows = (await delegate(db, spec.model).findMany({
    where: { accountId, region, deletedAt: { not: null } },
    select: { arn: true },
  })) as { arn: string }[];
  return rows.map((r) => r.arn);
}

export async function countResources(spec: ResourceKindSpec<unknown>, filter: { accountId?: string } = {}, db: Db = prisma): Promise<number> {
  return delegate(db, spec.model).count({ where: { deletedAt: null, ...(filter.accountId ? { accountId: filter.accountId } : {}) } });
}
