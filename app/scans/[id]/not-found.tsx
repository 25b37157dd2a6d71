import Link from "next/link";
import { EmptyState, linkClass } from "@/components/ui/card";

export default function ScanNotFound() {
  return (
    <EmptyState title="Scan not found">
      <p>
        No scan has this id; scans of a removed account go with it.{" "}
        <Link href="/scans" className={linkClass}>
          Back to accounts &amp; scans
        </Link>
      </p>
    </EmptyState>
  );
}
