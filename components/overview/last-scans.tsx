import Link from "next/link";
import { listAccounts } from "@/lib/db/accounts";
import { Card, linkClass } from "@/components/ui/card";
import { RunStateBadge } from "@/components/ui/badges";
import { Skeleton } from "@/components/ui/skeleton";
import { formatAgo, formatDateTime } from "@/components/ui/format";

/** The most recent scan of each account. */
export async function LastScans() {
  const accounts = await listAccounts();
  const now = new Date();
  return (
    <Card
      title="Last scan per account"
      id="last-scans-heading"
      action={
        <Link href="/scans" className={`${linkClass} text-sm`}>
          Accounts &amp; scans
        </Link>
      }
    >
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {accounts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="truncate font-medium text-slate-900 dark:text-white">{a.name}</p>
              <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{a.id}</p>
            </div>
            {a.lastScan ? (
              <div className="flex items-center gap-3 text-sm">
                <RunStateBadge state={a.lastScan.status} />
                <Link href={`/scans/${a.lastScan.id}`} className={linkClass}>
                  <time dateTime={a.lastScan.requestedAt.toISOString()} title={formatDateTime(a.lastScan.requestedAt)}>
                    {formatAgo(a.lastScan.requestedAt, now)}
                  </time>
                </Link>
              </div>
            ) : (
              <span className="text-sm text-slate-500 dark:text-slate-400">Never scanned</span>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function LastScansSkeleton() {
  return (
    <Card title="Last scan per account" id="last-scans-heading-loading">
      <div className="space-y-4" role="status" aria-label="Loading last scans">
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex justify-between">
            <Skeleton className="h-8 w-40" />
            <Skeleton className="h-6 w-24" />
          </div>
        ))}
      </div>
    </Card>
  );
}
