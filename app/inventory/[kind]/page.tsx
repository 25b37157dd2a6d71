import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  INVENTORY_PAGE_SIZE,
  countInventory,
  inventoryFilterOptions,
  listInventory,
  type TKindDescriptor,
} from "@/lib/db/inventory-query";
import { InventoryFilters } from "@/components/inventory/inventory-filters";
import { InventoryTable } from "@/components/inventory/inventory-table";
import { EmptyState, PageHeader, linkClass, secondaryButtonClass } from "@/components/ui/card";
import { formatCount } from "@/components/ui/format";
import { hasActiveFilters, inventoryListHref, parseInventorySearch, parseKind, type TSearchParams } from "../search-params";

export const dynamic = "force-dynamic";

type TProps = { params: Promise<{ kind: string }>; searchParams: Promise<TSearchParams> };

async function loadKind(params: TProps["params"]): Promise<TKindDescriptor> {
  const kind = parseKind((await params).kind);
  if (!kind) notFound();
  return kind;
}

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const kind = parseKind((await params).kind);
  return { title: kind ? kind.label : "Inventory" };
}

function Breadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm">
      <Link href="/inventory" className={linkClass}>
        ← Inventory
      </Link>
    </nav>
  );
}

export default async function InventoryKindPage({ params, searchParams }: TProps) {
  const kind = await loadKind(params);
  const parsed = parseInventorySearch(kind, await searchParams);
  const options = await inventoryFilterOptions(kind);

  if (!parsed.ok) {
    return (
      <>
        <Breadcrumb />
        <PageHeader title={kind.label} />
        <InventoryFilters kind={kind} filters={{ includeDeleted: false, sort: kind.defaultSort }} options={options} />
        <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-5 text-sm dark:border-amber-400/40 dark:bg-amber-400/10">
          <h2 className="font-semibold text-amber-900 dark:text-amber-200">These filters cannot be applied</h2>
          <ul className="mt-2 list-disc pl-5 text-amber-900 dark:text-amber-100">
            {parsed.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p className="mt-3">
            <Link href={inventoryListHref(kind)} className={linkClass}>
              Show every {kind.singular.toLowerCase()}
            </Link>
          </p>
        </div>
      </>
    );
  }

  const { filters, page } = parsed;
  const [result, matching, live, everSeen] = await Promise.all([
    listInventory(kind, filters, page),
    countInventory(kind, filters),
    countInventory(kind, { includeDeleted: false }),
    countInventory(kind, { includeDeleted: true }),
  ]);
  const filtered = hasActiveFilters(filters);

  return (
    <>
      <Breadcrumb />
      <PageHeader
        title={kind.label}
        description={
          <>
            {kind.service} · <span className="font-mono">{kind.kind}</span> · {formatCount(live)} live
          </>
        }
      />
      <InventoryFilters kind={kind} filters={filters} options={options} />

      {everSeen === 0 ? (
        <EmptyState title={`No ${kind.label} yet`}>
          <p>
            None of the scans so far found any. They appear after a scan of an account that has them; see{" "}
            <Link href="/scans" className={linkClass}>
              Accounts &amp; scans
            </Link>
            .
          </p>
        </EmptyState>
      ) : result.rows.length === 0 ? (
        <EmptyState title={filtered ? `No ${kind.label} match these filters` : `No live ${kind.label}`}>
          <p>
            {matching > 0
              ? "This page is past the end of the list. "
              : filtered
                ? `None of the ${formatCount(live)} live ${kind.label} match. `
                : "Every one Lantern saw has been deleted since. "}
            <Link href={filtered ? inventoryListHref(kind) : inventoryListHref(kind, { includeDeleted: true })} className={linkClass}>
              {filtered ? "Clear the filters" : "Show deleted ones"}
            </Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            <strong className="text-slate-900 dark:text-white">{formatCount(matching)}</strong> matching
            {filters.includeDeleted ? " (deleted included)" : ""}
            {matching > INVENTORY_PAGE_SIZE && <> · {INVENTORY_PAGE_SIZE} per page</>}
          </p>
          <InventoryTable kind={kind} rows={result.rows} caption={`${kind.label}, ${formatCount(matching)} matching`} />
          {(result.prevCursor || result.nextCursor) && (
            <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3">
              {result.prevCursor ? (
                <Link href={inventoryListHref(kind, filters, { before: result.prevCursor })} className={secondaryButtonClass} rel="prev">
                  ← Previous
                </Link>
              ) : (
                <span />
              )}
              {result.nextCursor && (
                <Link href={inventoryListHref(kind, filters, { after: result.nextCursor })} className={secondaryButtonClass} rel="next">
                  Next →
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}
