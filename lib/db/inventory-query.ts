// Read side of the inventory for the dashboard: one descriptor per resource kind (its table, the typed
// columns worth showing and how), counts per kind and account, filtered keyset pages of one kind, one
// resource with its configuration, its history and its open findings.
//
// The kinds are described here from prisma/schema.prisma on purpose, not from lib/db/kinds/*: the page
// only reads the common columns plus the typed columns the schema names, so it shows every kind whether
// or not its scanner exists yet.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Severity } from "../rules/types";
import { prisma, type Db } from "./client";
import type { ResourceModel } from "./resource-store";

export const INVENTORY_PAGE_SIZE = 50;

/** How a typed column's value is shown. */
export type TColumnFormat =
  | "text"
  /** identifiers and paths, in a monospace font */
  | "code"
  | "number"
  /** null means "could not be read" or "not known", never "no" */
  | "boolean"
  | "date"
  | "list"
  /** an ARN, shown by its last part with the full ARN on hover */
  | "arn";

export type TKindField = {
  key: string;
  label: string;
  format: TColumnFormat;
  /** Also a column of the kind's list (every field is on the detail page). */
  inTable: boolean;
  /** For an ARN field: the kind the ARN points at, so the detail page can link to it. */
  linksTo?: string;
};

export const INVENTORY_SORTS = {
  name: { label: "Name (A to Z)", field: "name", direction: "asc" },
  newest: { label: "Newest first", field: "firstSeenAt", direction: "desc" },
  recent: { label: "Recently seen first", field: "lastSeenAt", direction: "desc" },
} as const satisfies Record<string, { label: string; field: "name" | "firstSeenAt" | "lastSeenAt"; direction: "asc" | "desc" }>;

export type TInventorySort = keyof typeof INVENTORY_SORTS;
export const INVENTORY_SORT_IDS = Object.keys(INVENTORY_SORTS) as [TInventorySort, ...TInventorySort[]];

export type TKindDescriptor = {
  /** The resource type used by rules, findings and ResourceHistory, e.g. "iam_role"; also the URL segment. */
  kind: string;
  /** Plural, e.g. "IAM roles". */
  label: string;
  /** Singular, e.g. "IAM role". */
  singular: string;
  service: "Lambda" | "IAM" | "API Gateway";
  model: ResourceModel;
  /** The kind's typed columns, in display order. */
  fields: readonly TKindField[];
  defaultSort: TInventorySort;
};

/** Columns every inventory table has (see the schema); typed columns are the others. */
export const COMMON_COLUMNS = [
  "arn",
  "accountId",
  "region",
  "name",
  "config",
  "raw",
  "configHash",
  "firstSeenAt",
  "lastSeenAt",
  "deletedAt",
  "lastScanId",
] as const;
type TCommonColumn = (typeof COMMON_COLUMNS)[number];

type TScalarFields = {
  lambdaFunction: Prisma.LambdaFunctionScalarFieldEnum;
  lambdaLayerVersion: Prisma.LambdaLayerVersionScalarFieldEnum;
  lambdaEventSourceMapping: Prisma.LambdaEventSourceMappingScalarFieldEnum;
  lambdaAccountSettings: Prisma.LambdaAccountSettingsScalarFieldEnum;
  iamRole: Prisma.IamRoleScalarFieldEnum;
  iamUser: Prisma.IamUserScalarFieldEnum;
  iamGroup: Prisma.IamGroupScalarFieldEnum;
  iamPolicy: Prisma.IamPolicyScalarFieldEnum;
  apiGatewayRestApi: Prisma.ApiGatewayRestApiScalarFieldEnum;
  apiGatewayDomainName: Prisma.ApiGatewayDomainNameScalarFieldEnum;
  apiGatewayUsagePlan: Prisma.ApiGatewayUsagePlanScalarFieldEnum;
  apiGatewayApiKey: Prisma.ApiGatewayApiKeyScalarFieldEnum;
  apiGatewayV2Api: Prisma.ApiGatewayV2ApiScalarFieldEnum;
  neighbourResource: Prisma.NeighbourResourceScalarFieldEnum;
};

/** The compiler checks each field key against the model's own columns (and keeps common ones out). */
function describe<M extends ResourceModel>(
  d: Omit<TKindDescriptor, "model" | "fields"> & {
    model: M;
    fields: readonly (Omit<TKindField, "key" | "inTable"> & { key: Exclude<TScalarFields[M], TCommonColumn>; inTable?: boolean })[];
  },
): TKindDescriptor {
  return { ...d, fields: d.fields.map((f) => ({ ...f, inTable: f.inTable ?? true })) };
}

