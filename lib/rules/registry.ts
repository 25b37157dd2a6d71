// Every rule Lantern evaluates, imported one by one (no glob, no barrel) so the bundle and the
// reviewer both see the full list. registry.test.ts checks this list against the files on disk.
import type { AnyRuleDefinition, ResourceType } from "@/lib/rules/types";
import { rule as lambdaFunctionNotPubliclyAccessible } from "@/lib/rules/lambda/lambda_function_not_publicly_accessible.rule";
import { rule as lambdaFunctionUrlAuthRequired } from "@/lib/rules/lambda/lambda_function_url_auth_required.rule";

export const RULES: readonly AnyRuleDefinition[] = [lambdaFunctionNotPubliclyAccessible, lambdaFunctionUrlAuthRequired];

const BY_ID = new Map<string, AnyRuleDefinition>(RULES.flatMap((r) => [[r.id, r], ...(r.aliases ?? []).map((a) => [a, r] as const)]));

/** The rule with this id, or with this id among its aliases (renamed rules keep old ids resolving). */
export function getRule(id: string): AnyRuleDefinition | undefined {
  return BY_ID.get(id);
}

/** Active (not deprecated) rules that judge this resource type. */
export function rulesFor(resourceType: ResourceType): AnyRuleDefinition[] {
  return RULES.filter((r) => r.resourceType === resourceType && !r.deprecated);
}
