import Link from "next/link";
import type { TAccountSummary } from "@/lib/db/accounts";
import { RunStateBadge } from "@/components/ui/badges";
import { formatAgo, formatDateTime } from "@/components/ui/format";
import { linkClass } from "@/components/ui/card";
import { DiscoverRegionsButton } from "./discover-regions-button";
import { EditAccountDialog } from "./edit-account-dialog";
import { ScanNowButton } from "./scan-now-button";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-3 py-3 align-top";

export function AccountsTable({ accounts }: { accounts: TAccountSummary[] }) {
  const now = new Date();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">AWS accounts Lantern scans</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Account</th>
            <th scope="col" className={th}>Regions</th>
            <th scope="col" className={th}>Schedule (UTC)</th>
            <th scope="col" className={th}>Credentials</th>
            <th scope="col" className={th}>Last scan</th>
            <th scope="col" className={`${th} text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {accounts.map((a) => (
            <tr key={a.id}>
              <th scope="row" className={`${td} min-w-36 text-left font-normal`}>
                <span className="block font-medium text-slate-900 dark:text-white">{a.name}</span>
                <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{a.id}</span>
              </th>
              <td className={`${td} max-w-xs`}>
                <span className="font-mono text-xs" data-testid="account-regions">
                  {a.regions.join(", ")}
                </span>
                <DiscoverRegionsButton accountId={a.id} accountName={a.name} />
              </td>
              <td className={td}>
                <code className="whitespace-nowrap font-mono text-xs">{a.schedule}</code>
                <span className={`block text-xs ${a.enabled ? "text-emerald-700 dark:text-emerald-300" : "text-slate-500"}`}>
                  {a.enabled ? "enabled" : "paused"}
                </span>
              </td>
              <td className={`${td} max-w-xs text-xs`}>
                {a.roleArn ? (
                  <>
                    <span className="break-all font-mono">{a.roleArn}</span>
                    {a.hasExternalId && <span className="block text-slate-500">with external id</span>}
                  </>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">Worker&apos;s own credentials</span>
                )}
              </td>
              <td className={td}>
                {a.lastScan ? (
                  <span className="flex flex-wrap items-center gap-2">
                    <RunStateBadge state={a.lastScan.status} />
                    <Link href={`/scans/${a.lastScan.id}`} className={`${linkClass} text-xs`}>
                      <time dateTime={a.lastScan.requestedAt.toISOString()} title={formatDateTime(a.lastScan.requestedAt)}>
                        {formatAgo(a.lastScan.requestedAt, now)}
                      </time>
                    </Link>
                  </span>
                ) : (
                  <span className="text-xs text-slate-500 dark:text-slate-400">Never scanned</span>
                )}
              </td>
              <td className={`${td} text-right`}>
                <div className="flex items-start justify-end gap-2">
                  <EditAccountDialog
                    account={{ id: a.id, name: a.name, regions: a.regions, schedule: a.schedule, enabled: a.enabled, roleArn: a.roleArn, hasExternalId: a.hasExternalId }}
                  />
                  <ScanNowButton accountId={a.id} accountName={a.name} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
