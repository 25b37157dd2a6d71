import { PageHeader } from "@/components/ui/card";
import { CardSkeleton } from "@/components/ui/skeleton";

export default function ScansLoading() {
  return (
    <div role="status" aria-label="Loading accounts and scans">
      <PageHeader title="Accounts & scans" />
      <div className="space-y-6">
        <CardSkeleton lines={3} />
        <CardSkeleton lines={2} />
        <CardSkeleton lines={6} />
      </div>
    </div>
  );
}
