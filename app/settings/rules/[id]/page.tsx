import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { Suspense, type ReactNode } from "react";
import { z } from "zod";
import { effectiveSettings, ruleSettingFields } from "@/lib/actions/rule-settings-input";
import { getRuleSettings } from "@/lib/db/settings";
import { FRAMEWORKS, type FrameworkDefinition } from "@/lib/rules/frameworks";
import { getRule } from "@/lib/rules/registry";
import { RULE_CATEGORY_LABELS, type AnyRuleDefinition } from "@/lib/rules/types";
import { CodeBlock } from "@/components/findings/code-block";
import { RuleSettingsForm } from "@/components/settings/rule-settings-form";
import { EnabledBadge } from "@/components/settings/rule-state-badges";
import { SeverityBadge } from "@/components/ui/badges";
import { Card, linkClass } from "@/components/ui/card";
import { CardSkeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/components/ui/format";
import { resourceKindLabel } from "../rule-rows";

export const dynamic = "force-dynamic";

const ZRuleId = z.string().regex(/^[a-z0-9_]{1,128}$/);

function findRule(id: string): AnyRuleDefinition | undefined {
  const parsed = ZRuleId.safeParse(id);
  return parsed.success ? getRule(parsed.data) : undefined;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const rule = findRule((await params).id);
  return { title: rule ? `${rule.catalogueId} ${rule.title} · Settings` : "Rule not found" };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function Remediation({ rule }: { rule: AnyRuleDefinition }) {
  const { text, cli, cloudformation, terraform } = rule.remediation;
  return (
    <Card title="How to fix it" id="remediation-heading">
      <p className="whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{text}</p>
      {(cli || cloudformation || terraform) && (
        <div className="mt-4 space-y-4">
          {cli && <CodeBlock label="AWS CLI" language="shell" code={cli} />}
          {cloudformation && <CodeBlock label="CloudFormation" language="yaml" code={cloudformation} />}
          {terraform && <CodeBlock label="Terraform" language="hcl" code={terraform} />}
        </div>
      )}
    </Card>
  );
}

function Frameworks({ frameworks }: { frameworks: Record<string, string[]> }) {
  const entries = Object.entries(frameworks).filter(([, controls]) => controls.length > 0);
  if (entries.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">Not mapped to a framework control.</p>;
  return (
    <div className="space-y-3">
      {entries.map(([id, controls]) => {
        const framework = (FRAMEWORKS as Record<string, FrameworkDefinition>)[id];
        return (
          <div key={id}>
            <h3 className="text-sm font-semibold text-slate-900 dark:text-white">{framework?.name ?? id}</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {controls.map((c) => (
                <li key={c}>
                  <span className="font-mono text-xs font-semibold">{c}</span>
                  {framework?.controls[c] && <span className="text-slate-700 dark:text-slate-300"> {framework.controls[c]}</span>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

/** The part that reads the database, streamed in after the rule's metadata. */
async function RuleSettingsCard({ rule }: { rule: AnyRuleDefinition }) {
  const saved = (await getRuleSettings()).get(rule.id);
  const enabled = saved?.enabled ?? true;
  const fields = ruleSettingFields(rule, saved?.settings);
  const { savedInvalid } = effectiveSettings(rule, saved?.settings);
  return (
    <Card title="Rule settings" id="rule-settings-heading" action={<EnabledBadge enabled={enabled} deprecated={rule.deprecated === true} />}>
      <RuleSettingsForm ruleId={rule.id} enabled={enabled} fields={fields} savedInvalid={savedInvalid} />
      {saved && (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          Last changed <time dateTime={saved.updatedAt.toISOString()}>{formatDateTime(saved.updatedAt)}</time>
          {saved.updatedBy && <> by {saved.updatedBy}</>}.
        </p>
      )}
    </Card>
  );
}

// No loading.tsx on this route (nor above it): a loading boundary makes Next send the page's 200 before
// notFound() runs, and an unknown rule must answer 404. The rule comes from the in-memory registry, so the
// shell renders at once; only the saved settings stream in, behind their own skeleton.
export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const rule = findRule(id);
  if (!rule) notFound();
  // A renamed rule keeps its old id as an alias: send old links to the current address.
  if (rule.id !== id) permanentRedirect(`/settings/rules/${rule.id}`);
  const kind = resourceKindLabel(rule.resourceType);

  return (
    <article aria-labelledby="rule-title">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/settings" className={linkClass}>
              Settings
            </Link>
          </li>
          <li aria-hidden="true" className="text-slate-400">
            /
          </li>
          <li>
            <Link href="/settings/rules" className={linkClass}>
              Rules
            </Link>
          </li>
        </ol>
      </nav>
      <header className="mb-6">
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={rule.severity} />
          <span className="font-mono text-xs font-semibold text-slate-700 dark:text-slate-300">{rule.catalogueId}</span>
          <span className="break-all font-mono text-xs text-slate-500 dark:text-slate-400">{rule.id}</span>
        </div>
        <h1 id="rule-title" className="mt-2 text-2xl font-bold tracking-tight text-slate-900 dark:text-white">
          {rule.title}
        </h1>
        <p className="mt-2 max-w-4xl whitespace-pre-line text-slate-700 dark:text-slate-300">{rule.description}</p>
        {rule.deprecated && (
          <p role="note" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-200">
            This rule is deprecated: scans no longer run it, whatever its settings. It stays listed so its findings and
            suppressions keep resolving.
          </p>
        )}
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Suspense fallback={<CardSkeleton lines={4} />}>
            <RuleSettingsCard rule={rule} />
          </Suspense>

          <Card title="Why it matters" id="risk-heading">
            <p className="whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{rule.risk}</p>
          </Card>

          <Remediation rule={rule} />
        </div>

        <div className="space-y-6">
          <Card title="About this rule" id="about-heading">
            <dl className="space-y-3">
              <Field label="Catalogue id">
                <span className="font-mono">{rule.catalogueId}</span>
              </Field>
              <Field label="Rule id">
                <span className="break-all font-mono text-xs">{rule.id}</span>
              </Field>
              <Field label="Severity">
                <SeverityBadge severity={rule.severity} />
              </Field>
              <Field label="Category">{RULE_CATEGORY_LABELS[rule.category] ?? rule.category}</Field>
              <Field label="Resource">
                {kind.href ? (
                  <Link href={kind.href} className={linkClass}>
                    {kind.label}
                  </Link>
                ) : (
                  kind.label
                )}{" "}
                <span className="font-mono text-xs text-slate-500 dark:text-slate-400">({rule.resourceType})</span>
              </Field>
              {rule.aliases && rule.aliases.length > 0 && (
                <Field label="Former ids">
                  <span className="break-all font-mono text-xs">{rule.aliases.join(", ")}</span>
                </Field>
              )}
              <Field label="Findings">
                <Link href={`/findings?rule=${encodeURIComponent(rule.id)}&status=all`} className={linkClass}>
                  Findings of this rule
                </Link>
              </Field>
            </dl>
          </Card>

          <Card title="Framework controls" id="frameworks-heading">
            <Frameworks frameworks={rule.frameworks ?? {}} />
          </Card>

          <Card title="References" id="references-heading">
            {rule.references.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">No references.</p>
            ) : (
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {rule.references.map((href) => (
                  <li key={href}>
                    <a href={href} className={`${linkClass} break-all`} target="_blank" rel="noreferrer noopener">
                      {href}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </article>
  );
}
