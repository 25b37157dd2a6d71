import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { z } from "zod";
import { getFinding, type TFindingDetail } from "@/lib/db/findings-query";
import { getRule } from "@/lib/rules/registry";
import type { RuleDefinition } from "@/lib/rules/types";
import { CodeBlock } from "@/components/findings/code-block";
import { EvidenceView, resourceCommands } from "@/components/findings/evidence-view";
import { FindingStatusBadge, SeverityBadge } from "@/components/ui/badges";
import { Card, linkClass } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { SuppressPanel } from "@/components/findings/suppress-panel";

function describeScope(s: NonNullable<TFindingDetail["suppression"]>): string {
  const parts = [
    s.ruleId ? `rule ${s.ruleId}` : "any rule",
    s.accountId ? `account ${s.accountId}` : "any account",
    s.resourcePattern ? `resources matching ${s.resourcePattern}` : "any resource",
  ];
  if (s.tagKey) parts.push(`tag ${s.tagKey}${s.tagValue !== null ? `=${s.tagValue}` : ""}`);
  return parts.join(", ");
}

export const dynamic = "force-dynamic";

const ZFindingId = z.uuid();
// generateMetadata and the page both need the finding: one query per request.
const findFinding = cache(getFinding);

async function load(params: Promise<{ id: string }>): Promise<TFindingDetail> {
  const id = ZFindingId.safeParse((await params).id);
  if (!id.success) notFound();
  const finding = await findFinding(id.data);
  if (!finding) notFound();
  return finding;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const id = ZFindingId.safeParse((await params).id);
  const finding = id.success ? await findFinding(id.data) : null;
  return { title: finding ? `${finding.title}: ${finding.resourceName}` : "Finding not found" };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

const EVENT_LABEL: Record<string, string> = { opened: "Opened", resolved: "Resolved", reopened: "Reopened", suppressed: "Suppressed", unsuppressed: "Suppression ended" };

function Remediation({ rule, commands }: { rule: RuleDefinition; commands: string[] }) {
  const { text, cli, cloudformation, terraform } = rule.remediation;
  return (
    <Card title="How to fix it" id="remediation-heading">
      <p className="whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{text}</p>
      <div className="mt-4 space-y-4">
        {commands.length > 0 && <CodeBlock label="AWS CLI for this resource" language="shell" code={commands.join("\n")} />}
        {cli && <CodeBlock label="AWS CLI" language="shell" code={cli} />}
        {cloudformation && <CodeBlock label="CloudFormation" language="yaml" code={cloudformation} />}
        {terraform && <CodeBlock label="Terraform" language="hcl" code={terraform} />}
      </div>
    </Card>
  );
}

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const f = await load(params);
  const rule = getRule(f.ruleId);

  return (
    <article aria-labelledby="finding-title">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/findings" className={linkClass}>
          ← Findings
        </Link>
      </nav>
      <header className="mb-6">
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={f.severity} />
          <FindingStatusBadge status={f.status} />
          <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{f.ruleId}</span>
        </div>
        <h1 id="finding-title" className="mt-2 text-2xl font-bold tracking-tight text-slate-900 dark:text-white">
          {rule?.title ?? f.title}
        </h1>
        <p className="mt-2 max-w-4xl text-slate-700 dark:text-slate-300">{f.message}</p>
        {!rule && (
          <p role="note" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-200">
            The rule <code className="font-mono">{f.ruleId}</code> is not in this Lantern version, so its description and
            remediation are unavailable. The finding is shown as it was stored.
          </p>
        )}
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {rule && (
            <Card title="Why it matters" id="risk-heading">
              <p className="whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{rule.risk}</p>
              {rule.description && rule.description !== rule.risk && (
                <p className="mt-3 whitespace-pre-line text-sm text-slate-600 dark:text-slate-400">{rule.description}</p>
              )}
            </Card>
          )}

          <Card title="Evidence" id="evidence-heading">
            <EvidenceView evidence={f.evidence} />
          </Card>

          {rule && <Remediation rule={rule} commands={resourceCommands(f.evidence)} />}

          {rule && (rule.references.length > 0 || rule.frameworks) && (
            <Card title="References" id="references-heading">
              {rule.references.length > 0 && (
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
              {rule.frameworks && Object.keys(rule.frameworks).length > 0 && (
                <dl className="mt-4 flex flex-wrap gap-2 text-xs">
                  {Object.entries(rule.frameworks).map(([framework, controls]) => (
                    <div key={framework} className="rounded-md bg-slate-100 px-2 py-1 dark:bg-slate-800">
                      <dt className="inline font-semibold">{framework}</dt>{" "}
                      <dd className="inline">{controls.join(", ")}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </Card>
          )}
        </div>

        <div className="space-y-6">
          <Card title="Resource" id="resource-heading">
            <dl className="space-y-3">
              <Field label="Name">
                <span className="break-all font-mono">{f.resourceName}</span>
              </Field>
              <Field label="ARN">
                <span className="break-all font-mono text-xs">{f.resourceArn}</span>
              </Field>
              <Field label="Type">{f.resourceType}</Field>
              <Field label="Account">
                {f.accountName} <span className="font-mono text-xs text-slate-500">({f.accountId})</span>
              </Field>
              <Field label="Region">
                <span className="font-mono">{f.region}</span>
              </Field>
            </dl>
          </Card>

          <Card title={f.status === "suppressed" ? "Suppression" : "Suppress"} id="suppress-heading">
            <SuppressPanel
              findingId={f.id}
              resourceArn={f.resourceArn}
              status={f.status}
              suppression={
                f.suppression
                  ? {
                      id: f.suppression.id,
                      reason: f.suppression.reason,
                      expiresAt: f.suppression.expiresAt?.toISOString() ?? null,
                      createdBy: f.suppression.createdBy,
                      createdAt: f.suppression.createdAt.toISOString(),
                      scope: describeScope(f.suppression),
                    }
                  : null
              }
            />
          </Card>

          <Card title="Timeline" id="timeline-heading">
            <dl className="grid grid-cols-2 gap-3">
              <Field label="First seen">{formatDateTime(f.firstSeenAt)}</Field>
              <Field label="Last seen">{formatDateTime(f.lastSeenAt)}</Field>
              <Field label="Resolved at">{f.resolvedAt ? formatDateTime(f.resolvedAt) : "Not resolved"}</Field>
              <Field label="Reopened">
                {f.reopenedCount} time{f.reopenedCount === 1 ? "" : "s"}
              </Field>
            </dl>
            <h3 className="mt-5 text-sm font-semibold text-slate-900 dark:text-white">History</h3>
            {f.events.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">No lifecycle events recorded.</p>
            ) : (
              <ol className="mt-2 space-y-3 border-l border-slate-200 pl-4 dark:border-slate-700">
                {f.events.map((e) => (
                  <li key={e.id} className="text-sm">
                    <p className="font-medium text-slate-900 dark:text-white">{EVENT_LABEL[e.type] ?? e.type}</p>
                    <p className="text-xs text-slate-500 dark:text-slate-400">
                      <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
                      {e.scanId && (
                        <>
                          {" · "}
                          <Link href={`/scans/${e.scanId}`} className={linkClass}>
                            scan
                          </Link>
                        </>
                      )}
                    </p>
                    {e.detail && <p className="mt-0.5 text-slate-700 dark:text-slate-300">{e.detail}</p>}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      </div>
    </article>
  );
}
