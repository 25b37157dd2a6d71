// resource ARN with a wildcard account id (LambdaGuard low).
// This rule judges customer managed policies (default version; AWS managed policies are not judged); its twin judges the inline policies of roles.
import type { RuleDefinition } from "@/lib/rules/types";
import { evaluateCustomerPolicies } from "./policy-rules";
import { WILDCARD_ACCOUNT_REFERENCES, WILDCARD_ACCOUNT_REMEDIATION, WILDCARD_ACCOUNT_TEXT, wildcardAccountResources } from "./statement-checks";

export const rule: RuleDefinition = {
  id: "iam_policy_no_wildcard_account_resources",
  catalogueId: "R-19",
  title: "Customer managed policy names resources with a concrete account id",
  severity: "low",
  category: "iam",
  resourceType: "iam_policy",
  description:
    "Reports Allow statements whose Resource ARNs have a wildcard in the account field (\"arn:aws:sqs:*:*:orders\", \"arn:aws:lambda:us-east-1:*:function:x\"). Account-less ARNs such as S3 buckets, Resource \"*\", policy variables like ${aws:PrincipalAccount}, Deny statements and statements pinned by aws:ResourceAccount or aws:ResourceOrgID are not reported. Judges customer managed policies (default version); AWS managed policies are not judged.",
  risk:
    "The grant reaches same-named resources in every AWS account, including ones an attacker creates: writes (sqs:SendMessage, s3:PutObject, lambda:InvokeFunction) can then carry data out to a resource whose policy lets anyone in.",
  remediation: WILDCARD_ACCOUNT_REMEDIATION,
  references: WILDCARD_ACCOUNT_REFERENCES,
  evaluate(inventory) {
    return evaluateCustomerPolicies(inventory, wildcardAccountResources, WILDCARD_ACCOUNT_TEXT);
  },
};
