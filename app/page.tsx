import Link from "next/link";
import { Suspense } from "react";
import { inventoryTotals } from "@/lib/db/overview";
import { EmptyState, PageHeader, buttonClass, linkClass } from "@/components/ui/card";
import { SeverityCards, SeverityCardsSkeleton } from "@/components/overview/severity-cards";
import { InventoryTotals, InventoryTotalsSkeleton } from "@/components/overview/inventory-totals";
import { LastScans, LastScansSkeleton } from "@/components/overview/last-scans";
import { PostureScores, PostureScoresSkeleton } from "@/components/overview/posture-scores";
import { TopAttackPaths, TopAttackPathsSkeleton } from "@/components/overview/top-attack-paths";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const totals = await inventoryTotals();

  if (totals.accounts === 0) {
    return (
      <>
        <PageHeader title="Overview" />
        <EmptyState title="No AWS accounts yet">
          <p>Lantern scans the Lambda functions, resource policies and roles of the accounts you add.</p>
          <Link href="/scans#add-account" className={`${buttonClass} mt-4`}>
            Add an AWS account
          </Link>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Overview" description="Posture score and open findings across every account, and how fresh the data is." />
      {totals.scans === 0 && (
        <div className="mb-6 rounded-xl border border-brand-500/40 bg-brand-50 p-4 text-sm text-slate-800 dark:bg-brand-500/10 dark:text-slate-200">
          <p>
            <strong>No scan has run yet</strong>, so there is nothing to report. Start one from{" "}
            <Link href="/scans" className={linkClass}>
              Accounts &amp; scans
            </Link>
            .
          </p>
        </div>
      )}
      <section aria-labelledby="posture-heading" className="mb-6">
        <h2 id="posture-heading" className="mb-3 text-base font-semibold text-slate-900 dark:text-white">
          Posture score
        </h2>
        <Suspense fallback={<PostureScoresSkeleton />}>
          <PostureScores />
        </Suspense>
      </section>
      <section aria-labelledby="open-findings-heading">
        <h2 id="open-findings-heading" className="mb-3 text-base font-semibold text-slate-900 dark:text-white">
          Open findings
        </h2>
        <Suspense fallback={<SeverityCardsSkeleton />}>
          <SeverityCards />
        </Suspense>
      </section>
      <div className="mt-6">
        <Suspense fallback={<TopAttackPathsSkeleton />}>
          <TopAttackPaths />
        </Suspense>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<InventoryTotalsSkeleton />}>
          <InventoryTotals />
        </Suspense>
        <Suspense fallback={<LastScansSkeleton />}>
          <LastScans />
        </Suspense>
      </div>
    </>
  );
}
