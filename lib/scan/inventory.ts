// What rules see, and what one service's unit learns from the others' stored inventory.
import type { RuleInventory } from "@/lib/rules/types";
import type { CollectContext } from "@/scanners/types";
import { env } from "@/lib/env";
import { loadAccountInventory, lambdaRoleArns, recentLastAccessedReports } from "@/lib/db/inventory";

/** The stored, live inventory of one account (every region) that rules evaluate. */
export function loadRuleInventory(accountId: string): Promise<RuleInventory> {
  return loadAccountInventory(accountId);
}

/**
 * Hints for a service's collection from other services' stored inventory (see CollectContext.hints). IAM:
 * last-accessed reports are generated for the roles Lambda functions use, except those whose stored report
 * is younger than LANTERN_LAST_ACCESSED_MAX_AGE_HOURS, which are carried forward (each report costs IAM calls
 * and a job; IAM's data behind it changes slowly).
 */
export async function collectHints(serviceId: string, accountId: string, now = new Date()): Promise<CollectContext["hints"]> {
  if (serviceId !== "iam") return {};
  const roles = await lambdaRoleArns(accountId);
  const since = new Date(now.getTime() - env().LANTERN_LAST_ACCESSED_MAX_AGE_HOURS * 3600_000);
  const reuseLastAccessed = await recentLastAccessedReports(accountId, roles, since);
  return { lambdaRoleArns: roles.filter((arn) => !(arn in reuseLastAccessed)), reuseLastAccessed };
}
