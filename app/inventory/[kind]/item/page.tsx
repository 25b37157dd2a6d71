import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import {
  getInventoryResource,
  historyConfigs,
  listResourceHistory,
  openFindingsForResource,
  type THistoryEntry,
  type TInventoryResource,
  type TKindDescriptor,
} from "@/lib/db/inventory-query";
import { CellValue } from "@/components/inventory/cell-value";
import { diffConfigs } from "@/components/inventory/config-diff";
import { ConfigView, RawView } from "@/components/inventory/config-view";
import { DeletedBadge } from "@/components/inventory/deleted-badge";
import { DiffView, HistoryTable } from "@/components/inventory/history-view";
import { SeverityBadge } from "@/components/ui/badges";
import { Card, linkClass } from "@/components/ui/card";
import { formatCount, formatDateTime } from "@/components/ui/format";
import { inventoryListHref, parseKind, parseResourceSearch, resourceHref, type TSearchParams } from "../../search-params";

export const dynamic = "force-dynamic";

type TProps = { params: Promise<{ kind: string }>; searchParams: Promise<TSearchParams> };

// generateMetadata and the page both need the resource: one query per request.
const findResource = cache(getInventoryResource);

async function load({ params, searchParams }: TProps) {
  const kind = parseKind((await params).kind);
  const search = parseResourceSearch(await searchParams);
  if (!kind || !search.ok) notFound();
  const resource = await findResource(kind, search.arn);
  if (!resource) notFound();
  return { kind, resource, compare: search.compare };
}

export async function generateMetadata(props: TProps): Promise<Metadata> {
  const kind = parseKind((await props.params).kind);
  const search = parseResourceSearch(await props.searchParams);
  const resource = kind && search.ok ? await findResource(kind, search.arn) : null;
  return { title: resource && kind ? `${resource.name} (${kind.singular})` : "Resource not found" };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 break-words text-sm text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function ResourceCard({ kind, r }: { kind: TKindDescriptor; r: TInventoryResource }) {
  return (
    <Card title="Resource" id="resource-heading">
      <dl className="space-y-3">
        <Field label="ARN">
          <span className="break-all font-mono text-xs">{r.arn}</span>
        </Field>
        <Field label="Account">
          {r.accountName} <span className="font-mono text-xs text-slate-500">({r.accountId})</span>
        </Field>
        <Field label="Region">
          <span className="font-mono">{r.region}</span>
        </Field>
        {kind.fields.map((f) => {
          const value = r.values[f.key] ?? null;
          // The full ARN here: the detail page has room, and people copy it.
          const shown = <CellValue value={value} format={f.format === "arn" ? "code" : f.format} />;
          return (
            <Field key={f.key} label={f.label}>
              {f.linksTo && typeof value === "string" ? (
                <Link href={resourceHref(f.linksTo, value)} className={linkClass}>
                  {shown}
                </Link>
              ) : (
                shown
              )}
            </Field>
          );
        })}
      </dl>
    </Card>
  );
}

function TimelineCard({ r }: { r: TInventoryResource }) {
  return (
    <Card title="Seen by Lantern" id="timeline-heading">
      <dl className="grid grid-cols-2 gap-3">
        <Field label="First seen">{formatDateTime(r.firstSeenAt)}</Field>
        <Field label="Last seen">{formatDateTime(r.lastSeenAt)}</Field>
        <Field label="Deleted at">{r.deletedAt ? formatDateTime(r.deletedAt) : "Not deleted"}</Field>
        <Field label="Last scan">
          {r.lastScanId ? (
            <Link href={`/scans/${r.lastScanId}`} className={linkClass}>
              Scan details
            </Link>
          ) : (
            "—"
          )}
        </Field>
      </dl>
    </Card>
  );
}

async function FindingsCard({ r }: { r: TInventoryResource }) {
  const { rows, total } = await openFindingsForResource(r.arn);
  const search = `/findings?${new URLSearchParams({ q: r.name, account: r.accountId, status: "all" }).toString()}`;
  return (
    <Card title="Open findings" id="findings-heading">
      {total === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No open findings on this resource.</p>
      ) : (
        <ul className="space-y-2">
          {rows.map((f) => (
            <li key={f.id} className="flex items-start gap-2 text-sm">
              <SeverityBadge severity={f.severity} />
              <Link href={`/findings/${f.id}`} className={linkClass}>
                {f.title}
              </Link>
            </li>
          ))}
          {total > rows.length && (
            <li className="text-xs text-slate-500 dark:text-slate-400">and {formatCount(total - rows.length)} more</li>
          )}
        </ul>
      )}
      <p className="mt-3 text-xs">
        <Link href={search} className={linkClass}>
          Findings named like this resource, in any status
        </Link>
      </p>
    </Card>
  );
}

