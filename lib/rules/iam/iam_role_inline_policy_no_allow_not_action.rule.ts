// NotAction with Allow (LambdaGuard medium, ScoutSuite iam-*-policy-allows-NotActions). Allow + NotAction
// grants everything not listed; Deny + NotAction is the common guardrail shape and is not reported.
// This rule judges the inline policies of IAM roles (service-linked roles excepted); its twin judges the customer managed policies.
import type { RuleDefinition } from "@/lib/rules/types";
import { evaluateRoleInlinePolicies } from "./policy-rules";
import { NOT_ACTION_REFERENCES, NOT_ACTION_REMEDIATION, NOT_ACTION_TEXT, notActionAllow } from "./statement-checks";

export const rule: RuleDefinition = {
  id: "iam_role_inline_policy_no_allow_not_action",
  catalogueId: "R-15",
  title: "IAM role inline policies do not use NotAction with Allow",
  severity: "medium",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports Allow statements that use NotAction. Such a statement grants every action of every AWS service except the listed ones, including actions and services added after it was written. Deny statements with NotAction (\"deny everything except\") are guardrails and are not reported. Judges the inline policies of every IAM role except service-linked roles.",
  risk:
    "The grant is far wider than it reads: an Allow NotAction \"iam:*\" on \"*\" is administrator access minus IAM, and every new AWS service is granted the day it launches.",
  remediation: NOT_ACTION_REMEDIATION,
  references: NOT_ACTION_REFERENCES,
  evaluate(inventory) {
    return evaluateRoleInlinePolicies(inventory, notActionAllow, NOT_ACTION_TEXT);
  },
};
