// Inventory reads that cross services (what rules see, hints for another service's collection). Storage
// itself is generic: resource-store.ts.
import { prisma, type Db } from "./client";
import { loadAccountResources, loadResources } from "./resource-store";
import { lambdaAccountSettingsKind, lambdaEventSourceMappingKind, lambdaFunctionKind, lambdaLayerVersionKind } from "./kinds/lambda";
import { iamGroupKind, iamPolicyKind, iamRoleKind, iamUserKind } from "./kinds/iam";
import { apiKeyKind, domainNameKind, restApiKind, usagePlanKind } from "./kinds/apigateway";
import { httpApiKind } from "./kinds/apigatewayv2";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import type { RuleInventory } from "@/lib/rules/types";

export function loadLambdaInventory(accountId: string, region: string, db: Db = prisma): Promise<TLambdaFunctionRecord[]> {
  return loadResources(lambdaFunctionKind, accountId, region, db);
}

/** The live inventory of one account in every region: what rules evaluate. */
export async function loadAccountInventory(accountId: string, db: Db = prisma): Promise<RuleInventory> {
  const [lambdaFunctions, lambdaLayerVersions, lambdaEventSourceMappings, lambdaAccountSettings, iamRoles, iamUsers, iamGroups, iamPolicies, restApis, apiDomainNames, usagePlans, apiKeys, httpApis] =
    await Promise.all([
      loadAccountResources(lambdaFunctionKind, accountId, db),
      loadAccountResources(lambdaLayerVersionKind, accountId, db),
      loadAccountResources(lambdaEventSourceMappingKind, accountId, db),
      loadAccountResources(lambdaAccountSettingsKind, accountId, db),
      loadAccountResources(iamRoleKind, accountId, db),
      loadAccountResources(iamUserKind, accountId, db),
      loadAccountResources(iamGroupKind, accountId, db),
      loadAccountResources(iamPolicyKind, accountId, db),
      loadAccountResources(restApiKind, accountId, db),
      loadAccountResources(domainNameKind, accountId, db),
      loadAccountResources(usagePlanKind, accountId, db),
      loadAccountResources(apiKeyKind, accountId, db),
      loadAccountResources(httpApiKind, accountId, db),
    ]);
  return {
    accountId,
    lambdaFunctions,
    lambdaLayerVersions,
    lambdaEventSourceMappings,
    lambdaAccountSettings,
    iamRoles,
    iamUsers,
    iamGroups,
    iamPolicies,
    restApis,
    apiDomainNames,
    usagePlans,
    apiKeys,
    httpApis,
    openApiDocuments: [],
  };
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
