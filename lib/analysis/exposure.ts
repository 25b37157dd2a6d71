// Which resources of an account can be reached from the internet: the exposure multiplier of the posture score.
// A function is exposed when its function URL takes unauthenticated requests, when its resource policy lets
// anyone invoke it (conditions respected, lib/analysis/policy-exposure.ts), or when an endpoint that needs no
// authentication integrates with it (the endpoint model, lib/analysis/endpoints.ts, when present).
import type { RuleInventory } from "@/lib/rules/types";
import { analyzePublicAccess } from "@/lib/analysis/policy-exposure";

export type ExposureMap = { exposed: Set<string>; reasons: Map<string, string[]> };

export type PublicEndpointHint = { arn: string; apiArn: string | null; functionArns: string[]; reason: string };

export function exposureOf(inventory: RuleInventory, endpoints: PublicEndpointHint[] = []): ExposureMap {
  const reasons = new Map<string, string[]>();
  const add = (arn: string, reason: string) => {
    const list = reasons.get(arn);
    if (list) list.push(reason);
    else reasons.set(arn, [reason]);
  };
  for (const fn of inventory.lambdaFunctions) {
    if (fn.url?.status === "ok" && fn.url.value.authType === "NONE") add(fn.arn, "function URL with auth type NONE");
    if (fn.policy?.status === "ok" && analyzePublicAccess(fn.policy.value.document, { accountId: fn.accountId }).length > 0) {
      add(fn.arn, "resource policy lets anyone invoke it");
    }
  }
  for (const e of endpoints) {
    if (e.apiArn) add(e.apiArn, e.reason);
    for (const fn of e.functionArns) add(fn, e.reason);
  }
  return { exposed: new Set(reasons.keys()), reasons };
}
