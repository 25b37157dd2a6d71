import type { TScanUnitProgress } from "@/lib/db/scan-progress";
import { RunStateBadge } from "@/components/ui/badges";
import { formatCount, formatSpan } from "@/components/ui/format";
import { errorLine } from "./scan-status";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const num = "px-3 py-2 text-right tabular-nums";

/** One row per (service, region) unit of a scan. */
export function UnitTable({ units, caption }: { units: readonly TScanUnitProgress[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Service</th>
            <th scope="col" className={th}>Region</th>
            <th scope="col" className={th}>State</th>
            <th scope="col" className={`${th} text-right`}>Resources</th>
            <th scope="col" className={`${th} text-right`}>API calls</th>
            <th scope="col" className={`${th} text-right`}>Throttles</th>
            <th scope="col" className={th}>Errors</th>
            <th scope="col" className={`${th} text-right`}>Duration</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {units.map((u) => (
            <tr key={u.id}>
              <td className="px-3 py-2 font-medium">{u.service}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{u.region}</td>
              <td className="whitespace-nowrap px-3 py-2">
                <RunStateBadge state={u.state} />
                {u.attempts > 1 && <span className="ml-2 text-xs text-slate-500">attempt {u.attempts}</span>}
              </td>
              <td className={num}>{formatCount(u.resourceCount)}</td>
              <td className={num}>{formatCount(u.apiCalls)}</td>
              <td className={num}>{formatCount(u.throttles)}</td>
              <td className="px-3 py-2">
                {u.errors.length === 0 ? (
                  <span className="text-slate-400">none</span>
                ) : (
                  <ul className="space-y-0.5 whitespace-nowrap font-mono text-xs text-amber-800 dark:text-amber-200">
                    {u.errors.map((e, i) => (
                      <li key={i}>{errorLine(e)}</li>
                    ))}
                  </ul>
                )}
              </td>
              {/* A running unit's duration is measured against the clock, which differs between server and browser. */}
              <td className={`${num} whitespace-nowrap`} suppressHydrationWarning>
                {u.startedAt ? formatSpan(u.startedAt, u.finishedAt) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
