// Lambda inventory helpers kept for callers that deal with functions specifically; storage itself is
// generic (resource-store.ts).
import { prisma, type Db } from "./client";
import { storeResources, loadResources, deletedResourceArns, type StoreResult } from "./resource-store";
import { lambdaFunctionKind } from "./kinds/lambda";
import type { NormalizedResource } from "@/scanners/types";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";

export { stableStringify, configHash } from "./resource-store";
export type { StoreResult } from "./resource-store";

export function storeLambdaFunctions(
  input: { accountId: string; region: string; scanId: string; resources: NormalizedResource<TLambdaFunctionRecord>[]; listingComplete: boolean },
  db: Db = prisma,
): Promise<StoreResult> {
  return storeResources(lambdaFunctionKind, input, db);
}

export function loadLambdaInventory(accountId: string, region: string, db: Db = prisma): Promise<TLambdaFunctionRecord[]> {
  return loadResources(lambdaFunctionKind, accountId, region, db);
}

export function deletedLambdaArns(accountId: string, region: string, db: Db = prisma): Promise<string[]> {
  return deletedResourceArns(lambdaFunctionKind, accountId, region, db);
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
