// The normalized configuration, as text only (it holds names and policy text from AWS). Sections use
// <details>, so collapsing needs no JavaScript and works with the keyboard.
import { configLayout, type TConfigSection, type TNestedError } from "./config-sections";

const preClass =
  "max-h-[32rem] overflow-auto rounded-lg bg-slate-100 p-3 font-mono text-xs leading-relaxed text-slate-900 dark:bg-slate-950 dark:text-slate-100";
const warningClass =
  "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-100";

/** Sections longer than this start collapsed. */
const OPEN_UP_TO_LINES = 40;

function CouldNotRead({ code, message, path }: { code: string; message: string; path?: string }) {
  return (
    <div role="note" className={warningClass}>
      <p className="font-semibold">
        {path && <code className="mr-1 font-mono text-xs">{path}:</code>}
        Could not be read: <code className="font-mono">{code}</code>
      </p>
      {message && <p className="mt-0.5 break-words text-xs">AWS said: {message}</p>}
      {!path && <p className="mt-0.5 text-xs">Rules that need this value report the resource as unknown until a scan can read it.</p>}
    </div>
  );
}

function NestedErrors({ errors }: { errors: TNestedError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="mb-2 space-y-1">
      {errors.map((e) => (
        <CouldNotRead key={e.path} code={e.code} message={e.message} path={e.path} />
      ))}
    </div>
  );
}

function Section({ section }: { section: TConfigSection }) {
  const { key, outcome, json, lines, nestedErrors, summary, empty } = section;
  const failed = outcome?.status === "error" || nestedErrors.length > 0;
  return (
    <details open={failed || (!empty && lines <= OPEN_UP_TO_LINES)} className="group rounded-lg border border-slate-200 dark:border-slate-700">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-lg px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800/60">
        <span className="flex items-center gap-2">
          <span aria-hidden="true" className="text-slate-400 transition-transform group-open:rotate-90">
            ▸
          </span>
          <code className="font-mono text-sm font-semibold text-slate-900 dark:text-white">{key}</code>
        </span>
        <span className={`text-xs ${failed ? "font-semibold text-amber-800 dark:text-amber-200" : "text-slate-500 dark:text-slate-400"}`}>
          {summary}
          {nestedErrors.length > 0 && ` · ${nestedErrors.length} value${nestedErrors.length === 1 ? "" : "s"} could not be read`}
        </span>
      </summary>
      <div className="px-3 pb-3">
        {outcome?.status === "error" ? (
          <CouldNotRead code={outcome.code} message={outcome.message} />
        ) : outcome?.status === "absent" ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">None</p>
        ) : (
          <>
            <NestedErrors errors={nestedErrors} />
            <pre className={preClass}>{json}</pre>
          </>
        )}
      </div>
    </details>
  );
}

function scalarText(v: string | number | boolean | null): string {
  if (v === null) return "null";
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function ConfigView({ config }: { config: unknown }) {
  const layout = configLayout(config);
  if (layout.shape === "other") return <pre className={preClass}>{layout.json}</pre>;
  return (
    <div className="space-y-3">
      {layout.scalars.length > 0 && (
        <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 p-3 text-sm sm:grid-cols-2 dark:border-slate-700">
          {layout.scalars.map(({ key, value }) => (
            <div key={key} className="min-w-0">
              <dt className="font-mono text-xs text-slate-500 dark:text-slate-400">{key}</dt>
              <dd className={`break-all font-mono text-xs ${value === null ? "text-slate-400" : "text-slate-900 dark:text-slate-100"}`}>
                {scalarText(value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {layout.sections.map((s) => (
        <Section key={s.key} section={s} />
      ))}
      {layout.scalars.length === 0 && layout.sections.length === 0 && (
        <p className="text-sm text-slate-500 dark:text-slate-400">The stored configuration is empty.</p>
      )}
    </div>
  );
}

/** The API responses the record was built from: for experts, collapsed until asked for. */
export function RawView({ raw }: { raw: unknown }) {
  const json = JSON.stringify(raw, null, 2) ?? "null";
  return (
    <details className="group">
      <summary className="flex cursor-pointer list-none items-center gap-2 text-sm font-medium text-slate-700 dark:text-slate-300">
        <span aria-hidden="true" className="text-slate-400 transition-transform group-open:rotate-90">
          ▸
        </span>
        Show the raw API responses ({json.split("\n").length.toLocaleString("en-US")} lines)
      </summary>
      <pre className={`${preClass} mt-3`}>{json}</pre>
    </details>
  );
}
