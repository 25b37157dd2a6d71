import { PageHeader } from "@/components/ui/card";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function RulesLoading() {
  return (
    <>
      <Skeleton className="mb-3 h-4 w-24" />
      <PageHeader title="Rules" />
      <Skeleton className="mb-4 h-28 w-full rounded-xl" />
      <TableSkeleton rows={10} label="Loading rules" />
    </>
  );
}
