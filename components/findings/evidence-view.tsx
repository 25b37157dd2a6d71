// Evidence is JSON written by a rule. Shown pretty-printed as text (never as HTML: it holds
// attacker-controlled names and policy text). Policy statements get their own blocks: the ones
// that decided the finding (`statements`, `publicStatements`) are highlighted, and the ones a rule
// lists for context (`restrictedStatements`, `neutralizedStatements`) are shown plain.

type Json = unknown;

const isRecord = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

const pretty = (v: Json) => JSON.stringify(v, null, 2) ?? String(v);

const preClass = "overflow-x-auto rounded-lg p-3 font-mono text-xs leading-relaxed";
const plainPre = `${preClass} bg-slate-100 text-slate-900 dark:bg-slate-950 dark:text-slate-100`;
const offendingPre = `${preClass} border-l-4 border-red-600 bg-red-50 text-red-950 dark:bg-red-500/10 dark:text-red-100`;

/** Evidence keys holding statements that decided the finding. */
const OFFENDING_KEYS = ["statements", "publicStatements", "offendingStatements"];
/** Evidence keys holding statements listed for context only. */
const CONTEXT_LABELS: Record<string, string> = {
  restrictedStatements: "Limited by a condition",
  neutralizedStatements: "Cancelled by a Deny",
};
/** Shown by the remediation card as ready-to-run commands, not repeated here. */
export const COMMAND_KEYS = ["removeCommands"];

function statementTitle(statement: Json, index: number): string {
  const s = isRecord(statement) && isRecord(statement.statement) ? statement.statement : statement;
  if (!isRecord(s)) return `Statement ${index + 1}`;
  const sid = [s.Sid, s.sid].find((v): v is string => typeof v === "string" && v !== "");
  const position = typeof s.index === "number" ? s.index + 1 : index + 1;
  return sid ? `Statement "${sid}"` : `Statement #${position}`;
}

function StatementBlock({ statement, index, offending, note }: { statement: Json; index: number; offending: boolean; note?: string }) {
  return (
    <figure>
      <figcaption className="mb-1 flex flex-wrap items-center gap-2 text-xs font-semibold text-slate-700 dark:text-slate-300">
        {statementTitle(statement, index)}
        {offending ? (
          <span className="rounded-full bg-red-600 px-2 py-0.5 text-[10px] font-bold uppercase tracking-wide text-white">
            Offending statement
          </span>
        ) : (
          note && <span className="rounded-full bg-slate-200 px-2 py-0.5 text-[10px] font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-200">{note}</span>
        )}
      </figcaption>
      <pre className={offending ? offendingPre : plainPre}>{pretty(statement)}</pre>
    </figure>
  );
}

const STEP_LABEL: Record<string, string> = { entry: "Entry", function: "Function", role: "Execution role", reach: "Reaches" };

/** An attack path (`chain`: entry -> function -> role -> reach), drawn as numbered steps; text only. */
function ChainView({ chain }: { chain: Json[] }) {
  return (
    <ol aria-label="Attack path" className="space-y-2">
      {chain.map((link, i) => {
        const l = isRecord(link) ? link : {};
        const step = typeof l.step === "string" ? l.step : "step";
        const title = [l.label, l.name, l.arn].find((v): v is string => typeof v === "string" && v !== "") ?? "";
        const { step: _s, label: _l, name: _n, ...detail } = l;
        return (
          <li key={i} className="flex gap-3">
            <span aria-hidden="true" className="mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-red-600 text-xs font-bold text-white">
              {i + 1}
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-sm text-slate-900 dark:text-slate-100">
                <span className="font-semibold">{STEP_LABEL[step] ?? step}:</span> <span className="break-all">{title}</span>
              </p>
              {Object.keys(detail).length > 0 && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">Details</summary>
                  <pre className={plainPre}>{pretty(detail)}</pre>
                </details>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function EvidenceView({ evidence }: { evidence: Json }) {
  if (!isRecord(evidence)) return <pre className={plainPre}>{pretty(evidence)}</pre>;
  if (Array.isArray(evidence.chain)) {
    const { chain, ...others } = evidence;
    return (
      <div className="space-y-3">
        <ChainView chain={chain} />
        {Object.keys(others).length > 0 && <pre className={plainPre}>{pretty(others)}</pre>}
      </div>
    );
  }

  const offending: Json[] = [];
  const context: { statement: Json; note: string }[] = [];
  const rest: Record<string, Json> = {};
  for (const [key, value] of Object.entries(evidence)) {
    if (OFFENDING_KEYS.includes(key) && Array.isArray(value)) {
      // A rule may list every statement and flag the offending ones with `offending: true`.
      const flagged = value.some((s) => isRecord(s) && typeof s.offending === "boolean");
      for (const s of value) {
        if (!flagged || (isRecord(s) && s.offending === true)) offending.push(s);
        else context.push({ statement: s, note: "Not offending" });
      }
    } else if (key in CONTEXT_LABELS && Array.isArray(value)) {
      for (const s of value) context.push({ statement: s, note: CONTEXT_LABELS[key] });
    } else if (!COMMAND_KEYS.includes(key)) {
      rest[key] = value;
    }
  }

  return (
    <div className="space-y-3">
      {offending.map((s, i) => (
        <StatementBlock key={`o${i}`} statement={s} index={i} offending />
      ))}
      {context.map(({ statement, note }, i) => (
        <StatementBlock key={`c${i}`} statement={statement} index={i} offending={false} note={note} />
      ))}
      {Object.keys(rest).length > 0 && <pre className={plainPre}>{pretty(rest)}</pre>}
      {offending.length === 0 && context.length === 0 && Object.keys(rest).length === 0 && (
        <p className="text-sm text-slate-500 dark:text-slate-400">The rule recorded no evidence.</p>
      )}
    </div>
  );
}

// Commands embed names and statement ids read from AWS. People paste them into a shell, so only
// commands made of plain argument characters are offered (no quotes, $, ;, |, & or backticks).
const SAFE_COMMAND = /^aws [A-Za-z0-9 _:/.,=@+-]+$/;

/** Commands a rule computed for this very resource (e.g. remove-permission with the real statement id). */
export function resourceCommands(evidence: Json): string[] {
  if (!isRecord(evidence)) return [];
  return COMMAND_KEYS.flatMap((k) => {
    const v = evidence[k];
    return Array.isArray(v) ? v.filter((c): c is string => typeof c === "string" && SAFE_COMMAND.test(c)) : [];
  });
}