export const KIND_DESCRIPTORS: readonly TKindDescriptor[] = [
  describe({
    kind: "lambda_function",
    label: "Lambda functions",
    singular: "Lambda function",
    service: "Lambda",
    model: "lambdaFunction",
    defaultSort: "name",
    fields: [
      { key: "runtime", label: "Runtime", format: "code" },
      { key: "packageType", label: "Package", format: "text", inTable: false },
      { key: "handler", label: "Handler", format: "code", inTable: false },
      { key: "memorySize", label: "Memory (MB)", format: "number" },
      { key: "timeout", label: "Timeout (s)", format: "number" },
      { key: "roleArn", label: "Execution role", format: "arn", inTable: false, linksTo: "iam_role" },
      { key: "hasPolicy", label: "Resource policy", format: "boolean" },
      { key: "urlAuthType", label: "URL auth", format: "code" },
      { key: "lastModified", label: "Last modified (AWS)", format: "text", inTable: false },
    ],
  }),
  describe({
    kind: "lambda_layer_version",
    label: "Lambda layer versions",
    singular: "Lambda layer version",
    service: "Lambda",
    model: "lambdaLayerVersion",
    defaultSort: "name",
    fields: [
      { key: "layerName", label: "Layer", format: "code" },
      { key: "version", label: "Version", format: "number" },
      { key: "compatibleRuntimes", label: "Runtimes", format: "list" },
      { key: "hasPolicy", label: "Layer policy", format: "boolean" },
    ],
  }),
  describe({
    kind: "lambda_event_source_mapping",
    label: "Lambda event source mappings",
    singular: "Lambda event source mapping",
    service: "Lambda",
    model: "lambdaEventSourceMapping",
    // Mapping names are mostly UUIDs: the newest ones are the interesting ones.
    defaultSort: "newest",
    fields: [
      { key: "sourceService", label: "Source", format: "text" },
      { key: "eventSourceArn", label: "Event source", format: "arn" },
      { key: "functionArn", label: "Function", format: "arn", linksTo: "lambda_function" },
      { key: "state", label: "State", format: "text" },
      { key: "batchSize", label: "Batch size", format: "number" },
    ],
  }),
  describe({
    kind: "lambda_account_settings",
    label: "Lambda account settings",
    singular: "Lambda account settings",
    service: "Lambda",
    model: "lambdaAccountSettings",
    defaultSort: "name",
    fields: [],
  }),
  describe({
    kind: "iam_role",
    label: "IAM roles",
    singular: "IAM role",
    service: "IAM",
    model: "iamRole",
    defaultSort: "name",
    fields: [
      { key: "path", label: "Path", format: "code" },
      { key: "trustedServices", label: "Trusted services", format: "list" },
      { key: "hasPermissionsBoundary", label: "Permissions boundary", format: "boolean" },
      { key: "lastUsedAt", label: "Last used", format: "date" },
    ],
  }),
  describe({
    kind: "iam_user",
    label: "IAM users",
    singular: "IAM user",
    service: "IAM",
    model: "iamUser",
    defaultSort: "name",
    fields: [{ key: "path", label: "Path", format: "code" }],
  }),
  describe({
    kind: "iam_group",
    label: "IAM groups",
    singular: "IAM group",
    service: "IAM",
    model: "iamGroup",
    defaultSort: "name",
    fields: [{ key: "path", label: "Path", format: "code" }],
  }),
  describe({
    kind: "iam_policy",
    label: "IAM managed policies",
    singular: "IAM managed policy",
    service: "IAM",
    model: "iamPolicy",
    defaultSort: "name",
    fields: [
      { key: "isAwsManaged", label: "AWS managed", format: "boolean" },
      { key: "attachmentCount", label: "Attachments", format: "number" },
      { key: "defaultVersionId", label: "Default version", format: "code" },
    ],
  }),
  describe({
    kind: "apigateway_rest_api",
    label: "API Gateway REST APIs",
    singular: "API Gateway REST API",
    service: "API Gateway",
    model: "apiGatewayRestApi",
    defaultSort: "name",
    fields: [
      { key: "endpointType", label: "Endpoint", format: "text" },
      { key: "disableExecuteApiEndpoint", label: "Default endpoint disabled", format: "boolean" },
      { key: "methodCount", label: "Methods", format: "number" },
      { key: "stageCount", label: "Stages", format: "number" },
    ],
  }),
  describe({
    kind: "apigateway_domain_name",
    label: "API Gateway custom domains",
    singular: "API Gateway custom domain",
    service: "API Gateway",
    model: "apiGatewayDomainName",
    defaultSort: "name",
    fields: [
      { key: "endpointType", label: "Endpoint", format: "text" },
      { key: "securityPolicy", label: "TLS policy", format: "code" },
      { key: "mutualTls", label: "Mutual TLS", format: "boolean" },
    ],
  }),
  describe({
    kind: "apigateway_usage_plan",
    label: "API Gateway usage plans",
    singular: "API Gateway usage plan",
    service: "API Gateway",
    model: "apiGatewayUsagePlan",
    defaultSort: "name",
    fields: [],
  }),
  describe({
    kind: "apigateway_api_key",
    label: "API Gateway API keys",
    singular: "API Gateway API key",
    service: "API Gateway",
    model: "apiGatewayApiKey",
    defaultSort: "name",
    fields: [{ key: "enabled", label: "Enabled", format: "boolean" }],
  }),
  describe({
    kind: "apigatewayv2_api",
    label: "API Gateway HTTP and WebSocket APIs",
    singular: "API Gateway HTTP or WebSocket API",
    service: "API Gateway",
    model: "apiGatewayV2Api",
    defaultSort: "name",
    fields: [
      { key: "protocolType", label: "Protocol", format: "text" },
      { key: "disableExecuteApiEndpoint", label: "Default endpoint disabled", format: "boolean" },
      { key: "routeCount", label: "Routes", format: "number" },
    ],
  }),
];

