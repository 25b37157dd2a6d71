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