const versionLabel = (e: THistoryEntry) => `${formatDateTime(e.capturedAt)} (${e.change})`;

async function HistoryCard({ kind, r, compare }: { kind: TKindDescriptor; r: TInventoryResource; compare: { from: string; to: string } | null }) {
  const { entries, total } = await listResourceHistory(kind, r.arn);
  // Without a choice, compare the latest version with the one before it.
  const selected = compare ?? (entries.length > 1 ? { from: entries[1].id, to: entries[0].id } : null);
  const from = selected && entries.find((e) => e.id === selected.from);
  const to = selected && entries.find((e) => e.id === selected.to);
  const configs = from && to ? await historyConfigs(kind, r.arn, [from.id, to.id]) : new Map<string, unknown>();

  let diff: ReactNode = null;
  if (selected && (!from || !to)) {
    diff = <p role="alert" className="text-sm text-amber-800 dark:text-amber-200">The versions asked for are not in this resource&apos;s recent history.</p>;
  } else if (from && to && from.id === to.id) {
    diff = <p className="text-sm text-slate-600 dark:text-slate-400">Pick two different versions to compare.</p>;
  } else if (from && to && configs.has(from.id) && configs.has(to.id)) {
    diff = <DiffView diff={diffConfigs(configs.get(from.id), configs.get(to.id))} fromLabel={versionLabel(from)} toLabel={versionLabel(to)} />;
  }

  return (
    <Card title="Configuration history" id="history-heading">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No versions recorded.</p>
      ) : (
        <>
          <HistoryTable kind={kind.kind} arn={r.arn} entries={entries} total={total} selected={selected} />
          {entries.length === 1 && (
            <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
              One version so far: Lantern records a new one each time a scan sees the configuration change.
            </p>
          )}
          {diff && (
            <section aria-label="Differences" className="mt-5">
              {diff}
            </section>
          )}
        </>
      )}
    </Card>
  );
}

export default async function InventoryResourcePage(props: TProps) {
  const { kind, resource: r, compare } = await load(props);

  return (
    <article aria-labelledby="resource-title">
      <nav aria-label="Breadcrumb" className="mb-3 flex gap-2 text-sm text-slate-400">
        <Link href="/inventory" className={linkClass}>
          Inventory
        </Link>
        <span aria-hidden="true">/</span>
        <Link href={inventoryListHref(kind)} className={linkClass}>
          {kind.label}
        </Link>
      </nav>
      <header className="mb-6">
        <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
          <span className="font-semibold uppercase tracking-wide">{kind.singular}</span>
          {r.deletedAt && <DeletedBadge at={r.deletedAt} />}
        </div>
        <h1 id="resource-title" className="mt-1 break-all text-2xl font-bold tracking-tight text-slate-900 dark:text-white">
          {r.name}
        </h1>
        <p className="mt-1 break-all font-mono text-xs text-slate-500 dark:text-slate-400">{r.arn}</p>
        {r.deletedAt && (
          <p role="note" className="mt-3 max-w-3xl rounded-md border border-slate-300 bg-slate-100 px-3 py-2 text-sm text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200">
            A complete listing on {formatDateTime(r.deletedAt)} no longer returned this resource. What follows is its last known configuration.
          </p>
        )}
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Configuration" id="configuration-heading">
            <p className="-mt-2 mb-3 text-xs text-slate-500 dark:text-slate-400">
              The normalized record Lantern&apos;s rules read. Secret values (environment variables, stage variables, API keys) are never stored.
            </p>
            <ConfigView config={r.config} />
          </Card>
          <HistoryCard kind={kind} r={r} compare={compare} />
          <Card title="Raw API responses" id="raw-heading">
            <p className="-mt-2 mb-3 text-xs text-slate-500 dark:text-slate-400">
              What AWS answered, as the record was built from it, with secret values redacted.
            </p>
            <RawView raw={r.raw} />
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <ResourceCard kind={kind} r={r} />
          <TimelineCard r={r} />
          <FindingsCard r={r} />
        </div>
      </div>
    </article>
  );
}
