// R-10 (any principal): a role whose trust policy lets every AWS principal assume it, with nothing that limits
// the caller, is as open as a role can be (Cloudsplaining AssumableByAnyPrincipal, critical). Conditions are
// read (lib/analysis/iam-trust.ts): Principal "*" limited by aws:PrincipalOrgID, sts:ExternalId, an account
// or a network is the "with conditions" class of iam_role_trust_no_conditional_public_access instead, and an
// MFA condition alone does not count (any account can create a user with MFA).
import type { RuleDefinition } from "@/lib/rules/types";
import { evaluateTrust, grantEvidence, roleBase, statementsLabel, trustSummary } from "./trust-rules";
import { TRUST_REFERENCES, TRUST_REMEDIATION } from "./trust-remediation";

export const rule: RuleDefinition = {
  id: "iam_role_trust_not_public",
  catalogueId: "R-10",
  title: "IAM role trust policy does not let every AWS principal assume the role",
  severity: "critical",
  category: "iam",
  resourceType: "iam_role",
  description:
    'Reads each role\'s trust policy and reports Allow statements for Principal "*", {"AWS": "*"} or NotPrincipal ' +
    "that grant sts:AssumeRole, sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity with no condition naming " +
    "who the caller is. Statements limited by aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, " +
    "aws:SourceAccount, sts:ExternalId or a network are judged by the conditional rule instead; MFA, tag and " +
    "IfExists conditions do not limit the caller. Service-linked roles are skipped (AWS owns their trust policy).",
  risk:
    "Anyone with an AWS account can call sts:AssumeRole on the role and receive its permissions: for a Lambda " +
    "execution role that means everything the function can do, from any account, without touching the function.",
  remediation: TRUST_REMEDIATION,
  references: TRUST_REFERENCES,
  evaluate(inventory, ctx) {
    return evaluateTrust(inventory, ctx, "who can assume it", (role, grants) => {
      const open = grants.filter((g) => g.class === "any_principal");
      const evidence = { openGrants: open.map(grantEvidence), trust: trustSummary(grants) };
      if (open.length > 0) {
        return {
          ...roleBase(role),
          status: "FAIL",
          message: `IAM role ${role.name} can be assumed by any principal in any AWS account (${statementsLabel(open)}).`,
          evidence,
        };
      }
      const limited = grants.filter((g) => g.class === "any_principal_conditioned" || g.class === "any_principal_trusted");
      return {
        ...roleBase(role),
        status: "PASS",
        message: limited.length
          ? `IAM role ${role.name} lets any principal assume it only under conditions that name the caller (${statementsLabel(limited)}).`
          : `IAM role ${role.name} does not let every AWS principal assume it.`,
        evidence: { ...evidence, limitedGrants: limited.map(grantEvidence) },
      };
    });
  },
};
