// The condition analysis of lib/analysis/policy-exposure.ts for statements that do not name "anyone": a
// service principal (confused deputy, LX-02/LX-09) or an AWS account (cross-account, LX-05). The analysis
// only exports its judgement of anyone-statements, so the statement is assessed as if its principal were "*":
// the conditions, not the principal, decide whether callers are pinned down, so the verdict on them is the
// same. Deny statements of the same document are kept, so a covering Deny still neutralizes the grant.
// (If policy-exposure.ts later exports its per-statement condition assessment, call it here instead.)
import {
  assessAnyoneStatements,
  type ConditionAssessment,
  type ConditionScope,
  type ExposureContext,
} from "@/lib/analysis/policy-exposure";
import type { TPolicyDocument, TStatement } from "@/lib/aws/policy-document";

export type StatementConditions = {
  conditions: ConditionAssessment[];
  /** True when an unconditional Deny for anyone cancels the whole grant. */
  neutralized: boolean;
};

export function assessStatementConditions(statement: TStatement, document: TPolicyDocument, ctx: ExposureContext): StatementConditions {
  const { NotPrincipal: _notPrincipal, ...rest } = statement;
  const probe: TStatement = { ...rest, Principal: "*" };
  const denies = document.Statement.filter((s) => s.Effect === "Deny");
  const [assessed] = assessAnyoneStatements({ Statement: [probe, ...denies] }, ctx);
  // A statement without Action/NotAction grants nothing; the analysis skips it.
  if (!assessed) return { conditions: [], neutralized: false };
  return { conditions: assessed.conditions, neutralized: assessed.verdict === "neutralized" };
}

/** The restricting conditions on one of these (lower-cased) keys. */
export function restrictingOn(conditions: ConditionAssessment[], keys: readonly string[]): ConditionAssessment[] {
  return conditions.filter((c) => c.restricts && keys.includes(c.key.toLowerCase()));
}

/**
 * Who the restricting conditions together let in. The keys of a statement are ANDed, so the narrowest one
 * decides: a caller limited to this account by one key is limited to it whatever another key says. Between
 * "external" and "unknown" (an organization nobody told Lantern about), the named outside account wins.
 */
export function narrowestScope(conditions: ConditionAssessment[]): ConditionScope | null {
  const scopes = conditions.filter((c) => c.restricts && c.scope).map((c) => c.scope as ConditionScope);
  for (const s of ["own_account", "trusted", "external", "unknown"] as const) if (scopes.includes(s)) return s;
  return null;
}

/** The conditions as evidence: operator, key, values and the verdict on each. */
export function conditionEvidence(conditions: ConditionAssessment[]): Record<string, unknown>[] {
  return conditions.map((c) => ({ operator: c.operator, key: c.key, values: c.values, restricts: c.restricts, scope: c.scope, note: c.note }));
}
