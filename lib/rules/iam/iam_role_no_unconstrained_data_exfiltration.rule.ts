// high-value reads (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, RDS snapshot copies,
// lib/analysis/iam/classes.ts DATA_EXFILTRATION_ACTIONS) granted on every resource without a condition
// (Cloudsplaining's DataExfiltration). "Every resource" means every resource of the type in the account:
// arn:aws:secretsmanager:*:<account>:secret:* is as open as "*". A conditioned grant is reported only in the evidence.
import type { RuleDefinition } from "@/lib/rules/types";
import { EXCLUDED_ROLES_SETTINGS, evaluateClass, type ExcludedRolesSettings } from "@/lib/analysis/iam/rule-support";

export const rule: RuleDefinition<ExcludedRolesSettings> = {
  id: "iam_role_no_unconstrained_data_exfiltration",
  catalogueId: "R-04",
  title: "IAM role does not grant unconstrained reads of secrets, parameters or objects",
  severity: "medium",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports roles that may read every S3 object, SSM parameter or Secrets Manager secret of the account, or copy or snapshot every RDS database, without a condition and after Denies and the permissions boundary.",
  risk:
    "A function that can read every secret and parameter hands an attacker who controls it the credentials of every other system (databases, payment providers, signing keys), and unconstrained s3:GetObject has a long history of data leaks.",
  remediation: {
    text: "Scope the reads to the secrets, parameters and bucket prefixes the function needs (arn:aws:secretsmanager:<region>:<account>:secret:prod/orders/*), or add a condition such as secretsmanager:ResourceTag/team.",
    cli: "aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://scoped-secret-reads.json",
    cloudformation: [
      "Policies:",
      "  - PolicyName: read-own-secret",
      "    PolicyDocument:",
      "      Version: '2012-10-17'",
      "      Statement:",
      "        - Effect: Allow",
      "          Action: secretsmanager:GetSecretValue",
      "          Resource: !Ref StripeSecret",
    ].join("\n"),
    terraform: [
      "data \"aws_iam_policy_document\" \"read_own_secret\" {",
      "  statement {",
      "    actions   = [\"secretsmanager:GetSecretValue\"]",
      "    resources = [aws_secretsmanager_secret.stripe.arn]",
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/",
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html",
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html",
  ],
  settings: EXCLUDED_ROLES_SETTINGS,
  evaluate: evaluateClass({ klass: "dataExfiltration", noun: "data-exfiltration actions", verb: "read data with", what: "the data-exfiltration actions" }),
};