export const KIND_IDS = KIND_DESCRIPTORS.map((d) => d.kind) as [string, ...string[]];

export function getKindDescriptor(kind: string): TKindDescriptor | undefined {
  return KIND_DESCRIPTORS.find((d) => d.kind === kind);
}

// ---------------------------------------------------------------------------------------------------
// Table access. The thirteen delegates differ only in their typed columns; these queries use the
// common shape and select typed columns by name, so they go through one narrow interface.

type TInventoryDelegate = {
  findMany(args: unknown): Promise<Record<string, unknown>[]>;
  findUnique(args: unknown): Promise<Record<string, unknown> | null>;
  count(args: unknown): Promise<number>;
  groupBy(args: unknown): Promise<Record<string, unknown>[]>;
};

function table(db: Db, kind: TKindDescriptor): TInventoryDelegate {
  return db[kind.model] as unknown as TInventoryDelegate;
}

export type TCellValue = string | number | boolean | Date | string[] | null;

function cell(value: unknown): TCellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

function typedValues(kind: TKindDescriptor, row: Record<string, unknown>): Record<string, TCellValue> {
  return Object.fromEntries(kind.fields.map((f) => [f.key, cell(row[f.key])]));
}

function typedSelect(kind: TKindDescriptor): Record<string, true> {
  return Object.fromEntries(kind.fields.map((f) => [f.key, true]));
}

// ---------------------------------------------------------------------------------------------------
// Overview: live resources per kind and account.

export type TKindCount = {
  kind: TKindDescriptor;
  /** Live resources (not deleted) in every account. */
  total: number;
  /** Live resources per account id; accounts with none are absent. */
  byAccount: Record<string, number>;
  /** When a live resource of this kind was last seen by a scan; null when there is none. */
  lastSeenAt: Date | null;
};

export type TInventoryOverview = {
  accounts: { id: string; name: string }[];
  kinds: TKindCount[];
};

export async function inventoryOverview(db: Db = prisma): Promise<TInventoryOverview> {
  const [accounts, kinds] = await Promise.all([
    db.account.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    Promise.all(
      KIND_DESCRIPTORS.map(async (kind): Promise<TKindCount> => {
        const groups = (await table(db, kind).groupBy({
          by: ["accountId"],
          where: { deletedAt: null },
          _count: { _all: true },
          _max: { lastSeenAt: true },
        })) as { accountId: string; _count: { _all: number }; _max: { lastSeenAt: Date | null } }[];
        let total = 0;
        let lastSeenAt: Date | null = null;
        const byAccount: Record<string, number> = {};
        for (const g of groups) {
          byAccount[g.accountId] = g._count._all;
          total += g._count._all;
          if (g._max.lastSeenAt && (!lastSeenAt || g._max.lastSeenAt > lastSeenAt)) lastSeenAt = g._max.lastSeenAt;
        }
        return { kind, total, byAccount, lastSeenAt };
      }),
    ),
  ]);
  return { accounts, kinds };
}

// ---------------------------------------------------------------------------------------------------
// One kind's list: filters, keyset pages.

export type TInventoryFilters = {
  /** Case-insensitive substring of the resource name. */
  q?: string;
  accountId?: string;
  region?: string;
  /** Also list resources a complete listing no longer returned. */
  includeDeleted: boolean;
  sort: TInventorySort;
};

