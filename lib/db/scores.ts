// Posture scores: one row per (scan, scope, subject) and a daily rollup (the day's last scan) that trends read.
import { prisma, type Db } from "./client";
import type { ScopedScores, ScoreBreakdown } from "@/lib/analysis/score";

export type ScoreScope = "account" | "function" | "api";

const CHUNK = 1000;

/** Store a scan's scores and fold them into the day's rollup (idempotent: a re-run rewrites the same rows). */
export async function storeScores(input: { scanId: string; accountId: string; scores: ScopedScores; at: Date }, db: Db = prisma): Promise<number> {
  const rows: { scope: ScoreScope; subjectArn: string; b: ScoreBreakdown }[] = [
    { scope: "account", subjectArn: input.accountId, b: input.scores.account },
    ...[...input.scores.functions].map(([arn, b]) => ({ scope: "function" as const, subjectArn: arn, b })),
    ...[...input.scores.apis].map(([arn, b]) => ({ scope: "api" as const, subjectArn: arn, b })),
  ];
  const day = new Date(Date.UTC(input.at.getUTCFullYear(), input.at.getUTCMonth(), input.at.getUTCDate()));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const json = JSON.stringify(
      chunk.map((r) => ({
        scope: r.scope,
        subjectArn: r.subjectArn,
        score: r.b.score,
        passWeight: r.b.passWeight,
        totalWeight: r.b.totalWeight,
        passed: r.b.passed,
        failed: r.b.failed,
        failedBySeverity: r.b.failedBySeverity,
      })),
    );
    await db.$executeRawUnsafe(
      `WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(scope text, "subjectArn" text, score int, "passWeight" float8,
                    "totalWeight" float8, passed int, failed int, "failedBySeverity" jsonb)),
       s AS (
         INSERT INTO "PostureScore" (id, "scanId", "accountId", scope, "subjectArn", score, "passWeight", "totalWeight", passed, failed, "failedBySeverity", "computedAt")
         SELECT gen_random_uuid()::text, $2, $3, scope, "subjectArn", score, "passWeight", "totalWeight", passed, failed, "failedBySeverity", $4 FROM i
         ON CONFLICT ("scanId", scope, "subjectArn") DO UPDATE SET score = EXCLUDED.score, "passWeight" = EXCLUDED."passWeight",
           "totalWeight" = EXCLUDED."totalWeight", passed = EXCLUDED.passed, failed = EXCLUDED.failed,
           "failedBySeverity" = EXCLUDED."failedBySeverity", "computedAt" = EXCLUDED."computedAt"
         RETURNING 1)
       INSERT INTO "DailyPostureScore" (day, "accountId", scope, "subjectArn", score, passed, failed, "failedBySeverity", "scanId", "updatedAt")
       SELECT $5::date, $3, scope, "subjectArn", score, passed, failed, "failedBySeverity", $2, $4 FROM i
       ON CONFLICT (day, "accountId", scope, "subjectArn") DO UPDATE SET score = EXCLUDED.score, passed = EXCLUDED.passed,
         failed = EXCLUDED.failed, "failedBySeverity" = EXCLUDED."failedBySeverity", "scanId" = EXCLUDED."scanId", "updatedAt" = EXCLUDED."updatedAt"`,
      json,
      input.scanId,
      input.accountId,
      input.at,
      day.toISOString().slice(0, 10),
    );
  }
  return rows.length;
}

export type AccountScore = {
  accountId: string;
  accountName: string;
  score: number | null;
  passed: number;
  failed: number;
  failedBySeverity: Record<string, number>;
  computedAt: Date;
  scanId: string;
  /** Daily scores, oldest first, for the trend line. */
  trend: { day: string; score: number | null }[];
};

/** The latest account-scope score of every account with its daily trend over `days`. */
export async function accountScores(days = 30, now = new Date(), db: Db = prisma): Promise<AccountScore[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const [latest, daily] = await Promise.all([
    db.$queryRaw<
      { accountId: string; accountName: string; score: number | null; passed: number; failed: number; failedBySeverity: Record<string, number>; computedAt: Date; scanId: string }[]
    >`SELECT DISTINCT ON (p."accountId") p."accountId", a.name AS "accountName", p.score, p.passed, p.failed, p."failedBySeverity", p."computedAt", p."scanId"
        FROM "PostureScore" p JOIN "Account" a ON a.id = p."accountId"
       WHERE p.scope = 'account'
       ORDER BY p."accountId", p."computedAt" DESC`,
    db.dailyPostureScore.findMany({
      where: { scope: "account", day: { gte: since } },
      select: { accountId: true, day: true, score: true },
      orderBy: { day: "asc" },
    }),
  ]);
  return latest.map((l) => ({
    ...l,
    trend: daily.filter((d) => d.accountId === l.accountId).map((d) => ({ day: d.day.toISOString().slice(0, 10), score: d.score })),
  }));
}

/** Latest score of one function or API. */
export async function latestScore(scope: Exclude<ScoreScope, "account">, subjectArn: string, db: Db = prisma) {
  return db.postureScore.findFirst({ where: { scope, subjectArn }, orderBy: { computedAt: "desc" } });
}
