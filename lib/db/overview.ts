// Numbers for the overview page: open findings per severity and the size of the inventory.
import { SEVERITIES, type Severity } from "../rules/types";
import { prisma, type Db } from "./client";

/** Open findings per severity; every severity is present (0 when none). */
export async function openFindingCountsBySeverity(db: Db = prisma): Promise<Record<Severity, number>> {
  const groups = await db.finding.groupBy({
    by: ["severity"],
    where: { status: "open" },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const g of groups) counts[g.severity] = g._count._all;
  return counts;
}

export type TInventoryTotals = {
  /** Lambda functions currently present (deleted ones excluded). */
  functions: number;
  accounts: number;
  /** Scans that have ever been requested, in any state. */
  scans: number;
};

export async function inventoryTotals(db: Db = prisma): Promise<TInventoryTotals> {
  const [functions, accounts, scans] = await Promise.all([
    db.lambdaFunction.count({ where: { deletedAt: null } }),
    db.account.count(),
    db.scanRun.count(),
  ]);
  return { functions, accounts, scans };
}

export type TAttackPathRow = { id: string; resourceName: string; accountId: string; region: string; message: string; rank: number; lastSeenAt: Date };

/** Open attack-path findings, highest rank (entry weight x privilege weight) first. */
export async function topAttackPaths(limit = 5, db: Db = prisma): Promise<{ rows: TAttackPathRow[]; total: number }> {
  const where = { status: "open" as const, ruleId: { startsWith: "attack_path_" } };
  const [rows, total] = await Promise.all([
    db.finding.findMany({
      where,
      select: { id: true, resourceName: true, accountId: true, region: true, message: true, evidence: true, lastSeenAt: true },
      orderBy: [{ severityRank: "desc" }, { lastSeenAt: "desc" }],
      take: 500,
    }),
    db.finding.count({ where }),
  ]);
  const ranked = rows
    .map(({ evidence, ...r }) => ({ ...r, rank: typeof (evidence as { rank?: unknown })?.rank === "number" ? (evidence as { rank: number }).rank : 0 }))
    .sort((a, b) => b.rank - a.rank || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
  return { rows: ranked.slice(0, limit), total };
}
