// services a role may use but has not used for N days (IAM service last accessed data, collected at
// ACTION_LEVEL for the roles Lambda functions use), with a least-privilege proposal built from what was used:
// each statement keeps its Resource and Condition; unused services are dropped, and so are tracked actions
// unused in the window (actions IAM does not track, such as S3 object reads, are kept).
import { z } from "zod";
import type { RuleDefinition } from "@/lib/rules/types";
import { EXCLUDED_ROLES_DESCRIPTION, excludedRolesSchema, forEachRole, listed, principalBase } from "@/lib/analysis/iam/rule-support";

type Settings = { unusedDays: number; excludedRoles: string[] };

const DAY_MS = 86_400_000;

export const rule: RuleDefinition<Settings> = {
  id: "iam_role_no_unused_services",
  catalogueId: "R-13",
  title: "IAM role grants only services it has used recently",
  severity: "low",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Compares the services each role's effective permissions reach with IAM's service last accessed data and " +
    "reports services not used within the threshold (90 days by default), with a narrowed policy built from the " +
    "services and tracked actions the role did use. Roles IAM was not asked about (only the roles of Lambda " +
    "functions are) are UNKNOWN; roles younger than the threshold pass.",
  risk:
    "Permissions nobody uses are pure attack surface: they do nothing for the workload and everything for whoever " +
    "takes over the function, and they accumulate as code changes.",
  remediation: {
    text:
      "Review the proposal in the evidence (it keeps every statement's resources and conditions) with the role's " +
      "owner, replace the role's policies with it, and watch the function's errors for a day; or generate a policy " +
      "from CloudTrail with IAM Access Analyzer.",
    cli: [
      "aws iam generate-service-last-accessed-details --arn <role-arn> --granularity ACTION_LEVEL",
      "aws iam get-service-last-accessed-details --job-id <job-id>",
      "aws iam put-role-policy --role-name <role-name> --policy-name least-privilege --policy-document file://proposal.json",
    ].join("\n"),
    cloudformation: [
      "# Replace the role's Policies with the proposal from the finding's evidence:",
      "Policies:",
      "  - PolicyName: least-privilege",
      "    PolicyDocument: <proposal>",
    ].join("\n"),
    terraform: [
      'resource "aws_iam_role_policy" "least_privilege" {',
      '  name   = "least-privilege"',
      "  role   = aws_iam_role.function.id",
      '  policy = file("${path.module}/proposal.json") # the proposal from the finding\'s evidence',
      "}",
    ].join("\n"),
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed-view-data.html#access_policies_last-accessed-action-level",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
  ],
  settings: {
    schema: z.object({ unusedDays: z.number().int().min(1).max(400), excludedRoles: excludedRolesSchema }),
    defaults: { unusedDays: 90, excludedRoles: [] },
    describe: {
      unusedDays: "A service not used for more than this many days is reported (IAM tracks at most 400 days).",
      excludedRoles: EXCLUDED_ROLES_DESCRIPTION,
    },
  },
  evaluate(inventory, ctx) {
    const days = ctx.settings.unusedDays;
    return forEachRole(inventory, ctx, "the unused services", (p, a) => {
      const role = p.role!;
      const la = role.lastAccessed;
      if (la.status === "absent") {
        return {
          ...principalBase(p),
          status: "UNKNOWN",
          message: `Could not determine the unused services of IAM role ${p.name}: no service last accessed data was collected for it (it is collected for the roles of Lambda functions).`,
          evidence: { lastAccessed: "absent" },
        };
      }
      if (la.status === "error") {
        return { ...principalBase(p), status: "UNKNOWN", message: `Could not read the service last accessed data of IAM role ${p.name}: ${la.code}.`, evidence: { lastAccessed: { status: "error", code: la.code, message: la.message } } };
      }
      const created = role.createDate ? Date.parse(role.createDate) : NaN;
      if (!Number.isNaN(created) && ctx.now.getTime() - created < days * DAY_MS) {
        const age = Math.floor((ctx.now.getTime() - created) / DAY_MS);
        return { ...principalBase(p), status: "PASS", message: `IAM role ${p.name} was created ${age} days ago, within the ${days}-day window: too new to call any service unused.`, evidence: { createDate: role.createDate, unusedDays: days } };
      }
      const u = a.unused(p, ctx.now, days)!;
      const evidence = {
        unusedDays: days,
        since: u.since,
        reportedAt: u.reportedAt,
        unused: u.unused,
        used: u.used,
        notReported: u.notReported,
        grantedServices: u.grantedServices,
        removedActionCount: u.removedActionCount,
        proposal: u.proposal,
      };
      if (u.unused.length) {
        const names = u.unused.map((s) => s.service);
        return {
          ...principalBase(p),
          status: "FAIL",
          message: `IAM role ${p.name} is granted ${names.length} ${names.length === 1 ? "service" : "services"} it has not used in ${days} days: ${listed(names, names.length, 5)}.`,
          evidence,
        };
      }
      const tracked = u.used.reduce((n, s) => n + s.unusedTrackedActions.length, 0);
      const note = tracked ? ` ${tracked} tracked ${tracked === 1 ? "action has" : "actions have"} not been used; the proposal in the evidence drops them.` : "";
      return { ...principalBase(p), status: "PASS", message: `IAM role ${p.name} has used every service it is granted within ${days} days.${note}`, evidence };
    });
  },
};
