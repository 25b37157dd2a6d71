import { explainError, groupScanErrors } from "./scan-status";
import { SHIPPED_POLICY_PATH, missingPermission } from "./scanner-policy";
import type { TScanUnitProgress } from "@/lib/db/scan-progress";

/** Every failed AWS call kind of a scan, merged across units, with what it means and what to do. */
export function ScanErrors({ units }: { units: readonly TScanUnitProgress[] }) {
  const groups = groupScanErrors(units);
  if (groups.length === 0) return null;
  return (
    <div className="mt-5">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-white">Failed AWS calls</h3>
      <ul className="mt-2 space-y-3">
        {groups.map((g) => {
          const missing = missingPermission(g.api, g.code);
          return (
            <li key={`${g.api} ${g.code}`} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-400/40 dark:bg-amber-400/10">
              <p className="font-mono text-xs font-semibold text-amber-950 dark:text-amber-100">
                {g.api} {g.code} ×{g.count}
              </p>
              {missing && (
                <p className="mt-1 font-medium text-slate-900 dark:text-white">
                  Missing IAM permission: <code className="font-mono">{missing.action}</code>
                  <span className="font-normal text-slate-600 dark:text-slate-400">
                    {missing.inShippedPolicy ? ` (granted by ${SHIPPED_POLICY_PATH})` : ` (not in ${SHIPPED_POLICY_PATH})`}
                  </span>
                </p>
              )}
              <p className="mt-1 text-slate-800 dark:text-slate-200">{explainError(g.api, g.code)}</p>
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                In {g.units.join(", ")}. AWS said: <q className="break-all">{g.message}</q>
              </p>
              {g.resources.length > 0 && (
                <p className="mt-1 break-all font-mono text-xs text-slate-600 dark:text-slate-400">
                  e.g. {g.resources.join(", ")}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
