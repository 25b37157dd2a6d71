// ES-02 shared logic: is a resource that triggers functions writable by anyone? Condition-aware through
// lib/analysis/policy-exposure.ts: a statement for Principal "*" limited by aws:SourceArn, aws:SourceAccount,
// aws:SourceOwner, aws:PrincipalOrgID or a VPC endpoint is not public (the default SNS topic policy is exactly
// such a statement), and an unconditional Deny for anyone cancels it.
import { assessAnyoneStatements, type StatementAssessment } from "@/lib/analysis/policy-exposure";
import type { RuleContext, RuleInventory, RuleResult } from "@/lib/rules/types";
import type { TFetchedResourcePolicy } from "@/scanners/neighbours/record";
import { statementEvidence, statementLabel } from "@/lib/rules/lambda/policy-evidence";
import { TRIGGER_VIAS, arnScope, describeLinks, grantedActions, linksOf, type FunctionLink } from "./links";

export type WriteAssessment =
  | { status: "public"; statements: (StatementAssessment & { writeActions: string[] })[]; restricted: StatementAssessment[] }
  | { status: "not_public"; restricted: StatementAssessment[] }
  | { status: "unknown"; code: string; message: string };

/** Statements of a resource policy that let anyone perform one of `writeActions`. */
export function assessPolicyWrite(
  policy: TFetchedResourcePolicy,
  accountId: string,
  writeActions: readonly string[],
  ctx: Pick<RuleContext, "installation">,
): WriteAssessment {
  if (policy.status === "error") return { status: "unknown", code: policy.code, message: policy.message };
  if (policy.status === "absent") return { status: "not_public", restricted: [] };
  const assessed = assessAnyoneStatements(policy.value.document, {
    accountId,
    trustedAccountIds: ctx.installation.trustedAccountIds,
    orgIds: ctx.installation.trustedOrganizationIds,
  });
  const writing = assessed
    .map((s) => ({ ...s, writeActions: grantedActions(s.statement, writeActions) }))
    .filter((s) => s.writeActions.length > 0);
  const open = writing.filter((s) => s.verdict === "public");
  const restricted = writing.filter((s) => s.verdict !== "public");
  return open.length > 0 ? { status: "public", statements: open, restricted } : { status: "not_public", restricted };
}

export function writeEvidence(a: WriteAssessment): Record<string, unknown> {
  if (a.status === "unknown") return { policy: { status: "error", code: a.code, message: a.message } };
  return {
    publicStatements: a.status === "public" ? a.statements.map((s) => ({ ...statementEvidence(s), writeActions: s.writeActions })) : [],
    restrictedStatements: a.restricted.map(statementEvidence),
  };
}

export function publicStatementLabels(a: Extract<WriteAssessment, { status: "public" }>): string {
  return a.statements.map(statementLabel).join(", ");
}

/** The functions a resource triggers (not the ones it only receives from). */
export function triggersOf(inventory: RuleInventory, ctx: RuleContext<unknown>, resourceArn: string): FunctionLink[] {
  return (linksOf(inventory, ctx.shared).byResource.get(resourceArn) ?? []).filter((l) => TRIGGER_VIAS.has(l.via));
}

/**
 * Trigger sources of this account's functions that the inventory does not hold because their region's listing
 * was incomplete: UNKNOWN, never silently skipped. Sources in other accounts are not Lantern's to judge, and a
 * source missing from a complete listing no longer exists (an orphan trigger, ES-05).
 */
export function unlistedTriggerSources(
  inventory: RuleInventory,
  ctx: RuleContext<unknown>,
  opts: { service: string; resourceType: "sqs_queue" | "sns_topic"; label: string; known: Set<string> },
): RuleResult[] {
  const out: RuleResult[] = [];
  for (const [arn, links] of linksOf(inventory, ctx.shared).byResource) {
    const triggers = links.filter((l) => TRIGGER_VIAS.has(l.via));
    if (triggers.length === 0 || opts.known.has(arn) || arn.split(":")[2] !== opts.service) continue;
    const { region, account } = arnScope(arn);
    if (account !== inventory.accountId || !region || ctx.complete(opts.resourceType, region)) continue;
    const name = arn.split(":").pop() ?? arn;
    out.push({
      status: "UNKNOWN",
      resourceArn: arn,
      resourceName: name,
      region,
      message: `Could not check ${opts.label} ${name}, which triggers ${describeLinks(triggers)}: the ${region} listing of ${opts.label}s did not complete.`,
      evidence: { triggers },
    });
  }
  return out;
}
