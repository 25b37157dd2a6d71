// One typed column's value as text. Values come from AWS (names, paths, ARNs): rendered as text only.
import type { TCellValue, TColumnFormat } from "@/lib/db/inventory-query";
import { formatCount, formatDateTime } from "@/components/ui/format";
import { arnName } from "./arn";

const muted = "text-slate-400 dark:text-slate-500";

export function CellValue({ value, format }: { value: TCellValue; format: TColumnFormat }) {
  if (value === null) {
    // For a boolean column null means the scanner could not tell (e.g. the policy could not be read).
    return format === "boolean" ? (
      <span className="text-amber-800 dark:text-amber-200" title="Lantern could not read this value">
        unknown
      </span>
    ) : (
      <span className={muted}>—</span>
    );
  }
  if (typeof value === "boolean") return <span>{value ? "yes" : "no"}</span>;
  if (typeof value === "number") return <span className="tabular-nums">{formatCount(value)}</span>;
  if (value instanceof Date) {
    return <time dateTime={value.toISOString()}>{formatDateTime(value)}</time>;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? <span className={muted}>none</span> : <span className="font-mono text-xs">{value.join(", ")}</span>;
  }
  if (format === "arn") {
    return (
      <span className="break-words font-mono text-xs" title={value}>
        {arnName(value)}
      </span>
    );
  }
  return format === "code" ? <span className="break-all font-mono text-xs">{value}</span> : <span>{value}</span>;
}
