import Link from "next/link";
import { EmptyState, linkClass } from "@/components/ui/card";

export default function InventoryKindNotFound() {
  return (
    <EmptyState title="Not in the inventory">
      <p>
        Lantern has no resource kind or resource at this address.{" "}
        <Link href="/inventory" className={linkClass}>
          See every kind
        </Link>
      </p>
    </EmptyState>
  );
}
