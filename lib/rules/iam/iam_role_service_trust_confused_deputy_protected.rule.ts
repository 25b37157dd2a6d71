// a role that an AWS service may assume should say on whose behalf (aws:SourceAccount, aws:SourceArn,
// aws:SourceOrgID or aws:SourceOrgPaths), so another customer cannot make the service act with it: the
// cross-service confused deputy (IAM User Guide; Prowler iam_role_cross_service_confused_deputy_prevention).
//
// Accuracy, and where this differs from Prowler:
// - Service-linked roles are skipped: AWS owns their trust policy (Prowler skips them too).
// - Services that use a role only when a principal of the role's own account passes it to them
//   (iam:PassRole; a Lambda function's execution role must be in the function's account, an instance profile
//   in the instance's) cannot be pointed at the role by another customer. Flagging every Lambda execution role
//   is the best-known false positive of this check (prowler #2810); these pass with that reason. The list is
//   the `passRoleServices` setting: empty it to get Prowler's behaviour.
// - A Deny "StringNotEquals aws:SourceAccount" protects the role like a positive condition does.
// - Roles that trust no service are not judged (no result); "*" trusts are R-10's business.
import { z } from "zod";
import type { RuleDefinition } from "@/lib/rules/types";
import type { TrustGrant } from "@/lib/analysis/iam-trust";
import { evaluateTrust, grantEvidence, roleBase, statementsLabel } from "./trust-rules";

type Settings = { passRoleServices: string[] };

/** "lambda.amazonaws.com", "lambda.amazonaws.com.cn" and regional forms share the first label. */
function serviceKey(principal: string): string {
  return principal.toLowerCase().split(".")[0];
}

export const rule: RuleDefinition<Settings> = {
  id: "iam_role_service_trust_confused_deputy_protected",
  catalogueId: "R-11",
  title: "IAM role trusted by an AWS service limits the service to this account's resources",
  severity: "high",
  category: "iam",
  resourceType: "iam_role",
  description:
    "For every role whose trust policy lets an AWS service principal assume it, checks that each such statement " +
    "carries aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths with a concrete value (or a " +
    "Deny that keeps other sources out). Services that can only use a role passed to them by a principal of the " +
    "role's own account (iam:PassRole: Lambda, Lambda@Edge, EC2, ECS tasks by default) pass with that reason. " +
    "Service-linked roles and roles that trust no service are not judged.",
  risk:
    "A service that assumes roles on behalf of many customers can be told by another customer to use this role " +
    "(the cross-service confused deputy). Without a source condition, the role's permissions become available " +
    "to whoever configures that service with the role's ARN.",
  remediation: {
    text:
      "Add a condition to every service statement of the trust policy: aws:SourceAccount with this account id, " +
      "and where the service documents it, aws:SourceArn with the resource (rule, schedule, state machine, " +
      "bucket) that uses the role.",
    cli: [
      "aws iam get-role --role-name <role-name> --query Role.AssumeRolePolicyDocument > trust-policy.json",
      '# add to the service statement: "Condition": {"StringEquals": {"aws:SourceAccount": "<account-id>"},',
      '#                                "ArnLike": {"aws:SourceArn": "arn:aws:events:<region>:<account-id>:rule/<rule>"}}',
      "aws iam update-assume-role-policy --role-name <role-name> --policy-document file://trust-policy.json",
    ].join("\n"),
    cloudformation: [
      "SchedulerRole:",
      "  Type: AWS::IAM::Role",
      "  Properties:",
      "    AssumeRolePolicyDocument:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Principal:",
      "            Service: scheduler.amazonaws.com",
      "          Action: sts:AssumeRole",
      "          Condition:",
      "            StringEquals:",
      "              aws:SourceAccount: !Ref AWS::AccountId",
      "            ArnLike:",
      "              aws:SourceArn: !Sub arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/*",
    ].join("\n"),
    terraform: [
      'data "aws_caller_identity" "current" {}',
      "",
      'data "aws_iam_policy_document" "scheduler_trust" {',
      "  statement {",
      '    actions = ["sts:AssumeRole"]',
      "    principals {",
      '      type        = "Service"',
      '      identifiers = ["scheduler.amazonaws.com"]',
      "    }",
      "    condition {",
      '      test     = "StringEquals"',
      '      variable = "aws:SourceAccount"',
      "      values   = [data.aws_caller_identity.current.account_id]",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
  ],
  settings: {
    schema: z.object({ passRoleServices: z.array(z.string().regex(/^[a-z0-9.-]+$/)) }),
    defaults: {
      passRoleServices: ["lambda.amazonaws.com", "edgelambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com"],
    },
    describe: {
      passRoleServices:
        "Service principals that use a role only when a principal of the role's own account passes it (iam:PassRole); their trust statements need no source condition.",
    },
  },
  evaluate(inventory, ctx) {
    const passRole = new Set(ctx.settings.passRoleServices.map(serviceKey));
    return evaluateTrust(inventory, ctx, "whether its service trust is protected", (role, grants) => {
      const services = grants.filter((g) => g.class === "service");
      if (services.length === 0) return null;
      const byPassRole = (g: TrustGrant) => passRole.has(serviceKey(g.principal));
      const unprotected = services.filter((g) => !g.confusedDeputyProtected && !byPassRole(g));
      const evidence = {
        unprotectedGrants: unprotected.map(grantEvidence),
        protectedGrants: services.filter((g) => g.confusedDeputyProtected).map(grantEvidence),
        passRoleOnlyGrants: services.filter((g) => !g.confusedDeputyProtected && byPassRole(g)).map(grantEvidence),
      };
      const names = (gs: TrustGrant[]) => [...new Set(gs.map((g) => g.principal))].join(", ");
      if (unprotected.length > 0) {
        return {
          ...roleBase(role),
          status: "FAIL",
          message: `IAM role ${role.name} lets ${names(unprotected)} assume it without aws:SourceAccount, aws:SourceArn or aws:SourceOrgID (${statementsLabel(unprotected)}).`,
          evidence,
        };
      }
      const viaPassRole = services.filter((g) => !g.confusedDeputyProtected);
      const protectedKeys = [...new Set(services.flatMap((g) => g.conditions.filter((c) => c.restricts && c.key.toLowerCase().startsWith("aws:source")).map((c) => c.key)))];
      const parts = [
        protectedKeys.length ? `limits ${names(services.filter((g) => g.confusedDeputyProtected))} with ${protectedKeys.join(", ")}` : null,
        viaPassRole.length
          ? `trusts ${names(viaPassRole)}, which use${new Set(viaPassRole.map((g) => g.principal)).size === 1 ? "s" : ""} a role only when this account passes it (iam:PassRole)`
          : null,
      ].filter(Boolean);
      return { ...roleBase(role), status: "PASS", message: `IAM role ${role.name} ${parts.join(" and ")}.`, evidence };
    });
  },
};
