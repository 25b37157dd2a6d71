// What rules see, and what one service's unit learns from the others' stored inventory.
import type { RuleInventory } from "@/lib/rules/types";
import { loadLambdaInventory, lambdaRoleArns } from "@/lib/db/inventory";

/** The stored, live inventory of one account and region that rules evaluate. */
export async function loadRuleInventory(accountId: string, region: string): Promise<RuleInventory> {
  return { accountId, region, lambdaFunctions: region === "global" ? [] : await loadLambdaInventory(accountId, region) };
}

/** Hints for a service's collection from other services' stored inventory (see CollectContext.hints). */
export async function collectHints(serviceId: string, accountId: string): Promise<{ lambdaRoleArns?: string[] }> {
  if (serviceId === "iam") return { lambdaRoleArns: await lambdaRoleArns(accountId) };
  return {};
}
