/** Lantern's mark: a small hanging lantern with a lit flame. Decorative; the wordmark carries the name. */
export function LanternMark({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <path d="M12 5a4 4 0 0 1 8 0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <rect x="10" y="6" width="12" height="3" rx="1" fill="currentColor" />
      <path d="M11 9h10l2 4v10l-2 4H11l-2-4V13z" className="fill-brand-50 dark:fill-slate-900" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M16 13c2.4 2.6 3 4.4 3 6a3 3 0 0 1-6 0c0-1.6.6-3.4 3-6z" className="fill-brand-500" />
      <rect x="10" y="27" width="12" height="2.5" rx="1" fill="currentColor" />
    </svg>
  );
}
