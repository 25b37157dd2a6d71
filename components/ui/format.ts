// Date and number formatting shared by server and client components. Deterministic (UTC, fixed
// format, no locale) so server-rendered and hydrated text match.

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-23 11:09 UTC" */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "2026-11-23" (UTC) */
export function formatDate(value: Date | string): string {
  return formatDateTime(value).slice(0, 10);
}

/** "850 ms", "42 s", "3 min 05 s", "2 h 10 min" */
export function formatDuration(ms: number): string {
  if (ms < 0 || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${pad(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${pad(m % 60)} min`;
}

/** Duration between two instants; the end defaults to `now` for something still running. */
export function formatSpan(start: Date | string | null, end: Date | string | null, now: Date = new Date()): string {
  if (!start) return "—";
  const a = new Date(start).getTime();
  const b = end ? new Date(end).getTime() : now.getTime();
  return formatDuration(b - a);
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; server-rendered only (depends on the clock). */
export function formatAgo(value: Date | string, now: Date = new Date()): string {
  const s = Math.round((now.getTime() - new Date(value).getTime()) / 1000);
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 36) return `${h} h ago`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? "" : "s"} ago`;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");
