// What the IAM privilege rules (R-01..R-09, R-13) share: the account's analysis computed once per evaluation,
// the per-role loop with its UNKNOWN cases, role exclusions, and evidence shapes. The rules themselves stay
// thin: each judges one part of the analysis.
import { z } from "zod";
import { isAwsReservedRole, isServiceLinkedRole } from "@/lib/analysis/iam-trust";
import type { ResourceType, RuleContext, RuleInventory, RuleResult, RuleSettingsSpec } from "@/lib/rules/types";
import { analyzeAccountIam, type IamAnalysis } from "./analyze";
import type { EscalationStep } from "./escalation";
import type { ChainLink } from "./graph";
import type { Principal } from "./permissions";

export const IAM_ANALYSIS_KEY = "iam";

/** The account's IAM analysis, computed by the first rule that asks and shared with the others. */
export function iamAnalysis(inventory: RuleInventory, ctx: Pick<RuleContext<unknown>, "shared">): IamAnalysis {
  return ctx.shared(IAM_ANALYSIS_KEY, () => analyzeAccountIam(inventory));
}

export type ExcludedRolesSettings = { excludedRoles: string[] };

export const EXCLUDED_ROLES_DESCRIPTION =
  'Roles not judged, by name or path+name with * wildcards (e.g. "OrganizationAccountAccessRole", "/break-glass/*"). Service-linked and IAM Identity Center roles are never judged.';

export const excludedRolesSchema = z.array(z.string().min(1).max(512)).max(200);

export const EXCLUDED_ROLES_SETTINGS: RuleSettingsSpec<ExcludedRolesSettings> = {
  schema: z.object({ excludedRoles: excludedRolesSchema }),
  defaults: { excludedRoles: [] },
  describe: { excludedRoles: EXCLUDED_ROLES_DESCRIPTION },
};

function globToRegex(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}

export function isExcludedRole(p: Pick<Principal, "name" | "role">, patterns: string[]): boolean {
  if (!p.role) return false;
  if (isServiceLinkedRole(p.role) || isAwsReservedRole(p.role)) return true;
  const pathName = `${p.role.path ?? "/"}${p.name}`;
  return patterns.some((g) => {
    const re = globToRegex(g);
    return re.test(p.name) || re.test(pathName);
  });
}

export function principalBase(p: Principal) {
  return { resourceArn: p.arn, resourceName: p.name, region: "global" };
}

/** UNKNOWN results for what this rule cannot judge: roles not listed completely, policies it could not read. */
export function unknownFor(p: Principal, ctx: RuleContext<unknown>, what: string, kinds: ResourceType[] = ["iam_role", "iam_policy"]): RuleResult | null {
  const missing = kinds.filter((k) => !ctx.complete(k, "global"));
  if (missing.length) {
    return {
      ...principalBase(p),
      status: "UNKNOWN",
      message: `Could not determine ${what} of IAM role ${p.name}: this scan did not list ${missing.map(kindLabel).join(" and ")} completely.`,
      evidence: { incomplete: missing },
    };
  }
  if (p.issues.length) {
    const first = p.issues[0];
    const more = p.issues.length > 1 ? ` and ${p.issues.length - 1} more` : "";
    return {
      ...principalBase(p),
      status: "UNKNOWN",
      message: `Could not determine ${what} of IAM role ${p.name}: policy ${first.policy} could not be read (${first.code ?? first.reason})${more}.`,
      evidence: { unreadablePolicies: p.issues },
    };
  }
  return null;
}

function kindLabel(k: ResourceType): string {
  return { iam_role: "IAM roles", iam_policy: "IAM policies", iam_user: "IAM users", iam_group: "IAM groups", lambda_function: "Lambda functions" }[k as string] ?? k;
}

/** One result per judged role. */
export function forEachRole(
  inventory: RuleInventory,
  ctx: RuleContext<ExcludedRolesSettings>,
  what: string,
  judge: (p: Principal, a: IamAnalysis) => RuleResult,
): RuleResult[] {
  const a = iamAnalysis(inventory, ctx);
  const out: RuleResult[] = [];
  for (const p of a.principals) {
    if (p.kind !== "role" || isExcludedRole(p, ctx.settings.excludedRoles ?? [])) continue;
    out.push(unknownFor(p, ctx as RuleContext<unknown>, what) ?? judge(p, a));
  }
  return out;
}

