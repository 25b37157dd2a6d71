// R-10 (any principal with conditions): Principal "*" kept in check only by conditions (sts:ExternalId, an
// organization or account the installation does not list as trusted, a source network). The conditions may
// well be right, but the role's safety now rests on them alone (Cloudsplaining
// AssumableByAnyPrincipalWithConditions, medium). When a condition limits the caller to this account or to a
// trusted account or organization (ctx.installation), the grant is not reported.
import type { RuleDefinition } from "@/lib/rules/types";
import type { TrustGrant } from "@/lib/analysis/iam-trust";
import { evaluateTrust, grantEvidence, roleBase, statementsLabel, trustSummary } from "./trust-rules";
import { TRUST_REFERENCES, TRUST_REMEDIATION } from "./trust-remediation";

function limitingKeys(grants: TrustGrant[]): string[] {
  return [...new Set(grants.flatMap((g) => g.conditions.filter((c) => c.restricts && c.kind !== "mfa").map((c) => c.key)))];
}

export const rule: RuleDefinition = {
  id: "iam_role_trust_no_conditional_public_access",
  catalogueId: "R-10",
  title: "IAM role trust policy does not rely on conditions alone to keep other accounts out",
  severity: "medium",
  category: "iam",
  resourceType: "iam_role",
  description:
    'Reports trust-policy statements that let Principal "*" (or NotPrincipal) assume the role and are limited ' +
    "only by conditions that do not pin the caller to this account or to a trusted account or organization: " +
    "sts:ExternalId, aws:PrincipalOrgID of an organization not listed as trusted, aws:PrincipalAccount of an " +
    "untrusted account, a source IP or VPC endpoint. A condition limiting the caller to a trusted organization " +
    "(settings page) or to this account passes. Service-linked roles are skipped.",
  risk:
    "Whoever meets the condition gets the role's permissions, from any account: an external id can leak, and an " +
    "organization id that is not yours lets that organization's accounts in. The policy also stays one edited " +
    "condition away from being open to everyone.",
  remediation: TRUST_REMEDIATION,
  references: TRUST_REFERENCES,
  evaluate(inventory, ctx) {
    return evaluateTrust(inventory, ctx, "who can assume it", (role, grants) => {
      const conditioned = grants.filter((g) => g.class === "any_principal_conditioned");
      const trusted = grants.filter((g) => g.class === "any_principal_trusted");
      const evidence = { conditionedGrants: conditioned.map(grantEvidence), trustedGrants: trusted.map(grantEvidence), trust: trustSummary(grants) };
      if (conditioned.length > 0) {
        return {
          ...roleBase(role),
          status: "FAIL",
          message: `IAM role ${role.name} can be assumed by any principal that satisfies ${limitingKeys(conditioned).join(", ")} (${statementsLabel(conditioned)}).`,
          evidence,
        };
      }
      return {
        ...roleBase(role),
        status: "PASS",
        message: trusted.length
          ? `IAM role ${role.name} lets any principal assume it only from this account or trusted accounts and organizations (${limitingKeys(trusted).join(", ")}).`
          : `IAM role ${role.name} has no trust statement that lets any principal assume it under conditions.`,
        evidence,
      };
    });
  },
};
