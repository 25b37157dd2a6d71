import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getScanProgress } from "@/lib/db/scan-progress";
import { LiveScanProgress } from "@/components/scans/live-scan-progress";
import { linkClass } from "@/components/ui/card";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Scan" };

export default async function ScanPage({ params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const progress = await getScanProgress(id.data);
  if (!progress) notFound();

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/scans" className={linkClass}>
          ← Accounts &amp; scans
        </Link>
      </nav>
      <h1 className="mb-6 text-2xl font-bold tracking-tight text-slate-900 dark:text-white">Scan details</h1>
      {/* Same component as the live view: it keeps polling while this scan is still running. */}
      <LiveScanProgress initial={progress} />
    </>
  );
}
