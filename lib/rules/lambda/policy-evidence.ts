// How Lambda rules show policy statements to the UI: the statement's own fields plus the verdict on
// each condition, so a reviewer sees both what was granted and why it was (not) judged public.
import type { StatementAssessment } from "@/lib/analysis/policy-exposure";

export function statementEvidence(s: StatementAssessment): Record<string, unknown> {
  return {
    sid: s.sid,
    index: s.index,
    reason: s.kind,
    principal: s.principal,
    notPrincipal: s.notPrincipal,
    action: s.actions,
    notAction: s.notActions,
    resource: s.statement.Resource ?? null,
    condition: s.statement.Condition ?? null,
    invokeActions: s.invokeActions,
    viaFunctionUrl: s.viaFunctionUrl,
    conditionsConsidered: s.conditions,
    neutralizedBy: s.neutralizedBy,
  };
}

/** `"MySid"` for statements with a Sid, `#2` (1-based position) otherwise. */
export function statementLabel(s: Pick<StatementAssessment, "sid" | "index">): string {
  return s.sid ? `"${s.sid}"` : `#${s.index + 1}`;
}
