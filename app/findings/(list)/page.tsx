import type { Metadata } from "next";
import Link from "next/link";
import {
  countFindings,
  findingFilterOptions,
  FINDINGS_PAGE_SIZE,
  listFindings,
  type TFindingFilters,
} from "@/lib/db/findings-query";
import { FindingsFilters } from "@/components/findings/findings-filters";
import { FindingsTable } from "@/components/findings/findings-table";
import { EmptyState, PageHeader, linkClass, secondaryButtonClass } from "@/components/ui/card";
import { formatCount } from "@/components/ui/format";
import { findingsHref, hasActiveFilters, parseFindingSearch, type TSearchParams } from "../search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Findings" };

const DEFAULT_FILTERS: TFindingFilters = { status: "open" };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const parsed = parseFindingSearch(await searchParams);
  const options = await findingFilterOptions();

  if (!parsed.ok) {
    return (
      <>
        <PageHeader title="Findings" />
        <FindingsFilters filters={DEFAULT_FILTERS} options={options} />
        <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-5 text-sm dark:border-amber-400/40 dark:bg-amber-400/10">
          <h2 className="font-semibold text-amber-900 dark:text-amber-200">These filters cannot be applied</h2>
          <ul className="mt-2 list-disc pl-5 text-amber-900 dark:text-amber-100">
            {parsed.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p className="mt-3">
            <Link href="/findings" className={linkClass}>
              Show all open findings
            </Link>
          </p>
        </div>
      </>
    );
  }

  const { filters, page } = parsed;
  const [result, total, everything] = await Promise.all([
    listFindings(filters, page),
    countFindings(filters),
    countFindings({ status: "all" }),
  ]);
  const filtered = hasActiveFilters(filters);

  return (
    <>
      <PageHeader
        title="Findings"
        description="What Lantern's rules found in the latest scans, most severe first."
      />
      <FindingsFilters filters={filters} options={options} />

      {everything === 0 ? (
        <EmptyState title="No findings yet">
          <p>
            Findings appear after a scan. Run one from{" "}
            <Link href="/scans" className={linkClass}>
              Accounts &amp; scans
            </Link>
            .
          </p>
        </EmptyState>
      ) : result.rows.length === 0 ? (
        <EmptyState title={filtered ? "No findings match these filters" : "No open findings"}>
          <p>
            {total > 0
              ? "This page is past the end of the list. "
              : filtered
                ? `None of the ${formatCount(everything)} findings match. `
                : "Every finding is resolved or suppressed. "}
            <Link href={filtered ? "/findings" : "/findings?status=all"} className={linkClass}>
              {filtered ? "Clear the filters" : "Show findings in any status"}
            </Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            <strong className="text-slate-900 dark:text-white">{formatCount(total)}</strong> matching finding
            {total === 1 ? "" : "s"}
            {total > FINDINGS_PAGE_SIZE && <> · {FINDINGS_PAGE_SIZE} per page</>}
          </p>
          <FindingsTable rows={result.rows} caption={`Findings, ${formatCount(total)} matching`} />
          {(result.prevCursor || result.nextCursor) && (
            <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3">
              {result.prevCursor ? (
                <Link href={findingsHref(filters, { before: result.prevCursor })} className={secondaryButtonClass} rel="prev">
                  ← Previous
                </Link>
              ) : (
                <span />
              )}
              {result.nextCursor && (
                <Link href={findingsHref(filters, { after: result.nextCursor })} className={secondaryButtonClass} rel="next">
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
