import Link from "next/link";
import type { TInventoryRow, TKindDescriptor } from "@/lib/db/inventory-query";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { linkClass } from "@/components/ui/card";
import { resourceHref } from "@/app/inventory/search-params";
import { CellValue } from "./cell-value";
import { DeletedBadge } from "./deleted-badge";

const th = "px-2.5 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-2.5 py-2.5 align-top";

function DateCell({ value }: { value: Date }) {
  return (
    <time dateTime={value.toISOString()} title={formatDateTime(value)}>
      {formatDate(value)}
    </time>
  );
}

/** A kind's resources: common columns around the kind's own typed columns. Names are rendered as text only. */
export function InventoryTable({ kind, rows, caption }: { kind: TKindDescriptor; rows: TInventoryRow[]; caption: string }) {
  const columns = kind.fields.filter((f) => f.inTable);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900/60">
          <tr>
            <th scope="col" className={th}>Name</th>
            <th scope="col" className={th}>Account</th>
            <th scope="col" className={th}>Region</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`${th} ${c.format === "number" ? "text-right" : ""}`}>
                {c.label}
              </th>
            ))}
            <th scope="col" className={th}>First seen</th>
            <th scope="col" className={th}>Last seen</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.arn} className={`hover:bg-slate-50 dark:hover:bg-slate-800/40 ${r.deletedAt ? "text-slate-500 dark:text-slate-400" : ""}`}>
              <td className={`${td} min-w-44 max-w-sm`}>
                <span className="flex flex-wrap items-center gap-2">
                  <Link href={resourceHref(kind.kind, r.arn)} className={`${linkClass} break-words font-mono text-xs`} title={r.arn}>
                    {r.name}
                  </Link>
                  {r.deletedAt && <DeletedBadge at={r.deletedAt} />}
                </span>
              </td>
              <td className={`${td} whitespace-nowrap`}>
                <div className="text-slate-800 dark:text-slate-200">{r.accountName}</div>
                <div className="font-mono text-xs text-slate-500 dark:text-slate-400">{r.accountId}</div>
              </td>
              <td className={`${td} whitespace-nowrap font-mono text-xs`}>{r.region}</td>
              {columns.map((c) => (
                <td key={c.key} className={`${td} ${c.format === "number" ? "text-right" : ""} ${c.format === "arn" || c.format === "list" ? "max-w-xs" : "whitespace-nowrap"}`}>
                  <CellValue value={r.values[c.key] ?? null} format={c.format} />
                </td>
              ))}
              <td className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                <DateCell value={r.firstSeenAt} />
              </td>
              <td className={`${td} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                <DateCell value={r.lastSeenAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
