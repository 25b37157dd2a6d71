// Plumbing shared by the rules that read role trust policies: one trust analysis per evaluation
// (ctx.shared), the UNKNOWN result for an unreadable trust policy, and how grants are shown as evidence.
//
// Excluded: AWS service-linked roles (path /aws-service-role/). AWS writes their trust policies and does not
// let the customer edit them, so a finding could not be acted on (Cloudsplaining's default exclusions skip
// them too). Unlike Cloudsplaining, roles under /service-role/ are NOT excluded: that is the path the Lambda
// console gives execution roles, i.e. customer roles this product is about.
import { analyzeTrustPolicy, isServiceLinkedRole, refLabel, type TrustGrant } from "@/lib/analysis/iam-trust";
import type { RuleContext, RuleInventory, RuleResult } from "@/lib/rules/types";
import type { TIamRoleRecord } from "@/scanners/iam/record";

export const TRUST_ANALYSIS_KEY = "iam-trust:grants-by-role";

/** The classified grants of every role whose trust policy was read, computed once per evaluation. */
export function trustGrantsByRole(inventory: RuleInventory, ctx: RuleContext<unknown>): Map<string, TrustGrant[]> {
  return ctx.shared(TRUST_ANALYSIS_KEY, () => {
    const out = new Map<string, TrustGrant[]>();
    for (const role of inventory.iamRoles) {
      if (role.trustPolicy?.status !== "ok") continue;
      out.set(
        role.arn,
        analyzeTrustPolicy(role.trustPolicy.value.document, {
          accountId: role.accountId,
          trustedAccountIds: ctx.installation.trustedAccountIds,
          trustedOrganizationIds: ctx.installation.trustedOrganizationIds,
        }),
      );
    }
    return out;
  });
}

export function roleBase(role: TIamRoleRecord) {
  return { resourceArn: role.arn, resourceName: role.name, region: "global" };
}

/**
 * Runs `judge` on every role but service-linked ones; an unreadable trust policy is UNKNOWN. `judge` may
 * return null when the rule does not apply to the role (R-11 on a role that trusts no service).
 */
export function evaluateTrust(
  inventory: RuleInventory,
  ctx: RuleContext<unknown>,
  what: string,
  judge: (role: TIamRoleRecord, grants: TrustGrant[]) => RuleResult | null,
): RuleResult[] {
  const byRole = trustGrantsByRole(inventory, ctx);
  const out: RuleResult[] = [];
  for (const role of inventory.iamRoles) {
    if (isServiceLinkedRole(role)) continue;
    const grants = byRole.get(role.arn);
    const t = role.trustPolicy as TIamRoleRecord["trustPolicy"] | undefined;
    if (!t || t.status !== "ok" || !grants) {
      out.push({
        ...roleBase(role),
        status: "UNKNOWN",
        message:
          t?.status === "error"
            ? `Could not read the trust policy of IAM role ${role.name} to tell ${what}: ${t.code}.`
            : `Could not tell ${what} for IAM role ${role.name}: its trust policy was not collected.`,
        evidence: { trustPolicy: t?.status === "error" ? { status: "error", code: t.code, message: t.message } : { status: t?.status ?? null } },
      });
      continue;
    }
    const result = judge(role, grants);
    if (result) out.push(result);
  }
  return out;
}

export function grantEvidence(g: TrustGrant): Record<string, unknown> {
  return {
    sid: g.sid,
    index: g.index,
    principalType: g.principalType,
    principal: g.principal,
    viaNotPrincipal: g.viaNotPrincipal,
    class: g.class,
    accountId: g.accountId,
    actions: g.actions,
    requiresExternalId: g.requiresExternalId,
    requiresMfa: g.requiresMfa,
    confusedDeputyProtected: g.confusedDeputyProtected,
    federation: g.federation,
    deniedBy: g.deniedBy,
    conditions: g.conditions.map((c) => ({
      operator: c.operator,
      key: c.key,
      values: c.values,
      restricts: c.restricts,
      scope: c.scope,
      fromDeny: c.fromDeny,
      note: c.note,
    })),
    reason: g.reason,
    statement: g.statement,
  };
}

/** `statement "A"` or `statements "A", #2`, without repeats. */
export function statementsLabel(grants: Pick<TrustGrant, "index" | "sid">[]): string {
  const labels = [...new Set(grants.map((g) => refLabel({ index: g.index, sid: g.sid })))];
  return `${labels.length === 1 ? "statement" : "statements"} ${labels.join(", ")}`;
}

/** Every trust grant, by class, for the evidence of a passing or failing role. */
export function trustSummary(grants: TrustGrant[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of grants) out[g.class] = (out[g.class] ?? 0) + 1;
  return out;
}
