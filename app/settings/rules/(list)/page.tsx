import type { Metadata } from "next";
import Link from "next/link";
import { getRuleSettings } from "@/lib/db/settings";
import { RULES } from "@/lib/rules/registry";
import { RulesFilters } from "@/components/settings/rules-filters";
import { RulesTable } from "@/components/settings/rules-table";
import { EmptyState, PageHeader, linkClass } from "@/components/ui/card";
import { formatCount } from "@/components/ui/format";
import { filterRuleRows, hasActiveRuleFilters, parseRuleSearch, ruleRows, STATE_CHOICES, type TSearchParams } from "../rule-rows";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Rules · Settings" };

function Breadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm">
      <Link href="/settings" className={linkClass}>
        ← Settings
      </Link>
    </nav>
  );
}

export default async function RuleSettingsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const parsed = parseRuleSearch(await searchParams);
  const header = (
    <PageHeader
      title="Rules"
      description="Every check Lantern runs at each scan. Open a rule to read what it checks and how to fix it, turn it off, or tune its thresholds."
    />
  );

  if (!parsed.ok) {
    return (
      <>
        <Breadcrumb />
        {header}
        <RulesFilters filters={{}} states={STATE_CHOICES} />
        <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-5 text-sm dark:border-amber-400/40 dark:bg-amber-400/10">
          <h2 className="font-semibold text-amber-900 dark:text-amber-200">These filters cannot be applied</h2>
          <ul className="mt-2 list-disc pl-5 text-amber-900 dark:text-amber-100">
            {parsed.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p className="mt-3">
            <Link href="/settings/rules" className={linkClass}>
              Show every rule
            </Link>
          </p>
        </div>
      </>
    );
  }

  const { filters } = parsed;
  const all = ruleRows(RULES, await getRuleSettings());
  const rows = filterRuleRows(all, filters);
  const disabled = all.filter((r) => !r.enabled && !r.deprecated).length;
  const customized = all.filter((r) => r.settings.kind === "customized" || r.settings.kind === "invalid").length;

  return (
    <>
      <Breadcrumb />
      {header}
      <RulesFilters filters={filters} states={STATE_CHOICES} />
      {all.length === 0 ? (
        <EmptyState title="No rules registered">
          <p>This Lantern build has no rules. Scans still take the inventory.</p>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No rules match these filters">
          <p>
            None of the {formatCount(all.length)} rules match.{" "}
            <Link href="/settings/rules" className={linkClass}>
              Clear the filters
            </Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {hasActiveRuleFilters(filters) ? (
              <>
                <strong className="text-slate-900 dark:text-white">{formatCount(rows.length)}</strong> of {formatCount(all.length)} rules match
              </>
            ) : (
              <>
                <strong className="text-slate-900 dark:text-white">{formatCount(all.length)}</strong> rule{all.length === 1 ? "" : "s"}
              </>
            )}
            {" · "}
            {formatCount(disabled)} disabled · {formatCount(customized)} with customized settings
          </p>
          <RulesTable rows={rows} caption={`Rules, ${formatCount(rows.length)} shown`} />
        </>
      )}
    </>
  );
}
