// Permissions management actions (s3:PutBucketPolicy, lambda:AddPermission, kms:PutKeyPolicy,
// sqs:SetQueueAttributes... and IAM's own) granted on every resource without a condition (Cloudsplaining's
// ResourceExposure, PMapper's endgame preset): the role can open any resource to any account or to the world.
import type { RuleDefinition } from "@/lib/rules/types";
import { EXCLUDED_ROLES_SETTINGS, evaluateClass, type ExcludedRolesSettings } from "@/lib/analysis/iam/rule-support";

export const rule: RuleDefinition<ExcludedRolesSettings> = {
  id: "iam_role_no_resource_exposure",
  catalogueId: "R-06",
  title: "IAM role does not grant unconstrained permissions-management actions",
  severity: "high",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports roles that may call Permissions management actions (access level from the AWS Service Authorization Reference) on every resource of their type, without a condition and after Denies and the permissions boundary.",
  risk:
    "A role that can rewrite resource policies can make any bucket, key, queue or function public or share it with an attacker's account, which then reads or uses it without ever touching this role again.",
  remediation: {
    text: "Remove permissions-management actions the workload does not need; scope the rest to the resources it manages and to the principals it may grant (conditions such as lambda:Principal or kms:GrantIsForAWSResource).",
    cli: "aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://without-policy-writes.json",
    cloudformation: [
      "Policies:",
      "  - PolicyName: allow-s3-invoke",
      "    PolicyDocument:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Action: lambda:AddPermission",
      "          Resource: !GetAtt Function.Arn",
      "          Condition:",
      "            StringEquals: { lambda:Principal: s3.amazonaws.com }",
    ].join("\n"),
    terraform: [
      "data \"aws_iam_policy_document\" \"allow_s3_invoke\" {",
      "  statement {",
      "    actions   = [\"lambda:AddPermission\"]",
      "    resources = [aws_lambda_function.this.arn]",
      "    condition {",
      "      test     = \"StringEquals\"",
      "      variable = \"lambda:Principal\"",
      "      values   = [\"s3.amazonaws.com\"]",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://cloudsplaining.readthedocs.io/en/latest/glossary/resource-exposure/",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html",
  ],
  settings: EXCLUDED_ROLES_SETTINGS,
  evaluate: evaluateClass({ klass: "resourceExposure", noun: "permissions-management actions", verb: "change resource policies and permissions with", what: "the resource-exposure actions" }),
};
