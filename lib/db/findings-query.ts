// Read side of findings for the dashboard: filtered keyset pages, counts, one finding with its history.
// Order is severityRank desc, lastSeenAt desc, id asc; a cursor is that triple for one row, so a page
// is found with an index range instead of an OFFSET that grows with the page number.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Severity } from "../rules/types";
import { prisma, type Db } from "./client";

export const FINDINGS_PAGE_SIZE = 50;

export type TFindingStatus = "open" | "resolved" | "suppressed";

export type TFindingFilters = {
  severity?: Severity;
  ruleId?: string;
  accountId?: string;
  /** "all" drops the status condition. */
  status: TFindingStatus | "all";
  /** Case-insensitive substring of the resource name. */
  q?: string;
};

export type TFindingCursor = { rank: number; lastSeenAt: Date; id: string };

/** At most one of them: rows after `after`, or rows before `before` (the previous page). */
export type TFindingPageRequest = { after?: TFindingCursor; before?: TFindingCursor };

export type TFindingRow = {
  id: string;
  ruleId: string;
  severity: Severity;
  title: string;
  resourceName: string;
  resourceArn: string;
  accountId: string;
  accountName: string;
  region: string;
  status: TFindingStatus;
  firstSeenAt: Date;
  lastSeenAt: Date;
};

export type TFindingPage = {
  rows: TFindingRow[];
  /** Encoded cursors for the "Next" / "Previous" links; null when there is no such page. */
  nextCursor: string | null;
  prevCursor: string | null;
};

const ZCursorTuple = z.tuple([z.number().int().min(0).max(4), z.iso.datetime(), z.string().uuid()]);

/** URL-safe text form of a cursor: base64url of `[rank, lastSeenAt ISO, id]`. */
export function encodeFindingCursor(c: TFindingCursor): string {
  return Buffer.from(JSON.stringify([c.rank, c.lastSeenAt.toISOString(), c.id]), "utf8").toString("base64url");
}

/** Null for anything that is not a cursor this module wrote (tampered, truncated, old format). */
export function decodeFindingCursor(text: string): TFindingCursor | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = ZCursorTuple.safeParse(json);
  if (!parsed.success) return null;
  const [rank, iso, id] = parsed.data;
  return { rank, lastSeenAt: new Date(iso), id };
}

/** LIKE treats % and _ as wildcards; function names are full of underscores, so match them literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function filterWhere(f: TFindingFilters): Prisma.FindingWhereInput {
  const where: Prisma.FindingWhereInput = {};
  if (f.status !== "all") where.status = f.status;
  if (f.severity) where.severity = f.severity;
  if (f.ruleId) where.ruleId = f.ruleId;
  if (f.accountId) where.accountId = f.accountId;
  if (f.q) where.resourceName = { contains: escapeLike(f.q), mode: "insensitive" };
  return where;
}

/** Rows strictly after `c` in display order (or strictly before it when `reverse`). */
function keysetWhere(c: TFindingCursor, reverse: boolean): Prisma.FindingWhereInput {
  const beyond = reverse ? "gt" : "lt";
  return {
    OR: [
      { severityRank: { [beyond]: c.rank } },
      { severityRank: c.rank, lastSeenAt: { [beyond]: c.lastSeenAt } },
      { severityRank: c.rank, lastSeenAt: c.lastSeenAt, id: reverse ? { lt: c.id } : { gt: c.id } },
    ],
  };
}

const FORWARD: Prisma.FindingOrderByWithRelationInput[] = [
  { severityRank: "desc" },
  { lastSeenAt: "desc" },
  { id: "asc" },
];
const BACKWARD: Prisma.FindingOrderByWithRelationInput[] = [
  { severityRank: "asc" },
  { lastSeenAt: "asc" },
  { id: "desc" },
];

const ROW_SELECT = {
  id: true,
  ruleId: true,
  severity: true,
  severityRank: true,
  title: true,
  resourceName: true,
  resourceArn: true,
  accountId: true,
  region: true,
  status: true,
  firstSeenAt: true,
  lastSeenAt: true,
  account: { select: { name: true } },
} as const satisfies Prisma.FindingSelect;

