"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { TScanProgress } from "@/lib/db/scan-progress";
import { RunStateBadge } from "@/components/ui/badges";
import { formatCount, formatDateTime, formatSpan } from "@/components/ui/format";
import { linkClass } from "@/components/ui/card";
import { etaText, isScanActive } from "./scan-status";
import { ScanErrors } from "./scan-errors";
import { UnitTable } from "./unit-table";

const POLL_MS = 1000;

/** The API answers with our own DTO; still check the fields the UI branches on before trusting it. */
function looksLikeProgress(v: unknown, id: string): v is TScanProgress {
  if (typeof v !== "object" || v === null) return false;
  const p = v as Partial<TScanProgress>;
  return p.id === id && typeof p.status === "string" && Array.isArray(p.units) && typeof p.totals === "object" && typeof p.eta?.state === "string";
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900 dark:text-white">{value}</dd>
    </div>
  );
}

/**
 * A scan's progress. While the scan is queued or running it polls GET /api/scans/[id] every second;
 * it stops once the scan is done and refreshes the page's server data (account list, recent scans).
 */
export function LiveScanProgress({
  initial,
  showDetailLink = false,
  onDismiss,
}: {
  initial: TScanProgress;
  showDetailLink?: boolean;
  onDismiss?: () => void;
}) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [connection, setConnection] = useState<"ok" | "lost" | "gone">("ok");
  const active = isScanActive(progress.status);
  const id = initial.id;

  useEffect(() => {
    if (!active) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch(`/api/scans/${id}`, { cache: "no-store", signal: ctrl.signal });
        if (res.status === 404) {
          setConnection("gone");
          return;
        }
        const body: unknown = res.ok ? await res.json() : null;
        if (!looksLikeProgress(body, id)) {
          setConnection("lost");
        } else {
          setConnection("ok");
          setProgress(body);
          if (!isScanActive(body.status)) {
            router.refresh();
            return;
          }
        }
      } catch {
        if (ctrl.signal.aborted) return;
        setConnection("lost");
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [active, id, router]);

  const { totals } = progress;
  const pct = totals.unitsTotal === 0 ? 0 : Math.round((totals.unitsDone / totals.unitsTotal) * 100);
  const headingId = `scan-${id}-heading`;

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900 dark:text-white">
            Scan of {progress.accountName}
          </h2>
          <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
            <span className="font-mono">{progress.accountId}</span> · {progress.trigger} · requested{" "}
            {formatDateTime(progress.requestedAt)}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <p className="flex items-center gap-2 text-sm" aria-live="polite">
            <span className="sr-only">Status</span>
            <span data-testid="scan-status">
              <RunStateBadge state={progress.status} />
            </span>
          </p>
          {showDetailLink && (
            <Link href={`/scans/${id}`} className={`${linkClass} text-sm`}>
              Details
            </Link>
          )}
          {onDismiss && !active && (
            <button type="button" onClick={onDismiss} className="text-sm text-slate-500 underline hover:text-slate-800 dark:hover:text-slate-200">
              Dismiss
            </button>
          )}
        </div>
      </div>

      <div
        role="progressbar"
        aria-label="Units done"
        aria-valuemin={0}
        aria-valuemax={totals.unitsTotal}
        aria-valuenow={totals.unitsDone}
        aria-valuetext={`${totals.unitsDone} of ${totals.unitsTotal} units done`}
        className="mt-4 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={`h-full rounded-full transition-all ${progress.status === "failed" ? "bg-red-500" : progress.status === "partial" ? "bg-amber-500" : "bg-brand-500"}`}
          style={{ width: `${pct}%` }}
        />
      </div>

      <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-7">
        <Stat label="Units done" value={`${totals.unitsDone} / ${totals.unitsTotal}`} />
        <Stat label="Resources found" value={formatCount(totals.resources)} />
        <Stat label="API calls" value={formatCount(totals.apiCalls)} />
        <Stat label="Throttles" value={formatCount(totals.throttles)} />
        <Stat label="Failed calls" value={formatCount(totals.errors)} />
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Duration</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900 dark:text-white" suppressHydrationWarning>
            {formatSpan(progress.startedAt ?? progress.requestedAt, progress.finishedAt)}
          </dd>
        </div>
        {/* The server computes it on every poll; the text is the same on both sides of hydration. */}
        <div data-testid="scan-eta">
          <dt className="text-xs text-slate-500 dark:text-slate-400">Time left</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900 dark:text-white">{etaText(progress.eta)}</dd>
        </div>
      </dl>

      {connection !== "ok" && (
        <p role="status" className="mt-3 text-sm text-amber-800 dark:text-amber-200">
          {connection === "gone"
            ? "This scan no longer exists (its account was removed)."
            : "Lost contact with the server; still trying…"}
        </p>
      )}
      {progress.error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-500/10 dark:text-red-200">
          The scan failed: {progress.error}
        </p>
      )}

      <div className="mt-5">
        {progress.units.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No units yet: the scan is waiting for a worker.</p>
        ) : (
          <UnitTable units={progress.units} caption={`Units of the scan of ${progress.accountName}`} />
        )}
      </div>
      <ScanErrors units={progress.units} />
    </section>
  );
}
