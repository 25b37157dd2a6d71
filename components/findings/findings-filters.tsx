import Form from "next/form";
import Link from "next/link";
import type { TFindingFilterOptions, TFindingFilters } from "@/lib/db/findings-query";
import { SEVERITIES } from "@/lib/rules/types";
import { buttonClass, inputClass, linkClass } from "@/components/ui/card";

const labelClass = "mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400";

/**
 * GET form: the filters become the URL (shareable, back button works). next/form navigates on the
 * client when JavaScript is there and falls back to a plain form submit when it is not.
 */
export function FindingsFilters({ filters, options }: { filters: TFindingFilters; options: TFindingFilterOptions }) {
  // Remount when the URL changes so the fields show the filters actually applied.
  const key = JSON.stringify(filters);
  return (
    <Form
      key={key}
      action="/findings"
      role="search"
      aria-label="Filter findings"
      className="mb-4 grid grid-cols-2 items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-3 xl:grid-cols-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="col-span-2 md:col-span-3 xl:col-span-2">
        <label htmlFor="filter-q" className={labelClass}>
          Resource name contains
        </label>
        <input id="filter-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="e.g. payments-api" className={inputClass} />
      </div>
      <div>
        <label htmlFor="filter-severity" className={labelClass}>
          Severity
        </label>
        <select id="filter-severity" name="severity" defaultValue={filters.severity ?? ""} className={inputClass}>
          <option value="">Any severity</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-status" className={labelClass}>
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={filters.status} className={inputClass}>
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="suppressed">Suppressed</option>
          <option value="all">Any status</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-rule" className={labelClass}>
          Rule
        </label>
        <select id="filter-rule" name="rule" defaultValue={filters.ruleId ?? ""} className={inputClass}>
          <option value="">Any rule</option>
          {options.rules.map((r) => (
            <option key={r.ruleId} value={r.ruleId}>
              {r.title} ({r.count})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-account" className={labelClass}>
          Account
        </label>
        <select id="filter-account" name="account" defaultValue={filters.accountId ?? ""} className={inputClass}>
          <option value="">Any account</option>
          {options.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.id})
            </option>
          ))}
        </select>
      </div>
      <div className="col-span-2 flex items-center gap-4 md:col-span-3 xl:col-span-6">
        <button type="submit" className={buttonClass}>
          Apply filters
        </button>
        <Link href="/findings" className={`${linkClass} text-sm`}>
          Clear filters
        </Link>
      </div>
    </Form>
  );
}
