import { PageHeader } from "@/components/ui/card";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function FindingsLoading() {
  return (
    <>
      <PageHeader title="Findings" />
      <Skeleton className="mb-4 h-28 w-full rounded-xl" />
      <TableSkeleton rows={10} label="Loading findings" />
    </>
  );
}
