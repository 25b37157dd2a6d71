import Link from "next/link";
import type { TFindingRow } from "@/lib/db/findings-query";
import { FindingStatusBadge, SeverityBadge } from "@/components/ui/badges";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { linkClass } from "@/components/ui/card";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-3 py-2.5 align-top";

/** Resource names come from AWS and are attacker-controlled: rendered as text only. */
export function FindingsTable({ rows, caption }: { rows: TFindingRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900/60">
          <tr>
            <th scope="col" className={th}>Severity</th>
            <th scope="col" className={th}>Finding</th>
            <th scope="col" className={th}>Resource</th>
            <th scope="col" className={th}>Account</th>
            <th scope="col" className={th}>Region</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>First seen</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((f) => (
            <tr key={f.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
              <td className={td}>
                <SeverityBadge severity={f.severity} />
              </td>
              <td className={`${td} max-w-md`}>
                <Link href={`/findings/${f.id}`} className={linkClass}>
                  {f.title}
                </Link>
                <div className="mt-0.5 font-mono text-xs text-slate-500 dark:text-slate-400">{f.ruleId}</div>
              </td>
              <td className={`${td} min-w-48 max-w-xs`}>
                <span className="break-words font-mono text-xs text-slate-800 dark:text-slate-200" title={f.resourceArn}>
                  {f.resourceName}
                </span>
              </td>
              <td className={`${td} whitespace-nowrap`}>
                <div className="text-slate-800 dark:text-slate-200">{f.accountName}</div>
                <div className="font-mono text-xs text-slate-500 dark:text-slate-400">{f.accountId}</div>
              </td>
              <td className={`${td} whitespace-nowrap font-mono text-xs`}>{f.region}</td>
              <td className={td}>
                <FindingStatusBadge status={f.status} />
              </td>
              <td className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                <time dateTime={f.firstSeenAt.toISOString()} title={formatDateTime(f.firstSeenAt)}>
                  {formatDate(f.firstSeenAt)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