/** One page of findings matching `filters`, in display order. */
export async function listFindings(
  filters: TFindingFilters,
  page: TFindingPageRequest = {},
  db: Db = prisma,
  pageSize: number = FINDINGS_PAGE_SIZE,
): Promise<TFindingPage> {
  const reverse = page.before !== undefined && page.after === undefined;
  const cursor = reverse ? page.before : page.after;
  const base = filterWhere(filters);
  const rows = await db.finding.findMany({
    where: cursor ? { AND: [base, keysetWhere(cursor, reverse)] } : base,
    orderBy: reverse ? BACKWARD : FORWARD,
    // one extra row tells whether another page exists in the direction of travel
    take: pageSize + 1,
    select: ROW_SELECT,
  });
  const hasMore = rows.length > pageSize;
  const pageRows = rows.slice(0, pageSize);
  if (reverse) pageRows.reverse();

  const toCursor = (r: (typeof rows)[number]) =>
    encodeFindingCursor({ rank: r.severityRank, lastSeenAt: r.lastSeenAt, id: r.id });
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  // Going forward, a page reached through a cursor always has rows before it; going backward, the
  // page we came from is always after it.
  const nextCursor = last && (reverse || hasMore) ? toCursor(last) : null;
  const prevCursor = first && (reverse ? hasMore : cursor !== undefined) ? toCursor(first) : null;

  return {
    rows: pageRows.map(({ account, severityRank: _rank, ...r }) => ({ ...r, accountName: account.name })),
    nextCursor,
    prevCursor,
  };
}

export async function countFindings(filters: TFindingFilters, db: Db = prisma): Promise<number> {
  return db.finding.count({ where: filterWhere(filters) });
}

export type TFindingEvent = { id: string; type: string; at: Date; scanId: string | null; detail: string | null };

export type TFindingDetail = TFindingRow & {
  resourceType: string;
  message: string;
  evidence: unknown;
  resolvedAt: Date | null;
  reopenedCount: number;
  lastScanId: string | null;
  /** The suppression holding the finding, when it is suppressed. */
  suppression: {
    id: string;
    reason: string;
    expiresAt: Date | null;
    createdBy: string | null;
    createdAt: Date;
    ruleId: string | null;
    accountId: string | null;
    resourcePattern: string | null;
    tagKey: string | null;
    tagValue: string | null;
  } | null;
  events: TFindingEvent[];
};

export async function getFinding(id: string, db: Db = prisma): Promise<TFindingDetail | null> {
  const row = await db.finding.findUnique({
    where: { id },
    select: {
      ...ROW_SELECT,
      resourceType: true,
      message: true,
      evidence: true,
      resolvedAt: true,
      reopenedCount: true,
      lastScanId: true,
      suppression: { select: { id: true, reason: true, expiresAt: true, createdBy: true, createdAt: true, ruleId: true, accountId: true, resourcePattern: true, tagKey: true, tagValue: true } },
      events: {
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { id: true, type: true, at: true, scanId: true, detail: true },
      },
    },
  });
  if (!row) return null;
  const { account, severityRank: _rank, ...rest } = row;
  return { ...rest, accountName: account.name };
}

export type TFindingFilterOptions = {
  rules: { ruleId: string; title: string; count: number }[];
  accounts: { id: string; name: string }[];
};

/** Choices for the rule and account selects: only rules that have findings, every account. */
export async function findingFilterOptions(db: Db = prisma): Promise<TFindingFilterOptions> {
  const [rules, accounts] = await Promise.all([
    db.finding.groupBy({
      by: ["ruleId"],
      _count: { _all: true },
      _max: { title: true },
      orderBy: { ruleId: "asc" },
    }),
    db.account.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
  ]);
  return {
    rules: rules.map((r) => ({ ruleId: r.ruleId, title: r._max.title ?? r.ruleId, count: r._count._all })),
    accounts,
  };
}
