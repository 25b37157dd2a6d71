import type { TScanUnitProgress } from "@/lib/db/scan-progress";
import { RunStateBadge } from "@/components/ui/badges";
import { formatCount, formatSpan } from "@/components/ui/format";
import { missingPermission } from "./scanner-policy";

const th = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const num = "px-2 py-2 text-right tabular-nums";

function WorkerCell({ unit }: { unit: TScanUnitProgress }) {
  if (!unit.lockedBy) return <span className="text-slate-400">{unit.state === "queued" ? "waiting" : "—"}</span>;
  return unit.state === "running" ? (
    <span className="whitespace-nowrap font-mono text-xs">{unit.lockedBy}</span>
  ) : (
    <span className="whitespace-nowrap font-mono text-xs text-slate-500 dark:text-slate-400" title="The worker that ran this unit">
      {unit.lockedBy}
    </span>
  );
}

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
            <th scope="col" className={`${th} text-right`}>Attempts</th>
            <th scope="col" className={th}>Worker</th>
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
              <td className="px-2 py-2 font-medium">{u.service}</td>
              <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{u.region}</td>
              <td className="whitespace-nowrap px-2 py-2">
                <RunStateBadge state={u.state} />
              </td>
              <td className={`${num} ${u.attempts > 1 ? "font-semibold text-amber-800 dark:text-amber-200" : ""}`}>{u.attempts}</td>
              <td className="px-2 py-2">
                <WorkerCell unit={u} />
              </td>
              <td className={num}>{formatCount(u.resourceCount)}</td>
              <td className={num}>{formatCount(u.apiCalls)}</td>
              <td className={`${num} ${u.throttles > 0 ? "text-amber-800 dark:text-amber-200" : ""}`}>{formatCount(u.throttles)}</td>
              <td className="min-w-40 px-2 py-2">
                {u.errors.length === 0 ? (
                  <span className="text-slate-400">none</span>
                ) : (
                  <ul className="space-y-1 text-xs">
                    {u.errors.map((e, i) => {
                      const missing = missingPermission(e.api, e.code);
                      return (
                        <li key={i}>
                          <span className="break-all font-mono text-amber-800 dark:text-amber-200">
                            {e.api} ×{formatCount(e.count)}
                          </span>
                          <span className="block break-words text-slate-600 dark:text-slate-400">
                            {e.code}
                            {missing && <> · missing {missing.action}</>}
                          </span>
                        </li>
                      );
                    })}
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
