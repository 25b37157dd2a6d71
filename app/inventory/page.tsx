import type { Metadata } from "next";
import Link from "next/link";
import { inventoryOverview } from "@/lib/db/inventory-query";
import { KindCountsTable } from "@/components/inventory/kind-counts-table";
import { EmptyState, PageHeader, buttonClass, linkClass } from "@/components/ui/card";
import { formatCount } from "@/components/ui/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage() {
  const overview = await inventoryOverview();

  if (overview.accounts.length === 0) {
    return (
      <>
        <PageHeader title="Inventory" />
        <EmptyState title="No AWS accounts yet">
          <p>The inventory lists what Lantern finds in the accounts you add: Lambda, IAM and API Gateway resources.</p>
          <Link href="/scans#add-account" className={`${buttonClass} mt-4`}>
            Add an AWS account
          </Link>
        </EmptyState>
      </>
    );
  }

  const total = overview.kinds.reduce((sum, k) => sum + k.total, 0);
  return (
    <>
      <PageHeader
        title="Inventory"
        description="Every kind of resource Lantern reads, with how many of each exist now. Deleted resources are not counted; each list can include them."
      >
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <strong className="text-slate-900 dark:text-white">{formatCount(total)}</strong> live resource{total === 1 ? "" : "s"}
        </p>
      </PageHeader>
      {total === 0 && (
        <div className="mb-6 rounded-xl border border-brand-500/40 bg-brand-50 p-4 text-sm text-slate-800 dark:bg-brand-500/10 dark:text-slate-200">
          <p>
            <strong>Nothing in the inventory yet.</strong> Resources appear once a scan has run. Start one from{" "}
            <Link href="/scans" className={linkClass}>
              Accounts &amp; scans
            </Link>
            .
          </p>
        </div>
      )}
      <KindCountsTable overview={overview} />
    </>
  );
}
