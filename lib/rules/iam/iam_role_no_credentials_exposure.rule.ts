// actions whose response carries credentials (ecr:GetAuthorizationToken, iam:CreateAccessKey,
// iam:UpdateAccessKey, redshift:GetClusterCredentials, rds-db:Connect, ...; Cloudsplaining's
// CredentialsExposure list, lib/analysis/iam/classes.ts) granted on every resource without a condition. sts:*
// is judged by the trust graph and by R-16 instead.
import type { RuleDefinition } from "@/lib/rules/types";
import { EXCLUDED_ROLES_SETTINGS, evaluateClass, type ExcludedRolesSettings } from "@/lib/analysis/iam/rule-support";

export const rule: RuleDefinition<ExcludedRolesSettings> = {
  id: "iam_role_no_credentials_exposure",
  catalogueId: "R-05",
  title: "IAM role does not grant unconstrained actions that return credentials",
  severity: "high",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports roles that may call actions returning credentials (access keys, authorization tokens, database credentials, instance passwords) on every resource, without a condition and after Denies and the permissions boundary.",
  risk:
    "Credentials obtained this way outlive the function invocation and work from anywhere: an attacker who controls the function can mint access keys for other users or tokens for registries and databases and keep using them after the function is fixed.",
  remediation: {
    text: "Remove the credential-returning actions the workload does not call; scope the rest to the resources it needs (a registry, a database user), or move the need into a service that brokers the credentials.",
    cli: "aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://without-credential-actions.json",
    cloudformation: [
      "Policies:",
      "  - PolicyName: pull-own-repository",
      "    PolicyDocument:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]",
      "          Resource: !GetAtt Repository.Arn",
    ].join("\n"),
    terraform: [
      "data \"aws_iam_policy_document\" \"pull_own_repository\" {",
      "  statement {",
      "    actions   = [\"ecr:BatchGetImage\", \"ecr:GetDownloadUrlForLayer\"]",
      "    resources = [aws_ecr_repository.app.arn]",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://cloudsplaining.readthedocs.io/en/latest/glossary/credentials-exposure/",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    "https://docs.aws.amazon.com/AmazonECR/latest/userguide/security-iam-awsmanpol.html",
  ],
  settings: EXCLUDED_ROLES_SETTINGS,
  evaluate: evaluateClass({ klass: "credentialsExposure", noun: "credential-returning actions", verb: "obtain credentials with", what: "the credential-returning actions" }),
};
