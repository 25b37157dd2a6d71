import type { Metadata } from "next";
import Link from "next/link";
import { getInstallationSettings, getRuleSettings } from "@/lib/db/settings";
import { RULES } from "@/lib/rules/registry";
import { TrustForm } from "@/components/settings/trust-form";
import { SettingsStateLabel } from "@/components/settings/rule-state-badges";
import { Card, EmptyState, PageHeader, linkClass, secondaryButtonClass } from "@/components/ui/card";
import { formatCount } from "@/components/ui/format";
import { ruleRows } from "../rules/rule-rows";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

async function RulesSummary() {
  const rows = ruleRows(RULES, await getRuleSettings());
  const active = rows.filter((r) => !r.deprecated);
  const disabled = active.filter((r) => !r.enabled).length;
  const tunable = active.filter((r) => r.settings.kind !== "none");
  return (
    <Card
      title="Rules and thresholds"
      id="rules-summary-heading"
      action={
        <Link href="/settings/rules" className={secondaryButtonClass}>
          All rules →
        </Link>
      }
    >
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {formatCount(active.length)} rule{active.length === 1 ? "" : "s"}, {formatCount(disabled)} disabled. Thresholds and lists
        (deprecated runtimes, stale days, trusted publishers, secret patterns…) have defaults in each rule; what you change here
        applies from the next scan of each account.
      </p>
      <h3 className="mt-5 text-sm font-semibold text-slate-900 dark:text-white">Rules with settings</h3>
      {tunable.length === 0 ? (
        <div className="mt-2">
          <EmptyState title="No rule has settings yet">
            <p>
              The rules in this version have no thresholds to tune. You can still{" "}
              <Link href="/settings/rules" className={linkClass}>
                turn rules on or off
              </Link>
              .
            </p>
          </EmptyState>
        </div>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800" aria-label="Rules with settings">
          {tunable.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span>
                <span className="mr-2 inline-block w-12 font-mono text-xs text-slate-500 dark:text-slate-400">{r.catalogueId}</span>
                <Link href={`/settings/rules/${r.id}`} className={linkClass}>
                  {r.title}
                </Link>
                {!r.enabled && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">(disabled)</span>}
              </span>
              <span className="text-xs">
                <SettingsStateLabel state={r.settings} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export default async function SettingsPage() {
  const installation = await getInstallationSettings();
  return (
    <>
      <PageHeader title="Settings" description="Settings of this Lantern installation, shared by every account it scans." />
      <div className="space-y-6">
        <Card title="Trusted accounts and organizations" id="trust-heading">
          <div className="mb-4 max-w-3xl space-y-2 text-sm text-slate-700 dark:text-slate-300">
            <p>
              Cross-account grants to these are not flagged: a function or layer policy, or a role trust policy, that lets one of
              these accounts in, or that is limited to a trusted organization (<code className="font-mono">aws:PrincipalOrgID</code>,{" "}
              <code className="font-mono">aws:SourceOrgID</code>), is treated like access from inside. Access open to everyone is
              still reported.
            </p>
            <p className="text-slate-600 dark:text-slate-400">
              Grants within the scanned account are never cross-account, so it need not be listed. Changes apply from the next scan of each account.
            </p>
          </div>
          <TrustForm trustedAccountIds={installation.trustedAccountIds} trustedOrganizationIds={installation.trustedOrganizationIds} />
        </Card>
        <RulesSummary />
      </div>
    </>
  );
}
