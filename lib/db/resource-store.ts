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
  | "apiGatewayV2Api"
  | "neighbourResource";

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
  /** When several kinds share one table: the column values that select this kind (e.g. { kind: "s3_bucket" }). */
  discriminator?: Record<string, string>;
};

// The delegates differ in their typed columns only; reads use the common shape.
type AnyDelegate = {
  findMany(args: unknown): Promise<Record<string, unknown>[]>;
  count(args: unknown): Promise<number>;
};
function delegate(db: Db, model: ResourceModel): AnyDelegate {
  return db[model] as unknown as AnyDelegate;
}

/** The SQL table behind a model delegate ("lambdaFunction" -> "LambdaFunction"). */
function tableOf(model: ResourceModel): string {
  return model[0].toUpperCase() + model.slice(1);
}

/** Where-clause of a kind: its discriminator when several kinds share a table. */
function kindWhere(spec: ResourceKindSpec<unknown>): Record<string, string> {
  return spec.discriminator ?? {};
}

export type StoreResult = { created: number; changed: number; unchanged: number; deleted: number };

/** Resources per write statement: large enough that round trips do not dominate, small enough to bound memory. */
const BATCH = 1000;

const COMMON_COLUMNS = new Set(["arn", "accountId", "region", "name", "config", "raw", "configHash", "firstSeenAt", "lastSeenAt", "deletedAt", "lastScanId"]);

