// Whether a REST API's resource policy keeps anonymous callers to known networks: every Allow for any principal
// is limited to VPCs, VPC endpoints or IP ranges, by its own condition or a Deny guard covering it.
import { anyoneInvokeGrants, type AnyoneGrant, type PolicyRestriction } from "@/lib/analysis/api-resource-policy";
import type { TRestApiRecord } from "@/scanners/apigateway/record";
import { restPolicyScope } from "./support";

const NETWORK = new Set(["vpc", "ip"]);

function networkOnly(group: PolicyRestriction[]): boolean {
  return group.length > 0 && group.every((r) => NETWORK.has(r.kind));
}

export function grantIsNetworkLimited(g: AnyoneGrant): boolean {
  return g.denied || g.restrictions.some((r) => NETWORK.has(r.kind)) || g.guards.some(networkOnly);
}

export function grantIsIdentityLimited(g: AnyoneGrant): boolean {
  return g.denied || g.restrictions.some((r) => r.kind === "identity") || g.guards.some((group) => group.length > 0 && group.every((r) => r.kind === "identity"));
}

/**
 * true: the policy grants anonymous invoke only from named networks; false: it does not (no policy, or an open
 * grant); null: the policy could not be read.
 */
export function restApiNetworkRestricted(api: TRestApiRecord): { restricted: boolean | null; grants: AnyoneGrant[] } {
  if (api.policy.status === "error") return { restricted: null, grants: [] };
  if (api.policy.status === "absent") return { restricted: false, grants: [] };
  const grants = anyoneInvokeGrants(api.policy.value.document, restPolicyScope(api));
  return { restricted: grants.length > 0 && grants.every(grantIsNetworkLimited), grants };
}