/** A row's position in one sort order: its sort value and its ARN (unique, breaks ties). */
export type TInventoryCursor = { sort: TInventorySort; value: string | Date; arn: string };
export type TInventoryPageRequest = { after?: TInventoryCursor; before?: TInventoryCursor };

export type TInventoryRow = {
  arn: string;
  name: string;
  accountId: string;
  accountName: string;
  region: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  /** The kind's typed columns, by field key. */
  values: Record<string, TCellValue>;
};

export type TInventoryPage = {
  rows: TInventoryRow[];
  nextCursor: string | null;
  prevCursor: string | null;
};

const ZCursor = z.tuple([z.enum(INVENTORY_SORT_IDS), z.string().max(2048), z.string().min(1).max(2048)]);

/** URL-safe text form: base64url of `[sort, value (ISO for dates), arn]`. */
export function encodeInventoryCursor(c: TInventoryCursor): string {
  const value = c.value instanceof Date ? c.value.toISOString() : c.value;
  return Buffer.from(JSON.stringify([c.sort, value, c.arn]), "utf8").toString("base64url");
}

/** Null for anything this module did not write, including a cursor of another sort order. */
export function decodeInventoryCursor(text: string, sort: TInventorySort): TInventoryCursor | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = ZCursor.safeParse(json);
  if (!parsed.success || parsed.data[0] !== sort) return null;
  const [, raw, arn] = parsed.data;
  if (INVENTORY_SORTS[sort].field === "name") return { sort, value: raw, arn };
  const date = z.iso.datetime().safeParse(raw);
  return date.success ? { sort, value: new Date(date.data), arn } : null;
}

/** LIKE treats % and _ as wildcards; resource names are full of underscores, so match them literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function filterWhere(f: Omit<TInventoryFilters, "sort">): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  if (!f.includeDeleted) where.deletedAt = null;
  if (f.accountId) where.accountId = f.accountId;
  if (f.region) where.region = f.region;
  if (f.q) where.name = { contains: escapeLike(f.q), mode: "insensitive" };
  return where;
}

/** Rows strictly after `c` in the display order, or strictly before it when `reverse`. */
function keysetWhere(c: TInventoryCursor, reverse: boolean): Record<string, unknown> {
  const { field, direction } = INVENTORY_SORTS[c.sort];
  // "after" in an ascending order is "greater"; going backwards or descending flips it, both flip it back
  const op = (direction === "asc") !== reverse ? "gt" : "lt";
  return { OR: [{ [field]: { [op]: c.value } }, { [field]: c.value, arn: { [op]: c.arn } }] };
}

function orderBy(sort: TInventorySort, reverse: boolean) {
  const { field, direction } = INVENTORY_SORTS[sort];
  const dir = (direction === "asc") !== reverse ? "asc" : "desc";
  return [{ [field]: dir }, { arn: dir }];
}

const ROW_SELECT = {
  arn: true,
  name: true,
  accountId: true,
  region: true,
  firstSeenAt: true,
  lastSeenAt: true,
  deletedAt: true,
  account: { select: { name: true } },
} as const;

type TRowCommon = {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  account: { name: string };
};

function toRow(kind: TKindDescriptor, r: Record<string, unknown>): TInventoryRow {
  const c = r as TRowCommon;
  return {
    arn: c.arn,
    name: c.name,
    accountId: c.accountId,
    accountName: c.account.name,
    region: c.region,
    firstSeenAt: c.firstSeenAt,
    lastSeenAt: c.lastSeenAt,
    deletedAt: c.deletedAt,
    values: typedValues(kind, r),
  };
}

/** One page of a kind's resources matching `filters`, in the order of `filters.sort`. */
export async function listInventory(
  kind: TKindDescriptor,
  filters: TInventoryFilters,
  page: TInventoryPageRequest = {},
  db: Db = prisma,
  pageSize: number = INVENTORY_PAGE_SIZE,
): Promise<TInventoryPage> {
  const reverse = page.before !== undefined && page.after === undefined;
  const cursor = reverse ? page.before : page.after;
  if (cursor && cursor.sort !== filters.sort) throw new Error("The page cursor belongs to another sort order.");
  const base = filterWhere(filters);
  const rows = await table(db, kind).findMany({
    where: cursor ? { AND: [base, keysetWhere(cursor, reverse)] } : base,
    orderBy: orderBy(filters.sort, reverse),
    // one extra row tells whether another page exists in the direction of travel
    take: pageSize + 1,
    select: { ...ROW_SELECT, ...typedSelect(kind) },
  });
  const hasMore = rows.length > pageSize;
  const pageRows = rows.slice(0, pageSize).map((r) => toRow(kind, r));
  if (reverse) pageRows.reverse();

  const field = INVENTORY_SORTS[filters.sort].field;
  const toCursor = (r: TInventoryRow) => encodeInventoryCursor({ sort: filters.sort, value: r[field], arn: r.arn });
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  // Going forward, a page reached through a cursor always has rows before it; going backward, the
  // page we came from is always after it.
  return {
    rows: pageRows,
    nextCursor: last && (reverse || hasMore) ? toCursor(last) : null,
    prevCursor: first && (reverse ? hasMore : cursor !== undefined) ? toCursor(first) : null,
  };
}

