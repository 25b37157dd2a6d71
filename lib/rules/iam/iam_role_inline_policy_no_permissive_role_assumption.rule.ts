// sts:AssumeRole on every role (Prowler iam_no_custom_policy_permissive_role_assumption, Steampipe
// iam_policy_custom_no_permissive_role_assumption). Wildcards in actions are read (sts:*, sts:Assume*, "*",
// NotAction) and so are resource patterns that reach roles of any account.
// This rule judges the inline policies of IAM roles (service-linked roles excepted); its twin judges the customer managed policies.
import type { RuleDefinition } from "@/lib/rules/types";
import { evaluateRoleInlinePolicies } from "./policy-rules";
import { ROLE_ASSUMPTION_REFERENCES, ROLE_ASSUMPTION_REMEDIATION, ROLE_ASSUMPTION_TEXT, permissiveRoleAssumption } from "./statement-checks";

export const rule: RuleDefinition = {
  id: "iam_role_inline_policy_no_permissive_role_assumption",
  catalogueId: "R-16",
  title: "IAM role inline policies do not allow sts:AssumeRole on every role",
  severity: "high",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports Allow statements that grant sts:AssumeRole (directly or through sts:*, sts:Assume*, \"*\" or NotAction) on resources that include roles in any account: Resource \"*\", a wildcard account in an iam role ARN, or NotResource. Statements limited to named roles or to the own account's roles, or pinned by an aws:ResourceAccount / aws:ResourceOrgID condition, are not reported. Judges the inline policies of every IAM role except service-linked roles.",
  risk:
    "The principal can assume every role, in any account, whose trust policy lets it in, including roles created later with more permissions. A trust policy that names the account root is then enough to escalate.",
  remediation: ROLE_ASSUMPTION_REMEDIATION,
  references: ROLE_ASSUMPTION_REFERENCES,
  evaluate(inventory) {
    return evaluateRoleInlinePolicies(inventory, permissiveRoleAssumption, ROLE_ASSUMPTION_TEXT);
  },
};
