// R-02: a role must not grant every action of a service ("s3:*", "kinesis:*", or NotAction covering a whole
// service). Judged on effective permissions: a wildcard cut down by a Deny or by the permissions boundary is
// not a service wildcard any more. Action "*" is R-01's. Resource scoping and conditions do not make it pass
// (Security Hub IAM.21 and Cloudsplaining's ServiceWildcard look at the actions alone); the evidence says
// which wildcards are scoped or conditional.
import type { RuleDefinition } from "@/lib/rules/types";
import { EXCLUDED_ROLES_SETTINGS, forEachRole, listed, principalBase, type ExcludedRolesSettings } from "@/lib/analysis/iam/rule-support";

export const rule: RuleDefinition<ExcludedRolesSettings> = {
  id: "iam_role_no_service_wildcard",
  catalogueId: "R-02",
  title: "IAM role does not grant every action of a service",
  severity: "medium",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports roles whose effective permissions include every action of a service through a wildcard such as " +
    "\"s3:*\" or \"dynamodb:*\", or through NotAction, after explicit Denies and the permissions boundary. " +
    "Grants of Action \"*\" are reported by the administrator-access rule instead.",
  risk:
    "A service wildcard grants the service's destructive and permissions-management actions along with the few " +
    "the workload calls (s3:* includes s3:PutBucketPolicy and s3:DeleteBucket), and every action AWS adds to the " +
    "service later. A compromised function can then do far more than its job.",
  remediation: {
    text:
      "List the actions the workload calls instead of the wildcard (IAM Access Analyzer's policy generation or " +
      "the role's last-accessed data show which), and scope them to the resources it uses.",
    cli: "aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://scoped-actions.json",
    cloudformation: [
      "Policies:",
      "  - PolicyName: thumbnails",
      "    PolicyDocument:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Action: [s3:GetObject, s3:PutObject]",
      "          Resource: !Sub '${ThumbnailBucket.Arn}/*'",
    ].join("\n"),
    terraform: [
      'data "aws_iam_policy_document" "thumbnails" {',
      "  statement {",
      '    actions   = ["s3:GetObject", "s3:PutObject"]',
      '    resources = ["${aws_s3_bucket.thumbnails.arn}/*"]',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
    "https://cloudsplaining.readthedocs.io/en/latest/glossary/service-wildcard/",
  ],
  frameworks: { "aws-fsbp": ["IAM.21"] },
  settings: EXCLUDED_ROLES_SETTINGS,
  evaluate(inventory, ctx) {
    return forEachRole(inventory, ctx, "the service wildcards", (p, a) => {
      const wildcards = a.classes(p).serviceWildcards;
      const services = [...new Set(wildcards.map((w) => w.service))];
      const evidence = { serviceWildcards: wildcards, services, boundary: p.boundaryArn };
      if (!services.length) return { ...principalBase(p), status: "PASS", message: `IAM role ${p.name} does not grant every action of any service.`, evidence };
      const first = wildcards[0].statement;
      const scope = wildcards.every((w) => w.resourceScoped) ? " on specific resources" : "";
      const cond = wildcards.every((w) => w.conditional) ? " under a condition" : "";
      return {
        ...principalBase(p),
        status: "FAIL",
        message:
          services.length === 1
            ? `IAM role ${p.name} grants every action of ${services[0]}${scope}${cond} (policy ${first.policy}, statement ${first.sid ? `"${first.sid}"` : `#${first.statement}`}).`
            : `IAM role ${p.name} grants every action of ${services.length} services${scope}${cond}: ${listed(services, services.length, 5)}.`,
        evidence,
      };
    });
  },
};
