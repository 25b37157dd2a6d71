import { PageHeader } from "@/components/ui/card";
import { TableSkeleton } from "@/components/ui/skeleton";

export default function InventoryLoading() {
  return (
    <>
      <PageHeader title="Inventory" />
      <TableSkeleton rows={13} label="Loading the inventory" />
    </>
  );
}
