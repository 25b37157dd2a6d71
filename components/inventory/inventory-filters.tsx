import Form from "next/form";
import Link from "next/link";
import {
  INVENTORY_SORTS,
  INVENTORY_SORT_IDS,
  type TInventoryFilterOptions,
  type TInventoryFilters,
  type TKindDescriptor,
} from "@/lib/db/inventory-query";
import { buttonClass, inputClass, linkClass } from "@/components/ui/card";
import { FilterSelect, filterLabelClass } from "@/components/ui/filter-select";

const labelClass = filterLabelClass;

/**
 * GET form: the filters become the URL (shareable, back button works). next/form navigates on the
 * client when JavaScript is there and falls back to a plain form submit when it is not.
 */
export function InventoryFilters({
  kind,
  filters,
  options,
}: {
  kind: TKindDescriptor;
  filters: TInventoryFilters;
  options: TInventoryFilterOptions;
}) {
  // Remount when the URL changes so the fields show the filters actually applied.
  const key = JSON.stringify(filters);
  // A region typed into the URL that holds nothing yet still shows as selected.
  const regions = filters.region && !options.regions.includes(filters.region) ? [...options.regions, filters.region] : options.regions;
  return (
    <Form
      key={key}
      action={`/inventory/${kind.kind}`}
      role="search"
      aria-label={`Filter ${kind.label}`}
      className="mb-4 grid grid-cols-2 items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-4 xl:grid-cols-6 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="col-span-2">
        <label htmlFor="inventory-q" className={labelClass}>
          Name contains
        </label>
        <input id="inventory-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="e.g. payments" className={inputClass} />
      </div>
      <FilterSelect
        id="inventory-account"
        name="account"
        label="Account"
        value={filters.accountId ?? ""}
        anyLabel="Any account"
        options={options.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }))}
      />
      <FilterSelect
        id="inventory-region"
        name="region"
        label="Region"
        value={filters.region ?? ""}
        anyLabel="Any region"
        options={regions.map((r) => ({ value: r, label: r }))}
      />
      <div>
        <label htmlFor="inventory-sort" className={labelClass}>
          Order
        </label>
        <select id="inventory-sort" name="sort" defaultValue={filters.sort} className={inputClass}>
          {INVENTORY_SORT_IDS.map((id) => (
            <option key={id} value={id}>
              {INVENTORY_SORTS[id].label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-2 pb-1.5">
        <input
          id="inventory-deleted"
          name="deleted"
          type="checkbox"
          value="1"
          defaultChecked={filters.includeDeleted}
          className="h-4 w-4 rounded border-slate-300 accent-brand-600"
        />
        <label htmlFor="inventory-deleted" className="text-sm text-slate-800 dark:text-slate-200">
          Include deleted
        </label>
      </div>
      <div className="col-span-2 flex items-center gap-4 md:col-span-4 xl:col-span-6">
        <button type="submit" className={buttonClass}>
          Apply filters
        </button>
        <Link href={`/inventory/${kind.kind}`} className={`${linkClass} text-sm`}>
          Clear filters
        </Link>
      </div>
    </Form>
  );
}
