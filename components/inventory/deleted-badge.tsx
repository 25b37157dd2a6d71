import { formatDateTime } from "@/components/ui/format";

/** Marks a resource a complete listing no longer returned; the word carries the meaning, not the colour. */
export function DeletedBadge({ at }: { at: Date }) {
  return (
    <span
      title={`Not seen since ${formatDateTime(at)}`}
      className="inline-flex items-center whitespace-nowrap rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 dark:bg-slate-700/50 dark:text-slate-200 dark:ring-slate-500/50"
    >
      deleted
    </span>
  );
}
