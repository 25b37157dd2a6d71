import Link from "next/link";
import { EmptyState, linkClass } from "@/components/ui/card";

export default function RuleNotFound() {
  return (
    <EmptyState title="Rule not found">
      <p>
        No rule has this id in this Lantern version. It may have been retired, or the link has a typo.{" "}
        <Link href="/settings/rules" className={linkClass}>
          Back to the rules
        </Link>
      </p>
    </EmptyState>
  );
}
