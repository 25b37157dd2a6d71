// Configuration history of one resource, and the diff between two of its versions. Picking the two
// versions is a GET form (works without JavaScript); the diff itself is computed on the server.
import Form from "next/form";
import Link from "next/link";
import type { THistoryEntry } from "@/lib/db/inventory-query";
import { buttonClass, linkClass } from "@/components/ui/card";
import { formatCount, formatDateTime } from "@/components/ui/format";
import { diffHunks, type TDiffLine, type TLineDiff } from "./config-diff";

const th = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";

const CHANGE_STYLE: Record<string, string> = {
  created: "text-emerald-800 dark:text-emerald-300",
  changed: "text-blue-800 dark:text-blue-300",
  deleted: "text-slate-600 dark:text-slate-400",
};

export function HistoryTable({
  kind,
  arn,
  entries,
  total,
  selected,
}: {
  kind: string;
  arn: string;
  entries: THistoryEntry[];
  total: number;
  selected: { from: string; to: string } | null;
}) {
  const canCompare = entries.length > 1;
  const table = (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">Configuration versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>When</th>
            <th scope="col" className={th}>Change</th>
            <th scope="col" className={th}>Scan</th>
            {canCompare && (
              <>
                <th scope="col" className={`${th} text-center`}>From</th>
                <th scope="col" className={`${th} text-center`}>To</th>
              </>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map((e) => {
            const when = formatDateTime(e.capturedAt);
            return (
              <tr key={e.id}>
                <td className="whitespace-nowrap px-2 py-2">
                  <time dateTime={e.capturedAt.toISOString()}>{when}</time>
                </td>
                <td className={`px-2 py-2 font-medium ${CHANGE_STYLE[e.change] ?? ""}`}>{e.change}</td>
                <td className="px-2 py-2">
                  {e.scanId ? (
                    <Link href={`/scans/${e.scanId}`} className={`${linkClass} text-xs`}>
                      scan
                    </Link>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                {canCompare && (
                  <>
                    <td className="px-2 py-2 text-center">
                      <input
                        type="radio"
                        name="from"
                        value={e.id}
                        defaultChecked={selected?.from === e.id}
                        aria-label={`Compare from the version of ${when} (${e.change})`}
                        className="h-4 w-4 accent-brand-600"
                      />
                    </td>
                    <td className="px-2 py-2 text-center">
                      <input
                        type="radio"
                        name="to"
                        value={e.id}
                        defaultChecked={selected?.to === e.id}
                        aria-label={`Compare to the version of ${when} (${e.change})`}
                        className="h-4 w-4 accent-brand-600"
                      />
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {total > entries.length && (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          The newest {formatCount(entries.length)} of {formatCount(total)} versions.
        </p>
      )}
    </div>
  );

  if (!canCompare) return table;
  return (
    <Form action={`/inventory/${kind}/item`} aria-label="Compare two versions" key={`${selected?.from}-${selected?.to}`}>
      <input type="hidden" name="arn" value={arn} />
      {table}
      <button type="submit" className={`${buttonClass} mt-3`}>
        Compare selected versions
      </button>
    </Form>
  );
}

const pad = (n: number | undefined) => (n === undefined ? "" : String(n)).padStart(5, " ");

/**
 * One line as its own element with a data-op attribute; the container styles them all, so a long diff
 * does not repeat the same class list on every line.
 */
function DiffLineRow({ line }: { line: TDiffLine }) {
  const oldNo = line.op === "add" ? undefined : line.oldNo;
  const newNo = line.op === "del" ? undefined : line.newNo;
  const gutter = `${pad(oldNo)} ${pad(newNo)} ${line.op === "add" ? "+" : line.op === "del" ? "−" : " "} `;
  const content = (
    <>
      <span aria-hidden="true" className="select-none text-slate-400">
        {gutter}
      </span>
      {line.op !== "same" && <span className="sr-only">{line.op === "add" ? "added: " : "removed: "}</span>}
      {line.text}
    </>
  );
  if (line.op === "add") return <ins data-op="add">{content}</ins>;
  if (line.op === "del") return <del data-op="del">{content}</del>;
  return <span data-op="same">{content}</span>;
}

const LINES_CLASS = [
  // hanging indent: a wrapped line continues after the gutter (two 5-digit numbers, marker, spaces)
  "[&_[data-op]]:block [&_[data-op]]:whitespace-pre-wrap [&_[data-op]]:break-all [&_[data-op]]:pl-[14ch] [&_[data-op]]:-indent-[14ch] [&_[data-op]]:no-underline",
  "[&_[data-op=same]]:text-slate-700 dark:[&_[data-op=same]]:text-slate-300",
  "[&_[data-op=add]]:bg-emerald-50 [&_[data-op=add]]:text-emerald-950 dark:[&_[data-op=add]]:bg-emerald-500/10 dark:[&_[data-op=add]]:text-emerald-100",
  "[&_[data-op=del]]:bg-red-50 [&_[data-op=del]]:text-red-950 dark:[&_[data-op=del]]:bg-red-500/10 dark:[&_[data-op=del]]:text-red-100",
].join(" ");

export function DiffView({ diff, fromLabel, toLabel }: { diff: TLineDiff; fromLabel: string; toLabel: string }) {
  if (diff.added === 0 && diff.removed === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">These two versions have the same configuration.</p>;
  }
  const hunks = diffHunks(diff.lines);
  return (
    <figure>
      <figcaption className="mb-2 text-sm text-slate-700 dark:text-slate-300">
        From <strong>{fromLabel}</strong> to <strong>{toLabel}</strong>:{" "}
        <span className="font-semibold text-emerald-800 dark:text-emerald-300">+{formatCount(diff.added)}</span>{" "}
        <span className="font-semibold text-red-800 dark:text-red-300">−{formatCount(diff.removed)}</span> lines
        {diff.approximate && (
          <span className="block text-xs text-amber-800 dark:text-amber-200">
            The versions differ in too many lines for a line-by-line match: the whole old version is shown removed and the new one added.
          </span>
        )}
      </figcaption>
      <div className={`max-h-[36rem] overflow-auto rounded-lg border border-slate-200 bg-white py-1 font-mono text-xs leading-relaxed dark:border-slate-700 dark:bg-slate-950 ${LINES_CLASS}`}>
        {hunks.map((h, i) =>
          h.kind === "skipped" ? (
            <p key={i} className="my-1 bg-slate-100 px-3 py-0.5 text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
              ⋯ {formatCount(h.count)} unchanged line{h.count === 1 ? "" : "s"}
            </p>
          ) : (
            <div key={i}>
              {h.lines.map((l, j) => (
                <DiffLineRow key={j} line={l} />
              ))}
            </div>
          ),
        )}
      </div>
    </figure>
  );
}
