// Inventory reads that cross services (what rules see, hints for another service's collection). Storage
// itself is generic: resource-store.ts.
import { prisma, type Db } from "./client";
import { loadResources } from "./resource-store";
import { lambdaFunctionKind } from "./kinds/lambda";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";

export function loadLambdaInventory(accountId: string, region: string, db: Db = prisma): Promise<TLambdaFunctionRecord[]> {
  return loadResources(lambdaFunctionKind, accountId, region, db);
}

/** Execution roles of the account's live functions, in every region. */
export async function lambdaRoleArns(accountId: string, db: Db = prisma): Promise<string[]> {
  const rows = await db.lambdaFunction.findMany({
    where: { accountId, deletedAt: null, roleArn: { not: null } },
    select: { roleArn: true },
    distinct: ["roleArn"],
  });
  return rows.map((r) => r.roleArn!).sort();
}

/**
 * The service last-accessed reports stored on these roles that completed after `since`, by role ARN (the
 * normalized value, as the IAM scanner wrote it). Used to carry recent reports forward.
 */
export async function recentLastAccessedReports(accountId: string, roleArns: string[], since: Date, db: Db = prisma): Promise<Record<string, unknown>> {
  if (roleArns.length === 0) return {};
  const rows = await db.iamRole.findMany({
    where: { accountId, arn: { in: roleArns }, deletedAt: null },
    select: { arn: true, config: true },
  });
  const out: Record<string, unknown> = {};
  for (const r of rows) {
    const la = (r.config as { lastAccessed?: { status?: string; value?: { jobCompletedAt?: string | null } } }).lastAccessed;
    const completed = la?.status === "ok" ? la.value?.jobCompletedAt : null;
    if (completed && new Date(completed) >= since) out[r.arn] = la!.value;
  }
  return out;
}
