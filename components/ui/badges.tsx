// Status and severity badges. Each carries its word, so colour is never the only signal.
import type { Severity } from "@/lib/rules/types";

const BASE = "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset";

const SEVERITY_STYLE: Record<Severity, string> = {
  critical: "bg-red-600 text-white ring-red-700 dark:bg-red-500/90 dark:ring-red-400",
  high: "bg-orange-100 text-orange-900 ring-orange-300 dark:bg-orange-500/20 dark:text-orange-200 dark:ring-orange-500/50",
  medium: "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-400/15 dark:text-amber-200 dark:ring-amber-400/40",
  low: "bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-400/15 dark:text-sky-200 dark:ring-sky-400/40",
  informational: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-700/50 dark:text-slate-200 dark:ring-slate-500/50",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`${BASE} capitalize ${SEVERITY_STYLE[severity]}`}>{severity}</span>;
}

const FINDING_STATUS_STYLE = {
  open: "bg-rose-50 text-rose-800 ring-rose-200 dark:bg-rose-500/10 dark:text-rose-200 dark:ring-rose-500/40",
  resolved: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-200 dark:ring-emerald-500/40",
  suppressed: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-700/50 dark:text-slate-200 dark:ring-slate-500/50",
} as const;

export function FindingStatusBadge({ status }: { status: keyof typeof FINDING_STATUS_STYLE }) {
  return <span className={`${BASE} ${FINDING_STATUS_STYLE[status]}`}>{status}</span>;
}

const RUN_STATE_STYLE = {
  queued: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-700/50 dark:text-slate-200 dark:ring-slate-500/50",
  running: "bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-500/15 dark:text-blue-200 dark:ring-blue-400/40",
  succeeded: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-200 dark:ring-emerald-500/40",
  partial: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-400/15 dark:text-amber-200 dark:ring-amber-400/40",
  failed: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-500/15 dark:text-red-200 dark:ring-red-400/40",
} as const;

/** State of a scan or of one scan unit. */
export function RunStateBadge({ state }: { state: keyof typeof RUN_STATE_STYLE }) {
  return (
    <span className={`${BASE} ${RUN_STATE_STYLE[state]}`}>
      {state === "running" && <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" aria-hidden="true" />}
      {state}
    </span>
  );
}
