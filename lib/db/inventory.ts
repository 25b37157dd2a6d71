// Inventory reads that cross services (what rules see, hints for another service's collection). Storage
// itself is generic: resource-store.ts.
import { prisma, type Db } from "./client";
import { loadAccountResources, loadResources, type ResourceKindSpec } from "./resource-store";
import { lambdaAccountSettingsKind, lambdaEventSourceMappingKind, lambdaFunctionKind, lambdaLayerVersionKind } from "./kinds/lambda";
import { iamGroupKind, iamPolicyKind, iamRoleKind, iamUserKind } from "./kinds/iam";
import { apiKeyKind, domainNameKind, restApiKind, usagePlanKind } from "./kinds/apigateway";
import { httpApiKind } from "./kinds/apigatewayv2";
import { NEIGHBOUR_KINDS } from "./kinds/neighbours";
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
    ...(await loadNeighbours(accountId, db)),
  };
}

async function loadNeighbours(accountId: string, db: Db) {
  const k = NEIGHBOUR_KINDS;
  const [s3Buckets, sqsQueues, snsTopics, dynamodbTables, kmsKeys, cloudTrails, logGroups, subnets, accessAnalyzerRegions] = await Promise.all([
    loadAccountResources(k.s3_bucket, accountId, db),
    loadAccountResources(k.sqs_queue, accountId, db),
    loadAccountResources(k.sns_topic, accountId, db),
    loadAccountResources(k.dynamodb_table, accountId, db),
    loadAccountResources(k.kms_key, accountId, db),
    loadAccountResources(k.cloudtrail_trail, accountId, db),
    loadAccountResources(k.logs_log_group, accountId, db),
    loadAccountResources(k.ec2_subnet, accountId, db),
    loadAccountResources(k.accessanalyzer_region, accountId, db),
  ]);
  return { s3Buckets, sqsQueues, snsTopics, dynamodbTables, kmsKeys, cloudTrails, logGroups, subnets, accessAnalyzerRegions };
}

const KIND_MODELS: Record<string, ResourceKindSpec<unknown>> = Object.fromEntries(
  [
    lambdaFunctionKind,
    lambdaLayerVersionKind,
    lambdaEventSourceMappingKind,
    lambdaAccountSettingsKind,
    iamRoleKind,
    iamUserKind,
    iamGroupKind,
    iamPolicyKind,
    restApiKind,
    domainNameKind,
    usagePlanKind,
    apiKeyKind,
    httpApiKind,
    ...Object.values(NEIGHBOUR_KINDS),
  ].map((k) => [k.resourceType, k as ResourceKindSpec<unknown>]),
);

/** Tags of a stored record, whatever its kind stores them as (a map, or a fetched/listed map); null when unknown. */
export function tagsOfRecord(config: unknown): Record<string, string> | null {
  const t = (config as { tags?: unknown } | null)?.tags;
  if (!t || typeof t !== "object") return null;
  if ("status" in t) {
    const fetched = t as { status: string; value?: Record<string, string> };
    return fetched.status === "ok" ? (fetched.value ?? null) : null;
  }
  return t as Record<string, string>;
}

/**
 * Tags of the resources findings are about, by ARN. Findings about a part of a resource (a stage, a route) whose
 * ARN is not a stored resource get null: a tag condition does not match them.
 */
export async function resourceTags(findings: { resourceType: string; resourceArn: string }[], db: Db = prisma): Promise<Map<string, Record<string, string> | null>> {
  const out = new Map<string, Record<string, string> | null>();
  const byType = new Map<string, string[]>();
  for (const f of findings) byType.set(f.resourceType, [...(byType.get(f.resourceType) ?? []), f.resourceArn]);
  for (const [type, arns] of byType) {
    const spec = KIND_MODELS[type];
    if (!spec) continue;
    const rows = (await (db[spec.model] as unknown as { findMany(a: unknown): Promise<{ arn: string; config: unknown }[]> }).findMany({
      where: { arn: { in: arns } },
      select: { arn: true, config: true },
    })) as { arn: string; config: unknown }[];
    for (const r of rows) out.set(r.arn, tagsOfRecord(r.config));
  }
  return out;
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
