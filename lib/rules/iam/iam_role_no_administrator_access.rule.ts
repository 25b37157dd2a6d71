// a role must not hold full administrative access. Judged on effective permissions (lib/analysis/iam):
// every catalog action on every resource, without a condition, after explicit Denies and the permissions
// boundary. "*:*" cut down by a Deny or a boundary still fails when every IAM permissions-management action
// survives the cut, because the role can then rewrite its own policies and take the rest back.
import type { RuleDefinition } from "@/lib/rules/types";
import { EXCLUDED_ROLES_SETTINGS, forEachRole, listed, principalBase, type ExcludedRolesSettings } from "@/lib/analysis/iam/rule-support";

export const rule: RuleDefinition<ExcludedRolesSettings> = {
  id: "iam_role_no_administrator_access",
  catalogueId: "R-01",
  title: "IAM role does not grant full administrative access",
  severity: "critical",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Computes each role's effective permissions from its inline and attached policies (AWS managed ones " +
    "included), its explicit Denies and its permissions boundary, and reports roles that may perform every " +
    "action on every resource without a condition (Action \"*\" on Resource \"*\", AdministratorAccess), or " +
    "\"*\" on \"*\" cut down only by Denies that leave every IAM permissions-management action in place.",
  risk:
    "Whoever controls the role (a Lambda function's code, its dependencies, anyone who can invoke or update the " +
    "function, or assume the role) controls the whole account: data in every service, every other role, and " +
    "the account's billing and audit trail.",
  remediation: {
    text:
      "Replace the administrative grant with the actions and resources the workload uses: start from IAM Access " +
      "Analyzer's policy generation or from the least-privilege proposal of the unused-services rule (R-13), " +
      "attach it, then detach AdministratorAccess or remove the \"*\" statement. A permissions boundary limits " +
      "the role meanwhile.",
    cli: [
      "aws iam put-role-policy --role-name <role-name> --policy-name least-privilege --policy-document file://least-privilege.json",
      "aws iam detach-role-policy --role-name <role-name> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
      "aws iam put-role-permissions-boundary --role-name <role-name> --permissions-boundary <boundary-policy-arn>",
    ].join("\n"),
    cloudformation: [
      "FunctionRole:",
      "  Type: AWS::IAM::Role",
      "  Properties:",
      "    AssumeRolePolicyDocument:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Principal: { Service: lambda.amazonaws.com }",
      "          Action: sts:AssumeRole",
      "    ManagedPolicyArns:",
      "      - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "    Policies:",
      "      - PolicyName: orders-table",
      "        PolicyDocument:",
      "          Version: '2012-10-17'",
      "          Statement:",
      "            - Effect: Allow",
      "              Action: [dynamodb:GetItem, dynamodb:PutItem]",
      "              Resource: !GetAtt OrdersTable.Arn",
    ].join("\n"),
    terraform: [
      'resource "aws_iam_role_policy" "least_privilege" {',
      '  name = "least-privilege"',
      "  role = aws_iam_role.function.id",
      "  policy = jsonencode({",
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Action = ["dynamodb:GetItem", "dynamodb:PutItem"], Resource = aws_dynamodb_table.orders.arn }]',
      "  })",
      "}",
      "# and remove the aws_iam_role_policy_attachment of arn:aws:iam::aws:policy/AdministratorAccess",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
  ],
  frameworks: { "aws-fsbp": ["IAM.1"] },
  settings: EXCLUDED_ROLES_SETTINGS,
  evaluate(inventory, ctx) {
    return forEachRole(inventory, ctx, "the administrative access", (p, a) => {
      const c = a.classes(p);
      const evidence = { adminStatements: c.adminStatements, carveOuts: c.adminCarveOuts, boundary: p.boundaryArn };
      const source = c.adminStatements[0];
      const via = source ? ` through ${source.policyKind === "inline" ? "inline policy" : "policy"} ${source.policy}` : "";
      if (c.admin) {
        return { ...principalBase(p), status: "FAIL", message: `IAM role ${p.name} grants full administrative access (every action on every resource)${via}.`, evidence };
      }
      if (c.adminEquivalent && c.adminCarveOuts) {
        return {
          ...principalBase(p),
          status: "FAIL",
          message: `IAM role ${p.name} grants every action on every resource${via} except ${c.adminCarveOuts.deniedCount} denied actions (${listed(c.adminCarveOuts.services, c.adminCarveOuts.services.length)}), which leaves it every IAM permission to grant itself the rest.`,
          evidence,
        };
      }
      if (c.adminCarveOuts) {
        return {
          ...principalBase(p),
          status: "PASS",
          message: `IAM role ${p.name} does not have full administrative access: its "*" grant${via} is cut by Denies or its permissions boundary, which remove ${c.adminCarveOuts.deniedCount} actions including IAM permissions management.`,
          evidence,
        };
      }
      return { ...principalBase(p), status: "PASS", message: `IAM role ${p.name} does not grant full administrative access.`, evidence };
    });
  },
};
