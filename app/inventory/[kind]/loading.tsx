import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function InventoryKindLoading() {
  return (
    <div>
      <Skeleton className="mb-3 h-4 w-24" />
      <Skeleton className="mb-6 h-8 w-64" />
      <Skeleton className="mb-4 h-28 w-full rounded-xl" />
      <TableSkeleton rows={10} label="Loading resources" />
    </div>
  );
}
