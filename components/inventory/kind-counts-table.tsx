import Link from "next/link";
import type { TInventoryOverview, TKindCount } from "@/lib/db/inventory-query";
import { linkClass } from "@/components/ui/card";
import { formatAgo, formatCount, formatDateTime } from "@/components/ui/format";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const num = "px-3 py-2.5 text-right tabular-nums";

function CountLink({ count, href, label }: { count: number; href: string; label: string }) {
  if (count === 0) return <span className="text-slate-400 dark:text-slate-500">0</span>;
  return (
    <Link href={href} className={linkClass} aria-label={label}>
      {formatCount(count)}
    </Link>
  );
}

function KindRow({ row, accounts, now }: { row: TKindCount; accounts: TInventoryOverview["accounts"]; now: Date }) {
  const { kind } = row;
  const listHref = `/inventory/${kind.kind}`;
  return (
    <tr className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
      <th scope="row" className="px-3 py-2.5 text-left font-normal">
        <Link href={listHref} className={linkClass}>
          {kind.label}
        </Link>
        <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">{kind.kind}</span>
      </th>
      <td className={`${num} ${row.total > 0 ? "font-semibold" : "text-slate-400 dark:text-slate-500"}`} data-testid="kind-total">
        {formatCount(row.total)}
      </td>
      {accounts.length > 1 &&
        accounts.map((a) => {
          const count = row.byAccount[a.id] ?? 0;
          return (
            <td key={a.id} className={num}>
              <CountLink count={count} href={`${listHref}?account=${a.id}`} label={`${formatCount(count)} ${kind.label} in ${a.name}`} />
            </td>
          );
        })}
      <td className="whitespace-nowrap px-3 py-2.5 text-slate-600 dark:text-slate-400">
        {row.lastSeenAt ? (
          <time dateTime={row.lastSeenAt.toISOString()} title={formatDateTime(row.lastSeenAt)}>
            {formatAgo(row.lastSeenAt, now)}
          </time>
        ) : (
          <span className="text-slate-400 dark:text-slate-500">never</span>
        )}
      </td>
    </tr>
  );
}

/**
 * Every kind, grouped by service, with live counts overall and per account (one account: the total is
 * its count, so the per-account columns are left out).
 */
export function KindCountsTable({ overview }: { overview: TInventoryOverview }) {
  const now = new Date();
  const { accounts, kinds } = overview;
  const services = [...new Set(kinds.map((k) => k.kind.service))];
  const columns = 3 + (accounts.length > 1 ? accounts.length : 0);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Live resources per kind{accounts.length > 1 ? " and account" : ""}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900/60">
          <tr>
            <th scope="col" className={th}>Kind</th>
            <th scope="col" className={`${th} text-right`}>{accounts.length > 1 ? "All accounts" : "Live resources"}</th>
            {accounts.length > 1 &&
              accounts.map((a) => (
                <th key={a.id} scope="col" className={`${th} text-right`}>
                  <span className="block normal-case">{a.name}</span>
                  <span className="font-mono font-normal normal-case">{a.id}</span>
                </th>
              ))}
            <th scope="col" className={th}>Last seen</th>
          </tr>
        </thead>
        {services.map((service) => (
          <tbody key={service} className="divide-y divide-slate-100 dark:divide-slate-800">
            <tr className="bg-slate-50/60 dark:bg-slate-900/40">
              <th scope="colgroup" colSpan={columns} className="px-3 pb-1.5 pt-3 text-left text-xs font-bold uppercase tracking-wide text-slate-700 dark:text-slate-300">
                {service}
              </th>
            </tr>
            {kinds
              .filter((k) => k.kind.service === service)
              .map((row) => (
                <KindRow key={row.kind.kind} row={row} accounts={accounts} now={now} />
              ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
