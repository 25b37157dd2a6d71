import Link from "next/link";
import type { Severity } from "@/lib/rules/types";
import { SeverityBadge } from "@/components/ui/badges";
import { linkClass } from "@/components/ui/card";
import { EnabledBadge, SettingsStateLabel, type TSettingsState } from "./rule-state-badges";

export type TRulesTableRow = {
  id: string;
  catalogueId: string;
  title: string;
  severity: Severity;
  categoryLabel: string;
  resourceType: string;
  resourceLabel: string;
  enabled: boolean;
  deprecated: boolean;
  settings: TSettingsState;
};

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-3 py-2.5 align-top";

/** Every rule with its state; the title opens the rule's metadata and settings. */
export function RulesTable({ rows, caption }: { rows: TRulesTableRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900/60">
          <tr>
            <th scope="col" className={th}>Id</th>
            <th scope="col" className={th}>Rule</th>
            <th scope="col" className={th}>Severity</th>
            <th scope="col" className={th}>Category</th>
            <th scope="col" className={th}>Resource</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Settings</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
              <td className={`${td} whitespace-nowrap font-mono text-xs text-slate-700 dark:text-slate-300`}>{r.catalogueId}</td>
              <td className={`${td} w-1/2 min-w-80`}>
                <Link href={`/settings/rules/${r.id}`} className={linkClass}>
                  {r.title}
                </Link>
                <div className="mt-0.5 break-all font-mono text-xs text-slate-500 dark:text-slate-400">{r.id}</div>
              </td>
              <td className={td}>
                <SeverityBadge severity={r.severity} />
              </td>
              <td className={`${td} min-w-32 text-slate-700 dark:text-slate-300`}>{r.categoryLabel}</td>
              <td className={`${td} min-w-32 text-slate-700 dark:text-slate-300`} title={r.resourceType}>
                {r.resourceLabel}
              </td>
              <td className={td}>
                <EnabledBadge enabled={r.enabled} deprecated={r.deprecated} />
              </td>
              <td className={`${td} whitespace-nowrap text-xs`}>
                <SettingsStateLabel state={r.settings} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