/** Postgres types of a table's columns, read once per table from the catalog. */
const columnTypes = new Map<string, Promise<Map<string, string>>>();
function typesOf(db: Db, table: string): Promise<Map<string, string>> {
  let t = columnTypes.get(table);
  if (!t) {
    t = db
      .$queryRawUnsafe<{ column_name: string; type: string }[]>(
        `SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type
           FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
        `"${table}"`,
      )
      .then((rows) => new Map(rows.map((r) => [r.column_name, r.type])));
    t.catch(() => columnTypes.delete(table));
    columnTypes.set(table, t);
  }
  return t;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Store one listing of a kind. Set-based: each page of up to BATCH resources is ONE statement that reads the
 * previous hashes, upserts every row and appends a history row for each created or changed resource (the
 * statement's CTEs all see the state before it, so "previous" is exact). Unchanged resources only get
 * lastSeenAt/lastScanId; their config and raw JSON are not rewritten. A complete listing then marks what it
 * did not see as deleted, with a history row, in one more statement.
 */
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
  const table = tableOf(spec.model);
  const types = await typesOf(db, table);
  const now = new Date();
  const result: StoreResult = { created: 0, changed: 0, unchanged: 0, deleted: 0 };
  const discriminator = kindWhere(spec as ResourceKindSpec<unknown>);

  // Typed columns come from the spec; their SQL types from the table.
  let typed: string[] | undefined;
  for (let i = 0; i < input.resources.length; i += BATCH) {
    const page = input.resources.slice(i, i + BATCH);
    const rows = page.map((res) => {
      const columns = { ...spec.columns(res.record), ...discriminator };
      typed ??= Object.keys(columns).filter((c) => !COMMON_COLUMNS.has(c));
      return { arn: res.arn, name: spec.name(res.record), config: res.record, raw: res.raw ?? {}, configHash: configHash(res.record), ...columns };
    });
    const cols = typed ?? [];
    for (const c of cols) if (!types.has(c)) throw new Error(`${table} has no column "${c}" (kind ${spec.resourceType}).`);
    const recordset = ["arn text", "name text", "config jsonb", "raw jsonb", '"configHash" text', ...cols.map((c) => `${ident(c)} ${types.get(c)}`)].join(", ");
    const insertCols = ["arn", "accountId", "region", "name", "config", "raw", "configHash", "firstSeenAt", "lastSeenAt", "lastScanId", ...cols].map(ident).join(", ");
    const selectCols = ["i.arn", "$2", "$3", "i.name", "i.config", "i.raw", 'i."configHash"', "$4", "$4", "$5", ...cols.map((c) => `i.${ident(c)}`)].join(", ");
    const setChanged = ["name", "config", "raw", "configHash", "region", ...cols]
      .map((c) => `${ident(c)} = CASE WHEN t."configHash" = EXCLUDED."configHash" AND t."deletedAt" IS NULL THEN t.${ident(c)} ELSE EXCLUDED.${ident(c)} END`)
      .join(", ");
    const sql = `
      WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${recordset})),
      prev AS (SELECT t.arn, t."configHash", t."deletedAt" FROM ${ident(table)} t JOIN i ON t.arn = i.arn),
      up AS (
        INSERT INTO ${ident(table)} AS t (${insertCols})
        SELECT ${selectCols} FROM i
        ON CONFLICT (arn) DO UPDATE SET ${setChanged}, "lastSeenAt" = EXCLUDED."lastSeenAt", "lastScanId" = EXCLUDED."lastScanId", "deletedAt" = NULL
        RETURNING t.arn
      ),
      hist AS (
        INSERT INTO "ResourceHistory" (id, "resourceType", "resourceArn", "scanId", "configHash", config, change, "capturedAt")
        SELECT gen_random_uuid()::text, $6, i.arn, $5, i."configHash", i.config,
               CASE WHEN p.arn IS NULL OR p."deletedAt" IS NOT NULL THEN 'created' ELSE 'changed' END, $4
          FROM i LEFT JOIN prev p ON p.arn = i.arn
         WHERE p.arn IS NULL OR p."deletedAt" IS NOT NULL OR p."configHash" <> i."configHash"
        RETURNING change
      )
      SELECT (SELECT count(*) FROM up)::int AS written,
             (SELECT count(*) FROM hist WHERE change = 'created')::int AS created,
             (SELECT count(*) FROM hist WHERE change = 'changed')::int AS changed`;
    const [r] = await db.$queryRawUnsafe<{ written: number; created: number; changed: number }[]>(
      sql,
      JSON.stringify(rows),
      input.accountId,
      input.region,
      now,
      input.scanId,
      spec.resourceType,
    );
    result.created += r.created;
    result.changed += r.changed;
    result.unchanged += r.written - r.created - r.changed;
  }

  if (input.listingComplete) {
    const discriminatorSql = Object.keys(discriminator)
      .map((c, n) => ` AND t.${ident(c)} = $${6 + n}`)
      .join("");
    const [r] = await db.$queryRawUnsafe<{ deleted: number }[]>(
      `WITH gone AS (
         UPDATE ${ident(table)} AS t SET "deletedAt" = $3, "lastScanId" = $4
          WHERE t."accountId" = $1 AND t.region = $2 AND t."deletedAt" IS NULL AND NOT (t.arn = ANY($5::text[]))${discriminatorSql}
          RETURNING t.arn, t."configHash", t.config
       ), hist AS (
         INSERT INTO "ResourceHistory" (id, "resourceType", "resourceArn", "scanId", "configHash", config, change, "capturedAt")
         SELECT gen_random_uuid()::text, $${6 + Object.keys(discriminator).length}, arn, $4, "configHash", config, 'deleted', $3 FROM gone
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM hist)::int AS deleted`,
      input.accountId,
      input.region,
      now,
      input.scanId,
      input.resources.map((r) => r.arn),
      ...Object.values(discriminator),
      spec.resourceType,
    );
    result.deleted = r.deleted;
  }
  return result;
}

/** The live (not deleted) records of a kind in one account and region ("global" for IAM). */
export async function loadResources<TRecord>(spec: ResourceKindSpec<TRecord>, accountId: string, region: string, db: Db = prisma): Promise<TRecord[]> {
  const rows = (await delegate(db, spec.model).findMany({
    where: { accountId, region, deletedAt: null, ...kindWhere(spec as ResourceKindSpec<unknown>) },
    select: { config: true },
    orderBy: { arn: "asc" },
  })) as { config: unknown }[];
  // Parsed again on the way out: a row written by an older scanner version fails loudly, not silently.
  return rows.map((r) => spec.schema.parse(r.config));
}

/** The live records of a kind in every region of one account. */
export async function loadAccountResources<TRecord>(spec: ResourceKindSpec<TRecord>, accountId: string, db: Db = prisma): Promise<TRecord[]> {
  const rows = (await delegate(db, spec.model).findMany({
    where: { accountId, deletedAt: null, ...kindWhere(spec as ResourceKindSpec<unknown>) },
    select: { config: true },
    orderBy: [{ region: "asc" }, { arn: "asc" }],
  })) as { config: unknown }[];
  return rows.map((r) => spec.schema.parse(r.config));
}

export async function deletedResourceArns(spec: ResourceKindSpec<unknown>, accountId: string, region: string, db: Db = prisma): Promise<string[]> {
  const rows = (await delegate(db, spec.model).findMany({
    where: { accountId, region, deletedAt: { not: null }, ...kindWhere(spec) },
    select: { arn: true },
  })) as { arn: string }[];
  return rows.map((r) => r.arn);
}

export async function countResources(spec: ResourceKindSpec<unknown>, filter: { accountId?: string } = {}, db: Db = prisma): Promise<number> {
  return delegate(db, spec.model).count({ where: { deletedAt: null, ...kindWhere(spec), ...(filter.accountId ? { accountId: filter.accountId } : {}) } });
}