export async function countInventory(kind: TKindDescriptor, filters: Omit<TInventoryFilters, "sort">, db: Db = prisma): Promise<number> {
  return table(db, kind).count({ where: filterWhere(filters) });
}

export type TInventoryFilterOptions = {
  accounts: { id: string; name: string }[];
  /** Regions that hold at least one resource of the kind (deleted ones included). */
  regions: string[];
};

export async function inventoryFilterOptions(kind: TKindDescriptor, db: Db = prisma): Promise<TInventoryFilterOptions> {
  const [accounts, regions] = await Promise.all([
    db.account.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    table(db, kind).groupBy({ by: ["region"], orderBy: { region: "asc" } }) as Promise<{ region: string }[]>,
  ]);
  return { accounts, regions: regions.map((r) => r.region) };
}

// ---------------------------------------------------------------------------------------------------
// One resource.

export type TInventoryResource = TInventoryRow & {
  kind: string;
  configHash: string;
  lastScanId: string | null;
  /** The normalized record the rules read. */
  config: unknown;
  /** The API responses it was built from (secret values already redacted by the scanner). */
  raw: unknown;
};

export async function getInventoryResource(kind: TKindDescriptor, arn: string, db: Db = prisma): Promise<TInventoryResource | null> {
  const row = await table(db, kind).findUnique({
    where: { arn },
    select: { ...ROW_SELECT, ...typedSelect(kind), configHash: true, lastScanId: true, config: true, raw: true },
  });
  if (!row) return null;
  return {
    ...toRow(kind, row),
    kind: kind.kind,
    configHash: String(row.configHash),
    lastScanId: typeof row.lastScanId === "string" ? row.lastScanId : null,
    config: row.config,
    raw: row.raw,
  };
}

export type THistoryEntry = {
  id: string;
  /** created | changed | deleted */
  change: string;
  capturedAt: Date;
  scanId: string | null;
  configHash: string;
};

export const HISTORY_LIMIT = 100;

/** The resource's configuration versions, newest first (at most `limit`), and how many there are. */
export async function listResourceHistory(
  kind: TKindDescriptor,
  arn: string,
  db: Db = prisma,
  limit: number = HISTORY_LIMIT,
): Promise<{ entries: THistoryEntry[]; total: number }> {
  const where = { resourceType: kind.kind, resourceArn: arn };
  const [entries, total] = await Promise.all([
    db.resourceHistory.findMany({
      where,
      orderBy: [{ capturedAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, change: true, capturedAt: true, scanId: true, configHash: true },
    }),
    db.resourceHistory.count({ where }),
  ]);
  return { entries, total };
}

/** Configurations of the given history rows, only if they belong to this resource. */
export async function historyConfigs(kind: TKindDescriptor, arn: string, ids: readonly string[], db: Db = prisma): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await db.resourceHistory.findMany({
    where: { id: { in: [...ids] }, resourceType: kind.kind, resourceArn: arn },
    select: { id: true, config: true },
  });
  return new Map(rows.map((r) => [r.id, r.config]));
}

export type TResourceFinding = { id: string; ruleId: string; severity: Severity; title: string; lastSeenAt: Date };

/** Open findings on this resource, most severe first. */
export async function openFindingsForResource(
  arn: string,
  db: Db = prisma,
  limit = 20,
): Promise<{ rows: TResourceFinding[]; total: number }> {
  const where = { resourceArn: arn, status: "open" as const };
  const [rows, total] = await Promise.all([
    db.finding.findMany({
      where,
      orderBy: [{ severityRank: "desc" }, { lastSeenAt: "desc" }, { id: "asc" }],
      take: limit,
      select: { id: true, ruleId: true, severity: true, title: true, lastSeenAt: true },
    }),
    db.finding.count({ where }),
  ]);
  return { rows, total };
}
