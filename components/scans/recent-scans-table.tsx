import Link from "next/link";
import type { TScanSummary } from "@/lib/db/scan-progress";
import { RunStateBadge } from "@/components/ui/badges";
import { formatCount, formatDateTime, formatSpan } from "@/components/ui/format";
import { linkClass } from "@/components/ui/card";

const th = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const num = "px-2 py-2.5 text-right tabular-nums";

export function RecentScansTable({ scans }: { scans: TScanSummary[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Recent scans, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Requested</th>
            <th scope="col" className={th}>Account</th>
            <th scope="col" className={th}>Trigger</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} text-right`}>Units</th>
            <th scope="col" className={`${th} text-right`}>Resources</th>
            <th scope="col" className={`${th} text-right`}>API calls</th>
            <th scope="col" className={`${th} text-right`}>Throttles</th>
            <th scope="col" className={`${th} text-right`}>Errors</th>
            <th scope="col" className={`${th} text-right`}>Duration</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {scans.map((s) => (
            <tr key={s.id}>
              <td className="whitespace-nowrap px-2 py-2.5">
                <Link href={`/scans/${s.id}`} className={linkClass}>
                  <time dateTime={s.requestedAt}>{formatDateTime(s.requestedAt)}</time>
                </Link>
              </td>
              <td className="whitespace-nowrap px-2 py-2.5">{s.accountName}</td>
              <td className="px-2 py-2.5 text-slate-600 dark:text-slate-400">{s.trigger}</td>
              <td className="px-2 py-2.5">
                <RunStateBadge state={s.status} />
              </td>
              <td className={`${num} whitespace-nowrap`}>
                {s.totals.unitsDone} / {s.totals.unitsTotal}
              </td>
              <td className={num}>{formatCount(s.totals.resources)}</td>
              <td className={num}>{formatCount(s.totals.apiCalls)}</td>
              <td className={num}>{formatCount(s.totals.throttles)}</td>
              <td className={`${num} ${s.totals.errors > 0 ? "font-semibold text-amber-800 dark:text-amber-200" : ""}`}>
                {formatCount(s.totals.errors)}
              </td>
              <td className={`${num} whitespace-nowrap`}>{s.finishedAt ? formatSpan(s.startedAt ?? s.requestedAt, s.finishedAt) : s.status === "queued" ? "waiting" : s.status === "running" ? "running" : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
