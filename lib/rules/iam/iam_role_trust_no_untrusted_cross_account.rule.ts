// R-10 (cross-account): a role that an AWS principal of another account can assume, where that account is
// not in the installation's trusted accounts (Cloudsplaining AssumableByCrossAccountPrincipal with its
// known-accounts list). "arn:aws:iam::<own account>:root" is the role's own account, not cross-account. A
// condition limiting the principal to a trusted organization (aws:PrincipalOrgID) counts as trusted. Whether
// the grant requires sts:ExternalId or MFA is reported with it (CloudSploit crossAccountMfaExtIdAccess,
// ScoutSuite iam-assume-role-lacks-external-id-and-mfa) but does not make the other account trusted.
import type { RuleDefinition } from "@/lib/rules/types";
import type { TrustGrant } from "@/lib/analysis/iam-trust";
import { evaluateTrust, grantEvidence, roleBase, statementsLabel, trustSummary } from "./trust-rules";
import { TRUST_REFERENCES, TRUST_REMEDIATION } from "./trust-remediation";

function describeAccount(g: TrustGrant): string {
  const guards = [g.requiresExternalId ? "sts:ExternalId" : null, g.requiresMfa ? "MFA" : null].filter(Boolean);
  const who = g.principalType === "CanonicalUser" ? `canonical user ${g.principal}` : (g.accountId ?? g.principal);
  return `${who} (${guards.length ? `requires ${guards.join(" and ")}` : "no sts:ExternalId or MFA required"})`;
}

export const rule: RuleDefinition = {
  id: "iam_role_trust_no_untrusted_cross_account",
  catalogueId: "R-10",
  title: "IAM role can be assumed only from its own account and trusted accounts",
  severity: "medium",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports trust-policy statements that let an AWS principal (account root, role, user or session) of another " +
    "account assume the role, unless that account is listed as trusted on the settings page or a condition " +
    "limits the caller to a trusted organization or account. Says whether each grant requires sts:ExternalId or " +
    "MFA. Principals of the role's own account, AWS services, federated identity providers and the unique ids " +
    "IAM leaves for deleted principals are not cross-account. Service-linked roles are skipped.",
  risk:
    "The other account decides who among its users and roles may use this role, and with which credentials " +
    "hygiene. A compromised or former partner account keeps the role's permissions until the trust policy changes.",
  remediation: TRUST_REMEDIATION,
  references: TRUST_REFERENCES,
  evaluate(inventory, ctx) {
    return evaluateTrust(inventory, ctx, "which accounts can assume it", (role, grants) => {
      const crossAccount = grants.filter((g) => g.class === "cross_account");
      const trusted = grants.filter((g) => g.class === "trusted_account");
      const evidence = { crossAccountGrants: crossAccount.map(grantEvidence), trustedGrants: trusted.map(grantEvidence), trust: trustSummary(grants) };
      if (crossAccount.length > 0) {
        const accounts = [...new Set(crossAccount.map(describeAccount))];
        return {
          ...roleBase(role),
          status: "FAIL",
          message: `IAM role ${role.name} can be assumed from ${accounts.length === 1 ? "an untrusted account" : "untrusted accounts"}: ${accounts.join(", ")} (${statementsLabel(crossAccount)}).`,
          evidence,
        };
      }
      return {
        ...roleBase(role),
        status: "PASS",
        message: trusted.length
          ? `IAM role ${role.name} can be assumed from other accounts only when they are trusted (${[...new Set(trusted.map((g) => g.accountId ?? g.principal))].join(", ")}).`
          : `IAM role ${role.name} cannot be assumed by principals of other AWS accounts.`,
        evidence,
      };
    });
  },
};
