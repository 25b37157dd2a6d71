import { CardSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function InventoryResourceLoading() {
  return (
    <div role="status" aria-label="Loading resource">
      <Skeleton className="h-4 w-40" />
      <Skeleton className="mt-4 h-8 w-2/3" />
      <Skeleton className="mt-3 h-4 w-1/2" />
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <CardSkeleton lines={10} />
          <CardSkeleton lines={4} />
        </div>
        <div className="space-y-6">
          <CardSkeleton lines={6} />
          <CardSkeleton lines={3} />
        </div>
      </div>
    </div>
  );
}
