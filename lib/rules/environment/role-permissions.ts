// Can an IAM role perform one action on one resource? A deliberately small evaluator of the role's identity
// policies (inline, attached managed, permissions boundary) for the environment rules, conservative towards
// UNKNOWN: a policy document or managed policy that is not in the inventory makes the answer unknown, and a
// statement with conditions makes it conditional (conditions are not evaluated). Service control policies and
// session policies are not seen. Wildcards in actions and resources are matched as IAM does (* and ?).
import type { TStatement } from "@/lib/aws/policy-document";
import type { TIamPolicyRecord, TIamRoleRecord } from "@/scanners/iam/record";
import { actionMatches } from "./links";

export type Decision = "allowed" | "conditional" | "denied" | "unknown";

type Source = { statements: TStatement[] } | { unknown: string };

function resourceMatches(pattern: string, resource: string): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`).test(resource);
}

function applies(s: TStatement, action: string, resources: string[]): boolean {
  const actionOk = s.Action ? s.Action.some((p) => actionMatches(p, action)) : s.NotAction ? !s.NotAction.some((p) => actionMatches(p, action)) : false;
  if (!actionOk) return false;
  // Any of the resource ARNs the action may be authorized against.
  return resources.some((r) =>
    s.Resource ? s.Resource.some((p) => resourceMatches(p, r)) : s.NotResource ? !s.NotResource.some((p) => resourceMatches(p, r)) : false,
  );
}

const hasConditions = (s: TStatement) => !!s.Condition && Object.keys(s.Condition).length > 0;

function decide(sources: Source[], action: string, resources: string[]): { decision: Decision; reason: string | null } {
  const unknown = sources.find((s): s is { unknown: string } => "unknown" in s);
  const statements = sources.flatMap((s) => ("statements" in s ? s.statements : []));
  const matching = statements.filter((s) => applies(s, action, resources));
  if (matching.some((s) => s.Effect === "Deny" && !hasConditions(s))) return { decision: "denied", reason: "an explicit Deny" };
  // A policy that could not be read may hold a Deny: only an explicit Deny is certain then.
  if (unknown) return { decision: "unknown", reason: unknown.unknown };
  const allows = matching.filter((s) => s.Effect === "Allow");
  const conditionalDeny = matching.some((s) => s.Effect === "Deny");
  if (allows.some((s) => !hasConditions(s)) && !conditionalDeny) return { decision: "allowed", reason: null };
  if (allows.length > 0) return { decision: "conditional", reason: "conditions decide" };
  return { decision: "denied", reason: "no statement allows it" };
}

function managedStatements(arn: string, policies: TIamPolicyRecord[]): Source {
  const p = policies.find((x) => x.arn === arn);
  if (!p) return { unknown: `managed policy ${arn} is not in the inventory` };
  const v = p.versions.find((x) => x.isDefault) ?? p.versions.find((x) => x.versionId === p.defaultVersionId);
  if (!v) return { unknown: `managed policy ${p.name} has no default version in the inventory` };
  if (v.policy.status !== "ok") return { unknown: `managed policy ${p.name} could not be read` };
  return { statements: v.policy.value.document.Statement };
}

/** The role's decision for `action` on any of `resources` (the ARNs the action may be authorized against). */
export function roleCan(role: TIamRoleRecord, policies: TIamPolicyRecord[], action: string, resources: string[]): { decision: Decision; reason: string | null } {
  const identity: Source[] = [
    ...role.inlinePolicies.map((p): Source => (p.policy.status === "ok" ? { statements: p.policy.value.document.Statement } : { unknown: `inline policy ${p.name} could not be read` })),
    ...role.attachedPolicies.map((p) => managedStatements(p.arn, policies)),
  ];
  const granted = decide(identity, action, resources);
  if (!role.permissionsBoundary || granted.decision === "denied" || granted.decision === "unknown") return granted;
  const bounded = decide([managedStatements(role.permissionsBoundary.arn, policies)], action, resources);
  if (bounded.decision === "allowed") return granted;
  return { decision: bounded.decision, reason: `permissions boundary: ${bounded.reason}` };
}
