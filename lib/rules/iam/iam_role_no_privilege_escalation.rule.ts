// R-07: named privilege-escalation techniques (pathfinding.cloud / Rhino Security Labs / Cloudsplaining) that
// the role's own permissions allow, checked against the account's real resources (lib/analysis/iam/
// escalation.ts): a technique counts only when every one of its actions is allowed on a matching resource:
// PassRole on a role that trusts the service it is passed to, with iam:PassedToService evaluated; PutRolePolicy
// on the role itself; UpdateFunctionCode on a function whose role has more permissions. Single actions that
// escalate nothing (PassRole alone, read-only IAM) are never reported (prowler #2220, #3807, PR #9879), and a
// technique that only works under a condition is listed in the evidence, not failed.
import type { RuleDefinition } from "@/lib/rules/types";
import type { EscalationFinding, IamAnalysis } from "@/lib/analysis/iam/analyze";
import type { Principal } from "@/lib/analysis/iam/permissions";
import { EXCLUDED_ROLES_SETTINGS, forEachRole, listed, principalBase, stepEvidence, type ExcludedRolesSettings } from "@/lib/analysis/iam/rule-support";

function findingEvidence(a: IamAnalysis, p: Principal, f: EscalationFinding) {
  const target = f.targets[0];
  const resourceOf = (r: string) => (r === "<target>" ? (target?.arn ?? r) : r === "<function>" ? (target?.via?.[0] ?? r) : r);
  return {
    technique: f.technique.name,
    techniqueId: f.technique.id,
    link: f.technique.link,
    alternatives: f.alternatives.map((t) => t.name),
    certainty: f.certainty,
    kind: f.kind,
    gain: f.gain,
    target: f.target,
    targets: f.targets,
    targetCount: f.targetCount,
    steps: f.steps.map((s) => stepEvidence(a, p, s, resourceOf(s.resource))),
  };
}

function describe(f: EscalationFinding): string {
  const actions = f.technique.actions.join(" + ");
  if (f.kind === "self") return `${f.technique.name} (${actions} on ${f.target ? f.target : "itself"})`;
  const t = f.targets[0];
  const who = t ? `${t.kind} ${t.name}${t.adminEquivalent ? ", an administrator" : ""}${f.targetCount > 1 ? ` and ${f.targetCount - 1} more` : ""}` : "";
  return `${f.technique.name} (${actions}) to act as ${who}`;
}

export const rule: RuleDefinition<ExcludedRolesSettings> = {
  id: "iam_role_no_privilege_escalation",
  catalogueId: "R-07",
  title: "IAM role cannot escalate its own privileges",
  severity: "high",
  category: "iam",
  resourceType: "iam_role",
  description:
    "Checks each role's effective permissions against named privilege-escalation techniques: rewriting its own " +
    "policies (PutRolePolicy, AttachRolePolicy, CreatePolicyVersion, SetDefaultPolicyVersion, removing its " +
    "boundary), passing a role to a new Lambda function, EC2 instance, ECS task, Glue job, CloudFormation stack, " +
    "CodeBuild project or SageMaker job, changing the code or configuration of a function with a stronger role, " +
    "assuming or re-trusting another role, and creating credentials for users. A technique counts only when every " +
    "step is allowed on a real resource of the account and the target has permissions the role lacks.",
  risk:
    "A role that can escalate is worth as much as the strongest role it can reach: compromising the function that " +
    "uses it (a vulnerable dependency, an injection) yields administrator access or another team's data.",
  remediation: {
    text:
      "Remove the step the technique cannot do without: scope iam:PassRole to the roles the workload passes and " +
      "add an iam:PassedToService condition; do not grant IAM policy writes (Put*/Attach*/CreatePolicyVersion) " +
      "on the role itself or on policies attached to it; scope lambda:UpdateFunctionCode to the functions the " +
      "principal deploys. A permissions boundary that denies IAM writes caps what any remaining path can reach.",
    cli: [
      "aws iam get-role-policy --role-name <role-name> --policy-name <policy-name>",
      "aws iam put-role-policy --role-name <role-name> --policy-name <policy-name> --policy-document file://without-escalation.json",
      "aws iam put-role-permissions-boundary --role-name <role-name> --permissions-boundary <boundary-policy-arn>",
    ].join("\n"),
    cloudformation: [
      "- Effect: Allow",
      "  Action: iam:PassRole",
      "  Resource: !GetAtt WorkerRole.Arn",
      "  Condition:",
      "    StringEquals: { iam:PassedToService: lambda.amazonaws.com }",
    ].join("\n"),
    terraform: [
      "statement {",
      '  actions   = ["iam:PassRole"]',
      "  resources = [aws_iam_role.worker.arn]",
      "  condition {",
      '    test     = "StringEquals"',
      '    variable = "iam:PassedToService"',
      '    values   = ["lambda.amazonaws.com"]',
      "  }",
      "}",
    ].join("\n"),
  },
  references: [
    "https://pathfinding.cloud/",
    "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
  ],
  settings: EXCLUDED_ROLES_SETTINGS,
  evaluate(inventory, ctx) {
    return forEachRole(inventory, ctx, "the privilege-escalation paths", (p, a) => {
      if (a.adminStatus(p).adminEquivalent) {
        return {
          ...principalBase(p),
          status: "PASS",
          message: `IAM role ${p.name} already has full administrative access, so it has nothing to escalate to (see the administrator-access rule).`,
          evidence: { administrator: true, paths: [] },
        };
      }
      const findings = a.escalations(p);
      const definite = findings.filter((f) => f.certainty === "definite");
      const conditional = findings.filter((f) => f.certainty === "conditional");
      const evidence = { paths: definite.map((f) => findingEvidence(a, p, f)), conditionalPaths: conditional.map((f) => findingEvidence(a, p, f)), boundary: p.boundaryArn };
      if (definite.length) {
        const admin = definite.filter((f) => f.gain === "admin");
        const lead = admin[0] ?? definite[0];
        const more = definite.length > 1 ? ` (${definite.length} techniques in all)` : "";
        return {
          ...principalBase(p),
          status: "FAIL",
          message: `IAM role ${p.name} can ${admin.length ? "become an administrator" : "gain permissions it does not have"} through ${describe(lead)}${more}.`,
          evidence,
        };
      }
      const note = conditional.length ? ` ${conditional.length} ${conditional.length === 1 ? "technique works" : "techniques work"} only under a condition: ${listed(conditional.map((f) => f.technique.name), conditional.length)}.` : "";
      return { ...principalBase(p), status: "PASS", message: `IAM role ${p.name} has no privilege-escalation path of its own.${note}`, evidence };
    });
  },
};
