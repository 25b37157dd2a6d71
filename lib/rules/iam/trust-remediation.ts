// Remediation and references shared by the trust-policy rules of R-10: the fix is always the same, a trust
// policy that names the accounts (or the organization) that need the role.
import type { RuleDefinition } from "@/lib/rules/types";

export const TRUST_REMEDIATION: RuleDefinition["remediation"] = {
  text:
    "Rewrite the trust policy so that it names only the principals that need the role: a role or account ARN " +
    "of this account or of a trusted account, or Principal \"*\" limited by aws:PrincipalOrgID to your " +
    "organization. For a third party, keep its account as the principal and require the sts:ExternalId it " +
    "gave you. Add accounts and organizations you do trust on Lantern's settings page so they are not reported.",
  cli: [
    "aws iam get-role --role-name <role-name> --query Role.AssumeRolePolicyDocument > trust-policy.json",
    "# edit trust-policy.json: replace \"*\" with the trusted account's role ARN (and an sts:ExternalId condition)",
    "aws iam update-assume-role-policy --role-name <role-name> --policy-document file://trust-policy.json",
  ].join("\n"),
  cloudformation: [
    "Role:",
    "  Type: AWS::IAM::Role",
    "  Properties:",
    "    AssumeRolePolicyDocument:",
    "      Version: '2012-10-17'",
    "      Statement:",
    "        - Effect: Allow",
    "          Principal:",
    "            AWS: !Sub arn:${AWS::Partition}:iam::${TrustedAccountId}:role/${TrustedRoleName}",
    "          Action: sts:AssumeRole",
    "          Condition:",
    "            StringEquals:",
    "              sts:ExternalId: !Ref ExternalId",
  ].join("\n"),
  terraform: [
    'data "aws_iam_policy_document" "trust" {',
    "  statement {",
    '    actions = ["sts:AssumeRole"]',
    "    principals {",
    '      type        = "AWS"',
    '      identifiers = ["arn:aws:iam::${var.trusted_account_id}:role/${var.trusted_role_name}"]',
    "    }",
    "    condition {",
    '      test     = "StringEquals"',
    '      variable = "sts:ExternalId"',
    "      values   = [var.external_id]",
    "    }",
    "  }",
    "}",
    "",
    'resource "aws_iam_role" "this" {',
    "  name               = var.role_name",
    "  assume_role_policy = data.aws_iam_policy_document.trust.json",
    "}",
  ].join("\n"),
};

export const TRUST_REFERENCES = [
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid",
];
