import Form from "next/form";
import Link from "next/link";
import type { TFindingFilterOptions, TFindingFilters } from "@/lib/db/findings-query";
import { SEVERITIES } from "@/lib/rules/types";
import { buttonClass, inputClass, linkClass } from "@/components/ui/card";
import { FilterSelect, filterLabelClass } from "@/components/ui/filter-select";

const labelClass = filterLabelClass;

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
      <FilterSelect
        id="filter-rule"
        name="rule"
        label="Rule"
        value={filters.ruleId ?? ""}
        anyLabel="Any rule"
        options={options.rules.map((r) => ({ value: r.ruleId, label: `${r.title} (${r.count})` }))}
      />
      <FilterSelect
        id="filter-account"
        name="account"
        label="Account"
        value={filters.accountId ?? ""}
        anyLabel="Any account"
        options={options.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }))}
      />
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
