import type { Metadata } from "next";
import { Suspense } from "react";
import { listAccountChoices, listAccounts } from "@/lib/db/accounts";
import { listActiveScans, listRecentScans } from "@/lib/db/scan-progress";
import { env } from "@/lib/env";
import { AccountsTable } from "@/components/scans/accounts-table";
import { AddAccountForm } from "@/components/scans/add-account-form";
import { OrganizationMembersPanel } from "@/components/scans/organization-members-panel";
import { RecentScansTable } from "@/components/scans/recent-scans-table";
import { ScanProgressList } from "@/components/scans/scan-progress-list";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { CardSkeleton } from "@/components/ui/skeleton";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accounts & scans" };

const RECENT_SCANS = 20;

async function Accounts() {
  const accounts = await listAccounts();
  return (
    <Card title="Accounts" id="accounts-heading">
      {accounts.length === 0 ? (
        <EmptyState title="No accounts yet">
          <p>Add the first AWS account below; then press “Scan now” to take its inventory.</p>
        </EmptyState>
      ) : (
        <AccountsTable accounts={accounts} />
      )}
    </Card>
  );
}

async function OrganizationAccounts() {
  const accounts = await listAccountChoices();
  return (
    <Card title="Organization accounts" id="organization-accounts-heading">
      <OrganizationMembersPanel accounts={accounts} defaultRegions={env().LANTERN_DEFAULT_REGIONS} />
    </Card>
  );
}

async function ActiveScans() {
  const active = await listActiveScans();
  return <ScanProgressList active={active} />;
}

async function RecentScans() {
  const scans = await listRecentScans(RECENT_SCANS);
  return (
    <Card title="Recent scans" id="recent-scans-heading">
      {scans.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No scan has run yet.</p>
      ) : (
        <RecentScansTable scans={scans} />
      )}
    </Card>
  );
}

export default function ScansPage() {
  return (
    <>
      <PageHeader
        title="Accounts & scans"
        description="The AWS accounts Lantern scans, their schedules, and what each scan did."
      />
      <div className="space-y-6">
        <Suspense fallback={null}>
          <ActiveScans />
        </Suspense>
        <Suspense fallback={<CardSkeleton lines={3} />}>
          <Accounts />
        </Suspense>
        <Suspense fallback={<CardSkeleton lines={2} />}>
          <OrganizationAccounts />
        </Suspense>
        <Suspense fallback={<CardSkeleton lines={6} />}>
          <RecentScans />
        </Suspense>
        <div id="add-account" className="scroll-mt-6">
          <Card title="Add an AWS account" id="add-account-heading">
            <AddAccountForm defaultRegions={env().LANTERN_DEFAULT_REGIONS.join(", ")} />
          </Card>
        </div>
      </div>
    </>
  );
}
