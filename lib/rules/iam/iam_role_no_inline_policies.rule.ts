// R-18: permissions in managed policies rather than inline ones (ScoutSuite iam-role-with-inline-policies,
// LambdaGuard info). Inline policies are not versioned, cannot be reused or attached elsewhere, and do not
// show up in policy listings, so reviews and rollbacks miss them. Low severity: many tools (CDK's
// DefaultPolicy, SAM policy templates) write inline policies on purpose.
//
// Excluded (no result): service-linked roles (AWS-owned) and IAM Identity Center roles (/aws-reserved/), whose
// inline policy comes from a permission set and is changed there, not on the role. An inline policy that
// could not be read is still an inline policy, so it counts.
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { isAwsReservedRole, isServiceLinkedRole } from "@/lib/analysis/iam-trust";
import { roleBase } from "./trust-rules";

export const rule: RuleDefinition = {
  id: "iam_role_no_inline_policies",
  catalogueId: "R-18",
  title: "IAM role gets its permissions from managed policies, not inline policies",
  severity: "low",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports roles that carry inline (embedded) policies. Customer managed policies hold the same statements " +
    "with version history, can be reviewed and listed on their own, and can be attached to several roles. " +
    "Service-linked roles and IAM Identity Center roles are not judged.",
  risk:
    "Inline permissions have no versions to compare or roll back to and are easy to overlook in reviews that list " +
    "managed policies, so over-broad grants stay unnoticed longer.",
  remediation: {
    text:
      "Create a customer managed policy with the inline policy's document, attach it to the role, then delete " +
      "the inline policy. In CloudFormation and Terraform, move the statements to a managed policy resource.",
    cli: [
      "aws iam get-role-policy --role-name <role-name> --policy-name <policy-name> --query PolicyDocument > policy.json",
      "aws iam create-policy --policy-name <role-name>-policy --policy-document file://policy.json",
      "aws iam attach-role-policy --role-name <role-name> --policy-arn arn:aws:iam::<account-id>:policy/<role-name>-policy",
      "aws iam delete-role-policy --role-name <role-name> --policy-name <policy-name>",
    ].join("\n"),
    cloudformation: [
      "FunctionPolicy:",
      "  Type: AWS::IAM::ManagedPolicy",
      "  Properties:",
      "    Roles: [!Ref FunctionRole]",
      "    PolicyDocument:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Action: dynamodb:GetItem",
      "          Resource: !GetAtt Table.Arn",
    ].join("\n"),
    terraform: [
      'resource "aws_iam_policy" "function" {',
      '  name   = "${var.function_name}-policy"',
      "  policy = data.aws_iam_policy_document.function.json",
      "}",
      "",
      'resource "aws_iam_role_policy_attachment" "function" {',
      "  role       = aws_iam_role.function.name",
      "  policy_arn = aws_iam_policy.function.arn",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#choosing-managed-or-inline",
  ],
  evaluate(inventory) {
    return inventory.iamRoles.flatMap((role): RuleResult[] => {
      if (isServiceLinkedRole(role) || isAwsReservedRole(role)) return [];
      // Records stored by an older scanner may lack the field; that is a gap, not a pass.
      if (!Array.isArray(role.inlinePolicies)) {
        return [{
          ...roleBase(role),
          status: "UNKNOWN",
          message: `Could not tell whether IAM role ${role.name} has inline policies: its inventory record has no inline policy data.`,
          evidence: { inlinePolicies: null },
        }];
      }
      const names = role.inlinePolicies.map((p) => p.name);
      const evidence = {
        inlinePolicies: role.inlinePolicies.map((p) => ({ name: p.name, status: p.policy.status })),
        attachedPolicies: (role.attachedPolicies ?? []).map((p) => p.arn),
      };
      if (names.length === 0) {
        return [{ ...roleBase(role), status: "PASS", message: `IAM role ${role.name} has no inline policies.`, evidence }];
      }
      return [{
        ...roleBase(role),
        status: "FAIL",
        message: `IAM role ${role.name} has ${names.length === 1 ? "an inline policy" : `${names.length} inline policies`}: ${names.join(", ")}.`,
        evidence,
      }];
    });
  },
};
