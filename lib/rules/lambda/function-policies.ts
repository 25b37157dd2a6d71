// Every resource-based policy statement of a function, across its qualifiers: the unqualified policy plus
// the policy of each published version and alias. A public or unconstrained grant on an alias is as live
// as one on the function, so policy rules read them all, and know which reads failed.
import type { TPolicyDocument, TStatement } from "@/lib/aws/policy-document";
import type { TLambdaFunctionRecord } from "@/scanners/lambda/record";
import { qualifierOf } from "@/scanners/lambda/triggers";

export type PolicyStatementRef = {
  /** The qualifier the statement applies to (from its Resource when it names one), null for the function. */
  qualifier: string | null;
  /** The qualifier whose GetPolicy returned it (null: the unqualified function). */
  readFor: string | null;
  /** Position in that policy's Statement array (0-based). */
  index: number;
  sid: string | null;
  statement: TStatement;
  /** The whole document the statement came from, for Deny neutralization. */
  document: TPolicyDocument;
};

/** A policy (or a list of qualifiers) that could not be read, so statements may be missing. */
export type PolicyGap = { qualifier: string | null; api: string; code: string; message: string };

export type FunctionPolicies = {
  statements: PolicyStatementRef[];
  gaps: PolicyGap[];
  /** True when the function has no resource-based policy on any qualifier that could be read. */
  none: boolean;
};

/** Same rule as the scanner's trigger derivation: the statement's own Resource names its qualifier. */
export function statementQualifier(statement: TStatement, readFor: string | null): string | null {
  const resources = statement.Resource ?? [];
  const qualifiers = new Set(resources.filter((r) => r.split(":")[5] === "function").map(qualifierOf));
  return resources.length > 0 && qualifiers.size === 1 ? [...qualifiers][0] : readFor;
}

/**
 * The statements of every readable policy, deduplicated (moto returns every qualifier's statements from every
 * GetPolicy, and AWS repeats nothing, so identical statements are one grant), plus what could not be read.
 */
export function functionPolicies(fn: TLambdaFunctionRecord): FunctionPolicies {
  const gaps: PolicyGap[] = [];
  const documents: { readFor: string | null; document: TPolicyDocument }[] = [];

  // Records stored by an older scanner may lack the field: that is a gap, not "no policy".
  if (!fn.policy) gaps.push({ qualifier: null, api: "lambda:GetPolicy", code: "MissingInRecord", message: "The inventory record has no policy field." });
  else if (fn.policy.status === "error") gaps.push({ qualifier: null, api: "lambda:GetPolicy", ...errorOf(fn.policy) });
  else if (fn.policy.status === "ok") documents.push({ readFor: null, document: fn.policy.value.document });

  if (fn.versions?.status === "error") gaps.push({ qualifier: null, api: "lambda:ListVersionsByFunction", ...errorOf(fn.versions) });
  if (fn.aliases?.status === "error") gaps.push({ qualifier: null, api: "lambda:ListAliases", ...errorOf(fn.aliases) });
  for (const q of fn.qualifierPolicies ?? []) {
    if (q.policy.status === "error") gaps.push({ qualifier: q.qualifier, api: "lambda:GetPolicy", ...errorOf(q.policy) });
    else if (q.policy.status === "ok") documents.push({ readFor: q.qualifier, document: q.policy.value.document });
  }

  const seen = new Set<string>();
  const statements: PolicyStatementRef[] = [];
  for (const { readFor, document } of documents) {
    document.Statement.forEach((statement, index) => {
      const key = JSON.stringify(statement);
      if (seen.has(key)) return;
      seen.add(key);
      statements.push({
        qualifier: statementQualifier(statement, readFor),
        readFor,
        index,
        sid: statement.Sid ?? null,
        statement,
        document,
      });
    });
  }
  return { statements, gaps, none: documents.length === 0 && gaps.length === 0 };
}

function errorOf(f: { code: string; message: string }): { code: string; message: string } {
  return { code: f.code, message: f.message };
}

/** `"MySid"` for statements with a Sid, `#2` (1-based position) otherwise; `on alias live` when qualified. */
export function refLabel(ref: Pick<PolicyStatementRef, "sid" | "index" | "qualifier">): string {
  const label = ref.sid ? `"${ref.sid}"` : `#${ref.index + 1}`;
  return ref.qualifier ? `${label} on qualifier ${ref.qualifier}` : label;
}

/** The statement as the UI shows it, with where it was found. */
export function refEvidence(ref: PolicyStatementRef): Record<string, unknown> {
  const s = ref.statement;
  return {
    sid: ref.sid,
    index: ref.index,
    qualifier: ref.qualifier,
    principal: s.Principal ?? null,
    notPrincipal: s.NotPrincipal ?? null,
    action: s.Action ?? null,
    notAction: s.NotAction ?? null,
    resource: s.Resource ?? null,
    condition: s.Condition ?? null,
  };
}

/** One sentence fragment naming what could not be read, e.g. "lambda:GetPolicy (AccessDeniedException)". */
export function describeGaps(gaps: PolicyGap[]): string {
  return [...new Set(gaps.map((g) => `${g.api}${g.qualifier ? ` for ${g.qualifier}` : ""} (${g.code})`))].join(", ");
}

/** Action names are case-insensitive and may hold * and ? wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i").test(action);
}

/** Whether an Allow statement's Action (or everything its NotAction leaves out) includes `action`. */
export function grantsAction(statement: TStatement, action: string): boolean {
  if (statement.Action) return statement.Action.some((p) => actionMatches(p, action));
  if (statement.NotAction) return !statement.NotAction.some((p) => actionMatches(p, action));
  return false;
}

export const INVOKE_ACTIONS = ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:InvokeAsync"] as const;

/** The invoke actions a statement grants. */
export function invokeActionsOf(statement: TStatement): string[] {
  return INVOKE_ACTIONS.filter((a) => grantsAction(statement, a));
}
