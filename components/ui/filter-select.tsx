import { inputClass } from "@/components/ui/card";

export const filterLabelClass = "mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400";

/** A labelled <select> of a GET filter form; `anyLabel` adds the empty "no filter" choice first. */
export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  anyLabel?: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={props.id} className={filterLabelClass}>
        {props.label}
      </label>
      <select id={props.id} name={props.name} defaultValue={props.value} className={inputClass}>
        {props.anyLabel !== undefined && <option value="">{props.anyLabel}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
