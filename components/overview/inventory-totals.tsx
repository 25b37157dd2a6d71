import { inventoryTotals } from "@/lib/db/overview";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatCount } from "@/components/ui/format";

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums text-slate-900 dark:text-white">{value}</dd>
    </div>
  );
}

export async function InventoryTotals() {
  const t = await inventoryTotals();
  return (
    <Card title="Inventory" id="inventory-heading">
      <dl className="grid grid-cols-3 gap-4">
        <Stat label="Lambda functions" value={formatCount(t.functions)} />
        <Stat label="Accounts" value={formatCount(t.accounts)} />
        <Stat label="Scans run" value={formatCount(t.scans)} />
      </dl>
    </Card>
  );
}

export function InventoryTotalsSkeleton() {
  return (
    <Card title="Inventory" id="inventory-heading-loading">
      <div className="grid grid-cols-3 gap-4" role="status" aria-label="Loading inventory totals">
        {[0, 1, 2].map((i) => (
          <div key={i}>
            <Skeleton className="h-4 w-20" />
            <Skeleton className="mt-2 h-7 w-10" />
          </div>
        ))}
      </div>
    </Card>
  );
}
