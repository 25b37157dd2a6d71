// a role nobody has assumed for N days (GetRole/GAAD RoleLastUsed) is standing access without a user
// (CloudSploit iamRoleLastUsed, Steampipe iam_role_unused_60). IAM tracks role use for at most 400 days and
// reports nothing for a role unused in that window, so "no last use" is judged by the creation date: a role
// created within the threshold is new, an older one was never used in IAM's window, and a role with neither
// date is UNKNOWN.
//
// Excluded (no result): service-linked roles, which their service creates and deletes, and IAM Identity
// Center roles (/aws-reserved/), which come and go with permission set assignments, not by hand.
import { z } from "zod";
import type { RuleDefinition, RuleResult } from "@/lib/rules/types";
import { isAwsReservedRole, isServiceLinkedRole } from "@/lib/analysis/iam-trust";
import { roleBase } from "./trust-rules";

type Settings = { unusedDays: number };

const DAY_MS = 24 * 60 * 60 * 1000;

function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export const rule: RuleDefinition<Settings> = {
  id: "iam_role_used_recently",
  catalogueId: "R-14",
  title: "IAM role has been used within the unused-role threshold",
  severity: "low",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Reads each role's last use (RoleLastUsed) and reports roles not assumed for more than the threshold (90 days " +
    "by default), and roles older than the threshold that IAM has no use on record for. Service-linked roles and " +
    "IAM Identity Center roles are not judged.",
  risk:
    "An unused role keeps its permissions and its trust relationships: anyone who can still assume it (a former " +
    "partner, a forgotten CI system, a Lambda function re-created from an old template) gets access that nobody " +
    "is watching for.",
  remediation: {
    text:
      "Confirm with the role's owner that nothing needs it (check CloudTrail for AssumeRole events and the " +
      "functions or services configured with it), then delete it: detach managed policies, delete inline policies " +
      "and instance profiles, then the role.",
    cli: [
      "aws iam get-role --role-name <role-name> --query Role.RoleLastUsed",
      "aws iam list-attached-role-policies --role-name <role-name>",
      "aws iam detach-role-policy --role-name <role-name> --policy-arn <policy-arn>",
      "aws iam list-role-policies --role-name <role-name>",
      "aws iam delete-role-policy --role-name <role-name> --policy-name <policy-name>",
      "aws iam delete-role --role-name <role-name>",
    ].join("\n"),
    cloudformation: "# Remove the AWS::IAM::Role resource (and the policies that reference it) from the template, then update the stack.",
    terraform: '# Remove the aws_iam_role resource and its aws_iam_role_policy / aws_iam_role_policy_attachment resources, then run "terraform apply".',
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html",
  ],
  settings: {
    schema: z.object({ unusedDays: z.number().int().min(1).max(400) }),
    defaults: { unusedDays: 90 },
    describe: { unusedDays: "A role not assumed for more than this many days is reported (IAM keeps at most 400 days of history)." },
  },
  evaluate(inventory, ctx) {
    const limit = ctx.settings.unusedDays;
    const results: RuleResult[] = [];
    for (const role of inventory.iamRoles) {
      if (isServiceLinkedRole(role) || isAwsReservedRole(role)) continue;
      const base = roleBase(role);
      // Records stored by an older scanner may lack the field; that is a gap, not a pass.
      if (role.roleLastUsed === undefined) {
        results.push({ ...base, status: "UNKNOWN", message: `Could not tell when IAM role ${role.name} was last used: its inventory record has no last-use data.`, evidence: { roleLastUsed: null } });
        continue;
      }
      const lastUsed = parseDate(role.roleLastUsed?.date);
      const created = parseDate(role.createDate);
      const evidence = { roleLastUsed: role.roleLastUsed, createDate: role.createDate, unusedDays: limit };

      if (lastUsed) {
        const days = Math.floor((ctx.now.getTime() - lastUsed.getTime()) / DAY_MS);
        const where = role.roleLastUsed?.region ? ` in ${role.roleLastUsed.region}` : "";
        results.push(
          days > limit
            ? { ...base, status: "FAIL", message: `IAM role ${role.name} was last used ${days} days ago (${day(lastUsed)}${where}), more than ${limit} days.`, evidence: { ...evidence, daysSinceLastUse: days } }
            : { ...base, status: "PASS", message: `IAM role ${role.name} was last used ${days} days ago (${day(lastUsed)}${where}).`, evidence: { ...evidence, daysSinceLastUse: days } },
        );
        continue;
      }
      if (!created) {
        results.push({ ...base, status: "UNKNOWN", message: `Could not tell when IAM role ${role.name} was last used: IAM reports no use and no creation date.`, evidence });
        continue;
      }
      const age = Math.floor((ctx.now.getTime() - created.getTime()) / DAY_MS);
      results.push(
        age > limit
          ? { ...base, status: "FAIL", message: `IAM role ${role.name} has no recorded use in IAM's tracking window and was created ${age} days ago (${day(created)}), more than ${limit} days.`, evidence: { ...evidence, daysSinceCreation: age } }
          : { ...base, status: "PASS", message: `IAM role ${role.name} was created ${age} days ago (${day(created)}) and has not been used yet.`, evidence: { ...evidence, daysSinceCreation: age } },
      );
    }
    return results;
  },
};
