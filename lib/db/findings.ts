// Finding lifecycle. Each successful evaluation of a resource decides its finding:
//   FAIL  -> open (created, kept open, or reopened when it had been resolved; suppressed stays suppressed)
//   PASS  -> an open or suppressed finding is resolved
//   UNKNOWN -> nothing changes: "could not determine" neither opens nor resolves anything.
// A rule run over a completely listed kind (`resolveMissing`) also resolves the open findings of that rule in
// that account and region whose resource it no longer reports: the resource was deleted, or the rule no
// longer applies to it (a stage removed, a function whose environment variables were removed).
import { createHash } from "node:crypto";
import { prisma, type Db } from "./client";
import type { Prisma, Severity } from "../generated/prisma/client";
import type { RuleResult, Severity as RuleSeverity } from "@/lib/rules/types";
import { SEVERITY_RANK } from "@/lib/rules/types";
import { stableStringify } from "./resource-store";

export function findingFingerprint(ruleId: string, resourceKey: string): string {
  return createHash("sha256").update(`${ruleId}|${resourceKey}`).digest("hex");
}

export type RuleRun = {
  rule: { id: string; title: string; severity: RuleSeverity; resourceType: string };
  results: RuleResult[];
  /** The kind was listed completely: open findings of this rule not among `results` are resolved. */
  resolveMissing?: boolean;
};

export type ApplyResult = { opened: number; reopened: number; resolved: number; stillOpen: number; unknown: number };

const CHUNK = 500;

export async function applyRuleResults(
  input: { accountId: string; region: string; scanId: string; runs: RuleRun[]; deletedArns?: string[] },
  db: Db = prisma,
): Promise<ApplyResult> {
  const now = new Date();
  const out: ApplyResult = { opened: 0, reopened: 0, resolved: 0, stillOpen: 0, unknown: 0 };

  for (const run of input.runs) {
    const { rule } = run;
    const counts = { pass: 0, fail: 0, unknown: 0 };
    for (let i = 0; i < run.results.length; i += CHUNK) {
      const chunk = run.results.slice(i, i + CHUNK).map((r) => ({ r, fp: findingFingerprint(rule.id, r.resourceArn) }));
      const existing = await db.finding.findMany({
        where: { fingerprint: { in: chunk.map((c) => c.fp) } },
        select: { id: true, fingerprint: true, status: true, message: true, evidence: true },
      });
      const byFp = new Map(existing.map((e) => [e.fingerprint, e]));
      const creates: Prisma.FindingCreateManyInput[] = [];
      const ops: Prisma.PrismaPromise<unknown>[] = [];
      const events: Prisma.FindingEventCreateManyInput[] = [];
      const touch: string[] = [];
      const resolveIds: string[] = [];

      for (const { r, fp } of chunk) {
        const prev = byFp.get(fp);
        if (r.status === "UNKNOWN") {
          counts.unknown++;
          continue;
        }
        if (r.status === "PASS") {
          counts.pass++;
          if (prev && prev.status !== "resolved") resolveIds.push(prev.id);
          continue;
        }
        counts.fail++;
        const evidence = r.evidence as Prisma.InputJsonValue;
        if (!prev) {
          const id = crypto.randomUUID();
          creates.push({
            id,
            fingerprint: fp,
            ruleId: rule.id,
            accountId: input.accountId,
            region: input.region,
            resourceType: rule.resourceType,
            resourceArn: r.resourceArn,
            resourceName: r.resourceName,
            severity: rule.severity as Severity,
            severityRank: SEVERITY_RANK[rule.severity],
            status: "open",
            title: rule.title,
            message: r.message,
            evidence,
            firstSeenAt: now,
            lastSeenAt: now,
            lastScanId: input.scanId,
          });
          events.push({ findingId: id, type: "opened", scanId: input.scanId, at: now });
          out.opened++;
        } else if (prev.status === "resolved") {
          ops.push(
            db.finding.update({
              where: { id: prev.id },
              data: {
                status: "open",
                resolvedAt: null,
                reopenedCount: { increment: 1 },
                message: r.message,
                evidence,
                lastSeenAt: now,
                lastScanId: input.scanId,
                title: rule.title,
                severity: rule.severity as Severity,
                severityRank: SEVERITY_RANK[rule.severity],
              },
            }),
          );
          events.push({ findingId: prev.id, type: "reopened", scanId: input.scanId, at: now });
          out.reopened++;
        } else if (prev.message !== r.message || stableStringify(prev.evidence) !== stableStringify(r.evidence)) {
          ops.push(
            db.finding.update({
              where: { id: prev.id },
              data: { message: r.message, evidence, lastSeenAt: now, lastScanId: input.scanId, title: rule.title },
            }),
          );
          out.stillOpen++;
        } else {
          touch.push(prev.id);
          out.stillOpen++;
        }
      }

      if (creates.length) ops.unshift(db.finding.createMany({ data: creates, skipDuplicates: true }));
      if (touch.length) ops.push(db.finding.updateMany({ where: { id: { in: touch } }, data: { lastSeenAt: now, lastScanId: input.scanId } }));
      if (resolveIds.length) {
        ops.push(
          db.finding.updateMany({
            where: { id: { in: resolveIds } },
            data: { status: "resolved", resolvedAt: now, lastScanId: input.scanId },
          }),
        );
        for (const id of resolveIds) events.push({ findingId: id, type: "resolved", scanId: input.scanId, at: now, detail: "The rule passed on this resource." });
        out.resolved += resolveIds.length;
      }
      if (events.length) ops.push(db.findingEvent.createMany({ data: events }));
      if (ops.length) await db.$transaction(ops);
    }
    out.unknown += counts.unknown;
    await db.ruleEvaluation.upsert({
      where: { scanId_ruleId_region: { scanId: input.scanId, ruleId: rule.id, region: input.region } },
      create: { scanId: input.scanId, ruleId: rule.id, region: input.region, ...counts },
      update: counts,
    });
    if (run.resolveMissing) out.resolved += await resolveMissing(db, input, rule.id, run.results.map((r) => r.resourceArn), now);
  }

  if (input.deletedArns?.length) {
    const gone = await db.finding.findMany({
      where: {
        accountId: input.accountId,
        region: input.region,
        resourceArn: { in: input.deletedArns },
        status: { in: ["open", "suppressed"] },
        ruleId: { in: input.runs.map((r) => r.rule.id) },
      },
      select: { id: true },
    });
    if (gone.length) {
      await db.$transaction([
        db.finding.updateMany({
          where: { id: { in: gone.map((g) => g.id) } },
          data: { status: "resolved", resolvedAt: now, lastScanId: input.scanId },
        }),
        db.findingEvent.createMany({
          data: gone.map((g) => ({ findingId: g.id, type: "resolved", scanId: input.scanId, at: now, detail: "The resource no longer exists." })),
        }),
      ]);
      out.resolved += gone.length;
    }
  }
  return out;
}

