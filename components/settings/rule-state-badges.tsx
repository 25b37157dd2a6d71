// Badges for a rule's state on the settings pages. Each carries its word, so colour is never the only signal.
const BASE = "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset";

const STYLE = {
  enabled: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-200 dark:ring-emerald-500/40",
  disabled: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-700/50 dark:text-slate-200 dark:ring-slate-500/50",
  customized: "bg-violet-50 text-violet-800 ring-violet-200 dark:bg-violet-500/15 dark:text-violet-200 dark:ring-violet-400/40",
  invalid: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-400/15 dark:text-amber-200 dark:ring-amber-400/40",
} as const;

export function EnabledBadge({ enabled, deprecated = false }: { enabled: boolean; deprecated?: boolean }) {
  if (deprecated) return <span className={`${BASE} ${STYLE.disabled}`}>Deprecated</span>;
  return <span className={`${BASE} ${enabled ? STYLE.enabled : STYLE.disabled}`}>{enabled ? "Enabled" : "Disabled"}</span>;
}

export function CustomizedBadge() {
  return <span className={`${BASE} ${STYLE.customized}`}>Customized</span>;
}

/** What the "Settings" column says: no settings, defaults, customized (how many) or saved values that no longer fit. */
export type TSettingsState = { kind: "none" } | { kind: "default" } | { kind: "customized"; count: number } | { kind: "invalid" };

export function SettingsStateLabel({ state }: { state: TSettingsState }) {
  switch (state.kind) {
    case "none":
      return <span className="text-slate-500 dark:text-slate-400">No settings</span>;
    case "default":
      return <span className="text-slate-700 dark:text-slate-300">Default</span>;
    case "customized":
      return (
        <span className={`${BASE} ${STYLE.customized}`}>
          Customized ({state.count})
        </span>
      );
    case "invalid":
      return (
        <span className={`${BASE} ${STYLE.invalid}`} title="The saved settings no longer fit this rule; scans use the defaults.">
          Saved settings invalid
        </span>
      );
  }
}
