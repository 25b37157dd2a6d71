// Posture score per account: the latest score, its band, what fails, a 30-day trend, and how it is computed.
import Link from "next/link";
import { accountScores, type AccountScore } from "@/lib/db/scores";
import { EXPOSURE_MULTIPLIER, SEVERITY_WEIGHT, scoreBand, type ScoreBand } from "@/lib/analysis/score";
import { SEVERITIES } from "@/lib/rules/types";
import { Skeleton } from "@/components/ui/skeleton";
import { formatAgo, formatCount } from "@/components/ui/format";
import { linkClass } from "@/components/ui/card";

const BAND_STYLE: Record<ScoreBand, string> = {
  excellent: "text-emerald-700 dark:text-emerald-400",
  good: "text-lime-700 dark:text-lime-400",
  fair: "text-amber-700 dark:text-amber-400",
  poor: "text-orange-700 dark:text-orange-400",
  critical: "text-red-700 dark:text-red-400",
};

const CARD = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900";

/** A small line of daily scores (0-100). The text beside it states the first and last values, so no colour or shape is needed to read it. */
function Trend({ points }: { points: AccountScore["trend"] }) {
  const values = points.filter((p): p is { day: string; score: number } => p.score !== null);
  if (values.length < 2) return <p className="text-xs text-slate-500 dark:text-slate-400">Trend appears after scans on two different days.</p>;
  const w = 160;
  const h = 40;
  const x = (i: number) => (i / (values.length - 1)) * w;
  const y = (s: number) => h - (s / 100) * h;
  const d = values.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const first = values[0];
  const last = values[values.length - 1];
  const delta = last.score - first.score;
  return (
    <figure className="flex items-center gap-3">
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" className="overflow-visible text-brand-600 dark:text-brand-400">
        <path d={d} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        {values.map((p, i) => (
          <circle key={p.day} cx={x(i)} cy={y(p.score)} r="2" fill="currentColor" />
        ))}
      </svg>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        {first.day}: {first.score} → {last.day}: {last.score} ({delta > 0 ? `up ${delta}` : delta < 0 ? `down ${-delta}` : "unchanged"})
      </figcaption>
    </figure>
  );
}

export function ScoreExplanation() {
  return (
    <details className="mt-3 text-sm text-slate-700 dark:text-slate-300">
      <summary className="cursor-pointer font-medium text-slate-900 dark:text-white">How is the score computed?</summary>
      <div className="mt-2 space-y-2">
        <p>
          Every check Lantern could judge on a resource counts once, weighted by the check&apos;s severity (
          {SEVERITIES.map((s) => `${s} ${SEVERITY_WEIGHT[s]}`).join(", ")}). The weight is multiplied by {EXPOSURE_MULTIPLIER} when the
          resource is reachable from the internet (an unauthenticated route or function URL, or a public resource policy leads to it).
        </p>
        <p>
          <strong>Score = 100 × weight of passing checks ÷ weight of all judged checks</strong>, rounded down. Checks that could not be
          judged (UNKNOWN) and suppressed findings are left out. Example: passing high, medium and low checks (5 + 2 + 1 = 8) and failing
          critical and medium ones (10 + 2 = 12) give 100 × 8 ÷ 20 = 40.
        </p>
        <p>Bands: 90+ excellent, 80–89 good, 70–79 fair, 60–69 poor, below 60 critical. A function&apos;s score includes its execution role&apos;s checks.</p>
      </div>
    </details>
  );
}

export async function PostureScores() {
  const scores = await accountScores(30);
  if (scores.length === 0) {
    return (
      <div className={CARD}>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No posture score yet: it is computed at the end of each scan. Start a scan from{" "}
          <Link href="/scans" className={linkClass}>
            Accounts &amp; scans
          </Link>
          .
        </p>
        <ScoreExplanation />
      </div>
    );
  }
  return (
    <div>
      <ul className="grid gap-3 md:grid-cols-2" aria-label="Posture score per account">
        {scores.map((s) => {
          const band = s.score === null ? null : scoreBand(s.score);
          return (
            <li key={s.accountId} className={CARD}>
              <div className="flex items-baseline justify-between gap-3">
                <h3 className="font-semibold text-slate-900 dark:text-white">
                  {s.accountName} <span className="font-normal text-slate-500 dark:text-slate-400">({s.accountId})</span>
                </h3>
                <span className="text-xs text-slate-500 dark:text-slate-400">scored {formatAgo(s.computedAt)}</span>
              </div>
              <p className="mt-2 flex items-baseline gap-2">
                <span className={`text-4xl font-bold tabular-nums ${band ? BAND_STYLE[band] : "text-slate-500"}`}>{s.score ?? "–"}</span>
                <span className="text-sm text-slate-600 dark:text-slate-400">/ 100{band ? ` · ${band}` : " · nothing judged yet"}</span>
              </p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {formatCount(s.passed)} checks pass, {formatCount(s.failed)} fail
                {s.failed > 0 &&
                  ` (${SEVERITIES.filter((sev) => (s.failedBySeverity[sev] ?? 0) > 0)
                    .map((sev) => `${formatCount(s.failedBySeverity[sev])} ${sev}`)
                    .join(", ")})`}
                .{" "}
                <Link href={`/findings?account=${s.accountId}`} className={linkClass}>
                  Open findings
                </Link>
              </p>
              <div className="mt-3">
                <Trend points={s.trend} />
              </div>
            </li>
          );
        })}
      </ul>
      <ScoreExplanation />
    </div>
  );
}

export function PostureScoresSkeleton() {
  return (
    <div className="grid gap-3 md:grid-cols-2" role="status" aria-label="Loading posture scores">
      {[0, 1].map((i) => (
        <div key={i} className={CARD}>
          <Skeleton className="h-4 w-40" />
          <Skeleton className="mt-3 h-10 w-24" />
          <Skeleton className="mt-2 h-3 w-56" />
        </div>
      ))}
    </div>
  );
}
