import Link from "next/link";
import { EmptyState, linkClass } from "@/components/ui/card";

export default function FindingNotFound() {
  return (
    <EmptyState title="Finding not found">
      <p>
        No finding has this id. It may come from another Lantern installation, or the account it belonged to was removed.{" "}
        <Link href="/findings" className={linkClass}>
          Back to findings
        </Link>
      </p>
    </EmptyState>
  );
}
