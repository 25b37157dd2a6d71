import Form from "next/form";
import Link from "next/link";
import { RULE_CATEGORY_LABELS, SEVERITIES } from "@/lib/rules/types";
import { buttonClass, inputClass, linkClass } from "@/components/ui/card";
import { FilterSelect, filterLabelClass } from "@/components/ui/filter-select";

export type TRuleFilterValues = { category?: string; severity?: string; state?: string; q?: string };

/** GET form: the filters become the URL (shareable, back button works), applied on the server. */
export function RulesFilters({ filters, states }: { filters: TRuleFilterValues; states: Record<string, string> }) {
  // Remount when the URL changes so the fields show the filters actually applied.
  return (
    <Form
      key={JSON.stringify(filters)}
      action="/settings/rules"
      role="search"
      aria-label="Filter rules"
      className="mb-4 grid grid-cols-2 items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-3 xl:grid-cols-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="col-span-2 md:col-span-3 xl:col-span-2">
        <label htmlFor="rules-filter-q" className={filterLabelClass}>
          Rule contains
        </label>
        <input
          id="rules-filter-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          placeholder="id, LX-01, title or resource kind"
          className={inputClass}
        />
      </div>
      <FilterSelect
        id="rules-filter-category"
        name="category"
        label="Category"
        value={filters.category ?? ""}
        anyLabel="Any category"
        options={Object.entries(RULE_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <FilterSelect
        id="rules-filter-severity"
        name="severity"
        label="Severity"
        value={filters.severity ?? ""}
        anyLabel="Any severity"
        options={SEVERITIES.map((s) => ({ value: s, label: s }))}
      />
      <FilterSelect
        id="rules-filter-state"
        name="state"
        label="State"
        value={filters.state ?? ""}
        anyLabel="Any state"
        options={Object.entries(states).map(([value, label]) => ({ value, label }))}
      />
      <div className="col-span-2 flex items-center gap-4 md:col-span-3 xl:col-span-5">
        <button type="submit" className={buttonClass}>
          Apply filters
        </button>
        <Link href="/settings/rules" className={`${linkClass} text-sm`}>
          Clear filters
        </Link>
      </div>
    </Form>
  );
}