/** "s3:GetObject, s3:PutObject and 12 more" */
export function listed(items: string[], total = items.length, max = 3): string {
  const shown = items.slice(0, max);
  const rest = total - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/** The evidence of one escalation step, with the statements that allow it. */
export function stepEvidence(a: IamAnalysis, p: Principal, step: EscalationStep, resource: string) {
  return { action: step.action, resource, decision: step.decision, context: step.context ?? null, statements: a.explainStep(p, step, resource) };
}

/** A chain as the UI shows it: principal -> action -> resource -> principal ... */
export function chainEvidence(a: IamAnalysis, chain: ChainLink[]) {
  return chain.map((link) => {
    const from = a.principals[link.from];
    const to = a.principals[link.to];
    const via = a.via(link.edge, link.to);
    const resource = via?.[0] ?? to.arn;
    return {
      from: from.arn,
      technique: link.edge.technique.name,
      techniqueId: link.edge.technique.id,
      link: link.edge.technique.link,
      certainty: link.edge.certainty,
      actions: link.edge.technique.actions,
      via: via ?? null,
      to: to.arn,
      toIsAdministrator: a.adminEquivalent(to) === "definite",
      steps: link.edge.steps.map((s) => stepEvidence(a, from, s, s.resource === "<target>" ? to.arn : s.resource === "<function>" ? resource : s.resource)),
    };
  });
}

/** "role a -> lambda:UpdateFunctionCode on function f -> role b" */
export function chainLabel(a: IamAnalysis, chain: ChainLink[]): string {
  const parts: string[] = [];
  chain.forEach((link, i) => {
    const from = a.principals[link.from];
    const to = a.principals[link.to];
    if (i === 0) parts.push(`${from.kind} ${from.name}`);
    const via = a.via(link.edge, link.to, 1);
    parts.push(`${link.edge.technique.actions.join(" + ")}${via?.length ? ` on function ${via[0].slice(via[0].lastIndexOf(":") + 1)}` : ""}`);
    parts.push(`${to.kind} ${to.name}`);
  });
  return parts.join(" -> ");
}

// ---------------------------------------------------------------------------------------------------------
// The four action-class rules (R-03..R-06) differ only in the class they read and their wording.

export type ClassRuleSpec = {
  klass: "infrastructureModification" | "dataExfiltration" | "credentialsExposure" | "resourceExposure";
  /** "data-exfiltration actions" */
  noun: string;
  /** "read data with" */
  verb: string;
  what: string;
};

export function evaluateClass(spec: ClassRuleSpec) {
  return (inventory: RuleInventory, ctx: RuleContext<ExcludedRolesSettings>): RuleResult[] =>
    forEachRole(inventory, ctx, spec.what, (p, a) => {
      const c = a.classes(p)[spec.klass];
      const evidence = {
        count: c.count,
        actions: c.actions,
        services: c.services,
        statements: c.statements,
        conditionalCount: c.conditionalCount,
        conditionalActions: c.conditionalActions,
        conditionalStatements: c.conditionalStatements,
        boundary: p.boundaryArn,
      };
      if (c.count > 0) {
        const where = c.statements.length === 1 ? ` (policy ${c.statements[0].policy}, statement ${c.statements[0].sid ? `"${c.statements[0].sid}"` : `#${c.statements[0].statement}`})` : "";
        return {
          ...principalBase(p),
          status: "FAIL",
          message: `IAM role ${p.name} can ${spec.verb} ${c.count} ${c.count === 1 ? "action" : "actions"} on every resource without a condition: ${listed(c.actions, c.count)}${where}.`,
          evidence,
        };
      }
      const conditional = c.conditionalCount
        ? ` ${c.conditionalCount} ${c.conditionalCount === 1 ? "is" : "are"} granted on every resource only under a condition (${listed(c.conditionalActions, c.conditionalCount)}).`
        : "";
      return { ...principalBase(p), status: "PASS", message: `IAM role ${p.name} grants no ${spec.noun} on every resource without a condition.${conditional}`, evidence };
    });
}