/** Resolve the open or suppressed findings of one rule in one account and region that are not in `arns`. */
async function resolveMissing(
  db: Db,
  input: { accountId: string; region: string; scanId: string },
  ruleId: string,
  arns: string[],
  now: Date,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const gone = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Finding" SET status = 'resolved', "resolvedAt" = ${now}, "lastScanId" = ${input.scanId}
       WHERE "accountId" = ${input.accountId} AND region = ${input.region} AND "ruleId" = ${ruleId}
         AND status IN ('open', 'suppressed') AND NOT ("resourceArn" = ANY(${arns}::text[]))
       RETURNING id`;
    if (gone.length) {
      await tx.findingEvent.createMany({
        data: gone.map((g) => ({
          findingId: g.id,
          type: "resolved",
          scanId: input.scanId,
          at: now,
          detail: "The rule no longer reports this resource: it was deleted or the rule no longer applies to it.",
        })),
      });
    }
    return gone.length;
  });
}

/** `${ruleId}|${resourceArn}` of the account's suppressed findings (left out of posture scores). */
export async function suppressedFindingKeys(accountId: string, db: Db = prisma): Promise<Set<string>> {
  const rows = await db.finding.findMany({ where: { accountId, status: "suppressed" }, select: { ruleId: true, resourceArn: true } });
  return new Set(rows.map((r) => `${r.ruleId}|${r.resourceArn}`));
}

export type FindingExport = {
  fingerprint: string;
  ruleId: string;
  severity: string;
  status: string;
  resourceArn: string;
  resourceName: string;
  resourceType: string;
  accountId: string;
  region: string;
  title: string;
  message: string;
  evidence: unknown;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
};

/** Findings of some accounts for the CLI's JSON output, most severe first. */
export async function exportFindings(
  filter: { accountIds: string[]; statuses: ("open" | "resolved" | "suppressed")[] },
  db: Db = prisma,
): Promise<FindingExport[]> {
  const rows = await db.finding.findMany({
    where: { accountId: { in: filter.accountIds }, status: { in: filter.statuses } },
    orderBy: [{ severityRank: "desc" }, { ruleId: "asc" }, { resourceArn: "asc" }],
    select: {
      fingerprint: true,
      ruleId: true,
      severity: true,
      status: true,
      resourceArn: true,
      resourceName: true,
      resourceType: true,
      accountId: true,
      region: true,
      title: true,
      message: true,
      evidence: true,
      firstSeenAt: true,
      lastSeenAt: true,
      resolvedAt: true,
    },
  });
  return rows.map((r) => ({
    ...r,
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  }));
}
