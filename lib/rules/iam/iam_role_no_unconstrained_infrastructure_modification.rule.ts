// write, permissions-management and tagging actions granted on every resource of their type without a
// condition (Cloudsplaining's InfrastructureModification). Fixed against Cloudsplaining's known false positives:
// a conditioned grant is not unconstrained (#278), and actions that take no resource ARN at all
// (xray:PutTraceSegments, cloudwatch:PutMetricData) are not counted, since "*" is the only way to grant them
// (#190, #195). A pattern that covers every resource of the type (arn:aws:s3:::*) counts as "*".
import type { RuleDefinition } from "@/lib/rules/types";
import { EXCLUDED_ROLES_SETTINGS, evaluateClass, type ExcludedRolesSettings } from "@/lib/analysis/iam/rule-support";

export const rule: RuleDefinition<ExcludedRolesSettings> = {
  id: "iam_role_no_unconstrained_infrastructure_modification",
  catalogueId: "R-03",
  title: "IAM role does not grant write actions on every resource",
  severity: "low",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports roles that may call Write, Permissions management or Tagging actions (access levels from the AWS Service Authorization Reference) on every resource of the action's type, without a condition and after Denies and the permissions boundary. Actions that cannot be scoped to a resource are left out.",
  risk:
    "Unscoped write access lets a compromised function change or delete resources that have nothing to do with its job: other teams' tables, queues, functions and their configuration.",
  remediation: {
    text: "Scope each write action to the ARNs the workload writes to (a table, a queue, a bucket prefix), or add a condition (aws:ResourceTag, aws:RequestedRegion) where ARNs cannot be listed.",
    cli: "aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://scoped-writes.json",
    cloudformation: [
      "Policies:",
      "  - PolicyName: orders-writes",
      "    PolicyDocument:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Action: [dynamodb:PutItem, dynamodb:UpdateItem]",
      "          Resource: !GetAtt OrdersTable.Arn",
    ].join("\n"),
    terraform: [
      "data \"aws_iam_policy_document\" \"orders_writes\" {",
      "  statement {",
      "    actions   = [\"dynamodb:PutItem\", \"dynamodb:UpdateItem\"]",
      "    resources = [aws_dynamodb_table.orders.arn]",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://cloudsplaining.readthedocs.io/en/latest/glossary/infrastructure-modification/",
    "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  ],
  settings: EXCLUDED_ROLES_SETTINGS,
  evaluate: evaluateClass({ klass: "infrastructureModification", noun: "write, permissions-management or tagging actions", verb: "modify infrastructure with", what: "the infrastructure-modification actions" }),
};
