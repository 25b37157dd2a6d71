import Link from "next/link";
import { openFindingCountsBySeverity } from "@/lib/db/overview";
import { SEVERITIES, type Severity } from "@/lib/rules/types";
import { Skeleton } from "@/components/ui/skeleton";
import { formatCount } from "@/components/ui/format";

const ACCENT: Record<Severity, string> = {
  critical: "border-t-red-600",
  high: "border-t-orange-500",
  medium: "border-t-amber-400",
  low: "border-t-sky-500",
  informational: "border-t-slate-400",
};

const GRID = "grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5";
const CARD = "rounded-xl border border-t-4 border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900";

/** Open findings per severity; each card opens the findings list filtered to that severity. */
export async function SeverityCards() {
  const counts = await openFindingCountsBySeverity();
  return (
    <ul className={GRID} aria-label="Open findings by severity">
      {SEVERITIES.map((s) => (
        <li key={s}>
          <Link
            href={`/findings?severity=${s}`}
            className={`${CARD} ${ACCENT[s]} block transition hover:-translate-y-0.5 hover:shadow-md`}
            aria-label={`${s}: ${counts[s]} open finding${counts[s] === 1 ? "" : "s"}`}
          >
            <span className="block text-sm font-medium capitalize text-slate-600 dark:text-slate-400">{s}</span>
            <span className="mt-1 block text-3xl font-bold tabular-nums text-slate-900 dark:text-white">
              {formatCount(counts[s])}
            </span>
            <span className="mt-1 block text-xs text-slate-500 dark:text-slate-400">open</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function SeverityCardsSkeleton() {
  return (
    <div className={GRID} role="status" aria-label="Loading finding counts">
      {SEVERITIES.map((s) => (
        <div key={s} className={`${CARD} ${ACCENT[s]}`}>
          <Skeleton className="h-4 w-16" />
          <Skeleton className="mt-2 h-8 w-12" />
          <Skeleton className="mt-2 h-3 w-10" />
        </div>
      ))}
    </div>
  );
}
